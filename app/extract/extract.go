// Package extract finds an order's fields in its text: process type, case
// number, dates, deadline, issuer, judge, agent, recipient, targets, data
// requested, legal basis, non-disclosure and emergency, each with the page
// and snippet it came from and a confidence.
//
// Rules read as data (rules.go, authorities.go); docs/extraction.md lists
// every field with its cues. The extractor sees only page text, so text from
// a PDF's own layer and text from OCR go through the same rules.
package extract

import (
	"fmt"
	"math"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/warrantdesk/warrantdesk/app"
)

// Extractor implements app.Extractor.
type Extractor struct{}

var _ app.Extractor = Extractor{}

// New returns an Extractor.
func New() Extractor { return Extractor{} }

// lowConfidence is the confidence under which a field raises a warning.
const lowConfidence = 0.6

// Extract finds the fields of the order whose text is doc.
func (Extractor) Extract(doc *app.Document) app.Extraction {
	c := newCorpus(doc)
	ex := app.Extraction{
		Fields:         map[string]app.Field{},
		Targets:        []app.Target{},
		DataCategories: []string{},
		LegalBasis:     []string{},
		Warnings:       []string{},
	}
	if len(c.pages) == 0 {
		ex.ProcessType = app.OtherProcess
		ex.Warnings = append(ex.Warnings, "no usable text: the order needs OCR before its fields can be read")
		return ex
	}
	x := &run{c: c, ex: &ex}
	x.jurisdiction()
	x.processType()
	x.caseNumber()
	x.issuedDate()
	x.authority()
	x.judge()
	x.agent()
	x.recipient()
	x.targets()
	x.dataCategories()
	x.legalBasis()
	x.nondisclosure()
	x.emergency()
	x.dateRange()
	x.deadline()
	x.warn()
	return ex
}

// run carries one extraction.
type run struct {
	c        *corpus
	ex       *app.Extraction
	dayFirst bool
	issued   time.Time
	// conflicts notes fields where rules of equal weight disagreed.
	conflicts []string
}

func (x *run) set(name string, value string, h hit, confidence float64) {
	if value == "" {
		return
	}
	x.ex.Fields[name] = app.Field{Value: value, Page: h.page, Snippet: h.snippet(), Confidence: round2(confidence)}
}

func round2(f float64) float64 { return math.Round(f*100) / 100 }

// bestLabel runs label rules in order and returns the first match whose
// group passes accept. It notes a conflict when another value matches at
// the same confidence.
func (x *run) bestLabel(name string, rules []labelRule, accept func(h hit) (string, bool)) (string, hit, float64, bool) {
	for _, r := range rules {
		var found []struct {
			v string
			h hit
		}
		for _, h := range x.c.all(r.re) {
			if v, ok := accept(h); ok {
				found = append(found, struct {
					v string
					h hit
				}{v, h})
			}
		}
		if len(found) == 0 {
			continue
		}
		// The value found most often wins, then the first: OCR misreads one
		// copy of a number that the order repeats ("NSL-19-483387" once in
		// small print, "NSL-19-483887" three times).
		count := map[string]int{}
		for _, f := range found {
			count[normValue(f.v)]++
		}
		best := found[0]
		for _, f := range found[1:] {
			if count[normValue(f.v)] > count[normValue(best.v)] {
				best = f
			}
		}
		for _, f := range found {
			if !sameValue(f.v, best.v) {
				x.conflicts = append(x.conflicts, fmt.Sprintf("%s: found %q (page %d) and %q (page %d); check which is right", name, best.v, best.h.page, f.v, f.h.page))
				return best.v, best.h, r.confidence - 0.2, true
			}
		}
		return best.v, best.h, r.confidence, true
	}
	return "", hit{}, 0, false
}

func sameValue(a, b string) bool { return normValue(a) == normValue(b) }

func normValue(s string) string { return strings.ToUpper(strings.Join(strings.Fields(s), "")) }

