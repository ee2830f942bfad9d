package extract

import (
	"regexp"
	"regexp/syntax"
	"strings"
	"sync"
)

// Go's regexp has no fast path for case-insensitive patterns that start
// with an alternation, which most rules are, so each one used to step
// through every byte of every page. A rule can only match where one of a
// few literals occurs, though ("security" for "national security letter");
// needs derives those literals from the pattern itself, and the corpus skips
// a rule on a page that lacks all of them. Rules stay plain regexps.

var needCache sync.Map // *regexp.Regexp → []string (nil: cannot tell)

// needs returns lower-case literals of which every match of re contains at
// least one, or nil when the pattern gives no such guarantee.
func needs(re *regexp.Regexp) []string {
	if v, ok := needCache.Load(re); ok {
		return v.([]string)
	}
	var lits []string
	if tree, err := syntax.Parse(re.String(), syntax.Perl); err == nil {
		lits = required(tree.Simplify())
		for _, l := range lits {
			if len(l) < 3 {
				lits = nil // too short to be worth a check
				break
			}
		}
	}
	needCache.Store(re, lits)
	return lits
}

func required(re *syntax.Regexp) []string {
	switch re.Op {
	case syntax.OpLiteral:
		return []string{strings.ToLower(string(re.Rune))}
	case syntax.OpCapture, syntax.OpPlus:
		return required(re.Sub[0])
	case syntax.OpRepeat:
		if re.Min >= 1 {
			return required(re.Sub[0])
		}
	case syntax.OpConcat:
		var best []string
		for _, sub := range re.Sub {
			if s := required(sub); s != nil && shortest(s) > shortest(best) {
				best = s
			}
		}
		return best
	case syntax.OpAlternate:
		return eachOf(re.Sub, required)
	}
	return nil
}

func shortest(s []string) int {
	if len(s) == 0 {
		return 0
	}
	n := len(s[0])
	for _, x := range s[1:] {
		n = min(n, len(x))
	}
	return n
}

// mayMatch reports whether re can match in a text whose lower-case form is
// lower.
func mayMatch(re *regexp.Regexp, lower string) bool {
	lits := needs(re)
	if lits == nil {
		return true
	}
	for _, l := range lits {
		if strings.Contains(lower, l) {
			return true
		}
	}
	return false
}
