package review

import (
	"fmt"
	"regexp"
	"slices"
	"strings"
	"sync"

	"github.com/warrantdesk/warrantdesk/app"
)

// federalDistricts are the 94 US judicial districts (28 U.S.C. §§ 81–131,
// with the territorial courts of Guam, the Virgin Islands and the Northern
// Mariana Islands): each state's divisions, "" for a state that is one
// district. A federal order from any other district names a court that
// does not exist.
var federalDistricts = map[string][]string{
	"alabama": {"northern", "middle", "southern"}, "alaska": {""}, "arizona": {""}, "arkansas": {"eastern", "western"},
	"california": {"northern", "eastern", "central", "southern"}, "colorado": {""}, "connecticut": {""}, "delaware": {""},
	"district of columbia": {""}, "columbia": {""}, "florida": {"northern", "middle", "southern"}, "georgia": {"northern", "middle", "southern"},
	"hawaii": {""}, "idaho": {""}, "illinois": {"northern", "central", "southern"}, "indiana": {"northern", "southern"},
	"iowa": {"northern", "southern"}, "kansas": {""}, "kentucky": {"eastern", "western"}, "louisiana": {"eastern", "middle", "western"},
	"maine": {""}, "maryland": {""}, "massachusetts": {""}, "michigan": {"eastern", "western"}, "minnesota": {""},
	"mississippi": {"northern", "southern"}, "missouri": {"eastern", "western"}, "montana": {""}, "nebraska": {""},
	"nevada": {""}, "new hampshire": {""}, "new jersey": {""}, "new mexico": {""},
	"new york": {"northern", "southern", "eastern", "western"}, "north carolina": {"eastern", "middle", "western"},
	"north dakota": {""}, "ohio": {"northern", "southern"}, "oklahoma": {"northern", "eastern", "western"}, "oregon": {""},
	"pennsylvania": {"eastern", "middle", "western"}, "rhode island": {""}, "south carolina": {""}, "south dakota": {""},
	"tennessee": {"eastern", "middle", "western"}, "texas": {"northern", "southern", "eastern", "western"}, "utah": {""},
	"vermont": {""}, "virginia": {"eastern", "western"}, "washington": {"eastern", "western"},
	"west virginia": {"northern", "southern"}, "wisconsin": {"eastern", "western"}, "wyoming": {""}, "puerto rico": {""},
	"guam": {""}, "the virgin islands": {""}, "virgin islands": {""}, "the northern mariana islands": {""}, "northern mariana islands": {""},
}

// districtRe reads a federal district court's name: "United States
// District Court for the Eastern District of Virginia".
var districtRe = sync.OnceValue(func() *regexp.Regexp {
	return regexp.MustCompile(`(?i)united\s+states\s+district\s+court\s+(?:for\s+the\s+|of\s+the\s+|for\s+)?(?:(northern|southern|eastern|western|middle|central)\s+)?district\s+of\s+((?:[a-z]+\s?){1,4})`)
})

// federalDistrict returns the district a federal court name gives, and
// whether it is one of the 94; ok is false when the name is not read as a
// federal district court at all (or its state is not a state's name, as
// an OCR misreading may make it).
func federalDistrict(s string) (name string, exists, ok bool) {
	m := districtRe().FindStringSubmatch(s)
	if m == nil {
		return "", false, false
	}
	dir := strings.ToLower(m[1])
	words := strings.Fields(strings.ToLower(m[2]))
	for n := min(4, len(words)); n > 0; n-- {
		state := strings.Join(words[:n], " ")
		if divisions, known := federalDistricts[state]; known {
			name = strings.TrimSpace(capitalise(dir) + " District of " + capitalise(state))
			return name, slices.Contains(divisions, dir), true
		}
	}
	return "", false, false
}

// unknownCourt flags a federal court that does not exist, and — once the
// team keeps a court directory — court process from a court it does not
// list.
func unknownCourt(in *Input) string {
	e := ex(in)
	if !courtSigned[e.ProcessType] && e.ProcessType != app.GrandJurySubpoena {
		return ""
	}
	authority := in.Case.Value(app.FieldIssuingAuthority)
	if d, exists, ok := federalDistrict(authority); ok {
		if !exists {
			return fmt.Sprintf("The order names the United States District Court for the %s, which does not exist (28 U.S.C. §§ 81–131): treat it as fake until the clerk of a real court confirms it.", d)
		}
		return ""
	}
	courts := in.Settings.Courts
	if len(courts) == 0 || authority == "" || in.Case.Value(app.FieldJurisdiction) == "US-federal" {
		return ""
	}
	a := normAgency(authority)
	for _, c := range courts {
		if n := normAgency(c); n != "" && (containsWords(a, n) || containsWords(n, a)) {
			return ""
		}
	}
	return fmt.Sprintf("%s is not in the team's court directory: confirm the order with the court's clerk (from an independent listing) before acting, then add the court.", authority)
}

// capitalise writes each word of a state's name with a capital.
func capitalise(s string) string {
	words := strings.Fields(s)
	for i, w := range words {
		if w != "of" && w != "the" {
			words[i] = strings.ToUpper(w[:1]) + w[1:]
		}
	}
	return strings.Join(words, " ")
}