// processType scores each type's cues; heading cues count three times.
func (x *run) processType() {
	head := x.c.head(headingLines)
	// A caption ("IN RE GRAND JURY SUBPOENA", "In the Matter of the
	// Application … for an Order under § 2703(d)") names the matter the
	// document belongs to, not what the document is: it does not count as
	// heading.
	head = captionRe.ReplaceAllString(head, "")
	scores := map[app.ProcessType]int{}
	evidence := map[app.ProcessType]hit{}
	for _, tc := range typeCues {
		hits := x.c.all(tc.re)
		if len(hits) == 0 {
			continue
		}
		s := tc.weight
		if mayMatch(tc.re, strings.ToLower(head)) && tc.re.MatchString(head) {
			s = tc.weight * 3
		} else if x.inLaterHeading(tc.re) {
			// A cover letter on page 1, the order itself on page 2.
			s = tc.weight * 2
		}
		if len(hits) > 1 {
			s++
		}
		if s > scores[tc.kind] {
			scores[tc.kind] = s
			evidence[tc.kind] = hits[0]
		}
	}
	// A stand-alone 2705(b) order is an order that cites 2705(b) and
	// commands no production itself; when a production cue scores as
	// well, the non-disclosure part is a term of that order.
	// A non-disclosure order stands alone when it commands nothing but
	// silence; an order that also commands production is that other kind,
	// with a non-disclosure term.
	if scores[app.NondisclosureOrder] > 0 {
		if x.commandsProduction() {
			delete(scores, app.NondisclosureOrder)
		} else {
			scores[app.NondisclosureOrder] += 20
		}
	}
	best, bestScore := app.OtherProcess, 0
	for _, tc := range typeCues { // order of typeCues breaks ties
		if s := scores[tc.kind]; s > bestScore {
			best, bestScore = tc.kind, s
		}
	}
	// A letter that asks ("Dear Sir or Madam, … please provide") is an
	// informal request unless it names its own legal process strongly; a
	// passing mention of "a warrant" in its body does not make it one.
	if scores[app.InformalRequest] > 0 && bestScore < 6 && letterRe.MatchString(x.c.head(headingLines)) {
		best, bestScore = app.InformalRequest, scores[app.InformalRequest]
	}
	// Informal requests win only when no legal process is named.
	if best == app.InformalRequest || best == app.OtherProcess {
		for _, tc := range typeCues {
			if tc.kind != app.InformalRequest && scores[tc.kind] >= 5 {
				best, bestScore = tc.kind, scores[tc.kind]
			}
		}
	}
	x.ex.ProcessType = best
	if best == app.OtherProcess {
		x.ex.Warnings = append(x.ex.Warnings, "process type: no cue found; set it by hand")
	} else if bestScore < 6 {
		x.ex.Warnings = append(x.ex.Warnings, fmt.Sprintf("process type %s rests on weak cues (%q, page %d); check it", best, evidence[best].groups[0], evidence[best].page))
	}
}

var (
	optionalTime    = regexp.MustCompile(`(?i)\b(?:if\s+you|you\s+may|wish|desire|challenge|object|right\s+to|petition|motion\s+to|appeal)\b`)
	clauseWords     = regexp.MustCompile(`(?i)\b(?:ordered|entered|dated|signed|filed|issued|this|day|on|by|before|until|through|from|to)\b`)
	notContentAfter = regexp.MustCompile(`(?i)^[\s-]*(?:address(?:es)?|header|accounts?\b|ids?\b|identifiers?|user\s*names?)`)
	letterRe        = regexp.MustCompile(`(?im)^\s*(?:dear\b|to\s+whom\s+it\s+may\s+concern|sir\s+or\s+madam|hello\b|greetings\b)`)
	captionRe       = regexp.MustCompile(`(?im)^[ \t]*(?:in\s+re\b|in\s+the\s+matter\s+of\b)[^\n]*(?:\n[^\n]*(?:application|order|subpoena|warrant|search|account|information)[^\n]*){0,3}`)
	// productionRe finds a command to produce, disclose to the government,
	// execute, preserve or appear; commands not to do something are
	// filtered out by commandsProduction.
	productionRe = regexp.MustCompile(`(?i)\b(?:shall|must|is\s+(?:hereby\s+)?(?:ordered|commanded|required|directed)\s+to|are\s+(?:hereby\s+)?(?:ordered|commanded|required|directed)\s+to|you\s+are\s+commanded\s+to|it\s+is\s+(?:hereby\s+|further\s+|therefore\s+)?ordered\b[^;]{0,80}?\bthat)\b[^;]{0,160}?\b(?:produce|disclose\W{0,3}\s*to\W{0,3}\s*the|provide|furnish|execute|preserve|appear|search|intercept|install)\b`)
)

