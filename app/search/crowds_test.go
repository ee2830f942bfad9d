package search

import (
	"context"
	"fmt"
	"math/rand/v2"
	"testing"
	"time"
)

// TestFindTop_SharedTextsRankAsFind: texts thousands of cases share (a
// provider's, an agency's name), with cases imported in no order of
// their numbers, rank the same page with the same scores as Find (which
// visits every case), by one, two, three characters and more, typed on
// and scattered; and still after cases holding them are corrected,
// imported again and purged, their crowds made before.
func TestFindTop_SharedTextsRankAsFind(t *testing.T) {
	rng := rand.New(rand.NewPCG(4, 18))
	shared := []string{"Quillon Messaging Ltd.", "Federal Bureau of Investigation", "Polícia Judiciária", "Special Agent Daniel Winslow"}
	base := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	doc := func(i int) Doc {
		d := Doc{ID: fmt.Sprint("c", i), Created: base.Add(-time.Duration(rng.IntN(5000)) * time.Minute)}
		for k, s := range shared {
			if rng.IntN(k+2) == 0 {
				d.Entries = append(d.Entries, Entry{Field: fmt.Sprint("f", k), Text: s})
			}
		}
		d.Entries = append(d.Entries, Entry{Field: "target", Text: fmt.Sprintf("quinn.winslow%d@example.com", rng.IntN(100000))})
		return d
	}
	var docs []Doc
	for i := range 4000 {
		docs = append(docs, doc(i))
	}
	ix := NewIndexOf(docs)
	ix.Prepare()
	if len(ix.crowds.m) == 0 {
		t.Fatal("no crowd made: the test needs texts more cases share")
	}
	queries := []string{"q", "Q", "qu", "qui", "Quil", "Quillon M", "e", "Fe", "Fed", "Federal B", "po", "Polícia", "Winslow", "win", "qzx", "qw"}
	same := func(round int) {
		t.Helper()
		for _, q := range queries {
			all := ix.Find(q)
			for _, k := range []int{1, 10, Page} {
				r, err := ix.FindTop(context.Background(), q, k)
				if err != nil {
					t.Fatal(err)
				}
				if r.Total != len(all) || len(r.Top) != min(k, len(all)) {
					t.Fatalf("round %d %q top %d: %d found, %d ranked; Find %d", round, q, k, r.Total, len(r.Top), len(all))
				}
				for i, m := range r.Top {
					if m.ID != all[i].ID || m.Score != all[i].Score {
						t.Fatalf("round %d %q top %d: rank %d is %s (%d), Find's %s (%d)", round, q, k, i, m.ID, m.Score, all[i].ID, all[i].Score)
					}
				}
			}
		}
	}
	same(0)
	for round := 1; round <= 3; round++ {
		// The best cases of the shared texts change: purged, imported
		// again as newer or older, or corrected to hold another text.
		r, _ := ix.FindTop(context.Background(), "Quillon", Page)
		for i, m := range r.Top {
			switch i % 3 {
			case 0:
				ix.Remove(m.ID)
			case 1:
				var n int
				fmt.Sscan(m.ID[1:], &n)
				ix.Put(doc(n))
			default:
				ix.Put(Doc{ID: m.ID, Created: base, Entries: []Entry{{Field: "f0", Text: "Quillon Messaging"}}})
			}
		}
		same(round)
	}
	// Purged only: the first cases of the shared text itself.
	r, _ := ix.FindTop(context.Background(), "Quillon Messaging Ltd", Page)
	for _, m := range r.Top[:10] {
		ix.Remove(m.ID)
	}
	same(4)
}
