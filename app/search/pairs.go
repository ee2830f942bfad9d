package search

import (
	"cmp"
	"context"
	"math"
	"slices"
	"sync"
	"unicode/utf8"
)

// A query of two ASCII characters, the second key of every search, finds
// most of a large store: scoring every text holding the pair, to rank a
// page of them, was the slowest keystroke. Like one character's, a pair's
// texts are listed by the score the query gives them, worked out when
// the lists are built (the matcher's own scoreText on the pair), best
// first: the page is read off the head of the list. Only the count of
// cases still visits every text holding the pair.

// pairKeys is the number of pairs of ASCII characters.
const pairKeys = utf8.RuneSelf * utf8.RuneSelf

// noScore marks a text that holds the pair, folded, but that the matcher
// does not match (a rune that folds to an ASCII letter the matcher reads
// otherwise): found, never ranked, as a scan finds it.
const noScore = math.MinInt32

// pairLists are, for each pair of folded ASCII characters, the texts
// holding it side by side (members, ascending, packed), and the best of
// them — onesKept entries' worth, to the end of a score — best score for
// that query first, then by number (heads: ranked in the background once
// the members are listed, or by the first search that needs one before);
// texts indexed since are in more.
type pairLists struct {
	mat     []int32 // key k's members are members[mat[k]:mat[k+1]]
	members packed
	more    map[uint16][]scoredText
	mu      sync.Mutex // guards heads, which searches fill
	heads   map[uint16]*pairHead
}

// pairHead is the best texts under a pair, best first: runs of one score
// each; cut when they are not all of its members.
type pairHead struct {
	texts []int32
	runs  []pairRun
	cut   bool
}

// pairRun is the end (in texts) of the texts of one score under a pair;
// the run starts where the one before it ends.
type pairRun struct{ score, end int32 }

// scoredText is a text and its score for a pair.
type scoredText struct{ t, score int32 }

// pairKey is the key of two folded ASCII runes.
func pairKey(a, b rune) int { return int(a)<<7 | int(b) }

// isPair reports whether qr (folded) is two ASCII characters, and their
// key.
func isPair(qr []rune) (int, bool) {
	if len(qr) != 2 || qr[0] >= utf8.RuneSelf || qr[1] >= utf8.RuneSelf {
		return 0, false
	}
	return pairKey(qr[0], qr[1]), true
}

// pairStrings holds every pair as text, so scoring one allocates nothing.
var pairStrings = sync.OnceValue(func() string {
	b := make([]byte, 2*pairKeys)
	for k := range pairKeys {
		b[2*k], b[2*k+1] = byte(k>>7), byte(k&0x7f)
	}
	return string(b)
})

// pairQuery is the query of pair key k, as Find reads a query of those
// two characters (the matcher folds the query's case, so a pair typed in
// capitals scores the same).
func pairQuery(k int) query {
	s := pairStrings()[2*k : 2*k+2]
	return query{s: s, pat: []byte(s), lower: s}
}

// pairsOf calls fn with the key of each distinct pair of folded ASCII
// runes standing side by side in rs.
func pairsOf(rs []rune, seen []int, fn func(int)) []int {
	seen = seen[:0]
	for i := 0; i+2 <= len(rs); i++ {
		k, ok := isPair(rs[i : i+2])
		if ok && !slices.Contains(seen, k) {
			seen = append(seen, k)
			fn(k)
		}
	}
	return seen
}

