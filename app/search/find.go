package search

import (
	"cmp"
	"context"
	"math/bits"
	"slices"
	"strings"
	"sync"
	"unicode/utf8"

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
		if ok && r.has(i) && !r.top[s.ID] {
			out = append(out, s)
		}
	}
	return out
}

// Found reports whether the search found the case with the given ID.
func (r *Result) Found(id string) bool {
	if r == nil {
		return false
	}
	r.ix.rw.RLock()
	defer r.ix.rw.RUnlock()
	i, ok := r.ix.byID[id]
	return ok && r.has(i)
}

func (r *Result) has(i int32) bool { return int(i)>>6 < len(r.found) && r.found[i>>6]&(1<<(i&63)) != 0 }

// MatchOf is where the search matched the case with the given ID, as a
// Match of Top has it, for a case found but not ranked; false when the
// case was not found.
func (r *Result) MatchOf(id, query string) (Match, bool) {
	// Asked for by a row as it is drawn: not worth waiting for a change
	// under way (the row is drawn again).
	if r == nil || !r.ix.rw.TryRLock() {
		return Match{}, false
	}
	defer r.ix.rw.RUnlock()
	i, ok := r.ix.byID[id]
	if !ok || !r.has(i) {
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
		return Match{ID: id, Field: FieldMatter, Text: r.ix.matterKey(i, r.ix.keys[i])}, true
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
	s := &finding{ix: ix, q: q, at: places(len(ix.docs)), found: make([]uint64, (len(ix.docs)+63)/64), k: k}
	defer s.release()
	r := &Result{ix: ix, found: s.found}
	if len(q.runes) == 1 && q.runes[0] < utf8.RuneSelf && ix.post != nil {
		copy(s.found, ix.post.docs[q.runes[0]])
		if err := s.one(ctx, byte(q.runes[0]), k); err != nil {
			return nil, err
		}
	} else {
		if err := s.typed(ctx, query); err != nil {
			return nil, err
		}
		ix.mu.Lock()
		ix.last = narrowing{query: query, held: s.heldTexts, spread: s.spread, fuzzy: s.fuzzy}
		ix.mu.Unlock()
	}
	// A matter's case's best match, scored afresh: a case found need not
	// have been scored.
	bestOf := func(d int32) (best, bool) {
		if s.found[d>>6]&(1<<(d&63)) == 0 {
			return best{}, false
		}
		return s.bestEntry(d)
	}
	// Kept whole (top sorts it in place) for release to clear.
	s.bests = ix.withMatters(s.bests, s.found, bestOf)
	r.Total = count(s.found)
	bests := ix.top(s.candidates(), k)
	r.Top = make([]Match, len(bests))
	r.top = make(map[string]bool, len(bests))
	for i, b := range bests {
		r.Top[i] = ix.match(b, q)
		r.top[r.Top[i].ID] = true
	}
	return r, nil
}

// typed finds the cases holding the query as it stands, and those the
// matcher finds by its characters scattered when they are fewer than a
// page.
func (s *finding) typed(ctx context.Context, query string) error {
	prev, extends := s.ix.narrowFrom(query)
	if key, ok := isPair(s.q.runes); ok && s.ix.post != nil {
		if err := s.pair(ctx, key, s.k); err != nil {
			return err
		}
		if count(s.found) >= Page {
			return nil // the texts held are not kept: the next key reads its trigram
		}
		// Few: the matcher looks for the pair scattered too, past those.
		// Kept even when none: nil would tell the next key the texts
		// held were not kept, and it would read every text again.
		if s.heldTexts = s.ix.post.pairTexts(key); s.heldTexts == nil {
			s.heldTexts = []int32{}
		}
		return s.scattered(ctx, narrowing{}, false)
	}
	if err := s.held(ctx, prev, extends); err != nil {
		return err
	}
	// One character scattered is one character as it stands.
	if len(s.q.runes) > 1 && count(s.found) < Page {
		return s.scattered(ctx, prev, extends)
	}
	return nil
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
	q := query{s: s, lower: strings.ToLower(s), runes: folded(s, nil), sig: signature(s) &^ shapeBits}
	if isASCII(s) {
		q.pat = []byte(s)
	}
	return q
}

// scoreText is the score of text s for q: the matcher's, 1000 more when
// s holds q as it stands. buf is room for the matched positions, which
// nobody reads, handed back for the next text.
func scoreText(q query, s string, buf []int) (int, []int, bool) {
	return scoreKnown(q, s, shapeOf(s), false, buf)
}

// scoreOf is scoreText of text t.
func (ix *Index) scoreOf(q query, t int32, buf []int) (int, []int, bool) {
	return scoreKnown(q, ix.texts[t].s, ix.shape(t), false, buf)
}

// scoreKnown is scoreText of a text whose shape is known, and (held)
// that is known to hold q as it stands.
func scoreKnown(q query, s string, shape uint64, held bool, buf []int) (int, []int, bool) {
	score, buf, ok := matchKnown(q.s, q.pat, s, shape, buf[:0])
	if held || holdsFold(s, shape&nonASCII == 0, q.lower) {
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
	found             []uint64 // a bit per doc found
	k                 int      // how many cases are ranked (all: < 0)
	kth               []rank   // push
}

// placesPool keeps the doc → place maps of searches done (finding.at):
// one is as long as the store has cases, four megabytes at a million, too
// much to make and clear on every keystroke; a search done clears only
// the places it set.
var placesPool sync.Pool

// places is a doc → place map of n docs, all zero.
func places(n int) []int32 {
	if p, ok := placesPool.Get().(*[]int32); ok && cap(*p) >= n {
		return (*p)[:n]
	}
	return make([]int32, n)
}

// release clears the places the search set and hands its map back.
func (s *finding) release() {
	for _, b := range s.bests {
		s.at[b.doc] = 0
	}
	at := s.at
	s.at = nil
	placesPool.Put(&at)
}

// one finds the cases by a query of one ASCII character c from the lists
// scored when the texts were indexed, best first, until k cases are found
// (all: k < 0) and the score they end on is read to its end: any case
// not read scores less. Which cases hold c at all, each doc's bit says.
func (s *finding) one(ctx context.Context, c byte, k int) error {
	for n, b := range s.ix.post.ones[c] {
		if n%64 == 0 && ctx.Err() != nil {
			return ctx.Err()
		}
		if k >= 0 && len(s.bests) >= k {
			break
		}
		for _, t := range b.texts {
			s.text(t, int(b.score))
		}
	}
	if !s.ix.post.cut[c] || k >= 0 && len(s.bests) >= k {
		return nil
	}
	// What the lists kept ran out (cases purged since, or every case
	// ranked): every text holding c, scored as the lists were.
	chars := s.ix.post.chars
	return each(ctx, len(chars), func(t int) {
		if chars[t][c>>6]&(1<<(c&63)) != 0 {
			s.score(int32(t))
		}
	})
}

func count(found []uint64) int {
	n := 0
	for _, w := range found {
		n += bits.OnesCount64(w)
	}
	return n
}

// bestEntry is doc d's best entry for the query, scored afresh: among
// those holding it as it stands unless the matcher looked further.
func (s *finding) bestEntry(d int32) (best, bool) {
	dc := s.ix.docs[d]
	b, ok := best{doc: d}, false
	for e := dc.from; e < dc.to; e++ {
		t := s.ix.entries[e].text
		if !s.fuzzy && !holdsFold(s.ix.texts[t].s, s.ix.ascii(t), s.q.lower) {
			continue
		}
		var score int
		var hit bool
		if score, s.buf, hit = s.ix.scoreOf(s.q, t, s.buf); hit && (!ok || score > b.score) {
			b.score, b.entry, ok = score, e, true
		}
	}
	return b, ok
}

// add counts entry e of doc d, scored score, for its case: a case keeps
// its best entry, the first of equals.
func (s *finding) add(d, e int32, score int) {
	switch k := s.at[d]; {
	case k == 0:
		s.bests = append(s.bests, best{score: score, doc: d, entry: e})
		s.at[d] = int32(len(s.bests))
		s.found[d>>6] |= 1 << (d & 63)
		s.push(rank{score: score, created: s.ix.docs[d].created, doc: d})
	case score > s.bests[k-1].score || score == s.bests[k-1].score && e < s.bests[k-1].entry:
		s.bests[k-1] = best{score: score, doc: d, entry: e}
	}
}

// candidates are the bests that can be among the best k: those that
// rank no worse than kth[0] (all of them when k < 0 or fewer than k were
// found). A text many cases share adds them all when they come best
// first, and top then compared every one; this is one pass.
func (s *finding) candidates() []best {
	if s.k <= 0 || len(s.kth) < s.k || len(s.bests) <= 2*s.k {
		return s.bests
	}
	floor := s.kth[0]
	out := make([]best, 0, 2*s.k)
	for _, b := range s.bests {
		if b.score > floor.score || b.score == floor.score && !(rank{b.score, s.ix.docs[b.doc].created, b.doc}).worse(floor) {
			out = append(out, b)
		}
	}
	return out
}

// rank is where a case's first score puts it in the order of a search's
// results (before): its score, then its import, then its number.
type rank struct {
	score   int
	created int64
	doc     int32
}

// worse reports whether a comes after b in the results.
func (a rank) worse(b rank) bool {
	if a.score != b.score {
		return a.score < b.score
	}
	if a.created != b.created {
		return a.created > b.created
	}
	return a.doc > b.doc
}

// push keeps in kth the ranks of the first k cases' first scores, the
// worst first (a heap): kth[0] is no better than the k-th best case, so
// a case that ranks worse than it cannot be among the best k.
func (s *finding) push(r rank) {
	h := s.kth
	switch {
	case s.k <= 0:
		return
	case len(h) < s.k:
		h = append(h, r)
		for i := len(h) - 1; i > 0 && h[i].worse(h[(i-1)/2]); i = (i - 1) / 2 {
			h[i], h[(i-1)/2] = h[(i-1)/2], h[i]
		}
	case h[0].worse(r):
		h[0] = r
		for i := 0; ; {
			l, m := 2*i+1, i
			if l < len(h) && h[l].worse(h[m]) {
				m = l
			}
			if r := l + 1; r < len(h) && h[r].worse(h[m]) {
				m = r
			}
			if m == i {
				break
			}
			h[i], h[m] = h[m], h[i]
			i = m
		}
	}
	s.kth = h
}

// text counts every entry holding text t, scored score. Once k cases
// rank better (kth), a case that would rank worse by it is only marked
// found: it cannot be among the best k by it, and a text many cases
// share (an agency's name) no longer costs a place in bests, and a step
// of top, per case.
func (s *finding) text(t int32, score int) {
	full := s.k > 0 && len(s.kth) == s.k
	if full && score < s.kth[0].score {
		if s.fuzzy {
			s.mark(t) // the scattered pass's texts were not marked before
		}
		return
	}
	users := s.ix.texts[t].users
	crowd := s.k > 0 && s.k <= Page && len(users) > crowdMin
	if crowd {
		// Past its crowd none of its cases can be among the best k.
		s.mark(t)
		users = s.ix.crowd(t)
	}
	for _, u := range users {
		if full && score == s.kth[0].score && (rank{score, s.ix.docs[u.doc].created, u.doc}).worse(s.kth[0]) {
			if crowd {
				break // the rest of the crowd ranks worse still
			}
			s.found[u.doc>>6] |= 1 << (u.doc & 63)
			continue
		}
		s.add(u.doc, u.entry, score)
		full = s.k > 0 && len(s.kth) == s.k
	}
}

// held finds the cases with a text holding the query as it stands.
func (s *finding) held(ctx context.Context, prev narrowing, extends bool) error {
	ix, q := s.ix, s.q
	var within []int32
	// The same query again reads its lists afresh: a common trigram's
	// page is read off its ranked head only then.
	if extends && prev.held != nil && len(prev.query) < len(q.s) {
		within = prev.held
	}
	texts := ix.holding(q.runes, within)
	s.heldTexts = texts
	if s.heldTexts == nil {
		s.heldTexts = []int32{}
	}
	// Every case holding it is found; only those that can be among the
	// best k are scored.
	for n, t := range texts {
		if n%chunk == 0 && ctx.Err() != nil {
			return ctx.Err()
		}
		s.mark(t)
	}
	if ranked, err := s.rankedTrigram(ctx, within); ranked || err != nil {
		return err
	}
	bound := ceilingsOf(q)
	if s.k < 0 || !bound.ok || len(texts) < 4*s.k {
		return each(ctx, len(texts), func(n int) { s.scoreHeld(texts[n]) })
	}
	return s.shortestFirst(ctx, texts, bound)
}

// score scores text t and counts the entries holding it.
func (s *finding) score(t int32) {
	var score int
	var ok bool
	if score, s.buf, ok = s.ix.scoreOf(s.q, t, s.buf); ok {
		s.text(t, score)
	}
}

// scoreHeld is score of a text found holding the query as it stands:
// an ASCII text so found need not be scanned for it again (a text that
// is not ASCII was found by its folded runes, which can differ from the
// lower case the score reads).
func (s *finding) scoreHeld(t int32) {
	shape := s.ix.shape(t)
	var score int
	var ok bool
	if score, s.buf, ok = scoreKnown(s.q, s.ix.texts[t].s, shape, shape&nonASCII == 0 && s.q.pat != nil, s.buf); ok {
		s.text(t, score)
	}
}

// shortestFirst scores texts shortest first (a text scores less the
// longer it is), until no text as long can beat the k-th best (bound
// less its length, ceiling.go); a text the bound does not hold for is
// scored whatever its length.
func (s *finding) shortestFirst(ctx context.Context, texts []int32, bound ceilings) error {
	byLen := make([][]int32, 64)
	for _, t := range texts {
		n := bound.place(s.ix, t)
		for len(byLen) <= n {
			byLen = append(byLen, nil)
		}
		byLen[n] = append(byLen[n], t)
	}
	done := 0
	for n, ts := range byLen {
		if len(s.kth) == s.k && bound.plain-n < s.kth[0].score {
			break
		}
		for _, t := range ts {
			if done++; done%chunk == 0 && ctx.Err() != nil {
				return ctx.Err()
			}
			s.scoreHeld(t)
		}
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
		if len(tx.users) == 0 || q.pat != nil && !inOrder(tx.s, q.lower) || q.pat == nil && !runesInOrder(tx.s, ix.ascii(t), q.runes) {
			return
		}
		if _, held := slices.BinarySearch(s.heldTexts, t); held {
			return
		}
		var score int
		var ok bool
		if score, s.buf, ok = ix.scoreOf(q, t, s.buf); ok {
			s.spread = append(s.spread, t)
			s.text(t, score)
		}
	}
	if extends && prev.fuzzy && prev.held != nil {
		for _, list := range [][]int32{prev.held, prev.spread} {
			err := each(ctx, len(list), func(n int) {
				if t := list[n]; ix.sigs[t]&q.sig == q.sig {
					try(t)
				}
			})
			if err != nil {
				return err
			}
		}
		return nil
	}
	return ix.withSignature(ctx, q.sig, try)
}

// withSignature calls fn with every text whose signature holds sig: the
// signatures read in a loop of their own, most failing there, without a
// call each.
func (ix *Index) withSignature(ctx context.Context, sig uint64, fn func(int32)) error {
	sigs := ix.sigs
	for from := 0; from < len(sigs); from += chunk {
		if err := ctx.Err(); err != nil {
			return err
		}
		for t := from; t < min(from+chunk, len(sigs)); t++ {
			if sigs[t]&sig == sig {
				fn(int32(t))
			}
		}
	}
	return nil
}

// each calls fn with 0 to n-1, giving up with ctx's error once ctx is
// done (looked at every chunk).
func each(ctx context.Context, n int, fn func(int)) error {
	for i := 0; i < n; i++ {
		if i%chunk == 0 && ctx.Err() != nil {
			return ctx.Err()
		}
		fn(i)
	}
	return nil
}

// runesInOrder is inOrder for a query that is not ASCII (its runes
// folded; ascii: s is ASCII): the matcher, which allocates for such a
// query, is asked only about texts that pass it.
func runesInOrder(s string, ascii bool, qr []rune) bool {
	if ascii {
		// An ASCII text holds no rune that folds past ASCII.
		for _, r := range qr {
			if r >= utf8.RuneSelf {
				return false
			}
		}
	}
	i := 0
	for _, r := range s {
		if i == len(qr) {
			break
		}
		if fold(r) == qr[i] {
			i++
		}
	}
	return i == len(qr)
}

// inOrder reports whether s holds the characters of lower (an ASCII
// query, lower-cased) in order, any case: what the matcher needs to
// match at all, read in one pass. A text that is not ASCII is left to
// the matcher.
func inOrder(s, lower string) bool {
	i := 0
	for j := 0; j < len(s) && i < len(lower); j++ {
		c := s[j]
		if c >= utf8.RuneSelf {
			return true
		}
		if 'A' <= c && c <= 'Z' {
			c += 'a' - 'A'
		}
		if c == lower[i] {
			i++
		}
	}
	return i == len(lower)
}

// narrowFrom returns the last search when query extends it.
func (ix *Index) narrowFrom(query string) (narrowing, bool) {
	ix.mu.Lock()
	defer ix.mu.Unlock()
	last := ix.last
	// The same query again ("qzxv " after "qzxv": the space is trimmed)
	// narrows from itself.
	return last, last.query != "" && strings.HasPrefix(query, last.query)
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
		if b.score >= h[0].score && ix.before(b, h[0]) < 0 {
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
	t := ix.text(b.entry)
	matched := contiguous(t, q.s)
	if matched == nil {
		_, matched, _ = matchEntry(q.s, q.pat, t, nil)
	}
	field := ix.field(b.entry)
	if b.viaMatter {
		field = FieldMatter
	}
	return Match{ID: ix.docs[b.doc].id, Field: field, Text: t, Matched: matched, Score: b.score}
}
