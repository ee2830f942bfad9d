package search

import (
	"cmp"
	"context"
	"slices"
	"strings"

	"github.com/warrantdesk/warrantdesk/app"
)

// What a search promises. A case is found when one of its texts holds
// the query as it stands, in any case (the posting lists find those
// whatever the store's size), or — when fewer than Page cases are found
// so — when the matcher finds the query's characters in order in one of
// its texts ("25mj1234" for 2:25-mj-01234, a letter left out). The
// matcher scores every text found; a case takes its best text's score,
// and a text that holds the query as it stands scores 1000 more, so such
// matches come first. Only the best rows a screen shows are put in order
// and given the places to highlight (FindTop); Find orders them all.

// Page is how many cases a search ranks for the queue (FindTop), and the
// number of cases found by the query as it stands under which the
// matcher also looks for its characters scattered.
const Page = 100

// chunk is how many texts are read between looks at the context.
const chunk = 4096

// Result is one search's answer.
type Result struct {
	// Top are the best cases found, best first.
	Top []Match
	// Total is how many cases were found.
	Total int
	ix    *Index
	found []uint64 // a bit per doc found
	top   map[string]bool
}

// Others returns the cases of sums the search found that are not among
// Top, in the order of sums.
func (r *Result) Others(sums []*app.Summary) []*app.Summary {
	if r == nil || r.Total == len(r.Top) {
		return nil
	}
	r.ix.rw.RLock()
	defer r.ix.rw.RUnlock()
	var out []*app.Summary
	for _, s := range sums {
		i, ok := r.ix.byID[s.ID]
		if ok && int(i)>>6 < len(r.found) && r.found[i>>6]&(1<<(i&63)) != 0 && !r.top[s.ID] {
			out = append(out, s)
		}
	}
	return out
}

// MatchOf is where the search matched the case with the given ID, as a
// Match of Top has it, for a case found but not ranked; false when the
// case was not found.
func (r *Result) MatchOf(id, query string) (Match, bool) {
	if r == nil {
		return Match{}, false
	}
	r.ix.rw.RLock()
	defer r.ix.rw.RUnlock()
	i, ok := r.ix.byID[id]
	if !ok || int(i)>>6 >= len(r.found) || r.found[i>>6]&(1<<(i&63)) == 0 {
		return Match{}, false
	}
	q := newQuery(query)
	d := r.ix.docs[i]
	var b best
	b.score, b.doc = -1<<31, i
	for e := d.from; e < d.to; e++ {
		if score, _, ok := scoreText(q, r.ix.text(e), nil); ok && score > b.score {
			b.score, b.entry = score, e
		}
	}
	if b.score == -1<<31 {
		// Found through its matter: not by a text of its own.
		return Match{ID: id, Field: FieldMatter, Text: r.ix.keys[i]}, true
	}
	return r.ix.match(b, q), true
}

// Find returns the cases matching query, best first, one match per case.
// An empty query matches nothing.
func (ix *Index) Find(query string) []Match {
	m, _ := ix.FindContext(context.Background(), query)
	return m
}

// FindContext is Find that gives up, with ctx's error, once ctx is done.
func (ix *Index) FindContext(ctx context.Context, query string) ([]Match, error) {
	r, err := ix.FindTop(ctx, query, -1)
	if r == nil {
		return nil, err
	}
	return r.Top, err
}

