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

// A non-disclosure order the sender may seek ("so that the government may
// seek a non-disclosure order under 18 U.S.C. 2705(b)", "before seeking an
// order under § 2705(b)") is one no court has made: it gags no one.
var soughtOrderRe = sync.OnceValue(func() *regexp.Regexp {
	return regexp.MustCompile(`(?i)\b(?:(?:may|might|could|would|will|can|to)\s+(?:seek|apply\s+for|obtain|request|move\s+for)|seeking|applying\s+for)\b[^;]{0,70}$`)
})

// soughtOrder reports whether the gag cue at h names an order yet to be
// sought.
func soughtOrder(h hit) bool {
	start, _ := sentenceBounds(h.text, h.start)
	return soughtOrderRe().MatchString(h.text[max(start, h.start-100):h.start])
}
