package search

import (
	"context"
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"
)

// TestPairs_RankAsTheScan: a query of two characters, served from the
// lists scored when they were built (and from those of texts indexed
// since, with cases corrected and purged between), ranks the same page,
// with the same scores, and counts the same cases as the index that
// scans every text; typed in capitals too; ranked when the lists were
// built or by the first search that needs them.
func TestPairs_RankAsTheScan(t *testing.T) {
	rng := rand.New(rand.NewPCG(11, 18))
	docs := randomDocs(rng, 600)
	ix, scan := NewIndexOf(docs), NewIndexOf(docs)
	ix.Prepare()
	// Half the pairs ranked by the first search that needs them, after
	// the corrections and purges below, as before the warm pass is done.
	for k := range ix.post.pairs.heads {
		if k%2 == 0 {
			delete(ix.post.pairs.heads, k)
		}
	}
	pairs := []string{"ab", "AB", "Ba", "a.", ".b", "1:", ":2", "c-", "-a", "bc", "hl", "\u212aa", "ka", "b ", " a", "2a", "zz"}
	for round := range 60 {
		switch i := rng.IntN(len(docs)); round % 3 {
		case 0:
			d := Doc{ID: docs[i].ID, Entries: []Entry{{Field: "file", Text: randomText(rng)}}}
			ix.Put(d)
			scan.Put(d)
		case 1:
			ix.Remove(docs[i].ID)
			scan.Remove(docs[i].ID)
		}
		rankAsTheScan(t, ix, scan, pairs, []int{1, 10, Page, -1}, round)
	}
}

// TestPairScores_AreTheMatchers: every text is listed under each pair it
// holds with the score the matcher gives it.
func TestPairScores_AreTheMatchers(t *testing.T) {
	rng := rand.New(rand.NewPCG(4, 4))
	var docs []Doc
	texts := []string{"ab", "-ab", "fooBar", "KELVIN \u212a", "Ståhl", "x\x00yz", "2:25-mj-01234"}
	for range 200 {
		texts = append(texts, randomText(rng))
	}
	for i, s := range texts {
		docs = append(docs, Doc{ID: fmt.Sprint(i), Entries: []Entry{{Field: "file", Text: s}}})
	}
	ix := NewIndexOf(docs)
	ix.Prepare()
	l := &ix.post.pairs
	listed := 0
	for k := range pairKeys {
		h := l.heads[uint16(k)]
		if h == nil {
			continue
		}
		from := int32(0)
		for _, r := range h.runs {
			for _, tx := range h.texts[from:r.end] {
				s := ix.texts[tx].s
				pair := pairStrings()[2*k : 2*k+2]
				want, _, ok := scoreText(newQuery(strings.ToUpper(pair)), s, nil)
				if ok != (r.score != noScore) || ok && int32(want) != r.score {
					t.Errorf("%q in %q: listed %d, the matcher %d %v", pair, s, r.score, want, ok)
				}
				listed++
			}
			from = r.end
		}
	}
	if listed == 0 {
		t.Fatal("no pair listed")
	}
}

// TestFirstKey_RanksAsTheScanAfterPurges: a character's lists, and a
// pair's, keep only their best scores; once purges and corrections have
// emptied those, the first and second keys still rank the page, and
// count the cases, that a scan of every text gives.
func TestFirstKeys_RankAsTheScanAfterPurges(t *testing.T) {
	cases := randomCases(rand.New(rand.NewPCG(8, 8)), 3000)
	ix, scan := NewIndex(cases), NewIndex(cases)
	ix.Prepare()
	if h := ix.post.pairs.heads[uint16(pairKey('e', 'r'))]; !ix.post.cut['e'] || h == nil || !h.cut {
		t.Fatal("the lists of e and er were not trimmed: the test needs more cases")
	}
	for round := range 4 {
		rankAsTheScan(t, ix, scan, []string{"e", "U", "1", "-", "k", "er", "US", "1:", "-m", "zq"}, []int{1, Page, -1}, round)
		// Purge the best ranked cases, and correct others to a text
		// that scores above them.
		r, _ := ix.FindTop(context.Background(), "e", 2*Page)
		for i, m := range r.Top {
			if i%2 == 0 {
				ix.Remove(m.ID)
				scan.Remove(m.ID)
				continue
			}
			d := Doc{ID: m.ID, Entries: []Entry{{Field: "file", Text: fmt.Sprintf("E-%d", i)}}}
			ix.Put(d)
			scan.Put(d)
		}
	}
}
