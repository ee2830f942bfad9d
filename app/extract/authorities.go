package extract

import (
	"regexp"
	"strings"
	"unicode"

	"github.com/warrantdesk/warrantdesk/app"
)

// usStates maps state names to their postal codes, for US-XX jurisdictions.
var usStates = map[string]string{
	"alabama": "AL", "alaska": "AK", "arizona": "AZ", "arkansas": "AR", "california": "CA", "colorado": "CO",
	"connecticut": "CT", "delaware": "DE", "florida": "FL", "georgia": "GA", "hawaii": "HI", "idaho": "ID",
	"illinois": "IL", "indiana": "IN", "iowa": "IA", "kansas": "KS", "kentucky": "KY", "louisiana": "LA",
	"maine": "ME", "maryland": "MD", "massachusetts": "MA", "michigan": "MI", "minnesota": "MN",
	"mississippi": "MS", "missouri": "MO", "montana": "MT", "nebraska": "NE", "nevada": "NV",
	"new hampshire": "NH", "new jersey": "NJ", "new mexico": "NM", "new york": "NY", "north carolina": "NC",
	"north dakota": "ND", "ohio": "OH", "oklahoma": "OK", "oregon": "OR", "pennsylvania": "PA",
	"rhode island": "RI", "south carolina": "SC", "south dakota": "SD", "tennessee": "TN", "texas": "TX",
	"utah": "UT", "vermont": "VT", "virginia": "VA", "washington": "WA", "west virginia": "WV",
	"wisconsin": "WI", "wyoming": "WY", "district of columbia": "DC",
}

// euStates maps EU member states (English names and common native names)
// to ISO codes, for EU-XX jurisdictions.
var euStates = map[string]string{
	"austria": "AT", "belgium": "BE", "bulgaria": "BG", "croatia": "HR", "cyprus": "CY", "czech republic": "CZ",
	"czechia": "CZ", "denmark": "DK", "estonia": "EE", "finland": "FI", "france": "FR", "germany": "DE",
	"deutschland": "DE", "greece": "GR", "hungary": "HU", "ireland": "IE", "italy": "IT", "italia": "IT",
	"latvia": "LV", "lithuania": "LT", "luxembourg": "LU", "malta": "MT", "netherlands": "NL",
	"the netherlands": "NL", "nederland": "NL", "poland": "PL", "polska": "PL", "portugal": "PT",
	"romania": "RO", "slovakia": "SK", "slovenia": "SI", "spain": "ES", "españa": "ES", "sweden": "SE",
}

var (
	stateCourtRe   = regexp.MustCompile(`(?i)(?:state|commonwealth)\s+of\s+(` + alternation(usStates) + `)\b|(?:superior|circuit|district|county|municipal|supreme)\s+court[^\n]{0,60}?\b(` + alternation(usStates) + `)\b|\b(` + alternation(usStates) + `)\s+(?:superior|circuit|state|county)\s+court`)
	federalRe      = regexp.MustCompile(`(?i)united\s+states\s+code|united\s+states\s+(?:district|magistrate|bankruptcy)\s+court|\bU\.?\s?S\.?\s+district\s+court|federal\s+bureau\s+of\s+investigation|\bFBI\b|department\s+of\s+justice|united\s+states\s+attorney|U\.S\.\s+attorney|drug\s+enforcement\s+administration|homeland\s+security|secret\s+service|grand\s+jury|\b\d{1,2}\s*U\.?\s*S\.?\s*C\b`)
	federalCourtRe = regexp.MustCompile(`(?i)united\s+states\s+(?:district|magistrate|bankruptcy)\s+court|\bU\.\s?S\.\s+district\s+court|united\s+states\s+court\s+of\s+appeals|foreign\s+intelligence\s+surveillance\s+court`)
	euRe           = regexp.MustCompile(`(?i)regulation\s+\(eu\)\s+2023/1543|european\s+(?:production|preservation)\s+order`)
	euStateRe      = regexp.MustCompile(`(?i)(?:issuing\s+(?:member\s+)?state|member\s+state|country)\s*:?\s*(` + alternation(euStates) + `)\b`)
	euAnyStateRe   = regexp.MustCompile(`(?i)\b(` + alternation(euStates) + `)\b`)
	ukRe           = regexp.MustCompile(`(?i)overseas\s+production\s+order|crown\s+court|united\s+kingdom|\bUK\b|england\s+and\s+wales|metropolitan\s+police|police\s+scotland|national\s+crime\s+agency|magistrates'\s+court`)
	canadaRe       = regexp.MustCompile(`(?i)criminal\s+code[, ]+(?:s\.|section)\s*487|\bcanada\b|ontario\s+court|royal\s+canadian\s+mounted\s+police|\bRCMP\b|court\s+of\s+king's\s+bench|province\s+of\s+(?:ontario|quebec|british\s+columbia|alberta)`)
)

