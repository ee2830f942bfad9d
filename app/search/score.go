package search

import (
	"strings"
	"unicode/utf8"

	"github.com/sahilm/fuzzy"
)

// The matcher allocates for every entry it tries and decodes runes and folds
// case through unicode tables on every character; on a one-letter query
// that matches most of a large store that is most of a keystroke's time.
// scoreASCII is the same matcher's rules, step for step, for the common
// case of an ASCII query and an ASCII entry, allocating nothing; any other
// pair goes to the matcher itself. TestScore_SameAsTheMatcher holds the two
// to the same scores and positions.

// matchEntry scores query (whose ASCII form is pat, nil when it is not
// ASCII) against s, appending the matched positions to idx.
func matchEntry(query string, pat []byte, s string, idx []int) (score int, out []int, ok bool) {
	return matchKnown(query, pat, s, shapeOf(s), idx)
}

// matchKnown is matchEntry of a text whose shape (its signature's
// nonASCII and hasNUL bits) is known: a text known to hold no NUL is not
// scanned for one, which was half of scoring a text.
func matchKnown(query string, pat []byte, s string, shape uint64, idx []int) (score int, out []int, ok bool) {
	if pat != nil && shape&nonASCII == 0 {
		if shape&hasNUL == 0 {
			return scoreWhole(pat, s, idx)
		}
		return scoreASCII(pat, s, idx)
	}
	m := fuzzy.Find(query, []string{s})
	if len(m) == 0 {
		return 0, idx, false
	}
	return m[0].Score, append(idx, m[0].MatchedIndexes...), true
}

func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			return false
		}
	}
	return true
}

// The matcher's bonuses and penalties (github.com/sahilm/fuzzy).
const (
	firstCharMatchBonus            = 10
	matchFollowingSeparatorBonus   = 20
	camelCaseMatchBonus            = 20
	adjacentMatchBonus             = 5
	unmatchedLeadingCharPenalty    = -5
	maxUnmatchedLeadingCharPenalty = -15
)

// scoreASCII is fuzzy.FindFromIterNoSort's loop for one ASCII entry.
func scoreASCII(pat []byte, s string, idx []int) (int, []int, bool) {
	if i := strings.IndexByte(s, 0); i >= 0 {
		s = s[:i]
	}
	return scoreWhole(pat, s, idx)
}

// scoreWhole is scoreASCII of a text that holds no NUL (the matcher
// reads a text only to its first).
func scoreWhole(pat []byte, s string, idx []int) (int, []int, bool) {
	start := len(idx)
	total, patternIndex := 0, 0
	bestScore, matchedIndex, currAdjacent := -1, -1, 0
	var last byte
	lastIndex := 0
	for j := 0; j < len(s); j++ {
		c := s[j]
		if patternIndex < len(pat) && foldEq(c, pat[patternIndex]) {
			score := charBonus(j, last, c)
			if len(idx) > start && idx[len(idx)-1] == lastIndex {
				bonus := currAdjacent*2 + adjacentMatchBonus
				score += bonus
				currAdjacent += bonus
			}
			if score > bestScore {
				bestScore, matchedIndex = score, j
			}
		}
		var nextp, nextc byte
		if patternIndex < len(pat)-1 {
			nextp = pat[patternIndex+1]
		}
		if j+1 < len(s) {
			nextc = s[j+1]
		}
		if foldEq(nextp, nextc) || nextc == 0 {
			if matchedIndex > -1 {
				if len(idx) == start {
					bestScore += max(matchedIndex*unmatchedLeadingCharPenalty, maxUnmatchedLeadingCharPenalty)
				}
				total += bestScore
				idx = append(idx, matchedIndex)
				bestScore = -1
				patternIndex++
			}
		}
		lastIndex = j
		last = c
	}
	n := len(idx) - start
	total += n - len(s)
	if n != len(pat) {
		return 0, idx[:start], false
	}
	return total, idx, true
}

// charBonus is what a matched character at j earns for where it stands
// (first, a camel-case hump, after a separator), last being the one before.
func charBonus(j int, last, c byte) int {
	score := 0
	if j == 0 {
		score += firstCharMatchBonus
	}
	if 'a' <= last && last <= 'z' && 'A' <= c && c <= 'Z' {
		score += camelCaseMatchBonus
	}
	if j != 0 && isSeparator(last) {
		score += matchFollowingSeparatorBonus
	}
	return score
}

// foldEq is the matcher's equalFold for two ASCII bytes.
func foldEq(a, b byte) bool {
	if a == b {
		return true
	}
	if a < b {
		a, b = b, a
	}
	return 'A' <= b && b <= 'Z' && a == b+'a'-'A'
}

func isSeparator(c byte) bool {
	switch c {
	case '/', '-', '_', ' ', '.', '\\':
		return true
	}
	return false
}
