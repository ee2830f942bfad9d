package app

import (
	"slices"
	"strings"
	"unicode"
)

// WordKey is a word as searches and evidence compare it: its letters and
// digits only, lower-case, so OCR's stray punctuation and a text layer's
// word splits matter little ("Smith," and "smith" are one word).
func WordKey(s string) string {
	return strings.Map(func(r rune) rune {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			return unicode.ToLower(r)
		}
		return -1
	}, s)
}

// WordKeys splits s into words and returns their keys (WordKey), leaving
// out words with neither letters nor digits.
func WordKeys(s string) []string {
	var out []string
	for _, f := range strings.Fields(s) {
		if k := WordKey(f); k != "" {
			out = append(out, k)
		}
	}
	return out
}

// IndexWords makes the full-text index of an order's pages (kept by the
// store apart from the case, Store.TextIndex):
// every distinct word key, sorted, one space apart, with a space at each
// end so that a word is found at its start by looking for " "+prefix. A
// word joined by punctuation is kept whole and in its parts, so both
// "janedoe" and "doe" find "jane.doe@example.com", and "site" finds
// "cell-site".
func IndexWords(pages []PageText) string {
	seen := map[string]bool{}
	for _, p := range pages {
		for _, f := range strings.Fields(p.Text) {
			if k := WordKey(f); k != "" {
				seen[k] = true
			}
			parts := strings.FieldsFunc(f, func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) })
			if len(parts) > 1 {
				for _, part := range parts {
					seen[strings.ToLower(part)] = true
				}
			}
		}
	}
	if len(seen) == 0 {
		return ""
	}
	keys := make([]string, 0, len(seen))
	for k := range seen {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return " " + strings.Join(keys, " ") + " "
}