func alternation(m map[string]string) string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, regexp.QuoteMeta(k))
	}
	// Longer names first, so "west virginia" wins over "virginia".
	for i := range keys {
		for j := i + 1; j < len(keys); j++ {
			if len(keys[j]) > len(keys[i]) {
				keys[i], keys[j] = keys[j], keys[i]
			}
		}
	}
	return strings.Join(keys, "|")
}

// jurisdiction decides where the order comes from; it runs first, because
// it says how to read 04/05/2025 (day first outside the US).
func (x *run) jurisdiction() {
	var v string
	var h hit
	var conf float64
	if m, ok := x.c.first(euRe); ok {
		v, h, conf = "EU", m, 0.8
		if s, ok := x.c.first(euStateRe); ok {
			v, h, conf = "EU-"+euStates[strings.ToLower(s.groups[1])], s, 0.9
		} else if s, ok := x.c.first(euAnyStateRe); ok {
			v, conf = "EU-"+euStates[strings.ToLower(s.groups[1])], 0.7
		}
		x.dayFirst = true
	} else if m, ok := x.headMatch(federalCourtRe); ok {
		v, h, conf = "US-federal", m, 0.9
	} else if m, ok := x.c.first(ukRe); ok && !x.isUS() {
		v, h, conf = "UK", m, 0.85
		x.dayFirst = true
	} else if m, ok := x.c.first(canadaRe); ok && !x.isUS() {
		v, h, conf = "CA", m, 0.8
		x.dayFirst = false
	} else if m, ok := x.headMatch(stateCourtRe); ok && x.stateCourtInHead(m) {
		name := strings.ToLower(m.group())
		v, h, conf = "US-"+usStates[strings.Join(strings.Fields(name), " ")], m, 0.85
	} else if m, ok := x.c.first(federalRe); ok {
		v, h, conf = "US-federal", m, 0.85
	} else if code, m, ok := x.country(); ok {
		v, h, conf = code, m, 0.75
		x.dayFirst = true
	}
	if v != "" {
		x.set(app.FieldJurisdiction, v, h, conf)
	}
}

// headMatch matches re against the heading of page 1 only.
func (x *run) headMatch(re *regexp.Regexp) (hit, bool) { return x.topMatch(re, headingLines) }

// letterheadMatch matches re against the letterhead of page 1 only.
func (x *run) letterheadMatch(re *regexp.Regexp) (hit, bool) { return x.topMatch(re, letterheadLines) }

// topMatch matches re against the first n lines of page 1.
func (x *run) topMatch(re *regexp.Regexp, n int) (hit, bool) {
	m := re.FindStringSubmatchIndex(x.c.head(n))
	if m == nil {
		return hit{}, false
	}
	return makeHit(x.c.pages[0], m), true
}

