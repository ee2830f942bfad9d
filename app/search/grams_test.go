package search

import (
	"context"
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/warrantdesk/warrantdesk/app"
)

// randomText is a text of words, numbers and punctuation from a small
// alphabet, so random queries hit it often, with a non-ASCII letter now
// and then.
func randomText(rng *rand.Rand) string {
	parts := []string{"ab", "Ba", "c-", "a.b", "1:2", "-", " ", "Ab", "bc", "Ståhl", "\u212a", "2"}
	var b strings.Builder
	for n := 1 + rng.IntN(8); n > 0; n-- {
		b.WriteString(parts[rng.IntN(len(parts))])
	}
	return b.String()
}

// randomDocs are n cases of one to three random targets each.
func randomDocs(rng *rand.Rand, n int) []Doc {
	var docs []Doc
	for i := range n {
		d := Doc{ID: fmt.Sprint("c", i)}
		for range 1 + rng.IntN(3) {
			d.Entries = append(d.Entries, Entry{Field: "target", Text: randomText(rng)})
		}
		docs = append(docs, d)
	}
	return docs
}

// rankAsTheScan fails t unless every query, a page of k cases ranked for
// each k, finds as many cases and ranks the same ones with the same
// scores in ix as in scan (an index that reads every text).
func rankAsTheScan(t *testing.T, ix, scan *Index, queries []string, ks []int, round int) {
	t.Helper()
	for _, q := range queries {
		for _, k := range ks {
			a, err := ix.FindTop(context.Background(), q, k)
			if err != nil {
				t.Fatal(err)
			}
			b, _ := scan.FindTop(context.Background(), q, k)
			if a.Total != b.Total || len(a.Top) != len(b.Top) {
				t.Fatalf("round %d %q top %d: %d found, %d ranked; the scan %d, %d", round, q, k, a.Total, len(a.Top), b.Total, len(b.Top))
			}
			for i := range a.Top {
				if a.Top[i].ID != b.Top[i].ID || a.Top[i].Score != b.Top[i].Score {
					t.Fatalf("round %d %q top %d: rank %d is %s (%d), the scan's %s (%d)", round, q, k, i, a.Top[i].ID, a.Top[i].Score, b.Top[i].ID, b.Top[i].Score)
				}
			}
		}
	}
}

// TestFind_FindsEveryTextHoldingTheQuery is the posting lists against a
// scan: for random texts and queries, typed on and afresh, with cases
// corrected and purged between, every case with a text holding the query
// as it stands (any case) is found, and no other unless the matcher finds
// it; what is found is what the index without posting lists finds.
func TestFind_FindsEveryTextHoldingTheQuery(t *testing.T) {
	rng := rand.New(rand.NewPCG(7, 18))
	docs := randomDocs(rng, 400)
	ix, scan := NewIndexOf(docs), NewIndexOf(docs)
	ix.Prepare()
	for round := range 300 {
		// A correction or a purge, applied to both.
		switch i := rng.IntN(len(docs)); round % 3 {
		case 0:
			d := Doc{ID: docs[i].ID, Entries: []Entry{{Field: "file", Text: randomText(rng)}}}
			ix.Put(d)
			scan.Put(d)
			docs[i] = d
		case 1:
			ix.Remove(docs[i].ID)
			scan.Remove(docs[i].ID)
			docs[i] = Doc{ID: docs[i].ID}
		}
		q := randomText(rng)
		q = q[:1+rng.IntN(min(len(q), 5))]
		if !utf8Valid(q) || strings.TrimSpace(q) == "" {
			continue
		}
		for k := 1; k <= len(q); k++ {
			if !utf8Valid(q[:k]) || strings.TrimSpace(q[:k]) == "" {
				continue
			}
			got, afresh := ids(ix.Find(q[:k])), ids(scan.Find(q[:k]))
			for _, d := range docs {
				for _, e := range d.Entries {
					if containsFold(e.Text, strings.ToLower(strings.TrimSpace(q[:k]))) && !got[d.ID] {
						t.Fatalf("%q: case %s holds it in %q, not found", q[:k], d.ID, e.Text)
					}
				}
			}
			if len(got) != len(afresh) {
				t.Fatalf("%q: %d cases with posting lists, %d without", q[:k], len(got), len(afresh))
			}
			for id := range afresh {
				if !got[id] {
					t.Fatalf("%q: %s found without posting lists only", q[:k], id)
				}
			}
		}
	}
}

func ids(ms []Match) map[string]bool {
	out := map[string]bool{}
	for _, m := range ms {
		out[m.ID] = true
	}
	return out
}

