package extract

import (
	"regexp"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"
)

// A form's choice wraps: "(c) [ ] traffic data: records of connections,
// … size,\nlocation data, log-in/log-off records". The second line has no
// box of its own and is still the choice the box on the line above
// offers, unticked like it. A line goes on with the line above when the
// line above ends no sentence and this one begins in lower case.

// wrappedUnticked reports whether the cue at h stands on a line that
// continues an unticked choice of the lines above it.
func wrappedUnticked(h hit) bool {
	ls := strings.LastIndexByte(h.text[:h.start], '\n') + 1
	for k := 0; k < 3 && ls > 0; k++ {
		line := strings.TrimSpace(h.text[ls:min(len(h.text), ls+lineLen(h.text[ls:]))])
		prevStart := strings.LastIndexByte(h.text[:ls-1], '\n') + 1
		prev := strings.TrimSpace(h.text[prevStart : ls-1])
		r, _ := utf8.DecodeRuneInString(line)
		if prev == "" || !unicode.IsLower(r) || strings.HasSuffix(prev, ".") || strings.HasSuffix(prev, ";") {
			return false
		}
		if m := asksRules().boxBefore.FindStringSubmatch(prev); m != nil {
			return emptyBox(strings.TrimSpace(m[1]))
		}
		ls = prevStart
	}
	return false
}

func lineLen(s string) int {
	if i := strings.IndexByte(s, '\n'); i >= 0 {
		return i
	}
	return len(s)
}

// itemStartRe opens an item of a list at a line's start: "a) ", "(b) ",
// "2. ", "- ", "• ".
var itemStartRe = sync.OnceValue(func() *regexp.Regexp {
	return regexp.MustCompile(`(?m)^[ \t]*(?:\(?[a-z0-9]{1,3}[).]|[-•*–])[ \t]`)
})

// itemClause cuts the text before a cue to the list item the cue stands
// in: a negation before the list ("no prazo de 10 dias … forneça as
// seguintes informações:\na) dados cadastrais") does not reach its items.
func itemClause(before string) string {
	if locs := itemStartRe().FindAllStringIndex(before, -1); len(locs) > 0 {
		return before[locs[len(locs)-1][1]:]
	}
	return before
}
