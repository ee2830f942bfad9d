package search

import (
	"context"
	"errors"
	"fmt"
	"math/rand/v2"
	"slices"
	"testing"
	"time"

	"github.com/warrantdesk/warrantdesk/app"
)

// TestLoad_FindsWhatTheIndexFound: an index written and read back finds
// the same cases with the same scores, fields and positions, holds the
// same stamps, and leaves out the cases removed before it was written.
func TestLoad_FindsWhatTheIndexFound(t *testing.T) {
	cases := randomCases(rand.New(rand.NewPCG(4, 5)), 2000)
	docs := make([]Doc, len(cases))
	for i, c := range cases {
		docs[i] = DocOf(c, []app.PageText{{Text: fmt.Sprintf("subscriber records of user%d, page one", i)}})
	}
	ix := NewIndexOf(docs)
	ix.Put(Doc{ID: "odd", Created: time.Now(), Entries: []Entry{{Field: "a field of its own", Text: "Ünïcödé Straße"}}})
	ix.Remove(cases[3].ID)
	fixed := *cases[5]
	fixed.Order.FileName = "renamed.pdf"
	ix.Put(DocOf(&fixed, nil))
	data, err := ix.MarshalBinary()
	if err != nil {
		t.Fatal(err)
	}
	back, err := Load(data)
	if err != nil {
		t.Fatal(err)
	}
	if back.Cases() != ix.Cases() || back.Len() != ix.Len() {
		t.Fatalf("read back %d cases, %d entries; wrote %d, %d", back.Cases(), back.Len(), ix.Cases(), ix.Len())
	}
	for _, q := range []string{"user12 subscr", "page"} {
		a, _ := ix.FindText(context.Background(), q)
		b, _ := back.FindText(context.Background(), q)
		if len(a) != len(b) || len(a) == 0 {
			t.Errorf("text %q: read back finds %d, the index %d", q, len(b), len(a))
		}
	}
	for _, q := range []string{"user1", "eastern", "2:1", "straße", "renamed", "kelvin", "1"} {
		if a, b := ix.Find(q), back.Find(q); !slices.EqualFunc(a, b, func(x, y Match) bool {
			return x.ID == y.ID && x.Score == y.Score && x.Field == y.Field && x.Text == y.Text && slices.Equal(x.Matched, y.Matched)
		}) {
			t.Errorf("%q: read back finds %d, the index %d", q, len(b), len(a))
		}
	}
	sums := make([]app.Summary, 0, len(cases))
	for _, c := range cases {
		if c.ID != cases[3].ID {
			sums = append(sums, app.Summarize(c))
		}
	}
	changed, gone := back.Stale(sums)
	if !slices.Equal(changed, []string{cases[5].ID}) || !slices.Equal(gone, []string{"odd"}) {
		t.Errorf("stale: changed %v, gone %v", changed, gone)
	}
}

// TestLoad_RefusesWhatIsNotAnIndex: cut short, another version, garbage:
// ErrFormat, never a panic or a half index.
func TestLoad_RefusesWhatIsNotAnIndex(t *testing.T) {
	data, _ := NewIndex(randomCases(rand.New(rand.NewPCG(1, 1)), 50)).MarshalBinary()
	for name, b := range map[string][]byte{
		"empty": nil, "cut": data[:len(data)/2], "version": append([]byte(magic[:len(magic)-1]+"\x09"), data[len(magic):]...),
		"trailing": append(slices.Clone(data), 0), "garbage": []byte(magic + "\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\x01"),
	} {
		if _, err := Load(b); !errors.Is(err, ErrFormat) {
			t.Errorf("%s: %v", name, err)
		}
	}
	for i := len(magic); i < len(data); i += 7 {
		Load(data[:i]) // must not panic
	}
}

// TestStale_TellsChangedNewAndGone: a summary whose case changed (its
// stamp), one the index lacks, one it holds that is gone.
func TestStale_TellsChangedNewAndGone(t *testing.T) {
	a, b, c := mk("A-1", "Court"), mk("B-2", "Court"), mk("C-3", "Court")
	ix := NewIndex([]*app.Case{a, b})
	a2 := *a
	a2.UpdatedAt = a.UpdatedAt.Add(time.Second)
	changed, gone := ix.Stale([]app.Summary{app.Summarize(&a2), app.Summarize(c)})
	if !slices.Equal(changed, []string{"A-1", "C-3"}) || !slices.Equal(gone, []string{"B-2"}) {
		t.Errorf("changed %v, gone %v", changed, gone)
	}
	if ch, g := ix.Stale([]app.Summary{app.Summarize(a), app.Summarize(b)}); len(ch)+len(g) != 0 {
		t.Errorf("an index up to date is stale: %v %v", ch, g)
	}
}