// countryCues name other countries' authorities and laws; a member state
// of the EU is written EU-XX like the EU's own orders.
var countryCues = []struct {
	code string
	re   *regexp.Regexp
}{
	{"CN", regexp.MustCompile(`(?i)people's\s+republic\s+of\s+china|ministry\s+of\s+public\s+security|\bof\s+china\b|中华人民共和国|公安部`)},
	{"HK", regexp.MustCompile(`(?i)hong\s+kong|\bHKSAR\b`)},
	{"RU", regexp.MustCompile(`(?i)russian\s+federation|Российской\s+Федерации|Российская\s+Федерация|Роскомнадзор|roskomnadzor`)},
	{"IN", regexp.MustCompile(`(?i)republic\s+of\s+india|government\s+of\s+india|\bindian\s+penal\s+code|code\s+of\s+criminal\s+procedure,\s+1973`)},
	{"BR", regexp.MustCompile(`(?i)república\s+federativa\s+do\s+brasil|\bbrasil\b|\bbrazil\b`)},
	{"AU", regexp.MustCompile(`(?i)\baustralia(?:n)?\s+federal\s+police|commonwealth\s+of\s+australia|\baustralia\b`)},
	{"TR", regexp.MustCompile(`(?i)republic\s+of\s+t(?:ü|u)rkiye|republic\s+of\s+turkey`)},
	{"KR", regexp.MustCompile(`(?i)republic\s+of\s+korea`)},
	{"JP", regexp.MustCompile(`(?i)\bjapan(?:ese)?\s+(?:police|national\s+police)|\bjapan\b`)},
	{"EU-ES", regexp.MustCompile(`(?i)guardia\s+civil|policía\s+nacional|\bspain\b|\bespaña\b|spanish\s+law`)},
	{"EU-DE", regexp.MustCompile(`(?i)bundeskriminalamt|staatsanwaltschaft|\bgermany\b|deutschland`)},
	{"EU-FR", regexp.MustCompile(`(?i)gendarmerie|police\s+nationale|république\s+française|\bfrance\b`)},
	{"EU-NL", regexp.MustCompile(`(?i)\bpolitie\b|openbaar\s+ministerie|\bnetherlands\b`)},
	{"EU-IT", regexp.MustCompile(`(?i)polizia|carabinieri|procura\s+della\s+repubblica|\bitaly\b`)},
}

// country names the country of a foreign authority, when no US, EU, UK or
// Canadian cue decided it.
func (x *run) country() (string, hit, bool) {
	for _, cc := range countryCues {
		if h, ok := x.c.first(cc.re); ok {
			return cc.code, h, true
		}
	}
	return "", hit{}, false
}

// isUS reports whether the heading names a US court or agency, which beats
// a passing mention of the UK or Canada in the body.
func (x *run) isUS() bool {
	head := x.c.head(headingLines)
	return federalRe.MatchString(head) || stateCourtRe.MatchString(head)
}

// stateCourtInHead accepts a state match only when the heading, not the
// body, names the state court: a federal order for a suspect "in the State
// of Texas" is still federal.
func (x *run) stateCourtInHead(m hit) bool {
	head := x.c.head(headingLines)
	if federalRe.MatchString(head) && !stateCourtRe.MatchString(head) {
		return false
	}
	return m.page == x.c.pages[0].num && lineIndex(m.text, m.start) < headingLines
}

var (
	// A court named in the heading, e.g. "UNITED STATES DISTRICT COURT" then
	// "for the Eastern District of Virginia".
	courtLineRe = regexp.MustCompile(`(?im)^[ \t]*(?:in[ \t]+the[ \t]+|in[ \t]+)?([^\n]{0,60}?\bcourts?\b[^\n]{0,80})$`)
	districtRe  = regexp.MustCompile(`(?i)^\s*(?:for\s+the\s+|in\s+and\s+for\s+(?:the\s+)?)?((?:northern|southern|eastern|western|middle|central)?\s*district\s+of\s+[a-z .]+|county\s+of\s+[a-z .]+|[a-z .]+\s+county|state\s+of\s+[a-z .]+)`)
	courtOfRe   = regexp.MustCompile(`(?i)\b((?:tribunal|court|rechtbank|amtsgericht|landgericht|juzgado|tribunale|procura|parquet|(?:public\s+|chief\s+|state\s+|district\s+|federal\s+|crown\s+)?prosecutor'?s?\s+office|public\s+prosecution\s+service|ministry\s+of\s+justice)[^\n,;]{0,60})`)
	agencyRe    = regexp.MustCompile(`(?i)\b(federal\s+bureau\s+of\s+investigation|drug\s+enforcement\s+administration|bureau\s+of\s+alcohol,\s+tobacco,\s+firearms\s+and\s+explosives|homeland\s+security\s+investigations|immigration\s+and\s+customs\s+enforcement|united\s+states\s+secret\s+service|u\.s\.\s+secret\s+service|internal\s+revenue\s+service[^\n]{0,25}?criminal\s+investigation|internal\s+revenue\s+service|postal\s+inspection\s+service|u\.s\.\s+marshals\s+service|office\s+of\s+(?:the\s+)?inspector\s+general|national\s+crime\s+agency|metropolitan\s+police\s+service|police\s+scotland|royal\s+canadian\s+mounted\s+police|guardia\s+civil|gendarmerie\s+nationale|bundeskriminalamt|(?:(?:cyber\s+security\s+|criminal\s+investigation\s+)?(?:department|bureau|division|directorate)\s+of\s+the\s+)?ministry\s+of\s+(?:public\s+security|the\s+interior|interior|internal\s+affairs|home\s+affairs)|(?-i:(?:\p{Lu}[\p{L}.']+ ){1,4})(?:police\s+department|police\s+service|police\s+force|sheriff's\s+office|sheriff's\s+department|county\s+sheriff|state\s+police|highway\s+patrol|constabulary|district\s+attorney's\s+office|attorney\s+general's\s+office|police))`)
	// genericAgencyRe names a department rather than the investigating
	// agency; it is used only when no agency is named.
	genericAgencyRe = regexp.MustCompile(`(?i)\b((?:united\s+states|u\.s\.)\s+attorney's\s+office|(?:u\.s\.\s+|united\s+states\s+)?department\s+of\s+(?:justice|homeland\s+security))`)
	agencyShort     = map[string]string{"FBI": "Federal Bureau of Investigation", "DEA": "Drug Enforcement Administration", "ATF": "Bureau of Alcohol, Tobacco, Firearms and Explosives", "HSI": "Homeland Security Investigations", "USSS": "United States Secret Service", "RCMP": "Royal Canadian Mounted Police", "NCA": "National Crime Agency"}
	agencyAbbrRe    = regexp.MustCompile(`\b(FBI|DEA|ATF|HSI|USSS|RCMP|NCA)\b`)
)

