package search

import (
	"context"
	"fmt"
	"math/rand/v2"
	"testing"
)

// TestTrigrams_RankAsTheScan: a query of three characters over a common
// trigram, read off its ranked head (ranked when the lists were built or
// by the first search that needs it, after texts were indexed, corrected
// and purged since), ranks the same page, with the same scores, and
// counts the same cases as the index that scans every text; typed in
// capitals too; and once purges have emptied what a head kept, the scan
// takes over with the same result.
func TestTrigrams_RankAsTheScan(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 18))
	docs := randomDocs(rng, 2500)
	ix, scan := NewIndexOf(docs), NewIndexOf(docs)
	ix.Prepare()
	ranked, cut := 0, 0
	for k, h := range ix.post.tris.m {
		ranked++
		if h.cut {
			cut++
		}
		if k%2 == 0 {
			delete(ix.post.tris.m, k) // ranked by a search, after the changes below
		}
	}
	if ranked == 0 || cut == 0 {
		t.Fatalf("%d trigrams ranked, %d of them cut: the test needs more texts", ranked, cut)
	}
	// Kept few: the race detector runs this in make test.
	queries := []string{"aba", "ABA", "Bab", "c-a", "A.B", "1:2", "b b", "2ab", "b\u212aa", "zzz"}
	ks := []int{10, Page, -1}
	for round := range 12 {
		switch i := rng.IntN(len(docs)); round % 3 {
		case 0:
			d := Doc{ID: docs[i].ID, Entries: []Entry{{Field: "file", Text: randomText(rng)}}}
			ix.Put(d)
			scan.Put(d)
		case 1:
			ix.Remove(docs[i].ID)
			scan.Remove(docs[i].ID)
		}
		rankAsTheScan(t, ix, scan, queries, ks, round)
	}
	// Purge the best cases of "a.b", and correct others to a text that
	// does not hold it, until what its head kept is gone; then add a few
	// that do, ranked since.
	for round := range 3 {
		r, _ := ix.FindTop(context.Background(), "a.b", 3*Page)
		for i, m := range r.Top {
			text := fmt.Sprintf("zz-%d", i)
			if round == 2 && i%10 == 0 {
				text = fmt.Sprintf("a.b-%d", i)
			}
			if i%3 != 0 {
				ix.Remove(m.ID)
				scan.Remove(m.ID)
				continue
			}
			d := Doc{ID: m.ID, Entries: []Entry{{Field: "file", Text: text}}}
			ix.Put(d)
			scan.Put(d)
		}
		rankAsTheScan(t, ix, scan, queries, ks, 100+round)
	}
}
