package extract

import (
	"regexp"
	"strings"
	"sync"
)

// A prosecutor's investigative subpoena is captioned in the court whose
// process it borrows ("IN THE CIRCUIT COURT OF THE NINTH JUDICIAL
// CIRCUIT", Fla. Stat. § 27.04), but the prosecutor issues it and the
// recipient appears before the prosecutor: its issuing authority is the
// prosecutor's office, with the district it serves from its signature
// ("STATE ATTORNEY, NINTH JUDICIAL CIRCUIT").

type prosecutorRes struct{ title, office, signature *regexp.Regexp }

var prosecutorRules = sync.OnceValue(func() prosecutorRes {
	post := `(?:state|district|prosecuting|county|commonwealth'?s)\s+attorney`
	return prosecutorRes{
		title:     regexp.MustCompile(`(?i)\b(?:investigative\s+subpoena|prosecutor'?s\s+(?:investigative\s+)?subpoena|` + post + `'?s\s+(?:investigative\s+)?subpoena)\b`),
		office:    regexp.MustCompile(`(?i)\boffice\s+of\s+the\s+(` + post + `)\b`),
		signature: regexp.MustCompile(`(?im)^\s*(` + post + `),\s+((?:[\p{L}]+\s+){0,3}(?:judicial\s+(?:circuit|district)|county|district))\s*$`),
	}
})

// prosecutorsOffice names the office that issues a prosecutor's
// investigative subpoena, when the order's heading calls it one.
func (x *run) prosecutorsOffice() (valued, bool) {
	r := prosecutorRules()
	h, ok := x.headMatch(r.title)
	if !ok {
		return valued{}, false
	}
	var name string
	if m, ok := x.c.first(r.office); ok {
		name = "Office of the " + titleCase(strings.ToUpper(m.groups[1]))
	}
	if m, ok := x.c.first(r.signature); ok {
		if name == "" {
			name = titleCase(strings.ToUpper(m.groups[1]))
		}
		name += ", " + titleCase(strings.ToUpper(strings.Join(strings.Fields(m.groups[2]), " ")))
	}
	if name == "" {
		return valued{}, false
	}
	return valued{name, h, 0.95, "prosecutor"}, true
}
