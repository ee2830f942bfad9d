package search

import (
	"context"
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"
)

// TestHeldCeiling_BoundsTheMatcher: for texts of words, separators,
// capitals (camel-case humps among them) and digits, and queries cut
// from them (so held as typed), typed in either case, the matcher's
// score plus 1000 never passes the bound less the text's length — the
// bound for a text with a hump when it has one — and the bound is met
// exactly by a text holding a query of four characters or more just
// after a separator at its start, so it is no looser there than it need be.
func TestHeldCeiling_BoundsTheMatcher(t *testing.T) {
	rng := rand.New(rand.NewPCG(18, 8))
	parts := []string{"dan", "Dan", "iel", "DANIEL", "a", "A", "b", "aB", "bA", "-", ".", " ", "_", "/", "\\", "@", "1", "23", "mj", "McD", "x"}
	for i := 0; i < 40000; i++ {
		var b strings.Builder
		for n := 1 + rng.IntN(7); n > 0; n-- {
			b.WriteString(parts[rng.IntN(len(parts))])
		}
		s := b.String()
		from := rng.IntN(len(s))
		to := from + 1 + rng.IntN(min(len(s)-from, 9))
		pat := s[from:to]
		if rng.IntN(2) == 0 {
			pat = strings.ToUpper(pat)
		}
		if strings.TrimSpace(pat) != pat {
			continue
		}
		q := newQuery(pat)
		c := ceilingsOf(q)
		if !c.ok {
			t.Fatalf("%q: no bound", pat)
		}
		bound := c.plain
		if shapeOf(s)&humped != 0 {
			bound = c.humped
		}
		score, _, ok := scoreText(q, s, nil)
		if !ok {
			t.Fatalf("%q in %q: not found", pat, s)
		}
		if score > bound-len(s) {
			t.Fatalf("%q in %q (hump %v): scores %d, over the bound %d", pat, s, shapeOf(s)&humped != 0, score, bound-len(s))
		}
	}
	for _, c := range []struct{ pat, text string }{{"daniel", ".daniel"}, {"Wins", "_Winslow"}, {"dan-iel", " dan-iel"}, {"aB", "-aB"}} {
		q := newQuery(c.pat)
		bound := ceilingsOf(q).plain
		if shapeOf(c.text)&humped != 0 {
			bound = ceilingsOf(q).humped
		}
		if score, _, _ := scoreText(q, c.text, nil); score != bound-len(c.text) {
			t.Errorf("%q in %q: scores %d, the bound %d", c.pat, c.text, score, bound-len(c.text))
		}
	}
}

// TestFindTop_LongQueriesRankAsTheScan: queries of four to nine
// characters that hundreds of texts of much the same length hold as
// typed (addresses numbered case by case, and a name a few cases share),
// shortest first under the bound, rank the same page with the same
// scores and count the same cases as the index that scans every text,
// typed on from their first character.
func TestFindTop_LongQueriesRankAsTheScan(t *testing.T) {
	rng := rand.New(rand.NewPCG(8, 18))
	names := []string{"daniel.whit", "_daniel.whitfi", "-x-daniel.whi", "daniel.whitfield", "Daniel_Winslow", "danielle.moreau", "grace.winslow", "DanielWinslow", "McDaniel-Winslow", "dan\x00iel"}
	pow10 := []int{10, 100, 1000, 10000, 100000, 1000000}
	var docs []Doc
	for i := range 3000 {
		d := Doc{ID: fmt.Sprint("c", i)}
		d.Entries = append(d.Entries, Entry{Field: "target", Text: fmt.Sprintf("%s%d@example.com", names[rng.IntN(len(names))], rng.IntN(pow10[rng.IntN(len(pow10))]))})
		if i%97 == 0 {
			d.Entries = append(d.Entries, Entry{Field: "agent", Text: "Special Agent Daniel Winslow"})
		}
		docs = append(docs, d)
	}
	ix, scan := NewIndexOf(docs), NewIndexOf(docs)
	ix.Prepare()
	var queries []string
	for _, w := range []string{"daniel.whit", "Winslow", "danielle", "dan\x00iel1", "-winsl"} {
		for k := 1; k <= len(w); k++ {
			queries = append(queries, w[:k])
		}
	}
	rankAsTheScan(t, ix, scan, queries, []int{1, 10, Page, -1}, 0)
	// Against every text scored (Find ranks them all, no bound), typed on
	// and afresh.
	for _, afresh := range []bool{false, true} {
		for _, q := range queries {
			if afresh {
				ix.forget()
			}
			all := ix.Find(q)
			for _, k := range []int{1, 10, Page} {
				r, err := ix.FindTop(context.Background(), q, k)
				if err != nil {
					t.Fatal(err)
				}
				if r.Total != len(all) || len(r.Top) != min(k, len(all)) {
					t.Fatalf("%q top %d: %d found, %d ranked; Find %d", q, k, r.Total, len(r.Top), len(all))
				}
				for i, m := range r.Top {
					if m.ID != all[i].ID || m.Score != all[i].Score {
						t.Fatalf("%q top %d: rank %d is %s (%d), Find's %s (%d)", q, k, i, m.ID, m.Score, all[i].ID, all[i].Score)
					}
				}
			}
		}
	}
	if r, _ := ix.FindTop(context.Background(), "Winslow", Page); r.Total == 0 {
		t.Fatal("nothing found")
	}
}
