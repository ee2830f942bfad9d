package extract

import (
	"strings"
	"unicode"

	"github.com/warrantdesk/warrantdesk/app"
)

// A value read from an OCR page is only as sure as the engine was of its
// words. Tesseract misreads a letter of a name or an address
// ("jeolomer@…" for jcolomer, "rcmp-gre.example.ge.ca") with lower
// confidence in that word than in the page's clean ones, so a value whose
// words it read under unsureOCRWord is not reported at 0.9 or more, where
// a reviewer may skip checking it. Measured on scanned twins of the dev
// sets' born-digital orders, the dev sets' scans and train7's scans (278
// values at 0.9 or more read from OCR pages): 5 of the 7 wrong ones had a
// word under 75, against 34 of the 271 right ones.
const (
	unsureOCRWord = 75
	unsureOCRCap  = 0.85
)

// unsureOCR reports whether f was read from an OCR page on which a word of
// its value was read with confidence under unsureOCRWord.
func (c *corpus) unsureOCR(f app.Field) bool {
	if f.Value == "" || f.Computed {
		return false
	}
	p := c.pageNumbered(f.Page)
	if p == nil || len(p.words) == 0 {
		return false
	}
	words := p.words
	tokens := map[string]bool{}
	for _, t := range strings.Fields(f.Value) {
		if t = bareWord(t); len([]rune(t)) >= 2 {
			tokens[t] = true
		}
	}
	for _, w := range words {
		if w.Confidence < unsureOCRWord && partOf(bareWord(w.Text), tokens) {
			return true
		}
	}
	return false
}

// partOf reports whether the word w is one of the value's tokens, or a
// piece OCR split off one, at its start or end ("jeolomer@" of
// "jeolomer@policia.example.es"), four letters or more.
func partOf(w string, tokens map[string]bool) bool {
	if len([]rune(w)) < 2 {
		return false
	}
	if tokens[w] {
		return true
	}
	for t := range tokens {
		if len([]rune(w)) >= 4 && (strings.HasPrefix(t, w) || strings.HasSuffix(t, w)) {
			return true
		}
	}
	return false
}

// bareWord is s in lower case without the punctuation around it.
func bareWord(s string) string {
	return strings.ToLower(strings.TrimFunc(s, func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) }))
}