// authority finds the issuing court and, separately, the agency behind the
// order. A court wins as issuing authority; letters and subpoenas issued by
// an agency name the agency.
func (x *run) authority() {
	if h, ok := x.court(); ok {
		x.set(app.FieldIssuingAuthority, h.value, h.hit, h.conf)
	}
	// The agency in the letterhead beats one mentioned in the body; a named
	// agency beats its department.
	if h, ok := x.letterheadMatch(agencyRe); ok {
		x.set(app.FieldAgency, titleCase(strings.TrimSpace(h.group())), h, 0.9)
	} else if h, ok := x.c.first(agencyRe); ok {
		x.set(app.FieldAgency, titleCase(strings.TrimSpace(h.group())), h, 0.85)
	} else if h, ok := x.c.first(agencyAbbrRe); ok {
		x.set(app.FieldAgency, agencyShort[h.group()], h, 0.75)
	} else if h, ok := x.c.first(genericAgencyRe); ok {
		x.set(app.FieldAgency, titleCase(strings.TrimSpace(h.group())), h, 0.7)
	}
	if _, ok := x.ex.Fields[app.FieldIssuingAuthority]; !ok {
		if f, ok := x.ex.Fields[app.FieldAgency]; ok {
			f.Confidence = round2(f.Confidence - 0.1)
			x.ex.Fields[app.FieldIssuingAuthority] = f
		}
	}
}

type valued struct {
	value string
	hit   hit
	conf  float64
}

var trailingFor = regexp.MustCompile(`(?i)\s+for(?:\s+the)?$`)

// letterheadLines is how many lines of page 1 make a letterhead.
const letterheadLines = 8

// officeRe names an issuing office in a letterhead: prosecutors and the
// Justice Department's offices that send requests without being the
// investigating agency.
var officeRe = regexp.MustCompile(`(?i)\b(office\s+of\s+international\s+affairs|(?:united\s+states|u\.s\.)\s+attorney's\s+office[^\n]{0,50}|district\s+attorney's\s+office[^\n]{0,40}|(?:state\s+)?attorney\s+general's\s+office|crown\s+prosecution\s+service|office\s+of\s+the\s+(?:district\s+attorney|attorney\s+general)[^\n]{0,40})`)

// authorityLabel finds an authority the order names by label, as forms
// do ("Issuing authority: …").
var authorityLabel = regexp.MustCompile(`(?im)^\s*(?:issuing|requesting|competent|validating)\s+(?:judicial\s+)?authority(?:\s+name)?\s*:\s*([^\n]{3,120}(?:\n[^\n:]{2,40}$)?)`)

