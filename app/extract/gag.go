package extract

import (
	"regexp"
	"sync"
)

// "The provider shall not disclose the contents of any stored file" limits
// what is produced; it gags no one. A gag forbids telling of the order —
// its existence, the account holder, any person — and its object is never
// the data.
var scopeLimitRe = sync.OnceValue(func() *regexp.Regexp {
	return regexp.MustCompile(`(?i)^\s+(?:the\s+|any\s+)?(?:contents?|message\s+bodies|file\s+names)\b`)
})

// scopeLimit reports whether the gag cue at h ("shall not disclose") has
// the data for its object.
func scopeLimit(h hit) bool {
	return scopeLimitRe().MatchString(h.text[h.end:min(len(h.text), h.end+40)])
}