// FindTop is a search whose best k cases (all: k < 0) are ranked; it
// gives up, with ctx's error, once ctx is done. A nil Result: an empty
// query.
func (ix *Index) FindTop(ctx context.Context, query string, k int) (*Result, error) {
	query = strings.TrimSpace(query)
	if query == "" {
		return nil, nil
	}
	q := newQuery(query)
	ix.rw.RLock()
	defer ix.rw.RUnlock()
	s := &finding{ix: ix, q: q, at: make([]int32, len(ix.docs))}
	prev, extends := ix.narrowFrom(query)
	if err := s.held(ctx, prev, extends); err != nil {
		return nil, err
	}
	// One character scattered is one character as it stands.
	if len(s.bests) < Page && len(q.runes) > 1 {
		if err := s.scattered(ctx, prev, extends); err != nil {
			return nil, err
		}
	}
	ix.mu.Lock()
	ix.last = narrowing{query: query, held: s.heldTexts, spread: s.spread, fuzzy: s.fuzzy}
	ix.mu.Unlock()
	bests := ix.withMatters(s.bests, s.at)
	r := &Result{Total: len(bests), ix: ix, found: make([]uint64, (len(ix.docs)+63)/64)}
	for _, b := range bests {
		r.found[b.doc>>6] |= 1 << (b.doc & 63)
	}
	bests = ix.top(bests, k)
	r.Top = make([]Match, len(bests))
	r.top = make(map[string]bool, len(bests))
	for i, b := range bests {
		r.Top[i] = ix.match(b, q)
		r.top[r.Top[i].ID] = true
	}
	return r, nil
}

// query is a query in the forms the search reads it in.
type query struct {
	s     string
	pat   []byte // s, when it is ASCII
	lower string
	runes []rune // folded
	sig   uint64
}

func newQuery(s string) query {
	q := query{s: s, lower: strings.ToLower(s), runes: folded(s, nil), sig: signature(s)}
	if isASCII(s) {
		q.pat = []byte(s)
	}
	return q
}

// scoreText is the score of text s for q: the matcher's, 1000 more when
// s holds q as it stands. buf is room for the matched positions, which
// nobody reads, handed back for the next text.
func scoreText(q query, s string, buf []int) (int, []int, bool) {
	score, buf, ok := matchEntry(q.s, q.pat, s, buf[:0])
	if containsFold(s, q.lower) {
		if !ok {
			// The matcher's greedy walk missed what is there as such.
			score, ok = 1-len(s), true
		}
		score += 1000
	}
	return score, buf, ok
}

// best is a case's best matching entry and its score.
type best struct {
	score int
	doc   int32
	entry int32
	// viaMatter: the entry is another case's of the same matter.
	viaMatter bool
}

// finding is one search under way.
type finding struct {
	ix    *Index
	q     query
	bests []best
	at    []int32 // doc → 1 + its place in bests
	// heldTexts are the texts holding the query as it stands (nil: not
	// kept, a one-character query), spread the others the matcher
	// matched, fuzzy whether it was asked.
	heldTexts, spread []int32
	fuzzy             bool
	buf               []int
}

// add counts entry e, scored score, for its case: a case keeps its best
// entry, the first of equals.
func (s *finding) add(e int32, score int) {
	d := s.ix.entries[e].doc
	switch k := s.at[d]; {
	case k == 0:
		s.bests = append(s.bests, best{score: score, doc: d, entry: e})
		s.at[d] = int32(len(s.bests))
	case score > s.bests[k-1].score || score == s.bests[k-1].score && e < s.bests[k-1].entry:
		s.bests[k-1] = best{score: score, doc: d, entry: e}
	}
}

// text counts every entry holding text t, scored score.
func (s *finding) text(t int32, score int) {
	for _, e := range s.ix.texts[t].users {
		s.add(e, score)
	}
}

// held finds the cases with a text holding the query as it stands.
func (s *finding) held(ctx context.Context, prev narrowing, extends bool) error {
	ix, q := s.ix, s.q
	if len(q.runes) == 1 && q.runes[0] < 128 {
		// Scored when indexed (oneScores): read best first.
		for n, b := range ix.ones[q.runes[0]] {
			if n%64 == 0 && ctx.Err() != nil {
				return ctx.Err()
			}
			for _, t := range b.texts {
				s.text(t, int(b.score))
			}
		}
		return nil
	}
	var within []int32
	if extends && prev.held != nil {
		within = prev.held
	}
	texts := ix.holding(q.runes, within)
	for n, t := range texts {
		if n%chunk == 0 && ctx.Err() != nil {
			return ctx.Err()
		}
		var score int
		var ok bool
		if score, s.buf, ok = scoreText(q, ix.texts[t].s, s.buf); ok {
			s.text(t, score)
		}
	}
	s.heldTexts = texts
	if s.heldTexts == nil {
		s.heldTexts = []int32{}
	}
	return nil
}