func (x *run) court() (valued, bool) {
	if h, ok := x.c.first(authorityLabel); ok {
		return valued{strings.Join(strings.Fields(strings.Trim(h.group(), " .;")), " "), h, 0.9}, true
	}
	if v, ok := x.courtHeading(x.c.pages[0], x.c.head(headingLines)); ok {
		return v, true
	}
	p := x.c.pages[0]
	if h, ok := x.c.first(courtOfRe); ok && h.page == p.num && lineIndex(h.text, h.start) < headingLines && headingLike(strings.TrimSpace(lineOf(h.text, h.start))) {
		return valued{strings.TrimSpace(h.group()), h, 0.7}, true
	}
	// A cover letter on page 1 may precede the court's own form.
	for _, lp := range x.c.pages[1:] {
		lines := strings.SplitN(lp.text, "\n", 13)
		if v, ok := x.courtHeading(lp, strings.Join(lines[:min(len(lines), 12)], "\n")); ok {
			v.conf = 0.85
			return v, true
		}
	}
	if h, ok := x.letterheadMatch(officeRe); ok {
		return valued{titleCase(strings.TrimSpace(h.group())), h, 0.8}, true
	}
	return valued{}, false
}

// courtHeading finds a court's heading line in head, the first lines of
// page p, with its district from the lines below.
func (x *run) courtHeading(p pageText, head string) (valued, bool) {
	for _, m := range courtLineRe.FindAllStringSubmatchIndex(head, -1) {
		h := makeHit(p, m)
		raw := strings.TrimSpace(h.groups[1])
		if !headingLike(raw) {
			continue
		}
		name := titleCase(strings.Trim(raw, ",.:"))
		// "…DISTRICT COURT FOR THE" with the district on the next line.
		name = strings.TrimSpace(trailingFor.ReplaceAllString(name, ""))
		low := strings.ToLower(name)
		if strings.HasPrefix(low, "court") || strings.Contains(low, "court order") || strings.Contains(low, "the court") || len(strings.Fields(name)) < 2 {
			continue
		}
		// The district usually stands on the next line or two.
		rest := p.text[h.end:]
		for i, l := range strings.SplitN(rest, "\n", 4) {
			if i == 0 || strings.TrimSpace(l) == "" {
				continue
			}
			if d := districtRe.FindStringSubmatch(l); d != nil && !strings.Contains(low, "district of") && !strings.Contains(low, "county of") {
				name += " for the " + titleCase(strings.TrimSpace(strings.Trim(d[1], " .")))
				break
			}
		}
		return valued{name, h, 0.9}, true
	}
	return valued{}, false
}

// headingLike reports whether a line reads as a heading rather than prose:
// it does not end a sentence, and most of its words are capitalised.
func headingLike(line string) bool {
	if strings.HasSuffix(line, ".") || len(line) > 120 {
		return false
	}
	words := strings.Fields(line)
	caps := 0
	for _, w := range words {
		r := []rune(w)
		if unicode.IsUpper(r[0]) || !unicode.IsLetter(r[0]) {
			caps++
		}
	}
	return caps*10 >= len(words)*6
}

// acronyms stay in capitals when a heading is title-cased.
var acronyms = map[string]bool{"FBI": true, "DEA": true, "ATF": true, "HSI": true, "NCA": true, "USA": true,
	"EU": true, "UK": true, "DOJ": true, "IRS": true, "ICE": true, "DHS": true, "OIG": true, "CID": true,
	"NSL": true, "EPOC": true, "RCMP": true, "NYPD": true, "LAPD": true, "II": true, "III": true, "IV": true}

// smallWords stay lower-case inside a title.
var smallWords = map[string]bool{"of": true, "for": true, "the": true, "and": true, "in": true, "at": true, "de": true, "on": true}