// TestOneScores_AreTheMatchers: the scores a one-character query is
// served by are those the matcher gives each text.
func TestOneScores_AreTheMatchers(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 3))
	texts := []string{"a", "A", "-a", "a-", "Federal Bureau", "2:25-mj-01234", "KELVIN \u212a", "Ståhl", "x\x00y", "fooBar"}
	for range 300 {
		texts = append(texts, randomText(rng))
	}
	for _, s := range texts {
		var score [128]int32
		var has [128]bool
		oneScores(s, &score, &has)
		for c := 1; c < 128; c++ {
			q := newQuery(string(rune(c)))
			want, _, ok := scoreText(q, s, nil)
			if ok != has[fold(rune(c))] || ok && int32(want) != score[fold(rune(c))] {
				t.Errorf("%q for %q: %d %v, the matcher %d %v", string(rune(c)), s, score[fold(rune(c))], has[fold(rune(c))], want, ok)
			}
		}
	}
}

// TestFindTop_RanksAPageCountsTheRest: the top k are Find's first k; the
// rest are counted and named in the order asked for; a case found but
// not ranked has its match on demand.
func TestFindTop_RanksAPageCountsTheRest(t *testing.T) {
	ix := NewIndex(randomCases(rand.New(rand.NewPCG(9, 9)), 2000))
	ix.Prepare()
	for _, q := range []string{"e", "us", "user1", "eastern", "2:1"} {
		all := ix.Find(q)
		r, err := ix.FindTop(context.Background(), q, 10)
		if err != nil {
			t.Fatal(err)
		}
		if r.Total != len(all) || len(r.Top) != min(10, len(all)) {
			t.Fatalf("%q: %d found, %d ranked; Find %d", q, r.Total, len(r.Top), len(all))
		}
		for i, m := range r.Top {
			if m.ID != all[i].ID || m.Score != all[i].Score {
				t.Errorf("%q: rank %d is %s (%d), Find's %s (%d)", q, i, m.ID, m.Score, all[i].ID, all[i].Score)
			}
		}
		var sums []*app.Summary
		for i := len(all) - 1; i >= 0; i-- {
			sums = append(sums, &app.Summary{ID: all[i].ID})
		}
		sums = append(sums, &app.Summary{ID: "not a case"})
		others := r.Others(sums)
		if len(others) != len(all)-len(r.Top) {
			t.Fatalf("%q: %d others, want %d", q, len(others), len(all)-len(r.Top))
		}
		if len(others) > 0 {
			last := all[len(all)-1]
			if others[0].ID != last.ID {
				t.Errorf("%q: others not in the order asked: %s first", q, others[0].ID)
			}
			if m, ok := r.MatchOf(last.ID, q); !ok || m.Score != last.Score || m.Text != last.Text {
				t.Errorf("%q: match of %s %+v, Find's %+v", q, last.ID, m, last)
			}
		}
	}
	if _, ok := (&Result{ix: ix}).MatchOf("not a case", "e"); ok {
		t.Error("a case not found has a match")
	}
}

// TestPrepare_WhileCasesChange: posting lists built while cases are put
// and removed find what the cases say at the end.
func TestPrepare_WhileCasesChange(t *testing.T) {
	cases := randomCases(rand.New(rand.NewPCG(5, 6)), 3000)
	ix := NewIndex(cases)
	done := make(chan bool)
	go func() {
		ix.Prepare()
		close(done)
	}()
	for i := range 200 {
		c := *cases[i]
		c.Order.FileName = fmt.Sprintf("changed-%d.pdf", i)
		ix.Put(DocOf(&c, nil))
	}
	ix.Remove(cases[500].ID)
	<-done
	if got := ix.Find("changed-1"); len(got) != 111 {
		t.Errorf("changed-1: %d cases, want 111", len(got))
	}
	data, err := ix.MarshalBinary()
	if err != nil {
		t.Fatal(err)
	}
	scan, err := Load(data)
	if err != nil {
		t.Fatal(err)
	}
	for _, q := range []string{"user1", "changed", "e", "2:2"} {
		if a, b := ids(ix.Find(q)), ids(scan.Find(q)); len(a) != len(b) {
			t.Errorf("%q: %d prepared, %d read back without posting lists", q, len(a), len(b))
		}
	}
}

// TestFindTop_CancelledOnTheGramPath: a search over the posting lists
// stops at a done context too.
func TestFindTop_CancelledOnTheGramPath(t *testing.T) {
	ix := NewIndex(randomCases(rand.New(rand.NewPCG(1, 1)), 5000))
	ix.Prepare()
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	for _, q := range []string{"e", "us", "user", "zq"} {
		if _, err := ix.FindTop(ctx, q, Page); err == nil {
			t.Errorf("%q: a cancelled search ran to its end", q)
		}
	}
	if got := len(ix.Find("user1")); got != len(want(ix, "user1")) {
		t.Errorf("after cancelled searches: %d", got)
	}
}
