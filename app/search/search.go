// Package search finds cases by case number, issuing authority, agency,
// agent and targets, fuzzily (github.com/sahilm/fuzzy), as a reviewer types.
//
// The fuzzy matcher is the judge of what matches and how well, but it no
// longer reads every entry on every keystroke. Each entry carries a
// signature of the letters and digits it holds (one bit each, case
// folded): an entry can match a query only if it holds every letter and
// digit the query has, so one AND per entry leaves the fuzzy matcher the
// few that can. A query that extends the previous one (the reviewer typed
// one more character) is matched only against the entries the previous
// one matched: a fuzzy match of "abc" is a fuzzy match of "ab". A search
// stops as soon as its context is cancelled (a newer keystroke). What is
// found, and its order, are what the matcher alone would give.
package search

import (
	"cmp"
	"context"
	"slices"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"github.com/warrantdesk/warrantdesk/app"
)

// Index holds the searchable text of a set of cases. Build it once per
// change of the case list (in the background: it is linear in the cases);
// Find is then cheap enough to run per keystroke. Safe for concurrent use.
type Index struct {
	// rw guards entries and sigs: searches read them, Update changes them.
	rw      sync.RWMutex
	cases   []*app.Case
	entries []entry
	sigs    []uint64          // one per entry
	spans   [][2]int32        // each case's entries, as built
	moved   map[int32][]int32 // the entries of cases updated since
	// created is each case's place when ordered by import time: the
	// tie-break of equal scores, as one number.
	created []uint32

	mu   sync.Mutex
	last narrowing // the latest query that ran to its end
}

type entry struct {
	caseIdx int32
	field   string
	text    string
}

// narrowing is a finished query and the entries it matched.
type narrowing struct {
	query string
	hits  []int32
}

// Match is one case found, with the field that matched best and the byte
// positions of the matched characters in that field's text.
type Match struct {
	Case    *app.Case
	Field   string
	Text    string
	Matched []int
	Score   int
}

// NewIndex indexes cases.
func NewIndex(cases []*app.Case) *Index {
	ix := &Index{cases: cases, spans: make([][2]int32, len(cases))}
	for i, c := range cases {
		start := int32(len(ix.entries))
		ix.add(int32(i), c)
		ix.spans[i] = [2]int32{start, int32(len(ix.entries))}
	}
	ix.rankCreated()
	return ix
}

// rankCreated numbers the cases by import time.
func (ix *Index) rankCreated() {
	byTime := make([]int32, len(ix.cases))
	for i := range byTime {
		byTime[i] = int32(i)
	}
	slices.SortStableFunc(byTime, func(a, b int32) int { return ix.cases[a].CreatedAt.Compare(ix.cases[b].CreatedAt) })
	ix.created = make([]uint32, len(ix.cases))
	for r, i := range byTime {
		ix.created[i] = uint32(r)
	}
}

// add appends case i's entries.
func (ix *Index) add(i int32, c *app.Case) {
	add := func(field, text string) {
		if text = strings.TrimSpace(text); text != "" {
			ix.entries = append(ix.entries, entry{i, field, text})
			ix.sigs = append(ix.sigs, signature(text))
		}
	}
	add(app.FieldCaseNumber, c.Value(app.FieldCaseNumber))
	add(app.FieldIssuingAuthority, c.Value(app.FieldIssuingAuthority))
	add(app.FieldAgency, c.Value(app.FieldAgency))
	add(app.FieldAgentName, c.Value(app.FieldAgentName))
	add(app.FieldJudge, c.Value(app.FieldJudge))
	add(app.FieldRecipient, c.Value(app.FieldRecipient))
	for _, t := range c.Order.Extraction.Targets {
		add("target", t.Value)
	}
	add("file", c.Order.FileName)
}

// Update indexes c again (matched by ID) after it changed in place — a
// corrected case number, agency or target — so a search finds it by what
// it says now, not by what it said when the index was built. A case the
// index does not hold is left alone: the next build takes it.
func (ix *Index) Update(c *app.Case) {
	ix.rw.Lock()
	defer ix.rw.Unlock()
	i := slices.IndexFunc(ix.cases, func(x *app.Case) bool { return x.ID == c.ID })
	if i < 0 {
		return
	}
	for _, e := range ix.entriesOf(int32(i)) {
		ix.entries[e].caseIdx = -1 // no longer the case's
	}
	ix.cases[i] = c
	ix.rankCreated()
	start := int32(len(ix.entries))
	ix.add(int32(i), c)
	if ix.moved == nil {
		ix.moved = map[int32][]int32{}
	}
	var now []int32
	for e := start; e < int32(len(ix.entries)); e++ {
		now = append(now, e)
	}
	ix.moved[int32(i)] = now
	ix.mu.Lock()
	ix.last = narrowing{} // its matches may have changed
	ix.mu.Unlock()
}

// entriesOf lists case i's current entries.
func (ix *Index) entriesOf(i int32) []int32 {
	if m, ok := ix.moved[i]; ok {
		return m
	}
	var out []int32
	for e := ix.spans[i][0]; e < ix.spans[i][1]; e++ {
		out = append(out, e)
	}
	return out
}

// Len is the number of entries indexed.
func (ix *Index) Len() int {
	ix.rw.RLock()
	defer ix.rw.RUnlock()
	return len(ix.entries)
}