// titleCase writes the capitalised words of a heading in title case
// ("UNITED STATES DISTRICT COURT for the …" → "United States District
// Court for the …") and leaves acronyms and mixed-case words alone.
func titleCase(s string) string {
	words := strings.Fields(s)
	for i, w := range words {
		letters := strings.Trim(w, ".,;:()'")
		if letters == "" || strings.ToUpper(letters) != letters || strings.ToLower(letters) == letters {
			continue // not all capitals
		}
		if acronyms[letters] || strings.Contains(letters, ".") || len([]rune(letters)) == 1 {
			continue // FBI, U.S., initials
		}
		lw := strings.ToLower(w)
		if i > 0 && smallWords[strings.Trim(lw, ".,;:")] {
			words[i] = lw
			continue
		}
		r := []rune(lw)
		for k, c := range r {
			if unicode.IsLetter(c) {
				r[k] = unicode.ToUpper(c)
				break
			}
		}
		words[i] = string(r)
	}
	return strings.Join(words, " ")
}

const nameRe = `((?:(?:\p{Lu}\.|\p{Lu}[\p{L}'\-]+)[ \n]){0,3}\p{Lu}[\p{L}'\-]+)`

var (
	judgeRules = []labelRule{
		{0.9, regexp.MustCompile(`(?i:printed\s+name\s+and\s+title)\s*:?\s*(?:(?:hon\.|honorable|the\s+honorable)\s+)?` + nameRe + `\s*,?\s*(?i:(?:chief\s+)?(?:united\s+states|u\.\s?s\.)\s+(?:magistrate|district)\s+judge|magistrate\s+judge|judge)`)},
		{0.9, regexp.MustCompile(`(?:Hon\.|HON\.|Honorable|HONORABLE|The Honorable)\s+` + nameRe)},
		{0.85, regexp.MustCompile(`(?:/s/\s*)?` + nameRe + `\s*(?:\n\s*|,\s*)(?i:(?:chief\s+)?(?:united\s+states|u\.\s?s\.)\s+(?:magistrate|district|circuit)\s+judge|(?:superior|circuit|district|county)\s+court\s+judge|judge\s+of\s+the\s+[a-z ]+court|magistrate\s+judge|district\s+judge|circuit\s+judge|justice\s+of\s+the\s+peace|judge)\b`)},
		{0.85, regexp.MustCompile(`\b(?:HHJ|His\s+Honour\s+Judge|Her\s+Honour\s+Judge|(?:Mr|Mrs|Ms)\.?\s+Justice|District\s+Judge|Justice)\s+` + nameRe)},
		{0.8, regexp.MustCompile(`(?i:judge|magistrate)\s*:\s*` + nameRe)},
	}
	judgeNoise = regexp.MustCompile(`(?i)^(?:the|this|a|an|any|said|such|magistrate|district|united|states|judge|court|honorable|signature|printed|name|title|date|city|state|and)$`)
)

func (x *run) judge() {
	v, h, conf, ok := x.bestLabel(app.FieldJudge, judgeRules, func(h hit) (string, bool) {
		return cleanName(h.group())
	})
	if ok {
		x.set(app.FieldJudge, v, h, conf)
	}
}

// nameStop are capitalised words that follow a name in running text
// ("Sergeant Grace Vasquez. Call me", "Special Agent Jo Roe\nFederal
// Bureau"): a name ends before them.
var nameStop = map[string]bool{"call": true, "phone": true, "tel": true, "telephone": true, "email": true, "e-mail": true,
	"fax": true, "please": true, "date": true, "dated": true, "signed": true, "federal": true, "united": true,
	"department": true, "bureau": true, "office": true, "police": true, "division": true, "county": true,
	"state": true, "at": true, "of": true, "for": true, "on": true, "in": true, "and": true, "the": true, "that": true,
	"who": true, "with": true, "by": true, "as": true, "is": true, "was": true, "has": true, "u.s.": true,
	"magistrate": true, "district": true, "judge": true, "court": true, "attorney": true, "assistant": true,
	"special": true, "agent": true, "detective": true, "officer": true, "requesting": true, "questions": true,
	"homeland": true, "drug": true, "secret": true, "internal": true, "immigration": true, "sincerely": true,
	"his": true, "her": true, "honour": true, "honor": true, "hhj": true, "justice": true, "constable": true}

var nameTitles = map[string]bool{"hon": true, "honorable": true, "judge": true, "the": true, "magistrate": true,
	"special": true, "agent": true, "sa": true, "detective": true, "det": true, "officer": true, "sgt": true,
	"sergeant": true, "inspector": true, "mr": true, "ms": true, "mrs": true, "dr": true, "trooper": true,
	"deputy": true, "investigator": true, "constable": true, "cst": true, "hhj": true, "justice": true, "his": true,
	"her": true, "honour": true, "honor": true, "dc": true, "ds": true, "di": true, "pc": true}

