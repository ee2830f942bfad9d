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
	"strings"
	"time"

	"github.com/warrantdesk/warrantdesk/app"
)

// Extractor implements app.Extractor.
type Extractor struct{}

var _ app.Extractor = Extractor{}

// New returns an Extractor, its rules compiled.
func New() Extractor {
	compileRules()
	return Extractor{}
}

// lowConfidence is the confidence under which a field raises a warning.
const lowConfidence = 0.6

// Extract finds the fields of the order whose text is doc, read as one
// order (a cover letter or an application in it is read as accompanying
// the order).
func (Extractor) Extract(doc *app.Document) app.Extraction {
	c := prepare(doc)
	if parts := c.parts(doc); len(parts) > 0 {
		c.lead = parts[0].c.lead
	}
	return extract(c)
}

// Read prepares doc's pages once, tells apart the orders it bundles and
// extracts each from the same prepared pages: one part for an ordinary
// file.
func (Extractor) Read(doc *app.Document) []app.OrderPart {
	c := prepare(doc)
	parts := c.parts(doc)
	if len(parts) == 0 {
		return []app.OrderPart{{Pages: app.PageRange{From: 1, To: max(1, len(doc.Pages))}, Extraction: extract(c)}}
	}
	out := make([]app.OrderPart, 0, len(parts))
	for _, p := range parts {
		out = append(out, app.OrderPart{Pages: p.pages, Extraction: extract(p.c)})
	}
	return out
}

// Text returns pages as the rules read them — cleaned, OCR's confusions
// undone — one after the other, so the review checks read what the
// extractor read.
func (Extractor) Text(pages []app.PageText) string {
	var b strings.Builder
	for _, p := range prepare(&app.Document{Pages: pages}).pages {
		b.WriteString(p.text)
		b.WriteByte('\n')
	}
	return b.String()
}

func extract(c *corpus) app.Extraction {
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
	x.dayFirst = c.dateOrder(x.dayFirst)
	x.processType()
	x.requestingState()
	x.caseNumber()
	x.issuedDate()
	x.authority()
	x.judge()
	x.agent()
	x.recipient()
	x.targets()
	x.settleAgent()
	x.dataCategories()
	x.legalBasis()
	x.nondisclosure()
	x.emergency()
	x.dateRange()
	x.deadline()
	x.moments()
	x.priorRefs()
	x.calibrate()
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
	// agentCands wait for the sender's contacts (settleAgent).
	agentCands []cand
	// letter caches the letter's date line (letterDate), country0 the
	// sender's country (senderCountry), owners the sentences judged in
	// whose.
	letter   *valued
	country0 *struct {
		code string
		h    hit
		n    int
	}
	sentenceCue map[[2]int]uint8
	tops        map[topKey]hit // heading matches (topMatch)
	// agencyByDomain: the agency was read from a mail domain only.
	agencyByDomain bool
	// agencyInitials holds the initials of the agencies the order names
	// (namedAgencysDomain).
	agencyInitials map[string]bool
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

var (
	optionalTime    *regexp.Regexp
	clauseWords     *regexp.Regexp
	notContentAfter *regexp.Regexp
)

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

// letterDate reads a letter's date line: a line near the top of page 1 that
// holds nothing but a date (perhaps after a place: "Washington, D.C., June
// 9, 2025"). It is not "the first date in the text": a date inside a
// sentence or a reference line does not count.
func (x *run) letterDate() (string, hit, float64, bool) {
	if x.letter != nil {
		return x.letter.value, x.letter.hit, x.letter.conf, x.letter.value != ""
	}
	v, h, conf, ok := x.readLetterDate()
	x.letter = &valued{value: v, hit: h, conf: conf}
	return v, h, conf, ok
}

func (x *run) readLetterDate() (string, hit, float64, bool) {
	p := x.c.leadPage()
	lines := strings.Split(p.text, "\n")
	off := 0
	for i, l := range lines {
		if i >= 30 {
			break
		}
		if t, loc, ok := firstDate(l, x.dayFirst); ok {
			// What stands beside the date may be a place (with its postal
			// code), the same date in another script or calendar, but not a
			// clause ("SO ORDERED this …" is a signature line, not a
			// letter's).
			rest := eraDateRe.ReplaceAllString(dateRe.ReplaceAllString(l[:loc[0]]+" "+l[loc[1]:], " "), " ")
			rest = parenRe.ReplaceAllString(rest, " ")
			rest = postcodeRe.ReplaceAllString(rest, " ")
			rest = strings.Trim(strings.TrimSpace(rest), " ,.:;'\"|_-—") // a scan's specks around the date
			if rest == "" || len(rest) <= 40 && !strings.ContainsAny(rest, "0123456789:") && !clauseWords.MatchString(rest) && !receiptStamp(rest) {
				h := hit{page: p.num, start: off + loc[0], end: off + loc[1], text: p.text, groups: []string{l[loc[0]:loc[1]]}}
				return formatDate(t), h, 0.75, true
			}
		}
		off += len(l) + 1
	}
	return "", hit{}, 0, false
}

var (
	parenRe    *regexp.Regexp
	postcodeRe *regexp.Regexp
)

func addBusinessDays(t time.Time, n int) time.Time {
	for n > 0 {
		t = t.AddDate(0, 0, 1)
		if wd := t.Weekday(); wd != time.Saturday && wd != time.Sunday {
			n--
		}
	}
	return t
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