// fillPairs lists every live text of ix under each of its pairs, best
// score first.
func (p *postings) fillPairs(ix *Index) {
	l := &p.pairs
	count := make([]int32, pairKeys+1)
	var seen []int
	each := func(fn func(t int32, k int)) {
		for t := range ix.texts {
			if len(ix.texts[t].users) == 0 {
				continue
			}
			p.runes = folded(ix.texts[t].s, p.runes[:0])
			seen = pairsOf(p.runes, seen, func(k int) { fn(int32(t), k) })
		}
	}
	each(func(_ int32, k int) { count[k]++ })
	at := make([]int32, pairKeys+1)
	n := int32(0)
	for k := range pairKeys {
		at[k] = n
		n += count[k]
		count[k] = at[k]
	}
	at[pairKeys] = n
	all := make([]int32, n)
	each(func(t int32, k int) {
		all[count[k]] = t
		count[k]++
	})
	l.members, l.mat, _ = pack(all, at)
	l.heads = map[uint16]*pairHead{}
}

// head is pair k's best texts, ranked now if no search or warm did yet.
// The caller holds the index's read lock.
func (p *postings) head(ix *Index, k int) *pairHead {
	l := &p.pairs
	l.mu.Lock()
	defer l.mu.Unlock()
	if h := l.heads[uint16(k)]; h != nil {
		return h
	}
	h := rankTexts(ix, pairQuery(k), l.members[l.mat[k]:l.mat[k+1]], onesKept)
	l.heads[uint16(k)] = h
	return h
}

// rankTexts orders members by their score for q (a pair's or a
// trigram's query), best first, then by number (a score and a number
// packed so that one sort orders both), and keeps keep entries' worth,
// to the end of a score.
func rankTexts(ix *Index, q query, members packed, keep int) *pairHead {
	var order []uint64
	var buf []int
	members.each(func(t int32) bool {
		var score int32
		score, buf = pairScore(q, ix.texts[t].s, ix.shape(t), buf)
		order = append(order, uint64(int64(math.MaxInt32)-int64(score))<<32|uint64(t))
		return true
	})
	slices.Sort(order)
	h := &pairHead{}
	kept := 0
	for _, o := range order {
		t, score := int32(uint32(o)), int32(int64(math.MaxInt32)-int64(o>>32))
		if n := len(h.runs); n > 0 && h.runs[n-1].score == score {
			h.texts = append(h.texts, t)
			h.runs[n-1].end++
			kept += len(ix.texts[t].users)
			continue
		}
		if kept >= keep {
			h.cut = true
			break
		}
		if score == noScore {
			break // never ranked; found through members
		}
		h.texts = append(h.texts, t)
		h.runs = append(h.runs, pairRun{score: score, end: int32(len(h.texts))})
		kept += len(ix.texts[t].users)
	}
	// Copies of their length: what append left spare was a third of the
	// heads' memory.
	h.texts, h.runs = slices.Clone(h.texts), slices.Clone(h.runs)
	return h
}

// warmPairs ranks the pairs no search has yet, a pair at a time under the
// read lock, so that Put and Remove wait at most for one.
func (ix *Index) warmPairs() {
	for k := range pairKeys {
		ix.rw.RLock()
		p := ix.post
		if p != nil && p.pairs.mat[k] < p.pairs.mat[k+1] {
			p.head(ix, k)
		}
		ix.rw.RUnlock()
	}
}

// pairScore is s's score for the pair (or trigram) query q, or noScore;
// shape is s's shape bits.
func pairScore(q query, s string, shape uint64, buf []int) (int32, []int) {
	score, buf, ok := scoreKnown(q, s, shape, false, buf)
	if !ok {
		return noScore, buf
	}
	return int32(score), buf
}

// addPairs lists text t, indexed since the lists were built, under its
// pairs.
func (p *postings) addPairs(t int32, s string) {
	p.runes = folded(s, p.runes[:0])
	var buf []int
	p.seenPairs = pairsOf(p.runes, p.seenPairs, func(k int) {
		var score int32
		score, buf = pairScore(pairQuery(k), s, shapeOf(s), buf)
		p.pairs.more[uint16(k)] = append(p.pairs.more[uint16(k)], scoredText{t, score})
	})
}