// cleanName drops leading titles, cuts the name where running text
// resumes, and checks that what is left looks like a name.
func cleanName(s string) (string, bool) {
	words := strings.Fields(s)
	for len(words) > 0 && nameTitles[strings.ToLower(strings.Trim(words[0], ".,"))] {
		words = words[1:]
	}
	var out []string
	for _, w := range words {
		lw := strings.ToLower(strings.Trim(w, ".,"))
		if len(out) >= 2 && (nameStop[lw] || nameTitles[lw]) {
			break
		}
		if strings.HasSuffix(w, ".") && len([]rune(w)) > 2 && len(out) >= 1 {
			// "Vasquez." ends a sentence; "J." is an initial.
			out = append(out, strings.TrimSuffix(w, "."))
			break
		}
		out = append(out, w)
	}
	if len(out) < 2 || len(out) > 5 {
		return "", false
	}
	for _, w := range out {
		if len([]rune(strings.Trim(w, ".,"))) == 1 {
			continue // an initial
		}
		if judgeNoise.MatchString(strings.Trim(w, ".,")) || nameStop[strings.ToLower(strings.Trim(w, ".,"))] {
			return "", false
		}
	}
	name := strings.Join(out, " ")
	if strings.ToUpper(name) == name {
		name = titleCase(name)
	}
	return name, true
}

var (
	agentRules = []labelRule{
		{0.85, regexp.MustCompile(`\b(?:Special\s+Agent|SPECIAL\s+AGENT|SA|Task\s+Force\s+Officer|TFO|Detective|Det\.|Investigator|Officer|Sergeant|Sgt\.|Inspector|Trooper|Deputy|Agent|Constable|Cst\.|DC|DS)\s+` + nameRe)},
		{0.8, regexp.MustCompile(`(?i:affiant|requesting\s+officer|officer\s+in\s+charge|contact(?:\s+person)?|point\s+of\s+contact|investigating\s+officer|case\s+agent)\s*:?\s*` + nameRe)},
	}
	// contactCueRe marks a line about the sender: who to ask, how to reach
	// them. Bare "telephone" or "e-mail" do not count: targets are
	// described that way too ("the telephone number (202) 555-0100").
	contactCueRe = regexp.MustCompile(`(?i)\bcontact|questions|\bagent\b|\bofficer\b|detective|investigator|\be-?mail\s*:|\btel(?:ephone)?\.?\s*(?:no\.?\s*)?:|\bphone\s*:|\bfax\b|\bcall\s+(?:me|us)|\breach\s+(?:me|us)|direct(?:ed)?\s+to|sincerely|regards|prepared\s+by|affiant|inspector|sergeant|\bausa\b|attorney|\breply[- ]to\s*:`)
)

func (x *run) agent() {
	v, h, conf, ok := x.bestLabel(app.FieldAgentName, agentRules, func(h hit) (string, bool) {
		return cleanName(h.group())
	})
	if ok {
		x.set(app.FieldAgentName, v, h, conf)
	}
}

// companyRe is a company name with its legal form, on one line;
// companyWrapRe may wrap onto the next line, and is used only right after
// a cue ("controlled by"), where nothing else can be caught up in it.
const (
	legalForm     = `(?:Inc\.|Inc\b|LLC\b|L\.L\.C\.|Ltd\.|Ltd\b|Limited\b|Corporation\b|Corp\.|Company\b|GmbH\b|B\.V\.|S\.A\.|SE\b|AG\b|plc\b|PLC\b|LLP\b|Pty\.? Ltd\.?|S\.à r\.l\.)`
	companyRe     = `((?:\p{Lu}[\p{L}0-9&'\-]*,?[ ]){1,5}` + legalForm + `)`
	companyWrapRe = `((?:\p{Lu}[\p{L}0-9&'\-]*,?[ \n]){1,5}` + legalForm + `)`
)

