package extract

import (
	"regexp"
	"strings"
	"sync"
)

// Which of the sender's numbers is the agent's telephone? Signature blocks
// and letterheads give several, each with its label ("Desk: …  Cell: …
// Fax: …", "(312) 555-0174 (office) / (312) 555-0999 (fax)"), in any
// order, so a number's kind is read from the label nearest to it: the last
// label before it on its line, or a label in brackets right after it.
//
//   - A fax is the sender's, but nobody answers it: never the agent's
//     telephone ("Tel/Fax:" names a telephone that takes faxes too).
//   - A mobile beside an office line is the officer's second number: the
//     desk, office or direct line is the one the order gives to call.
//   - A number in the letterhead is the office's; the one in the signature
//     block or the contact sentence is the officer's own.

type phoneKind uint8

const (
	phoneUnlabelled phoneKind = iota
	phoneLine                 // tel., phone, desk, office, direct…
	phoneMobile
	phoneFax
)

var phoneLabelRes = sync.OnceValue(func() *[2]*regexp.Regexp {
	return &[2]*regexp.Regexp{
		// Word starts only: "telephone" and "officer" read as a
		// telephone's label, which is all that is asked of them. Fax
		// words first, so that "telefax" is no "tel".
		regexp.MustCompile(`(?i)\b(?:(?:tele)?fax|facsimile|télécopie|telecopier|mobile|mob\b|cell|handy|móvil|portable|gsm|tel|phone|desk|direct|office|voice|landline|call|ring|dial)\.?`),
		// A label in brackets right after the number: "555-0999 (fax)".
		regexp.MustCompile(`(?i)^\s*[(\[]\s*((?:tele)?fax|facsimile|télécopie|mobile|cell|handy|tel|phone|desk|direct|office)`),
	}
})

// labelKind is the kind of number a label names.
func labelKind(label string) phoneKind {
	l := strings.ToLower(label)
	switch {
	case strings.Contains(l, "fax") || strings.HasPrefix(l, "facs") || strings.HasPrefix(l, "téléc") || strings.HasPrefix(l, "telec"):
		return phoneFax
	case strings.HasPrefix(l, "mob") || strings.HasPrefix(l, "cell") || strings.HasPrefix(l, "handy") || strings.HasPrefix(l, "móvil") || strings.HasPrefix(l, "portable") || strings.HasPrefix(l, "gsm"):
		return phoneMobile
	}
	return phoneLine
}

// numberKind gives the kind of the number at text[start:end] by its label.
func numberKind(text string, start, end int) phoneKind {
	ls := strings.LastIndexByte(text[:start], '\n') + 1
	le := len(text)
	if e := strings.IndexByte(text[end:], '\n'); e >= 0 {
		le = end + e
	}
	res := phoneLabelRes()
	if m := res[1].FindStringSubmatch(text[end:le]); m != nil {
		return labelKind(m[1])
	}
	// The nearest label before it: "Tel: (312) 555-0100  Fax: (312)
	// 555-0199" gives each number its own.
	before := text[max(ls, start-40):start]
	ms := res[0].FindAllStringIndex(before, -1)
	if len(ms) == 0 {
		return phoneUnlabelled
	}
	last := ms[len(ms)-1]
	kind := labelKind(before[last[0]:last[1]])
	// "Tel/Fax:", "Phone & fax:", "Tel./Mobile:" — one number for both.
	if len(ms) >= 2 && last[0]-ms[len(ms)-2][1] <= 3 {
		return phoneLine
	}
	return kind
}

// numberPlace is how far a sender's number ranks below the agent's own
// line: a mobile after the desk line, the letterhead's office number after
// the signature's.
func (x *run) numberPlace(k int, text string, start, end int) float64 {
	var down float64
	if numberKind(text, start, end) == phoneMobile {
		down += 0.06
	}
	if n := lineIndex(text, start); k == x.c.lead && n < 6 && x.lineParts(k)[n] == partSender && !titledNameRe().MatchString(lineOf(text, start)) && !x.signatureAbove(k, n) {
		down += 0.05
	}
	return down
}

// signatureAbove reports whether line n of page k is held by a signature
// or contact block begun above it rather than by the letterhead.
func (x *run) signatureAbove(k, n int) bool {
	lines := strings.Split(x.c.pages[k].text, "\n")
	for i := 0; i < n && i < len(lines); i++ {
		if r := whoseRules(); r.closing.MatchString(lines[i]) || r.from.MatchString(lines[i]) || titledNameRe().MatchString(lines[i]) {
			return true
		}
	}
	return false
}
