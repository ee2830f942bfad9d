package extract

import (
	"regexp"
	"strings"

	"github.com/warrantdesk/warrantdesk/app"
)

// doubt is what calibrate reads about a chosen value besides the strength
// of the rule that won it: whether the value looks like part of a longer
// one. On orders written by other hands than the dev sets' (train6), the
// e-mail addresses reported at 0.9 or more that were wrong had been split
// by a line break or by OCR ("otranh- whitlock@…", "florian,eichinger@…"),
// and a name broken at its hyphen was as wrong. A right value seldom has
// these marks: they are what a cut leaves.
type doubt struct {
	// cut: where the value was read, the text runs into it or out of it
	// across a joining mark (cutShort).
	cut bool
	// weakShape: the value's shape is one a cut or misread value has for
	// its field (weakShape).
	weakShape bool
}

// doubtful reports whether the value should be checked whatever the rule
// that found it.
func (d doubt) doubtful() bool { return d.cut || d.weakShape }

// doubtedFields are the fields whose values are one token or one name a
// cut shortens: an authority's or a body's name that runs on is still
// read whole by its own rules.
var doubtedFields = map[string]bool{
	app.FieldCaseNumber: true,
	app.FieldAgentEmail: true,
	app.FieldAgentName:  true,
	app.FieldJudge:      true,
}

// doubtOf reads field name's value f in the order c for the marks of a cut.
func doubtOf(c *corpus, name string, f app.Field) doubt {
	if !doubtedFields[name] {
		return doubt{}
	}
	d := doubt{weakShape: weakShape(name, f.Value)}
	if p := c.pageNumbered(f.Page); p != nil {
		d.cut = cutShort(p.text, p.lower, f.Snippet, f.Value)
	}
	return d
}

var (
	// A case number that is only a year, or has fewer than four digits,
	// is most often a fragment: the rest on the next line, or a year read
	// where the number was cut.
	bareYearRe *regexp.Regexp
	digitRe    *regexp.Regexp
	// An address whose local part is one or two characters is most often
	// what is left when a line break or OCR cut the front off.
	emailShapeRe *regexp.Regexp
	// A name with a hyphen before a blank was broken at its hyphen
	// ("Tranh- Whitlock"): a line break or OCR split it.
	brokenNameRe *regexp.Regexp
)

// weakShape reports a value whose shape is one that a cut or misread
// value of its field has.
func weakShape(name, v string) bool {
	v = strings.TrimSpace(v)
	switch name {
	case app.FieldCaseNumber:
		return bareYearRe.MatchString(v) || len(digitRe.FindAllString(v, -1)) < 4
	case app.FieldAgentEmail:
		m := emailShapeRe.FindStringSubmatch(strings.ToLower(v))
		return m == nil || len(m[1]) <= 2
	case app.FieldAgentName, app.FieldJudge:
		return brokenNameRe.MatchString(v)
	}
	return false
}

var (
	// runsIn: the text before a value ends in a word and a hyphen or an
	// underscore (a line break's join), maybe with one blank and an
	// opening quote between, or in a word and a comma touching the value
	// (OCR's reading of the full stop in "first.last@"). A full stop with
	// a blank is left out: "No. " ends a label.
	runsInRe *regexp.Regexp
	// runsOn: the text after a value goes on with a joining mark and more
	// of it.
	runsOnRe *regexp.Regexp
	// domainOnRe: an address is followed by a comma and a top-level
	// domain that ends the sentence or the line, OCR having read a comma
	// for the full stop that should join them (", com a" is Portuguese).
	domainOnRe *regexp.Regexp
)

// cutShort reports whether v, where text names it on the line snippet
// shows (else where text first names it), is split: a join runs into it
// or out of it (runsInRe, runsOnRe, domainOnRe). The line matters: a
// docket header ("Case 2:26-mj-00418-ABC Document 1") may name a longer
// form of the value read beside its label.
func cutShort(text, lower, snippet, v string) bool {
	if len(v) < 3 {
		return false
	}
	// lower is text lower-cased once for the page (pageText.lower). It
	// keeps byte offsets for the ASCII a value's joins are made of; a page
	// where it does not is read as not cut.
	lt, lv := lower, strings.ToLower(v)
	if len(lt) != len(text) {
		return false
	}
	i := -1
	if from := strings.Index(text, snippet); snippet != "" && from >= 0 {
		if k := strings.Index(lt[from:], lv); k >= 0 {
			i = from + k
		}
	}
	if i < 0 {
		i = strings.Index(lt, lv)
	}
	if i < 0 {
		return false
	}
	before := text[max(0, i-8):i]
	after := text[i+len(v):]
	return runsInRe.MatchString(before) || runsOnRe.MatchString(after) || domainOnRe.MatchString(after)
}

// compileEvidence compiles this file's patterns (called by compileAll).
func compileEvidence() {
	bareYearRe = regexp.MustCompile(`^(?:19|20)\d\d$`)
	digitRe = regexp.MustCompile(`\d`)
	emailShapeRe = regexp.MustCompile(`^([^@\s]+)@[^@\s]+\.[a-z]{2,}$`)
	brokenNameRe = regexp.MustCompile(`\p{L}-\s+\p{L}`)
	runsInRe = regexp.MustCompile(`(?:[\p{L}\d][-_]\s?["'“]?|[\p{L}\d],)$`)
	runsOnRe = regexp.MustCompile(`^[-_/]\s*[\p{L}\d]`)
	domainOnRe = regexp.MustCompile(`^,\s?(?:gov|com|org|net|edu|mil|int)(?:[.;,)]|\s*\n|\s*$)`)
}
