package extract

import (
	"strings"
	"unicode"
)

// A label that starts a line ("Made on 4 August 2026", "Dated: …") is
// read at the line's start so that a date inside a sentence does not
// count. Running text wrapped at the wrong word puts the same words there
// ("… on the application of the Police\nmade on 4 August 2026 …"): a
// line that begins in lower case and carries on a line of prose that ends
// mid-sentence is no label but the rest of that sentence, and the date it
// gives belongs to what the sentence is about.

// continuesSentence reports whether offset i stands on a line that carries
// on the previous line's sentence.
func continuesSentence(text string, i int) bool {
	ls := strings.LastIndexByte(text[:i], '\n') + 1
	t := strings.TrimLeft(text[ls:], " \t")
	if t == "" || !unicode.IsLower([]rune(t)[0]) || ls == 0 {
		return false
	}
	prev := strings.TrimSpace(text[strings.LastIndexByte(text[:ls-1], '\n')+1 : ls-1])
	if prev == "" || !proseLine(prev) {
		return false
	}
	last := []rune(prev)[len([]rune(prev))-1]
	return unicode.IsLetter(last) || unicode.IsDigit(last) || last == ','
}