// removePairs takes text t off the pairs it was listed under since the
// lists were built (one built in holds nothing once no entry does).
func (p *postings) removePairs(t int32, s string) {
	p.runes = folded(s, p.runes[:0])
	p.seenPairs = pairsOf(p.runes, p.seenPairs, func(k int) {
		m := p.pairs.more[uint16(k)]
		if i := slices.IndexFunc(m, func(x scoredText) bool { return x.t == t }); i >= 0 {
			if m = slices.Delete(m, i, i+1); len(m) == 0 {
				delete(p.pairs.more, uint16(k))
			} else {
				p.pairs.more[uint16(k)] = m
			}
		}
	})
}

// pairTexts is every text under pair k, ascending.
func (p *postings) pairTexts(k int) []int32 {
	l := &p.pairs
	out := appendAll(nil, l.members[l.mat[k]:l.mat[k+1]])
	for _, m := range l.more[uint16(k)] {
		out = append(out, m.t)
	}
	slices.Sort(out)
	return out
}

// pair finds the cases by a query of the ASCII pair k: every case with a
// text under it, and the best of them read off its lists best first,
// until k cases are found (all: k < 0) and the score they end on is read
// to its end — any case not read scores less. When the best texts kept
// run out first (cases purged since, or all of them ranked), every text
// under the pair is scored.
func (s *finding) pair(ctx context.Context, key, k int) error {
	l := &s.ix.post.pairs
	more := slices.Clone(l.more[uint16(key)])
	slices.SortStableFunc(more, func(a, b scoredText) int { return cmp.Compare(b.score, a.score) })
	members := l.members[l.mat[key]:l.mat[key+1]]
	n := 0
	members.each(func(t int32) bool {
		if n++; n%chunk == 0 && ctx.Err() != nil {
			return false
		}
		s.mark(t)
		return true
	})
	if err := ctx.Err(); err != nil {
		return err
	}
	for _, m := range more {
		s.mark(m.t)
	}
	ranked, err := s.ranked(ctx, s.ix.post.head(s.ix, key), more, k)
	if ranked || err != nil {
		return err
	}
	members.each(func(t int32) bool {
		s.score(t)
		return true
	})
	for _, m := range more {
		s.score(m.t)
	}
	return nil
}

// ranked counts the texts of h and more (best first) by their scores,
// a score at a time, until k cases are found; false when h was cut
// before that (the caller scores every text).
func (s *finding) ranked(ctx context.Context, h *pairHead, more []scoredText, k int) (bool, error) {
	from, ri, mi := int32(0), 0, 0
	for level := 0; ; level++ {
		if level%64 == 0 && ctx.Err() != nil {
			return false, ctx.Err()
		}
		if k >= 0 && len(s.bests) >= k {
			return true, nil
		}
		if h.cut && ri == len(h.runs) {
			return false, nil
		}
		score, ok := h.next(ri, more, mi)
		if !ok {
			return true, nil
		}
		if ri < len(h.runs) && h.runs[ri].score == score {
			for _, t := range h.texts[from:h.runs[ri].end] {
				s.text(t, int(score))
			}
			from = h.runs[ri].end
			ri++
		}
		for ; mi < len(more) && more[mi].score == score; mi++ {
			s.text(more[mi].t, int(score))
		}
	}
}

// next is the best score of h's runs from ri and more from mi, false
// when neither has one left.
func (h *pairHead) next(ri int, more []scoredText, mi int) (int32, bool) {
	score, ok := int32(noScore), false
	if ri < len(h.runs) && h.runs[ri].score != noScore {
		score, ok = h.runs[ri].score, true
	}
	if mi < len(more) && more[mi].score != noScore && (!ok || more[mi].score > score) {
		score, ok = more[mi].score, true
	}
	return score, ok
}

// mark sets the bit of every case holding text t.
func (s *finding) mark(t int32) {
	for _, u := range s.ix.texts[t].users {
		s.found[u.doc>>6] |= 1 << (u.doc & 63)
	}
}