// signature has a bit for each ASCII letter (either case) and digit s
// holds, counting the letters a non-ASCII character folds to (the Kelvin
// sign is a k to the matcher).
func signature(s string) uint64 {
	var sig uint64
	for _, r := range s {
		if r >= utf8.RuneSelf {
			for f := unicode.SimpleFold(r); f != r; f = unicode.SimpleFold(f) {
				sig |= bit(f)
			}
			continue
		}
		sig |= bit(r)
	}
	return sig
}

func bit(r rune) uint64 {
	switch {
	case r >= 'a' && r <= 'z':
		return 1 << (r - 'a')
	case r >= 'A' && r <= 'Z':
		return 1 << (r - 'A')
	case r >= '0' && r <= '9':
		return 1 << (26 + r - '0')
	}
	return 0
}

// Find returns the cases matching query, best first, one match per case.
// An empty query matches nothing.
func (ix *Index) Find(query string) []Match {
	m, _ := ix.FindContext(context.Background(), query)
	return m
}

// chunk is how many candidates are matched between looks at the context.
const chunk = 4096

// FindContext is Find that gives up, with ctx's error, once ctx is done.
func (ix *Index) FindContext(ctx context.Context, query string) ([]Match, error) {
	query = strings.TrimSpace(query)
	if query == "" {
		return nil, nil
	}
	ix.rw.RLock()
	defer ix.rw.RUnlock()
	cand := ix.candidates(query)
	var pat []byte
	if isASCII(query) {
		pat = []byte(query)
	}
	lower := strings.ToLower(query)
	// Each case's best entry so far (case → 1 + its place in bests).
	var bests []best
	at := make([]int32, len(ix.cases))
	var hits []int32
	var idx []int
	for n, e := range cand {
		if n%chunk == 0 {
			if err := ctx.Err(); err != nil {
				return nil, err
			}
		}
		en := ix.entries[e]
		from := len(idx)
		score, out, ok := matchEntry(query, pat, en.text, idx)
		if !ok {
			idx = out[:from]
			continue
		}
		idx = out
		hits = append(hits, e)
		// A match that covers the whole query in one run beats a
		// scattered one of the same fuzzy score.
		if containsFold(en.text, lower) {
			score += 1000
		}
		b := best{score, en.caseIdx, e, int32(from), int32(len(idx))}
		switch k := at[en.caseIdx]; {
		case k == 0:
			bests = append(bests, b)
			at[en.caseIdx] = int32(len(bests))
		case score > bests[k-1].score:
			bests[k-1] = b
		}
	}
	ix.mu.Lock()
	ix.last = narrowing{query, hits}
	ix.mu.Unlock()
	return ix.rank(bests, idx), nil
}

// best is a case's best matching entry: its score, and its matched
// positions as a range of the search's position slice.
type best struct {
	score    int
	caseIdx  int32
	entry    int32
	from, to int32
}

// candidates are the entries that may match query: those whose signature
// holds the query's, among the last search's matches when query extends
// it.
func (ix *Index) candidates(query string) []int32 {
	qsig := signature(query)
	var cand []int32
	if prev, ok := ix.narrowFrom(query); ok {
		cand = prev[:0:0]
		for _, e := range prev {
			if ix.sigs[e]&qsig == qsig && ix.entries[e].caseIdx >= 0 {
				cand = append(cand, e)
			}
		}
		return cand
	}
	for e, sig := range ix.sigs {
		if sig&qsig == qsig && ix.entries[e].caseIdx >= 0 {
			cand = append(cand, int32(e))
		}
	}
	return cand
}

// rank orders the cases' bests best first, then the case imported first
// (one number each), as matches.
func (ix *Index) rank(bests []best, idx []int) []Match {
	keys := make([]uint64, len(bests))
	for i, b := range bests {
		keys[i] = uint64(uint32(1<<31-b.score))<<32 | uint64(ix.created[b.caseIdx])
	}
	order := make([]int, len(bests))
	for i := range order {
		order[i] = i
	}
	slices.SortFunc(order, func(a, b int) int { return cmp.Compare(keys[a], keys[b]) })
	out := make([]Match, len(bests))
	for i, k := range order {
		b := bests[k]
		en := ix.entries[b.entry]
		out[i] = Match{Case: ix.cases[b.caseIdx], Field: en.field, Text: en.text, Matched: idx[b.from:b.to:b.to], Score: b.score}
	}
	return out
}

// narrowFrom returns the entries the previous query matched when query
// extends it.
func (ix *Index) narrowFrom(query string) ([]int32, bool) {
	ix.mu.Lock()
	defer ix.mu.Unlock()
	last := ix.last
	return last.hits, last.query != "" && len(query) > len(last.query) && strings.HasPrefix(query, last.query)
}

// containsFold reports whether s holds lower (already lower-cased), case
// folded as strings.ToLower does, without a copy of s for ASCII text.
func containsFold(s, lower string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			return strings.Contains(strings.ToLower(s), lower)
		}
	}
	n := len(lower)
outer:
	for i := 0; i+n <= len(s); i++ {
		for j := 0; j < n; j++ {
			c := s[i+j]
			if 'A' <= c && c <= 'Z' {
				c += 'a' - 'A'
			}
			if c != lower[j] {
				continue outer
			}
		}
		return true
	}
	return false
}