// inLaterHeading reports whether re matches in the first lines of a page
// after the first.
func (x *run) inLaterHeading(re *regexp.Regexp) bool {
	for _, p := range x.c.pages[1:] {
		lines := strings.SplitN(p.text, "\n", 13)
		h := strings.Join(lines[:min(len(lines), 12)], "\n")
		h = captionRe.ReplaceAllString(h, "")
		if mayMatch(re, strings.ToLower(h)) && re.MatchString(h) {
			return true
		}
	}
	return false
}

// commandsProduction reports whether the order commands the provider to do
// something other than keep quiet.
func (x *run) commandsProduction() bool {
	for _, h := range x.c.all(productionRe) {
		if !strings.Contains(strings.ToLower(h.groups[0]), " not ") {
			return true
		}
	}
	return false
}

func (x *run) caseNumber() {
	v, h, conf, ok := x.bestLabel(app.FieldCaseNumber, caseNumberRules, func(h hit) (string, bool) {
		v := strings.TrimRight(h.group(), ".,;:-/")
		if looksLikePhone(v) || looksLikeDate(v) || len(v) < 3 {
			return "", false
		}
		line := strings.ToLower(lineOf(h.text, h.start))
		if strings.Contains(line, "badge") || strings.Contains(line, "phone") || strings.Contains(line, "tel") && !strings.Contains(line, "case") {
			return "", false
		}
		return normaliseCaseNumber(v), true
	})
	if ok {
		x.set(app.FieldCaseNumber, v, h, conf)
	}
}

func normaliseCaseNumber(v string) string {
	v = strings.TrimSpace(v)
	if strings.HasPrefix(strings.ToUpper(v), "NSL") {
		// OCR reads the hyphens of "NSL-25-796345" as ":" or "." now and then.
		v = strings.ToUpper(strings.Map(func(r rune) rune {
			switch r {
			case ' ':
				return -1
			case ':', '.', '~':
				return '-'
			}
			return r
		}, v))
	}
	return v
}

func looksLikePhone(v string) bool {
	digits := 0
	for _, r := range v {
		if r >= '0' && r <= '9' {
			digits++
		}
	}
	return phoneRe.MatchString(v) && digits >= 10 && !strings.ContainsAny(v, ":")
}

func looksLikeDate(v string) bool {
	_, ok := parseDate(v, false)
	return ok
}

func (x *run) issuedDate() {
	v, h, conf, ok := x.bestLabel(app.FieldIssuedDate, issuedRules, func(h hit) (string, bool) {
		t, ok := parseDate(h.group(), x.dayFirst)
		if !ok {
			return "", false
		}
		return formatDate(t), true
	})
	if !ok {
		v, h, conf, ok = x.letterDate()
	}
	if !ok {
		return
	}
	x.set(app.FieldIssuedDate, v, h, conf)
	x.issued, _ = time.Parse(time.DateOnly, v)
}

// letterDate reads a letter's date line: a line near the top of page 1 that
// holds nothing but a date (perhaps after a place: "Washington, D.C., June
// 9, 2025"). It is not "the first date in the text": a date inside a
// sentence or a reference line does not count.
func (x *run) letterDate() (string, hit, float64, bool) {
	p := x.c.pages[0]
	lines := strings.Split(p.text, "\n")
	off := 0
	for i, l := range lines {
		if i >= 30 {
			break
		}
		if t, loc, ok := firstDate(l, x.dayFirst); ok {
			rest := strings.TrimSpace(l[:loc[0]] + l[loc[1]:])
			rest = strings.Trim(rest, " ,.:;'\"|_-—") // a scan's specks around the date
			// What stands beside the date may be a place, not a clause
			// ("SO ORDERED this …" is a signature line, not a letter's).
			if rest == "" || len(rest) <= 30 && !strings.ContainsAny(rest, "0123456789:") && !clauseWords.MatchString(rest) {
				h := hit{page: p.num, start: off + loc[0], end: off + loc[1], text: p.text, groups: []string{l[loc[0]:loc[1]]}}
				return formatDate(t), h, 0.75, true
			}
		}
		off += len(l) + 1
	}
	return "", hit{}, 0, false
}