var recipientRules = []labelRule{
	{0.9, regexp.MustCompile(`(?:controlled|operated|maintained|held|hosted)\s*,?\s*(?:or\s+operated\s+)?by\s+` + companyWrapRe)},
	{0.9, regexp.MustCompile(`(?im)^\s*(?:to|addressee|recipient|respondent|service\s+provider|addressed\s+to|provider)\s*:\s*([^\n]{3,100})`)},
	{0.85, regexp.MustCompile(`(?i)custodian\s+of\s+records\s*,?\s*(?:for\s+|of\s+|at\s+)?` + companyWrapRe)},
	{0.8, regexp.MustCompile(`(?im)^\s*` + companyRe + `\s*,?\s*$`)},
	{0.75, regexp.MustCompile(`(?i)(?:search|served\s+(?:up)?on|directed\s+to|addressed\s+to|records\s+(?:of|held\s+by|maintained\s+by)|produce(?:d)?\s+by|from)\s+` + companyWrapRe)},
	{0.6, regexp.MustCompile(companyWrapRe)},
}

var companyOnly = regexp.MustCompile(companyRe)

func (x *run) recipient() {
	v, h, conf, ok := x.bestLabel(app.FieldRecipient, recipientRules, func(h hit) (string, bool) {
		v := strings.TrimSpace(strings.Trim(h.group(), " ,;:"))
		low := strings.ToLower(v)
		if strings.HasPrefix(low, "custodian of records") {
			rest := strings.TrimSpace(strings.TrimLeft(v[len("custodian of records"):], " ,"))
			if rest == "" {
				return "", false
			}
			v = rest
		}
		// A name wrapped onto a second line keeps its first line only when
		// that reads as part of a name ("Bluefin\nCloud Services Inc."),
		// not a heading ("ATTACHMENT A\nExample Inc.").
		if i := strings.LastIndexByte(v, '\n'); i >= 0 {
			if before := strings.TrimSpace(v[:i]); strings.ToUpper(before) == before || strings.Contains(" "+before+" ", " A ") {
				v = v[i+1:]
			}
		}
		// "Example Inc., Law Enforcement Response Team": the company.
		v = strings.Join(strings.Fields(v), " ")
		if m := companyOnly.FindString(v); m != "" {
			v = m
		}
		low = strings.ToLower(v)
		if len(v) < 3 || strings.Contains(low, "court") && !strings.Contains(low, "inc") || strings.Contains(low, "officer") || strings.Contains(low, "any authorized") || strings.Contains(low, "department of") {
			return "", false
		}
		return strings.TrimRight(v, " ,"), true
	})
	if !ok || conf < 0.75 {
		if lv, lh, ok2 := x.addressee(); ok2 {
			v, h, conf, ok = lv, lh, 0.75, true
		}
	}
	if ok {
		x.set(app.FieldRecipient, v, h, conf)
	}
}

var addressSkip = regexp.MustCompile(`(?i)^(?:/s/|_{3,}|custodian\s+of\s+records|attn|attention|via\b|by\s+(?:e-?mail|fax|hand|courier|portal)|legal\s+(?:department|compliance|process)|law\s+enforcement|c/o|re:|subject|dear|\[|\(|file\s+no|our\s+ref|your\s+ref|ref(?:erence)?\b|in\s+reply)`)

// addressee reads a letter's address block: the first line after the
// letter's date that names someone rather than a street, a department or a
// salutation ("Facebook" in "March 11, 2014 / Facebook / 1601 Willow Rd.").
func (x *run) addressee() (string, hit, bool) {
	_, dh, _, ok := x.letterDate()
	if !ok || lineIndex(dh.text, dh.start) > 15 {
		return "", hit{}, false // no letter date line near the top
	}
	p := x.c.pages[0]
	off := len(dh.text) // the end of the date's line
	if k := strings.IndexByte(dh.text[dh.start:], '\n'); k >= 0 {
		off = dh.start + k
	}
	lines := strings.Split(p.text[off:], "\n")
	for k, l := range lines {
		if k > 8 {
			break
		}
		start := off
		off += len(l) + 1
		l = strings.TrimSpace(l)
		if l == "" || addressSkip.MatchString(l) {
			continue
		}
		if strings.ContainsAny(l, "0123456789@:") || len(l) > 60 || !headingLike(l) {
			return "", hit{}, false // a street or prose: no addressee line
		}
		h := hit{page: p.num, start: start, end: start + len(l), text: p.text, groups: []string{l}}
		return strings.TrimRight(l, ","), h, true
	}
	return "", hit{}, false
}
