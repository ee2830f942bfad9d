package pdftext

import "strings"

// functionWords are common words of orders, in English; the OCR layer of a
// page scanned upside down reads many of them backwards ("eht", "dna",
// "retteL"), word by word, mixed with words it read the right way.
var functionWords = []string{"the", "and", "for", "that", "this", "with", "you", "your", "are", "from",
	"not", "any", "all", "which", "under", "letter", "records", "information", "shall", "will", "section",
	"court", "order", "request", "provide", "account", "of", "to"}

var forwardWords, reversedWords = func() (map[string]bool, map[string]bool) {
	fwd, back := map[string]bool{}, map[string]bool{}
	for _, w := range functionWords {
		fwd[w] = true
		back[reverse(w)] = true
	}
	return fwd, back
}()

// backwards reports whether a text layer reads backwards in good part: such
// text cannot be trusted word by word, so the page needs OCR instead.
func backwards(text string) bool {
	var fwd, back int
	for _, t := range strings.Fields(strings.ToLower(text)) {
		t = strings.Trim(t, ".,;:()[]\"'")
		if forwardWords[t] {
			fwd++
		}
		if reversedWords[t] {
			back++
		}
	}
	return back >= 3 && back*2 >= fwd
}

func reverse(s string) string {
	r := []rune(s)
	for i, j := 0, len(r)-1; i < j; i, j = i+1, j-1 {
		r[i], r[j] = r[j], r[i]
	}
	return string(r)
}
