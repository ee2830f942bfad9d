package extract

import (
	"regexp"
	"strings"
	"sync"
)

// OCR reads the underscore of a user name as a space: the rule under the
// letters is faint, or drawn by a font as a gap ("orl dealz 407" for
// orl_dealz_407). A user name holds no space, so a quoted user name on a
// recognised page whose words are lower case, one of them with a digit, is
// that one name with its underscores lost.

var spacedHandleRe = sync.OnceValue(func() *regexp.Regexp {
	return regexp.MustCompile(`(?i)\b(?:user\s*names?|usernames?|handles?|screen\s*names?|benutzernamen?s?|nom\s+d['’]utilisateur|nombre\s+de\s+usuario|nome\s+utente)\s*:?\s*["“”„'‘’]([a-z0-9][a-z0-9_.\-]*(?: [a-z0-9][a-z0-9_.\-]*){1,3})["“”'‘’]`)
})

// spacedHandles finds those names on page k and gives them joined again.
func (x *run) spacedHandles(k int) []span {
	p := x.c.pages[k]
	if !p.recognised {
		return nil // a text layer writes the underscore it has
	}
	var out []span
	for _, m := range findAll(spacedHandleRe(), p.text) {
		raw := p.text[m[2]:m[3]]
		if strings.ToLower(raw) != raw || !strings.ContainsAny(raw, "0123456789") {
			continue // "John Smith": words, not a name OCR broke
		}
		v := strings.ReplaceAll(raw, " ", "_")
		if !usernameShaped(v) || x.whose(k, m[2], v) != ownTarget {
			continue
		}
		out = append(out, span{v, m[0], m[1]})
	}
	return out
}

// span is a value read at text[start:end].
type span struct {
	value      string
	start, end int
}

// inSpans reports whether offset i falls inside one of spans.
func inSpans(spans []span, i int) bool {
	for _, s := range spans {
		if i >= s.start && i < s.end {
			return true
		}
	}
	return false
}
