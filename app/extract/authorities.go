package extract

import (
	"regexp"
	"strings"
	"sync"
	"unicode"

	"github.com/warrantdesk/warrantdesk/app"
)

// usStates maps state names to their postal codes, for US-XX
// jurisdictions: the domain's table.
var usStates = app.USStates()

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
	stateCourtRe   *regexp.Regexp
	federalRe      *regexp.Regexp
	federalCourtRe *regexp.Regexp
	euRe           *regexp.Regexp
	euStateRe      *regexp.Regexp
	euAnyStateRe   *regexp.Regexp
	ukRe           *regexp.Regexp
	canadaRe       *regexp.Regexp
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
		} else if s, ok := x.c.first(euCodeRe); ok && isEUCode(s.groups[1]) {
			v, h, conf = "EU-"+s.groups[1], s, 0.9
		} else if code, m, n := x.senderCountry(); n >= 2 && strings.HasPrefix(code, "EU-") {
			v, h, conf = code, m, 0.75
		} else if s, ok := x.c.first(euAnyStateRe); ok {
			v, conf = "EU-"+euStates[strings.ToLower(s.groups[1])], 0.7
		}
		x.dayFirst = true
	} else if m, ok := x.headMatch(federalCourtRe); ok {
		v, h, conf = "US-federal", m, 0.9
	} else if m, ok := x.headMatch(stateCourtRe); ok && x.stateCourtInHead(m) {
		name := strings.ToLower(m.group())
		v, h, conf = "US-"+usStates[strings.Join(strings.Fields(name), " ")], m, 0.85
	} else if st, m, local := x.localState(); local && (st != "" || x.usLocalUnknown()) {
		// A state or local agency's order is of its state; when its
		// address does not say which, the field stays empty.
		if st != "" {
			v, h, conf = "US-"+st, m, 0.8
		} else {
			x.ex.Warnings = append(x.ex.Warnings, "jurisdiction: a state or local agency whose state the order does not name; set it by hand")
		}
	} else if m, ok := x.c.first(ukRe); ok && !x.isUS() {
		v, h, conf = "UK", m, 0.85
		x.dayFirst = true
	} else if m, ok := x.c.first(canadaRe); ok && !x.isUS() {
		v, h, conf = "CA", m, 0.8
		x.dayFirst = false
	} else if code, m, n := x.senderCountry(); n >= 2 && !x.isUS() {
		v, h, conf = code, m, 0.75
		x.dayFirst = code != "CA"
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

var (
	euCodeRe *regexp.Regexp
	// localAgencyRe names a state or local agency: its orders are of its
	// state, whatever federal law they cite.
	localAgencyRe   *regexp.Regexp
	federalSenderRe *regexp.Regexp
	closingRe       *regexp.Regexp
	stateZipRe      *regexp.Regexp
	stateNameRe     *regexp.Regexp
)

func isEUCode(c string) bool {
	for _, v := range euStates {
		if v == c {
			return true
		}
	}
	return false
}

// localState finds the state of a state or local agency that sends the
// order (a police department, a sheriff, a district attorney): named in
// its letterhead or signature with the state in its address.
func (x *run) localState() (string, hit, bool) {
	p := x.c.leadPage()
	lines := strings.Split(p.text, "\n")
	sender := senderLines(lines)
	local := false
	for _, i := range sender {
		if i < 8 && federalSenderRe.MatchString(lines[i]) {
			return "", hit{}, false
		}
		if localAgencyRe.MatchString(lines[i]) && !addresseeLine(lines[i]) {
			local = true
		}
	}
	if !local {
		return "", hit{}, false
	}
	off := make([]int, len(lines))
	o := 0
	for i, l := range lines {
		off[i] = o
		o += len(l) + 1
	}
	for _, i := range sender {
		l := lines[i]
		if addresseeLine(l) {
			continue
		}
		if m := stateNameRe.FindStringSubmatchIndex(l); m != nil {
			if st := usStates[strings.ToLower(strings.Join(strings.Fields(l[m[2]:m[3]]), " "))]; st != "" {
				return st, hit{page: p.num, start: off[i] + m[2], end: off[i] + m[3], text: p.text, groups: []string{l[m[2]:m[3]]}}, true
			}
		}
		if m := stateZipRe.FindStringSubmatchIndex(l); m != nil && validState(l[m[2]:m[3]]) {
			return l[m[2]:m[3]], hit{page: p.num, start: off[i] + m[2], end: off[i] + m[3], text: p.text, groups: []string{l[m[2]:m[3]]}}, true
		}
	}
	return "", hit{}, true
}

// usLocalUnknown reports whether a local agency whose state is not named
// is American: it cites American law and names no other country.
func (x *run) usLocalUnknown() bool {
	if _, ok := x.c.first(federalRe); !ok {
		return false
	}
	_, _, n := x.senderCountry()
	return n < 2
}

func validState(code string) bool {
	for _, v := range usStates {
		if v == code {
			return true
		}
	}
	return false
}

// headMatch matches re against the heading of page 1 only.
func (x *run) headMatch(re *regexp.Regexp) (hit, bool) { return x.topMatch(re, headingLines) }

// letterheadMatch matches re against the letterhead of page 1 only.
func (x *run) letterheadMatch(re *regexp.Regexp) (hit, bool) { return x.topMatch(re, letterheadLines) }

// topMatch matches re against the first n lines of page 1.
func (x *run) topMatch(re *regexp.Regexp, n int) (hit, bool) {
	key := topKey{re, n}
	if h, ok := x.tops[key]; ok {
		return h, h.text != ""
	}
	h, ok := x.matchTop(re, n)
	if x.tops == nil {
		x.tops = map[topKey]hit{}
	}
	x.tops[key] = h
	return h, ok
}

type topKey struct {
	re *regexp.Regexp
	n  int
}

func (x *run) matchTop(re *regexp.Regexp, n int) (hit, bool) {
	m := findFirst(re, x.c.head(n))
	if m == nil {
		return hit{}, false
	}
	return makeHit(x.c.leadPage(), m), true
}

// countryCues name other countries' authorities and laws; a member state
// of the EU is written EU-XX like the EU's own orders.
var countryCues []struct {
	code string
	re   *regexp.Regexp
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
	s, state := x.headMatch(stateCourtRe)
	return x.usBodyInHead() || state && !incorporatedIn(s)
}

// usBodyInHead reports whether the heading names a U.S. court, agency or
// prosecutor. A citation of the U.S. Code does not: foreign police cite
// 18 U.S.C. § 2702 when they ask for an emergency disclosure.
func (x *run) usBodyInHead() bool {
	p := x.c.leadPage()
	if p.num == 0 {
		return false
	}
	head := x.c.head(headingLines)
	for _, m := range federalRe.FindAllStringIndex(head, -1) {
		h := hit{page: p.num, start: m[0], end: m[1], text: p.text}
		if !usCodeRe().MatchString(head[m[0]:m[1]]) && !incorporatedIn(h) {
			return true
		}
	}
	return false
}

// stateCourtInHead accepts a state match only when the heading, not the
// body, names the state court: a federal order for a suspect "in the State
// of Texas" is still federal.
func (x *run) stateCourtInHead(m hit) bool {
	if incorporatedIn(m) {
		return false
	}
	_, fed := x.headMatch(federalRe)
	_, state := x.headMatch(stateCourtRe)
	if fed && !state {
		return false
	}
	return m.page == x.c.leadPage().num && lineIndex(m.text, m.start) < headingLines
}

var (
	// A court named in the heading, e.g. "UNITED STATES DISTRICT COURT" then
	// "for the Eastern District of Virginia".
	courtLineRe *regexp.Regexp
	districtRe  *regexp.Regexp
	courtOfRe   *regexp.Regexp
	agencyRe    *regexp.Regexp
	// genericAgencyRe names a department rather than the investigating
	// agency; it is used only when no agency is named.
	genericAgencyRe *regexp.Regexp
	agencyShort     = map[string]string{"FBI": "Federal Bureau of Investigation", "DEA": "Drug Enforcement Administration", "ATF": "Bureau of Alcohol, Tobacco, Firearms and Explosives", "HSI": "Homeland Security Investigations", "USSS": "United States Secret Service", "RCMP": "Royal Canadian Mounted Police", "NCA": "National Crime Agency"}
	agencyAbbrRe    *regexp.Regexp
)

// authority finds the issuing court and, separately, the agency behind the
// order. A court wins as issuing authority; letters and subpoenas issued by
// an agency name the agency.
func (x *run) authority() {
	rule := x.agency()
	x.agencyByDomain = rule == "domain"
	var cands []cand
	for _, v := range x.courts() {
		cands = append(cands, cand{value: v.value, h: v.hit, conf: v.conf, rank: v.conf, rule: v.rule})
	}
	x.choose(app.FieldIssuingAuthority, cands, func(s string) string { return strings.ToUpper(alnumOnly(s)) })
	// An agency that issues its own process (a subpoena, a letter) is its
	// issuing authority; one the order only mentions in a sentence ("the
	// police asked this court …") issues nothing.
	// An agency known only by its officer's mail domain issues what an
	// agency issues itself (a subpoena, a letter, a request), not a
	// prosecutor's decision its officer is named in.
	if _, ok := x.ex.Fields[app.FieldIssuingAuthority]; !ok && rule != "prose" && (rule != "domain" || agencyIssued(x.ex.ProcessType)) {
		if f, ok := x.ex.Fields[app.FieldAgency]; ok {
			f.Confidence = round2(f.Confidence - 0.1)
			f.Alternatives = nil
			x.ex.Fields[app.FieldIssuingAuthority] = f
		}
	}
	x.unitUnderDomainForce()
}

// agency finds the agency behind the order: in the letterhead, the most
// specific unit named ("Homeland Security Investigations" under "U.S.
// Immigration and Customs Enforcement"); else one named in the order; a
// named agency beats its department. It returns the rule that read the
// agency ("prose" for running text only, "domain" for a mail domain only).
func (x *run) agency() string {
	var cands []cand
	addV := func(v valued) {
		if v.value != "" {
			cands = append(cands, cand{value: x.stateOffice(v.value), h: v.hit, conf: v.conf, rank: v.conf + x.place(v.hit), rule: v.rule})
		}
	}
	if v, ok := x.letterheadAgency(); ok {
		addV(v)
	}
	if h, ok := x.c.first(agencyRe); ok {
		addV(valued{agencyName(h), h, 0.85, "named"})
	} else if h, ok := x.c.first(agencyAbbrRe); ok {
		addV(valued{agencyShort[h.group()], h, 0.75, "abbreviation"})
	}
	if v, ok := x.attorneysOffice(); ok {
		addV(v)
	}
	// Forms name the authority that receives the data; a contact line
	// names the officer's force after the officer ("Inspetora Beatriz
	// Sequeira Lobo, Polícia Judiciária - UNC3T, +351 …").
	for _, lp := range x.labelled(agencyClasses()) {
		h := x.pairHit(lp.p)
		addV(valued{orgSegment(lp.p.value), h, lp.conf, "label"})
	}
	for _, v := range x.contactOrgs() {
		addV(v)
	}
	for _, v := range x.signatureForces() {
		addV(v)
	}
	for _, v := range x.transferAgency() {
		addV(v)
	}
	if len(cands) == 0 {
		for _, v := range x.fallbackAgencies() {
			addV(v)
		}
	}
	c, _ := x.choose(app.FieldAgency, fullerNames(x.withForces(cands)), func(s string) string { return strings.ToUpper(alnumOnly(s)) })
	return c.rule
}

// fallbackAgencies name the agency where no letterhead, label, contact
// line or signature does: a force named in running text, else the body
// whose mail domain its officer writes from, else a department.
func (x *run) fallbackAgencies() []valued {
	if v := x.proseForces(); len(v) > 0 {
		return v
	}
	if v := x.domainAgencies(); len(v) > 0 {
		return v
	}
	if h, ok := x.c.first(genericAgencyRe); ok {
		return []valued{{titleCase(strings.TrimSpace(h.group())), h, 0.7, "department"}}
	}
	return nil
}

var agencyClasses = sync.OnceValue(func() []labelClass {
	re := func(s string) *regexp.Regexp { return regexp.MustCompile(`(?i)` + s) }
	return []labelClass{
		{"transfer", 0.85, re(`authority\s+to\s+which\s+the\s+data|service\s+d['’]enqu[êe]te|service\s+enqu[êe]teur|servizio\s+investigativo|ermittelnde\s+(?:dienststelle|beh[öo]rde)|investigating\s+(?:unit|service)|autorit[àa]\s+di\s+polizia(?:\s+delegata)?|polizia\s+giudiziaria\s+delegata|autorit[ée]\s+de\s+police|requesting\s+agency|investigating\s+(?:agency|authority)|^agency$|^police\s+(?:force|service|unit)$|dienststelle|unidad\s+policial|servi[cç]o\s+de\s+pol[ií]cia`)},
	}
})

// orgSegment cuts a value to the organisation it begins with: up to the
// first comma, a parenthesised short name kept ("Office
// anti-cybercriminalité (OFAC), Direction …" → "Office
// anti-cybercriminalité (OFAC)").
func orgSegment(v string) string {
	v = strings.Join(strings.Fields(v), " ")
	if i := strings.IndexAny(v, ",;"); i > 0 {
		v = v[:i]
	}
	v = strings.TrimSpace(v)
	if len(v) < 4 || len(v) > 90 || numberOrAddress(v) || !policeWordRe.MatchString(v) {
		return ""
	}
	return v
}

var policeWordRe *regexp.Regexp

// agencyName writes a matched agency as a name.
func agencyName(h hit) string {
	return titleCase(strings.Join(strings.Fields(strings.TrimSpace(h.group())), " "))
}

// forceRe names a police force in the languages orders come in.
var forceRe = sync.OnceValue(func() *regexp.Regexp {
	return regexp.MustCompile(`(?i)polizei|kriminalamt|politie|polizia|pol[ií]c[ií]a|policj[aię]|polisen|poliisi|garda|gendarmerie|guardia\s+civil|guardia\s+di\s+finanza|carabinieri|mossos|ertzaintza|marechaussee|\bpoliti(?:et)?\b|policie|policij[ao]s?|poli[tţț]i[ae]|politsei|rend[őo]rs[ée]g|\bpolice\b|constabulary|sheriff`)
})

// letterheadAgency finds the most specific agency the letterhead names:
// the last of its first lines that names one, with a unit named on the
// line under it ("INTERNAL REVENUE SERVICE / CRIMINAL INVESTIGATION").
func (x *run) letterheadAgency() (valued, bool) {
	p := x.c.leadPage()
	lines := strings.Split(x.c.head(letterheadLines), "\n")
	starts := lineStarts(p.text)
	var best valued
	found := false
	for i, l := range lines {
		m := lastMatch(agencyRe, l)
		if m == nil {
			// A police force named alone on a letterhead line, in its own
			// language ("Polícia Judiciária", "Garda Síochána").
			if t := strings.TrimSpace(l); i < 4 && forceRe().MatchString(t) && headingLike(t) && len(strings.Fields(t)) <= 6 && !strings.ContainsAny(t, "0123456789@:,") {
				start := starts[i] + strings.Index(l, t)
				m = []int{start - starts[i], start - starts[i] + len(t), start - starts[i], start - starts[i] + len(t)}
			}
		}
		if m == nil || !headingLike(strings.TrimSpace(l)) {
			continue // prose, where a name may wrap: read it whole below
		}
		h := makeHit(p, []int{starts[i] + m[0], starts[i] + m[1], starts[i] + m[2], starts[i] + m[3]})
		best, found = valued{agencyName(h), h, 0.9, "letterhead"}, true
		if place, ok := unitsPlace(best.value, l[m[1]:]); ok {
			best.value += ", " + place // "CYBER CRIME POLICE STATION, HYDERABAD CITY"
		}
		if u := nextLine(lines, i); unitLine(u) {
			best.value += " - " + titleCase(u)
		}
	}
	return best, found
}

// unitRe is a unit of an agency written on the letterhead line under it.
var unitRe *regexp.Regexp

// attorneysOffice reads a prosecutor's letterhead or signature ("United
// States Attorney / District of Massachusetts", "United States Attorney's
// Office, Southern District of New York"): the office, for its district.
func (x *run) attorneysOffice() (valued, bool) {
	for _, p := range x.c.pages {
		for _, m := range findAll(usaoRe, p.text) {
			h := makeHit(p, m)
			district := strings.TrimSpace(h.groups[1])
			if district == "" {
				continue
			}
			return valued{"United States Attorney's Office for the " + titleCase(strings.Join(strings.Fields(district), " ")), h, 0.8, "attorneys-office"}, true
		}
	}
	return valued{}, false
}

var usaoRe *regexp.Regexp

type valued struct {
	value string
	hit   hit
	conf  float64
	rule  string
}

var trailingFor *regexp.Regexp

// letterheadLines is how many lines of page 1 make a letterhead.
const letterheadLines = 8

// officeRe names an issuing office in a letterhead: prosecutors and the
// Justice Department's offices that send requests without being the
// investigating agency.
var officeRe *regexp.Regexp

// authorityLabel finds an authority the order names by label, as forms
// do ("Issuing authority: …").
var authorityLabel *regexp.Regexp

// courts proposes who issued the order: an authority named by label
// ("Issuing authority  Staatsanwaltschaft Frankfurt am Main"), a court's
// heading (with its district or county from the lines under it), a court
// or prosecutor named on a heading line, an office in the letterhead, the
// letterhead's organisations.
func (x *run) courts() []valued {
	var out []valued
	if v, ok := x.prosecutorsOffice(); ok {
		out = append(out, v) // over the court its caption borrows
	}
	for _, lp := range x.labelled(authorityClasses()) {
		h := x.pairHit(lp.p)
		if v := authorityValue(wrappedValue(lp.p, h.text)); v != "" {
			out = append(out, valued{v, h, lp.conf + x.place(h), "label"})
		}
	}
	if h, ok := x.c.first(authorityLabel); ok {
		if v := authorityValue(h.group()); v != "" {
			out = append(out, valued{v, h, 0.9, "label-line"})
		}
	}
	if cp, ok := sectionCaption(x.c.leadPage(), headingLines); ok {
		if v, ok := x.courtHeading(cp, cp.text[:lineStartAt(cp.text, headingLines)]); ok {
			out = append(out, v)
		}
	} else if v, ok := x.courtHeading(x.c.leadPage(), x.c.head(headingLines)); ok {
		out = append(out, v)
	}
	p := x.c.leadPage()
	if h, ok := x.c.first(courtOfRe); ok && h.page == p.num && lineIndex(h.text, h.start) < headingLines && headingLike(strings.TrimSpace(lineOf(h.text, h.start))) {
		out = append(out, valued{authorityValue(h.group()), h, 0.7, "court-of"})
	}
	// A cover letter on page 1 may precede the court's own form.
	for _, lp := range x.c.pages[x.c.lead+1:] {
		lines := strings.SplitN(lp.text, "\n", 13)
		if v, ok := x.courtHeading(lp, strings.Join(lines[:min(len(lines), 12)], "\n")); ok {
			v.conf = 0.85
			out = append(out, v)
		}
	}
	return append(out, x.letterheadIssuer()...)
}

// letterheadIssuer proposes the letterhead's organisations, when they
// include the agency found (or none was): "U.S. Department of Justice,
// Federal Bureau of Investigation"; they stand for an office they include.
func (x *run) letterheadIssuer() []valued {
	var out []valued
	orgs, hasOrgs := x.letterheadOrgs()
	office, hasOffice := x.letterheadMatch(officeRe)
	v := ""
	if hasOffice {
		v = x.stateOffice(titleCase(strings.TrimSpace(office.group())))
	}
	// An office the stack names is the stack's last part: the stack is
	// its full name, whoever the agency is.
	inOrgs := hasOrgs && hasOffice && strings.Contains(strings.ToLower(orgs.value), strings.ToLower(v))
	ag := x.ex.Fields[app.FieldAgency].Value
	if x.agencyByDomain {
		ag = "" // a domain's agency says nothing of the letterhead's body
	}
	if hasOrgs && !inOrgs && ag != "" && !strings.Contains(strings.ToLower(orgs.value), strings.ToLower(ag)) {
		hasOrgs = false
	} else if hasOrgs {
		orgs.value = fromAgency(orgs.value, ag)
	}
	switch {
	case inOrgs:
		orgs.conf = 0.8
	case hasOffice:
		out = append(out, valued{v, office, 0.8, "office"})
	}
	if hasOrgs {
		out = append(out, orgs)
	}
	return out
}

var authorityClasses = sync.OnceValue(func() []labelClass {
	re := func(s string) *regexp.Regexp { return regexp.MustCompile(`(?i)` + s) }
	return []labelClass{
		{"refused", 0, re(`validating|enforcing|central\s+authority|transferred|contact|type\b`)},
		{"issuing", 0.9, re(`^(?:name\s+of\s+(?:the\s+)?)?(?:issuing|requesting|competent)\s+(?:judicial\s+)?authority(?:\s+name)?$|^issued\s+by$|autorit[àé]\s+(?:emittente|d'[ée]mission|di\s+emissione|requérante)|organ\s+wydaj[ąa]cy|utf[äa]rdande\s+myndighet|ausstellende\s+beh[öo]rde|anordnungsbeh[öo]rde|autoridad\s+(?:emisora|de\s+emisi[oó]n)|autoridade\s+(?:de\s+)?emiss|uitvaardigende\s+autoriteit`)},
	}
})

var embeddedLabel *regexp.Regexp

// authorityValue cleans an authority's name: a label inside the value
// ("Amtsgericht München Aktenzeichen: …") and what follows it go.
func authorityValue(v string) string {
	v = embeddedLabel.ReplaceAllString(strings.TrimSpace(v), "")
	v = strings.Join(strings.Fields(strings.Trim(v, " .;,")), " ")
	v = courtOfPost(v)
	if v == "" || v == "-" || strings.EqualFold(v, "not applicable") || len(v) > 140 {
		return ""
	}
	if strings.ToUpper(v) == v {
		v = titleCase(v)
	}
	return v
}

// letterheadOrgs joins the organisations a letterhead stacks ("U.S.
// Department of Justice / Criminal Division / Office of International
// Affairs"): who sends the order when no court issues it.
func (x *run) letterheadOrgs() (valued, bool) {
	p := x.c.leadPage()
	var parts []string
	start, end := -1, 0
	off := 0
	for i, l := range strings.Split(p.text, "\n") {
		t := strings.TrimSpace(l)
		lineStart := off
		off += len(l) + 1
		if i >= 10 {
			break
		}
		if t == "" {
			continue
		}
		for _, c := range cellsOf(t, 0) {
			if orgLineRe.MatchString(c.text) {
				t = c.text // one column of a letterhead set in two
				break
			}
		}
		t = strings.Trim(t, " ,")
		if !orgLineRe.MatchString(t) || !headingLike(t) || strings.ContainsAny(t, "0123456789@:'") || len(t) > 80 || notOrgRe.MatchString(t) {
			if len(parts) > 0 {
				break
			}
			continue
		}
		if start < 0 {
			start = lineStart
		}
		end = lineStart + len(l)
		name := t
		if strings.ToUpper(name) == name {
			name = titleCase(name)
		}
		parts = append(parts, name)
	}
	if len(parts) == 0 {
		return valued{}, false
	}
	parts = forceOverUnit(parts)
	h := hit{page: p.num, start: start, end: end, text: p.text, groups: []string{strings.Join(parts, ", ")}}
	return valued{strings.Join(parts, ", "), h, 0.75, "letterhead-orgs"}, true
}

// headingTitle reports whether a short line is a title ("ORDER").
func headingTitle(t string) bool { return upperShare(t) >= 0.6 && splitRules().title.MatchString(t) }

// notOrgRe marks letterhead lines that are not an organisation's name.
var notOrgRe *regexp.Regexp

// orgLineRe is a line naming an organisation.
var orgLineRe *regexp.Regexp

// courtHeading finds a court's heading line in head, the first lines of
// page p, with its district from the lines below.
func (x *run) courtHeading(p pageText, head string) (valued, bool) {
	for _, m := range courtLineRe.FindAllStringSubmatchIndex(head, -1) {
		h := makeHit(p, m)
		raw := firstCourtCell(strings.TrimSpace(h.groups[1]))
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
		name = withCourtPlace(name, strings.SplitN(p.text[h.end:], "\n", 9))
		return valued{name, h, 0.9, "court-heading"}, true
	}
	return valued{}, false
}

// withCourtPlace adds to a court's name where it sits, read from the lines
// under its heading (rest, the heading's own line first): "for the /
// District of Oregon", "IN AND FOR BROWARD COUNTY, FLORIDA", "COUNTY OF
// ALAMEDA", "(MINSHULL STREET)".
func withCourtPlace(name string, rest []string) string {
	low := strings.ToLower(name)
	pending := ""
	seen := 0
	for i, l := range rest {
		if i == 0 {
			continue
		}
		cells := cellsOf(l, 0)
		if len(cells) == 0 {
			continue
		}
		if seen++; seen > 3 {
			break
		}
		t := strings.TrimSpace(cells[0].text)
		lt := strings.ToLower(t)
		switch {
		case lt == "for the" || lt == "for":
			pending = " for the "
			continue
		case strings.HasSuffix(strings.TrimRight(t, " |"), ")") && !strings.HasPrefix(t, "("):
			// A caption's venue set off by its column of brackets
			// ("STATE OF OHIO )" / ") ss:"): the parties', not where
			// the court sits.
		case courtPlaceRe.MatchString(t) && strings.Contains(strings.ToLower(name), strings.ToLower(strings.TrimSpace(strings.Split(t, ",")[0]))):
			continue // "FRANKLIN COUNTY, OHIO" under "FRANKLIN COUNTY MUNICIPAL COURT"
		case courtPlaceRe.MatchString(t):
			name, pending = joinCourtPlace(name, low, t, pending), ""
			continue
		case len(t) < 12 && !headingTitle(t):
			continue // a scan's specks between the lines
		}
		break
	}
	return name
}

// joinCourtPlace adds place line t to a court's name (low, as the heading
// gave it, lowered): "of …" as written, "for the" where the line before or
// a district asks for it, a comma otherwise.
func joinCourtPlace(name, low, t, pending string) string {
	part := titleCase(strings.Trim(t, " .,"))
	switch prep := courtPrepRe.FindString(part); {
	case prep != "":
		return name + " " + strings.ToLower(prep) + part[len(prep):]
	case pending != "":
		return name + pending + part
	case strings.HasPrefix(part, "("):
		return name + " " + part
	case districtRe.MatchString(t) && !strings.Contains(low, "district of") && !strings.Contains(low, "county of"):
		return name + " for the " + part
	}
	return name + ", " + part
}

var (
	// courtPlaceRe is a line that says where a court sits.
	courtPlaceRe *regexp.Regexp
	courtPrepRe  *regexp.Regexp
)

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
var smallWords = map[string]bool{"of": true, "for": true, "the": true, "and": true, "in": true, "at": true, "de": true, "on": true, "do": true, "da": true, "del": true, "der": true, "des": true, "di": true, "du": true, "la": true, "le": true, "van": true, "von": true, "y": true, "e": true, "et": true, "für": true, "am": true}

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
			if unicode.IsDigit(c) {
				break // an ordinal: "403RD" is "403rd"
			}
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

// nameLineRe is a name on one line.
const nameLineRe = `((?:(?:\p{Lu}\.|\p{Lu}[\p{L}'\-]+) ){0,3}\p{Lu}[\p{L}'\-]+)`

var (
	judgeRules []labelRule
	judgeNoise *regexp.Regexp
)

func (x *run) judge() {
	if v, h, ok := x.formJudge(); ok {
		conf := 0.8
		if x.recognisedPage(h.page) {
			conf -= ocrPenalty
		}
		x.set(app.FieldJudge, v, h, conf)
		return
	}
	rules := append(append([]labelRule{}, judgeRules...), nationalJudgeRules()...)
	v, h, conf, ok := x.bestLabel(app.FieldJudge, rules, func(h hit) (string, bool) {
		if earlierOrdersJudge(h) {
			return "", false
		}
		return cleanName(h.group())
	})
	if ok {
		if full, found := x.fullerName(v); found {
			v = full
		} else if givenAsInitials(v) {
			// Initials only: the full name may stand where no rule reads.
			conf = min(conf, 0.8)
		}
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
	"his": true, "her": true, "honour": true, "honor": true, "hhj": true, "justice": true, "constable": true,
	// A unit's words: "Cyber Crime P.S." under an officer's post is no name.
	"crime": true, "crimes": true, "cyber": true, "station": true, "unit": true, "squad": true, "section": true,
	"command": true, "directorate": true, "p.s.": true, "investigations": true, "ministry": true,
	"team": true, "cybercrime": true, "politie": true, "polizei": true, "eenheid": true,
	// An address's words: "Address / contact: Block C, Beckett Way, …".
	"block": true, "street": true, "road": true, "avenue": true, "floor": true, "suite": true, "building": true}

// orgWords end an organisation's name ("Vancouver Police").
var orgWords = map[string]bool{"police": true, "department": true, "office": true, "bureau": true, "division": true, "county": true, "sheriff's": true, "unit": true}

var nameTitles = map[string]bool{"ofc": true, "isp": true, "capo": true, "d": true, "don": true, "doña": true, "dña": true, "dr": true, "dott": true, "dott.ssa": true, "sr": true, "sra": true, "mme": true, "m": true, "herr": true, "frau": true, "khk": true, "kok": true, "kk": true, "garda": true, "capitaine": true, "commandant": true, "sargento": true, "inspetor": true, "inspetora": true, "inspector": true, "inspectora": true, "inspecteur": true, "principal": true, "kriminalinspektör": true, "ispettore": true, "ispettrice": true, "agente": true, "comisario": true, "digital": true, "investigator": true, "rechercheur": true, "lt": true, "lieutenant": true, "captain": true, "w/o": true, "warrant": true, "corporal": true, "cpl": true, "deputy": true, "marshal": true, "united": true, "states": true, "ausa": true, "hon": true, "honorable": true, "judge": true, "the": true, "magistrate": true, "special": true, "agent": true, "sa": true, "detective": true, "det": true, "officer": true, "sgt": true, "sergeant": true, "mr": true, "ms": true, "mrs": true, "trooper": true, "constable": true, "cst": true, "hhj": true, "justice": true, "his": true, "her": true, "honour": true, "honor": true, "dc": true, "ds": true, "di": true, "pc": true, "superiore": true, "sovrintendente": true, "vice": true, "sostituto": true, "commissario": true, "maresciallo": true, "brigadiere": true, "appuntato": true}

// cleanName drops leading titles, cuts the name where running text
// resumes, and checks that what is left looks like a name.
func cleanName(s string) (string, bool) {
	if strings.ContainsAny(s, "0123456789@<>/|") {
		return "", false
	}
	// A name wraps onto the next line only after an initial or a single
	// word ("John Q.\nPublic"); otherwise the next line is something else
	// (a place, a force: "Dale R. Fenwick\nMillbrook Township Police").
	if i := strings.IndexByte(s, '\n'); i >= 0 {
		before := strings.Fields(s[:i])
		if n := len(before); n > 1 && !(len([]rune(strings.TrimSuffix(before[n-1], "."))) == 1 && strings.HasSuffix(before[n-1], ".")) {
			s = s[:i]
		}
	}
	words := strings.Fields(s)
	// Titles, and ranks written in lower case ("asp. sztab. Tomasz …",
	// "prok. Agnieszka …"): a name's own words begin with a capital.
	for len(words) > 1 && leadingTitle(words[0]) {
		words = words[1:]
	}
	var out []string
	for _, w := range words {
		lw := strings.ToLower(strings.Trim(w, ".,"))
		if len(out) >= 2 && (nameStop[lw] || nameTitles[lw]) {
			// "Colin Abernethy-Moss Vancouver Police": the place before a
			// force's name is not part of the person's.
			if orgWords[lw] && len(out) >= 3 {
				out = out[:len(out)-1]
			}
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
	agentRules []labelRule
	// contactCueRe marks a line about the sender: who to ask, how to reach
	// them. Bare "telephone" or "e-mail" do not count: targets are
	// described that way too ("the telephone number (202) 555-0100").
	contactCueRe *regexp.Regexp
)

// companyRe is a company name with its legal form, on one line;
// companyWrapRe may wrap onto the next line, and is used only right after
// a cue ("controlled by"), where nothing else can be caught up in it.
const (
	legalForm     = `(?:Ltda\.?|LTDA\.?|Inc\.|Inc\b|INC\.|INC\b|LLC\b|L\.L\.C\.|Ltd\.|Ltd\b|LTD\.?|Limited\b|LIMITED\b|Corporation\b|Corp\.|CORP\.|Company\b|GmbH\b|B\.V\.|N\.V\.|S\.A\.|SE\b|AG\b|plc\b|PLC\b|LLP\b|Pty\.? Ltd\.?|S\.à r\.l\.|S\.r\.l\.|S\.p\.A\.|SAS\b|SARL\b|DAC\b|K\.K\.|Co\., Ltd\.)`
	companyRe     = `(\p{Lu}[\p{L}0-9&'\-]*,?[ ](?:(?:\p{Lu}[\p{L}0-9&'\-]*|de|do|da|del|der|des|di|of|and|the|für|van|von|et|e|y|&),?[ ]){0,6}` + legalForm + `)`
	companyWrapRe = `(\p{Lu}[\p{L}0-9&'\-]*,?[ \n](?:(?:\p{Lu}[\p{L}0-9&'\-]*|de|do|da|del|der|des|di|of|and|the|für|van|von|et|e|y|&),?[ \n]){0,6}` + legalForm + `)`
)

var recipientRules []labelRule

var companyOnly *regexp.Regexp

func (x *run) recipient() {
	var cands []cand
	for i, rule := range recipientRules {
		for _, h := range x.c.all(rule.re) {
			// After a cue ("controlled by") a name may wrap onto the next
			// line whole; elsewhere a first line in capitals is a heading
			// ("ATTACHMENT A\nExample Inc.").
			if v, ok := recipientValue(afterHeaderValue(h), i == 0 || i == 2 || i == 4); ok {
				cands = append(cands, cand{value: v, h: h, conf: rule.confidence, rank: rule.confidence + x.place(h), rule: "pattern" + string(rune('0'+i))})
			}
		}
	}
	for _, lp := range x.labelled(recipientClasses()) {
		if lp.rule == "addressee" {
			if v, h, ok := addresseeAbove(lp.p, x.pairHit(lp.p).text); ok {
				// The box's name block: read by its layout, so never
				// reported as sure.
				conf := min(lp.conf, 0.75)
				cands = append(cands, cand{value: v, h: h, conf: conf, rank: conf + x.place(h), rule: "label-block-" + lp.rule})
				continue
			}
		}
		if v, ok := recipientValue(lp.p.value, false); ok {
			h := x.pairHit(lp.p)
			cands = append(cands, cand{value: v, h: h, conf: lp.conf, rank: lp.conf + x.place(h), rule: "label-" + lp.rule})
		}
	}
	if lv, lh, ok := x.addressee(); ok {
		if v, ok := recipientValue(lv, false); ok {
			cands = append(cands, cand{value: v, h: lh, conf: 0.75, rank: 0.75 + x.place(lh), rule: "address-block"})
		}
	}
	x.choose(app.FieldRecipient, cands, func(s string) string { return strings.ToUpper(alnumOnly(s)) })
}

var recipientClasses = sync.OnceValue(func() []labelClass {
	re := func(s string) *regexp.Regexp { return regexp.MustCompile(`(?i)` + s) }
	return []labelClass{
		{"refused", 0, re(`^(?:from|cc|bcc|subject|re|date|sent|tel|phone|fax|e-?mail|address|capacity|attn|attention)\b`)},
		{"addressee", 0.9, re(`^(?:to|addressee|recipient|respondent|addressed\s+to|destinatario|destinataire|empf[äa]nger|adressat|aan|ao|à|para|to\s*\(name|company|service\s+provider|provider)\b`)},
		{"provider", 0.7, re(`name\s+of\s+the\s+service\s+provider|data\s+holder|holder\s+of\s+the\s+data`)},
	}
})

var recipientPrefix *regexp.Regexp

// recipientValue cuts a value to the provider's name: the company with its
// legal form when one is named ("Example Inc., Law Enforcement Response
// Team" → Example Inc.), without the label or salutation before it, in
// title case when printed in capitals.
func recipientValue(raw string, wrapOK bool) (string, bool) {
	if strings.HasSuffix(strings.TrimSpace(raw), ":") {
		return "", false // the next column's label ("To:  Case Number:"): the name stands under it
	}
	v := strings.TrimSpace(strings.Trim(raw, " ,;:"))
	if placeLine(v) {
		return "", false // a town ("To: Oakland, California"): the name stands above it
	}
	return providerName(v, wrapOK)
}

// providerName is recipientValue's reading of a value that is no town.
func providerName(v string, wrapOK bool) (string, bool) {
	if i := strings.LastIndexByte(v, '\n'); i >= 0 && !wrapOK {
		if before := strings.TrimSpace(v[:i]); strings.ToUpper(before) == before || strings.Contains(" "+before+" ", " A ") {
			v = v[i+1:]
		}
	}
	v = strings.Join(strings.Fields(v), " ")
	v = strings.TrimSpace(recipientPrefix.ReplaceAllString(v, ""))
	if m := companyOnly.FindString(v); m != "" {
		v = strings.TrimSpace(recipientPrefix.ReplaceAllString(m, ""))
		v = withoutRole(v)
	} else if i := strings.IndexAny(v, ",(;"); i > 0 {
		v = v[:i] // "Parcelchat, 801 Fennel Street": the name before the address
	}
	low := strings.ToLower(v)
	if onlyLegalForm(v) {
		return "", false
	}
	if len(v) < 3 || strings.ContainsAny(v, "@0123456789_|") || strings.Contains(low, "court") && !strings.Contains(low, "inc") || strings.Contains(low, "officer") || strings.Contains(low, "any authorized") || strings.Contains(low, "department of") || len(strings.Fields(v)) > 8 || !unicode.IsUpper([]rune(v)[0]) || recipientNoise[low] {
		return "", false
	}
	if strings.ToUpper(v) == v {
		v = titleCase(v)
	}
	return strings.TrimRight(v, " ,"), true
}

var roleBeforeCompany = sync.OnceValue(func() *regexp.Regexp {
	return regexp.MustCompile(`(?i)\b(?:officer|department|team|custodian|unit|desk|counsel|compliance|response|legal|records|privacy|manager|director)\b`)
})

// withoutRole drops the post a letter is addressed to before the company
// ("Data Protection Officer, Example Inc." → Example Inc.).
func withoutRole(v string) string {
	i := strings.Index(v, ", ")
	if i <= 0 || !roleBeforeCompany().MatchString(v[:i]) {
		return v
	}
	rest := v[i+2:]
	if m := companyOnly.FindStringIndex(rest); m != nil && m[0] == 0 && !onlyLegalForm(rest) {
		return rest
	}
	return v
}

var legalFormOnly *regexp.Regexp

// onlyLegalForm reports whether a name is nothing but a legal form ("Inc.").
func onlyLegalForm(v string) bool { return legalFormOnly.MatchString(strings.TrimSpace(v)) }

// recipientNoise are words that stand where a provider's name would.
var recipientNoise = map[string]bool{"company": true, "provider": true, "service provider": true, "legal department": true, "law enforcement": true, "custodian": true, "records": true, "the provider": true, "subscriber": true, "account": true}

var addressSkip *regexp.Regexp

// addressee reads a letter's address block: the first line after the
// letter's date that names someone rather than a street, a department or a
// salutation ("Facebook" in "March 11, 2014 / Facebook / 1601 Willow Rd.").
func (x *run) addressee() (string, hit, bool) {
	_, dh, _, ok := x.letterDate()
	if !ok || lineIndex(dh.text, dh.start) > 15 {
		return "", hit{}, false // no letter date line near the top
	}
	p := x.c.leadPage()
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

// leadingTitle reports whether a name's first word is a title or a rank
// written in lower case, not the name's own.
func leadingTitle(w string) bool {
	return nameTitles[strings.ToLower(strings.Trim(w, ".,"))] || startsLower(w)
}

// startsLower reports whether a word begins with a lower-case letter.
func startsLower(w string) bool {
	for _, r := range w {
		return unicode.IsLower(r)
	}
	return false
}
