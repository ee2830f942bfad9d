package search

import (
	"context"
	"slices"
	"strings"

	"github.com/warrantdesk/warrantdesk/app"
)

// The words of the orders' text were most of the index's memory: each
// case's word index (app.IndexWords) kept whole, some 900 bytes a case,
// though orders share most of their words. Each distinct word is kept
// once (vocab), and a case's words as their numbers, ascending, each as
// the difference from the one before in a varint (one or two bytes), all
// cases' one after the other in one allocation. A text search reads the
// words once to find those the query's words start, then each case's
// numbers.

// wordIndex is the words of every doc's text.
type wordIndex struct {
	vocab []string
	id    map[string]int32
	// data holds each doc's word numbers (doc.wfrom to doc.wto); those of
	// a doc indexed again or removed stay, unread, until the index is
	// written and read back.
	data []byte
}

// setWords makes index (app.IndexWords) doc i's words.
func (ix *Index) setWords(i int32, index string) {
	w := &ix.words
	if w.id == nil {
		w.id = map[string]int32{}
	}
	var nums []int32
	for word := range strings.FieldsSeq(index) {
		n, ok := w.id[word]
		if !ok {
			// Not a slice of what the index was read from, which can
			// then go.
			word = strings.Clone(word)
			n = int32(len(w.vocab))
			w.vocab = append(w.vocab, word)
			w.id[word] = n
		}
		nums = append(nums, n)
	}
	slices.Sort(nums)
	nums = slices.Compact(nums)
	from := len(w.data)
	w.data = appendPacked(w.data, nums)
	ix.docs[i].wfrom, ix.docs[i].wto = int32(from), int32(len(w.data))
}

// eachWord calls fn with the number of each of doc i's words.
func (ix *Index) eachWord(i int32, fn func(int32)) {
	d := ix.docs[i]
	packed(ix.words.data[d.wfrom:d.wto]).each(func(n int32) bool { fn(n); return true })
}

// wordsOf is doc i's word index as app.IndexWords made it ("" if none).
func (ix *Index) wordsOf(i int32) string {
	var ws []string
	ix.eachWord(i, func(n int32) { ws = append(ws, ix.words.vocab[n]) })
	if len(ws) == 0 {
		return ""
	}
	slices.Sort(ws)
	return " " + strings.Join(ws, " ") + " "
}

// FindText returns the cases whose order's text holds every word of
// query, by case ID, with the words of the text that matched (one per
// word searched for, the first in alphabetical order): each word of the
// query is the start of a word of the text (letters and digits compared,
// any case: app.WordKey), so "subscr" finds "subscriber". It reads the
// words of every case's text — only those the last text search found,
// when query extends it — and gives up with ctx's error once ctx is done.
func (ix *Index) FindText(ctx context.Context, query string) (map[string][]string, error) {
	keys := app.WordKeys(query)
	if len(keys) == 0 {
		return nil, nil
	}
	ix.rw.RLock()
	defer ix.rw.RUnlock()
	ix.mu.Lock()
	last := ix.lastText
	ix.mu.Unlock()
	narrow := last.query != "" && len(query) > len(last.query) && strings.HasPrefix(query, last.query)
	st, err := ix.wordStarts(ctx, keys)
	if err != nil {
		return nil, err
	}
	if st == nil {
		ix.keepText(query, nil)
		return map[string][]string{}, nil
	}
	out := map[string][]string{}
	var hits []int32
	n := len(ix.docs)
	if narrow {
		n = len(last.hits)
	}
	for j := 0; j < n; j++ {
		if j%chunk == 0 {
			if err := ctx.Err(); err != nil {
				return nil, err
			}
		}
		i := int32(j)
		if narrow {
			i = last.hits[j]
		}
		if found := st.in(ix, i); found != nil {
			out[ix.docs[i].id] = found
			hits = append(hits, i)
		}
	}
	ix.keepText(query, hits)
	return out, nil
}

// starts are, for each word searched for, the words of the vocabulary it
// starts, in alphabetical order, and each one's place in that order (1
// on; 0: not started).
type starts struct {
	words [][]int32
	rank  [][]int32
	first []int32 // scratch: a doc's first word for each
}

// wordStarts is the words each key starts; nil when one starts none.
func (ix *Index) wordStarts(ctx context.Context, keys []string) (*starts, error) {
	vocab := ix.words.vocab
	st := &starts{words: make([][]int32, len(keys)), rank: make([][]int32, len(keys)), first: make([]int32, len(keys))}
	for k, key := range keys {
		st.rank[k] = make([]int32, len(vocab))
		err := each(ctx, len(vocab), func(n int) {
			if strings.HasPrefix(vocab[n], key) {
				st.words[k] = append(st.words[k], int32(n))
			}
		})
		if err != nil {
			return nil, err
		}
		if len(st.words[k]) == 0 {
			return nil, nil
		}
		slices.SortFunc(st.words[k], func(a, b int32) int { return strings.Compare(vocab[a], vocab[b]) })
		for r, n := range st.words[k] {
			st.rank[k][n] = int32(r + 1)
		}
	}
	return st, nil
}

// in is, for each key, the first word of doc i's text it starts; nil when
// one starts none.
func (st *starts) in(ix *Index, i int32) []string {
	d := &ix.docs[i]
	if d.gone || d.wfrom == d.wto {
		return nil
	}
	first := st.first
	clear(first)
	ix.eachWord(i, func(n int32) {
		for k := range st.rank {
			if r := st.rank[k][n]; r > 0 && (first[k] == 0 || r < first[k]) {
				first[k] = r
			}
		}
	})
	if slices.Contains(first, 0) {
		return nil
	}
	found := make([]string, len(first))
	for k, r := range first {
		found[k] = ix.words.vocab[st.words[k][r-1]]
	}
	return found
}

// keepText notes the text search that ran to its end, for the next to
// narrow.
func (ix *Index) keepText(query string, hits []int32) {
	ix.mu.Lock()
	ix.lastText = narrowing{query: query, hits: hits}
	ix.mu.Unlock()
}
