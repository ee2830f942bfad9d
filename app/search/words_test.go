package search

import (
	"context"
	"fmt"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"

	"github.com/warrantdesk/warrantdesk/app"
)

// wordsIn is the text search as it read each case's word index whole:
// for each word, the first word of index it starts, or nil when one
// starts none.
func wordsIn(index string, words []string) []string {
	var hit []string
	for _, w := range words {
		at := strings.Index(index, " "+w)
		if at < 0 {
			return nil
		}
		end := strings.IndexByte(index[at+1:], ' ')
		hit = append(hit, index[at+1:at+1+end])
	}
	return hit
}

// TestFindText_SameAsReadingEveryIndex: with the words kept as numbers,
// a text search finds the cases, and names the words, that reading each
// case's word index finds; typed on and afresh, with texts read again
// and cases purged between, and after the index is written and read
// back (each case's words as they were).
func TestFindText_SameAsReadingEveryIndex(t *testing.T) {
	rng := rand.New(rand.NewPCG(12, 18))
	vocab := []string{"subscriber", "subscribers", "sub", "records", "record", "Straße", "ståhl", "IP", "ip-address", "2703(d)", "jane.doe@example.com", "content", "account", "acc", "a", "b"}
	page := func() string {
		var w []string
		for range 1 + rng.IntN(12) {
			w = append(w, vocab[rng.IntN(len(vocab))])
		}
		return strings.Join(w, " ")
	}
	texts := map[string]string{}
	var docs []Doc
	for i := range 300 {
		id := fmt.Sprint("c", i)
		texts[id] = app.IndexWords([]app.PageText{{Text: page()}})
		docs = append(docs, Doc{ID: id, Words: texts[id], Entries: []Entry{{Field: "file", Text: id}}})
	}
	ix := NewIndexOf(docs)
	queries := []string{"s", "su", "sub", "subs", "subscriber", "re", "rec ip", "strasse", "STRA", "st", "2703", "jane", "doe", "zz", "a b", "acc sub re"}
	check := func(round int, ix *Index) {
		for _, q := range queries {
			got, err := ix.FindText(context.Background(), q)
			if err != nil {
				t.Fatal(err)
			}
			want := map[string][]string{}
			for id, index := range texts {
				if h := wordsIn(index, app.WordKeys(q)); h != nil {
					want[id] = h
				}
			}
			if len(got) != len(want) {
				t.Fatalf("round %d %q: %d cases, reading every index %d", round, q, len(got), len(want))
			}
			for id, w := range want {
				if !slices.Equal(got[id], w) {
					t.Fatalf("round %d %q: %s matched %v, reading its index %v", round, q, id, got[id], w)
				}
			}
		}
	}
	for round := range 20 {
		check(round, ix)
		i := rng.IntN(len(docs))
		id := docs[i].ID
		if round%4 == 3 {
			ix.Remove(id)
			delete(texts, id)
		} else {
			texts[id] = app.IndexWords([]app.PageText{{Text: page()}})
			ix.Put(Doc{ID: id, Words: texts[id]})
		}
	}
	data, err := ix.MarshalBinary()
	if err != nil {
		t.Fatal(err)
	}
	back, err := Load(data)
	if err != nil {
		t.Fatal(err)
	}
	for id, index := range texts {
		if got := back.Words(id); got != index {
			t.Fatalf("%s read back: %q, was %q", id, got, index)
		}
	}
	check(-1, back)
}
