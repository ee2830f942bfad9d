package search

// A query of four characters or more that tens of thousands of texts
// hold as typed (the first name of many e-mail addresses, a surname
// many agents share) was scored in every one of them to rank a page:
// shortestFirst can stop early only under a bound on a text's score
// that is tight enough to tell the texts apart by their length, and the
// one it had (every character given the best bonus there is, and every
// adjacency bonus besides) sat 80–120 over the real scores past three
// characters, more than the lengths of such texts differ by. The bound
// here follows the matcher's rules one character at a time instead:
//
//   - the first character earns at most 15: 10 at the text's start, 20
//     after a separator or at a camel-case hump less 5 for each
//     character before it (to 15);
//   - any other earns either what a character away from the one before
//     can (at most 20), or, standing right after it, the adjacency bonus
//     (5 the first time, then twice what the adjacencies so far earned,
//     plus 5) and 20 more only when the query's character before it is a
//     separator (the text's character there is that separator) or the
//     text has a camel-case hump (humped): a text without one earns no
//     camel bonus;
//   - the matcher adds the query's length and takes off the text's, and
//     a text holding the query as typed scores 1000 more.
//
// Which characters stand together is the best choice over all of them
// (heldCeiling tries each, the adjacency bonus soon outgrowing any
// other). A text that is not ASCII, or holds a NUL (the matcher reads
// only to it), is scored whatever its length.

// ceilings are a query's bounds, less a text's length, on the score of
// a text holding it as typed: plain for a text without a camel-case
// hump, humped for one with; ok is false when no bound is kept (a query
// too long for the bonuses to stay within an int's range, or one that is
// not ASCII past four characters).
type ceilings struct {
	plain, humped int
	ok            bool
}

// maxCeiled is the longest query bounded: past it the adjacency bonuses
// (tripling) would leave an int's range.
const maxCeiled = 24

func ceilingsOf(q query) ceilings {
	n := len(q.runes)
	if q.pat == nil || len(q.pat) != n {
		// Not ASCII: the matcher's own (rune) rules, bounded as before.
		c, ok := ceiling(n)
		return ceilings{c, c, ok}
	}
	if n == 0 || n > maxCeiled {
		return ceilings{}
	}
	return ceilings{plain: heldCeiling(q.pat, false), humped: heldCeiling(q.pat, true), ok: true}
}

// heldCeiling is, less a text's length, the most an ASCII text without
// a NUL can score for the ASCII query pat when it holds it as typed; a
// camel-case bonus is counted only when humped.
func heldCeiling(pat []byte, humped bool) int {
	memo := map[[2]int]int{}
	// walk is the most pat[i:] can add once the adjacencies before
	// earned adj.
	var walk func(i, adj int) int
	walk = func(i, adj int) int {
		if i == len(pat) {
			return 0
		}
		if v, ok := memo[[2]int{i, adj}]; ok {
			return v
		}
		bonus := 2*adj + adjacentMatchBonus
		next := bonus + walk(i+1, adj+bonus)
		if isSeparator(pat[i-1]) || humped {
			next += matchFollowingSeparatorBonus // = camelCaseMatchBonus
		}
		if bonus < matchFollowingSeparatorBonus {
			// A character away from the one before may earn more.
			next = max(next, matchFollowingSeparatorBonus+walk(i+1, adj))
		}
		memo[[2]int{i, adj}] = next
		return next
	}
	first := max(firstCharMatchBonus, matchFollowingSeparatorBonus+unmatchedLeadingCharPenalty)
	return 1000 + first + walk(1, 0) + len(pat)
}

// ceiling is, less a text's length in bytes, the most an ASCII text can
// score for a query of n characters that it holds as it stands: each
// character's best bonus (20: after a separator or a camel-case hump),
// the matcher's bonuses for adjacent characters (5, 15, 45…: each three
// times the last), its n, and the 1000 of a match as it stands. False
// past 4 characters, where that ceiling is far above any real score.
// What a query that is not ASCII is bounded by.
func ceiling(n int) (int, bool) {
	if n > 4 {
		return 0, false
	}
	adjacent, step := 0, adjacentMatchBonus
	for i := 1; i < n; i++ {
		adjacent += step
		step *= 3
	}
	return 1000 + n*matchFollowingSeparatorBonus + adjacent + n, true
}

// place is where text t is taken in shortestFirst's order: its length,
// less what a camel-case hump may add to its bound; 0 (first, always
// scored) for a text the bound does not hold for.
func (c ceilings) place(ix *Index, t int32) int {
	shape := ix.shape(t)
	switch {
	case shape&(nonASCII|hasNUL) != 0:
		return 0
	case shape&humped != 0:
		return max(0, len(ix.texts[t].s)-(c.humped-c.plain))
	}
	return len(ix.texts[t].s)
}