func (x *run) deadline() {
	v, h, conf, ok := x.bestLabel(app.FieldDeadline, deadlineRules, func(h hit) (string, bool) {
		t, ok := parseDate(h.group(), x.dayFirst)
		if !ok {
			return "", false
		}
		// A deadline before the order was issued is a date of something
		// else ("records created before June 1").
		if !x.issued.IsZero() && t.Before(x.issued) {
			return "", false
		}
		return formatDate(t), true
	})
	if ok {
		x.set(app.FieldDeadline, v, h, conf)
		return
	}
	// "within 14 days of the date of this Order", "within 8 hours" — but
	// not the time the recipient has to object or to ask for something
	// ("if you wish to challenge …, notify us within 10 days").
	var rel hit
	found := false
	for _, c := range x.c.all(relativeDeadline) {
		if !optionalTime.MatchString(sentenceAround(c.text, c.start)) {
			rel, found = c, true
			break
		}
	}
	if !found {
		return
	}
	h = rel
	n, err := strconv.Atoi(h.groups[1])
	if err != nil {
		n = numberWords[strings.ToLower(h.groups[1])]
	}
	if n == 0 {
		return
	}
	if x.issued.IsZero() {
		x.ex.Warnings = append(x.ex.Warnings, fmt.Sprintf("deadline: %q (page %d) but no issued date to count from; set the deadline by hand", h.groups[0], h.page))
		return
	}
	unit := strings.ToLower(h.groups[2])
	due := x.issued
	switch {
	case strings.HasPrefix(unit, "hour"):
		due = due.Add(time.Duration(n) * time.Hour)
	case strings.HasPrefix(unit, "week"):
		due = due.AddDate(0, 0, 7*n)
	case strings.HasPrefix(unit, "business"):
		due = addBusinessDays(due, n)
	default:
		due = due.AddDate(0, 0, n)
	}
	f := app.Field{
		Value:      formatDate(due),
		Page:       h.page,
		Snippet:    h.snippet() + fmt.Sprintf(" [computed: %d %s from the issued date %s]", n, unit, formatDate(x.issued)),
		Confidence: 0.7,
		Computed:   true,
	}
	if strings.Contains(strings.ToLower(h.snippet()), "service") || strings.Contains(strings.ToLower(h.snippet()), "receipt") {
		f.Confidence = 0.55
		f.Snippet += " (counted from the issued date; the order counts from service or receipt)"
	}
	x.ex.Fields[app.FieldDeadline] = f
}

func addBusinessDays(t time.Time, n int) time.Time {
	for n > 0 {
		t = t.AddDate(0, 0, 1)
		if wd := t.Weekday(); wd != time.Saturday && wd != time.Sunday {
			n--
		}
	}
	return t
}

func (x *run) dataCategories() {
	seen := map[string]bool{}
	for _, dc := range dataCues {
		if seen[dc.category] {
			continue
		}
		for _, h := range x.c.all(dc.re) {
			// The negation must stand in the same sentence, which may
			// have wrapped onto the line before.
			before := h.text[max(0, h.start-160):h.start]
			if i := strings.LastIndexAny(before, ".;"); i >= 0 && dc.category != app.DataPreservation {
				before = before[i+1:]
			}
			if negation.MatchString(before) || uncheckedBox.MatchString(before) {
				continue
			}
			// "All e-mail addresses associated with the account" asks for
			// addresses, not e-mails.
			if dc.category == app.DataContent && notContentAfter.MatchString(h.text[h.end:min(len(h.text), h.end+24)]) {
				continue
			}
			seen[dc.category] = true
			break
		}
	}
	// A preservation request asks for nothing to be disclosed yet, whatever
	// it asks to be kept.
	if x.ex.ProcessType == app.Preservation2703f || x.ex.ProcessType == app.EPOCPR {
		seen = map[string]bool{app.DataPreservation: true}
	}
	for _, name := range []string{app.DataSubscriber, app.DataNonContent, app.DataContent, app.DataPreservation} {
		if seen[name] {
			x.ex.DataCategories = append(x.ex.DataCategories, name)
		}
	}
}

func (x *run) legalBasis() {
	seen := map[string]bool{}
	for _, h := range x.c.all(legalBasisRe) {
		v := normaliseCitation(h)
		if v != "" && !seen[v] {
			seen[v] = true
			x.ex.LegalBasis = append(x.ex.LegalBasis, v)
		}
	}
}

