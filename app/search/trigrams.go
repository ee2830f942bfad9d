package search

import (
	"cmp"
	"context"
	"slices"
	"sync"
	"unicode/utf8"
)

// A query of three characters over a common trigram ("ais", "Mor",
// "dan") holds tens of thousands of texts at a million cases, and the
// bound that lets shortestFirst stop is loose for it (real scores sit
// 40–60 under ceiling), so most of them were scored to rank one page:
// the slowest keystrokes left. Such a trigram's texts are ranked as a
// pair's are — by the score the query of its three characters gives
// them, best first, a page's worth kept (rankTexts) — when Prepare has
// built the lists, or by the first search that needs it before then:
// the page is read off the head. The matcher folds the query's case, so
// "Mor" and "MOR" read the head of "mor".

// triRanked is how many texts a trigram's list holds before its texts
// are ranked: below it, scoring them all (shortestFirst) takes a fraction
// of a millisecond, less than the head's memory is worth. triKept is how
// many entries a head keeps: a case holds a trigram in one or two of its
// entries, where it holds a character in several (onesKept).
const (
	triRanked = 10 * Page
	triKept   = 3 * Page
)

// triHeads are the ranked heads of the common trigrams, by the gram's
// place in postings.keys; searches fill it, so it has a lock of its own.
type triHeads struct {
	mu sync.Mutex
	m  map[int32]*pairHead
}

// asciiTrigram is the query of three folded ASCII runes qr, and their
// place in the posting lists; false when qr is not that, or its list is
// not common enough to be ranked.
func (p *postings) asciiTrigram(qr []rune) (query, int32, bool) {
	if len(qr) != 3 || qr[0] >= utf8.RuneSelf || qr[1] >= utf8.RuneSelf || qr[2] >= utf8.RuneSelf {
		return query{}, 0, false
	}
	i, ok := slices.BinarySearch(p.keys, gramKey(qr))
	if !ok || p.lens[i] < triRanked {
		return query{}, 0, false
	}
	s := string(qr)
	return query{s: s, pat: []byte(s), lower: s}, int32(i), true
}

// triHead is the ranked head of the trigram at place i in the lists,
// ranked now if no search or warm did yet. The caller holds the index's
// read lock.
func (p *postings) triHead(ix *Index, q query, i int32) *pairHead {
	h := &p.tris
	h.mu.Lock()
	defer h.mu.Unlock()
	if r := h.m[i]; r != nil {
		return r
	}
	if h.m == nil {
		h.m = map[int32]*pairHead{}
	}
	r := rankTexts(ix, q, p.data[p.at[i]:p.at[i+1]], triKept)
	h.m[i] = r
	return r
}

// warmTrigrams ranks the common trigrams no search has yet, one at a
// time under the read lock, as warmPairs does the pairs.
func (ix *Index) warmTrigrams() {
	var qr [3]rune
	for i := 0; ; i++ {
		ix.rw.RLock()
		p := ix.post
		if p == nil || i >= len(p.keys) {
			ix.rw.RUnlock()
			return
		}
		k := p.keys[i]
		qr = [3]rune{rune(k>>42) - 1, rune(k>>21&(1<<21-1)) - 1, rune(k&(1<<21-1)) - 1}
		if k>>42 != 0 {
			if q, at, ok := p.asciiTrigram(qr[:]); ok {
				p.triHead(ix, q, at)
			}
		}
		ix.rw.RUnlock()
	}
}

// rankedTrigram counts the texts holding a three-character query of a
// common trigram (texts, every one already marked) off its ranked head,
// best first, until a page of cases is found; false when it is not such
// a query, or the head ran out first (the caller scores them all).
func (s *finding) rankedTrigram(ctx context.Context, within []int32) (bool, error) {
	p := s.ix.post
	if p == nil || within != nil || s.k < 0 || s.q.pat == nil {
		return false, nil
	}
	q, i, ok := p.asciiTrigram(s.q.runes)
	if !ok {
		return false, nil
	}
	// Texts indexed since the lists were built, scored now: few.
	var more []scoredText
	var buf []int
	for _, t := range p.more[p.keys[i]] {
		var score int32
		score, buf = pairScore(q, s.ix.texts[t].s, s.ix.shape(t), buf)
		more = append(more, scoredText{t, score})
	}
	slices.SortStableFunc(more, func(a, b scoredText) int { return cmp.Compare(b.score, a.score) })
	return s.ranked(ctx, p.triHead(s.ix, q, i), more, s.k)
}