// scattered adds the cases the matcher finds by the query's characters
// in order, among the texts that hold every letter and digit the query
// has (their signatures), and among those the last search matched when
// this query extends it and that search looked too.
func (s *finding) scattered(ctx context.Context, prev narrowing, extends bool) error {
	ix, q := s.ix, s.q
	s.fuzzy = true
	try := func(t int32) {
		tx := &ix.texts[t]
		if tx.sig&q.sig != q.sig || len(tx.users) == 0 {
			return
		}
		if _, held := slices.BinarySearch(s.heldTexts, t); held && s.heldTexts != nil {
			return
		}
		var score int
		var ok bool
		if score, s.buf, ok = scoreText(q, tx.s, s.buf); ok {
			s.spread = append(s.spread, t)
			s.text(t, score)
		}
	}
	if extends && prev.fuzzy && prev.held != nil {
		for _, list := range [][]int32{prev.held, prev.spread} {
			for n, t := range list {
				if n%chunk == 0 && ctx.Err() != nil {
					return ctx.Err()
				}
				try(t)
			}
		}
		return nil
	}
	for t := range ix.texts {
		if t%chunk == 0 && ctx.Err() != nil {
			return ctx.Err()
		}
		try(int32(t))
	}
	return nil
}

// narrowFrom returns the last search when query extends it.
func (ix *Index) narrowFrom(query string) (narrowing, bool) {
	ix.mu.Lock()
	defer ix.mu.Unlock()
	last := ix.last
	return last, last.query != "" && len(query) > len(last.query) && strings.HasPrefix(query, last.query)
}

// before orders bests best first, then the case imported first (then the
// one indexed first).
func (ix *Index) before(a, b best) int {
	if c := cmp.Compare(b.score, a.score); c != 0 {
		return c
	}
	if c := cmp.Compare(ix.docs[a.doc].created, ix.docs[b.doc].created); c != 0 {
		return c
	}
	return cmp.Compare(a.doc, b.doc)
}

// top returns the best k of bests (all of them when k < 0), in order:
// a bounded heap, so a query that finds most of the store is not sorted
// whole for the screenful shown.
func (ix *Index) top(bests []best, k int) []best {
	if k < 0 || len(bests) <= k {
		slices.SortFunc(bests, ix.before)
		return bests
	}
	if k == 0 {
		return nil
	}
	// h is a max-heap by "worse": h[0] is the worst of the best k.
	h := slices.Clone(bests[:k])
	worse := func(i, j int) bool { return ix.before(h[i], h[j]) > 0 }
	down := func(i int) {
		for {
			l, m := 2*i+1, i
			if l < len(h) && worse(l, m) {
				m = l
			}
			if r := l + 1; r < len(h) && worse(r, m) {
				m = r
			}
			if m == i {
				return
			}
			h[i], h[m] = h[m], h[i]
			i = m
		}
	}
	for i := k/2 - 1; i >= 0; i-- {
		down(i)
	}
	for _, b := range bests[k:] {
		if ix.before(b, h[0]) < 0 {
			h[0] = b
			down(0)
		}
	}
	slices.SortFunc(h, ix.before)
	return h
}

// match is b as a Match. Where the text holds the query as such, or its
// words, those are what is highlighted; else the matcher's positions.
func (ix *Index) match(b best, q query) Match {
	en := ix.entries[b.entry]
	t := ix.text(b.entry)
	matched := contiguous(t, q.s)
	if matched == nil {
		_, matched, _ = matchEntry(q.s, q.pat, t, nil)
	}
	field := en.field
	if b.viaMatter {
		field = FieldMatter
	}
	return Match{ID: ix.docs[b.doc].id, Field: field, Text: t, Matched: matched, Score: b.score}
}