// normaliseCitation writes a U.S. Code citation as "18 U.S.C. § 2703(d)"
// and other citations with their spacing folded.
func normaliseCitation(h hit) string {
	if h.groups[1] != "" {
		sub := strings.ReplaceAll(h.groups[3], " ", "")
		return fmt.Sprintf("%s U.S.C. § %s%s", h.groups[1], h.groups[2], sub)
	}
	return strings.Join(strings.Fields(h.groups[0]), " ")
}

func (x *run) nondisclosure() {
	nd := &x.ex.Nondisclosure
	h, ordered := x.c.first(ndoOrdered)
	if !ordered {
		h2, requested := x.c.first(ndoRequested)
		if !requested {
			return
		}
		nd.Requested = true
		h = h2
	} else {
		nd.Ordered = true
	}
	nd.Page = h.page
	nd.Snippet = h.snippet()
	if b, ok := x.c.first(ndoBasis); ok {
		nd.Basis = "18 U.S.C. § " + strings.ReplaceAll(b.groups[1], " ", "")
	}
	// The duration is read in a sentence that imposes the gag: a paragraph
	// may also hold a preservation period or a deadline.
	cues := x.c.all(ndoOrdered)
	if !nd.Ordered {
		cues = x.c.all(ndoRequested)
	}
	// Only what follows the cue counts: "preserved for 60 days, and may not
	// be disclosed" gives no duration to the gag.
	para := ""
	for _, c := range cues {
		_, end := sentenceBounds(c.text, c.start)
		if s := c.text[c.start:max(end, c.start)]; ndoDays.MatchString(s) || ndoUntil.MatchString(s) {
			para = s
			break
		}
	}
	if m := ndoDays.FindStringSubmatch(para); m != nil {
		n, err := strconv.Atoi(m[1])
		if err != nil {
			n = numberWords[strings.ToLower(m[1])]
		}
		switch u := strings.ToLower(m[2]); {
		case strings.HasPrefix(u, "year"):
			nd.Days = 365 * n
		case strings.HasPrefix(u, "month"):
			nd.Days = 30 * n
		default:
			nd.Days = n
		}
	}
	if m := ndoUntil.FindStringSubmatch(para); m != nil {
		if t, ok := parseDate(m[1], x.dayFirst); ok {
			s := formatDate(t)
			nd.Until = &s
		}
	}
}

func (x *run) emergency() {
	if x.ex.ProcessType == app.EmergencyRequest {
		x.ex.Emergency = true
		return
	}
	if h, ok := x.c.first(emergencyRe); ok {
		line := strings.ToLower(lineOf(h.text, h.start))
		if negation.MatchString(h.text[max(0, h.start-60):h.start]) || strings.Contains(line, "in an emergency") || strings.Contains(line, "in case of emergency") {
			return
		}
		x.ex.Emergency = true
	}
}

func (x *run) dateRange() {
	h, ok := x.c.first(rangeRe)
	if !ok {
		return
	}
	start, end := h.groups[1], h.groups[2]
	if t, ok := parseDate(start, x.dayFirst); ok {
		x.set(app.FieldDateRangeStart, formatDate(t), h, 0.85)
	}
	if t, ok := parseDate(end, x.dayFirst); ok {
		x.set(app.FieldDateRangeEnd, formatDate(t), h, 0.85)
	}
}

// warn turns weak and conflicting fields into warnings a reviewer sees.
func (x *run) warn() {
	x.ex.Warnings = append(x.ex.Warnings, x.conflicts...)
	for _, name := range []string{app.FieldCaseNumber, app.FieldIssuedDate} {
		if _, ok := x.ex.Fields[name]; !ok {
			x.ex.Warnings = append(x.ex.Warnings, name+": not found; enter it from the order")
		}
	}
	names := make([]string, 0, len(x.ex.Fields))
	for n := range x.ex.Fields {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, n := range names {
		if f := x.ex.Fields[n]; f.Confidence < lowConfidence {
			x.ex.Warnings = append(x.ex.Warnings, fmt.Sprintf("%s: %q is uncertain (confidence %.2f); check it against page %d", n, f.Value, f.Confidence, f.Page))
		}
	}
}
