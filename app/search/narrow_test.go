package search

import (
	"context"
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/sahilm/fuzzy"
	"github.com/warrantdesk/warrantdesk/app"
)

// everything is the matcher over every live entry, as search ran before
// the index: each case's best score, and its best among the entries that
// hold the query as it stands (contiguously, any case).
func everything(ix *Index, query string) (best, held map[string]int) {
	query = strings.TrimSpace(query)
	best, held = map[string]int{}, map[string]int{}
	if query == "" {
		return best, held
	}
	var texts []string
	for e := range ix.entries {
		texts = append(texts, ix.text(int32(e)))
	}
	// The doc of each live entry (those of a doc indexed again or
	// removed are no doc's).
	owner := make([]int32, len(ix.entries))
	for e := range owner {
		owner[e] = -1
	}
	for i, d := range ix.docs {
		for e := d.from; e < d.to; e++ {
			owner[e] = int32(i)
		}
	}
	keep := func(m map[string]int, id string, score int) {
		if cur, ok := m[id]; !ok || score > cur {
			m[id] = score
		}
	}
	for _, m := range fuzzy.Find(query, texts) {
		if owner[m.Index] < 0 {
			continue
		}
		score := m.Score
		id := ix.docs[owner[m.Index]].id
		if strings.Contains(strings.ToLower(texts[m.Index]), strings.ToLower(query)) {
			score += 1000
			keep(held, id, score)
		}
		keep(best, id, score)
	}
	return best, held
}

// want is what Find promises for query: the cases holding it as it
// stands, with their best such score; all the matcher finds when those
// are fewer than a page (and any query of one character).
func want(ix *Index, query string) map[string]int {
	best, held := everything(ix, query)
	if len(held) < Page || utf8.RuneCountInString(strings.TrimSpace(query)) == 1 {
		return best
	}
	return held
}

func randomCases(rng *rand.Rand, n int) []*app.Case {
	words := []string{"District", "Court", "Eastern", "Virginia", "Federal", "Bureau", "Investigation", "Police", "Ståhl", "KELVIN", "Straße"}
	var cases []*app.Case
	for i := 0; i < n; i++ {
		auth := words[rng.IntN(len(words))] + " " + words[rng.IntN(len(words))]
		c := mk(fmt.Sprintf("%d:%02d-mj-%05d", rng.IntN(9), rng.IntN(30), rng.IntN(100000)), auth,
			fmt.Sprintf("user%d@example.com", rng.IntN(5000)), fmt.Sprintf("+1 555 %04d", rng.IntN(10000)))
		c.ID = fmt.Sprintf("case-%d", i) // case numbers may repeat; cases do not
		c.Order.Extraction.Fields[app.FieldAgentName] = app.Field{Value: "Special Agent " + words[rng.IntN(len(words))]}
		cases = append(cases, c)
	}
	return cases
}

// TestFind_SameAsMatchingEverything: typed one key at a time (each query
// narrowing the last), with backspaces and fresh starts between, every
// query finds exactly the cases, with the same scores, that the matcher
// run over every entry finds (those holding the query as it stands, when
// there are a page of them), best first.
func TestFind_SameAsMatchingEverything(t *testing.T) {
	for _, prepared := range []bool{false, true} {
		t.Run(fmt.Sprintf("posting lists %v", prepared), func(t *testing.T) {
			rng := rand.New(rand.NewPCG(18, 1))
			ix := NewIndex(randomCases(rng, 3000))
			if prepared {
				ix.Prepare()
			}
			typeAndCompare(t, ix)
		})
	}
}

func typeAndCompare(t *testing.T, ix *Index) {
	t.Helper()
	typed := []string{"2:1", "user12", "USER12@ex", "eastern vir", "agent ståhl", "kelvin", "\u212aelvin", "straße", "555 01", "zzz", "fbi", "dc", "1"}
	for _, word := range typed {
		for k := 1; k <= len(word); k++ {
			q := word[:k]
			if !utf8Valid(q) {
				continue
			}
			got := ix.Find(q)
			want := want(ix, q)
			if len(got) != len(want) {
				t.Fatalf("%q: %d cases, matching everything finds %d", q, len(got), len(want))
			}
			for i, m := range got {
				if s, ok := want[m.ID]; !ok || s != m.Score {
					t.Fatalf("%q: case %s scored %d, want %d (found: %v)", q, m.ID, m.Score, s, ok)
				}
				if i > 0 && got[i-1].Score < m.Score {
					t.Fatalf("%q: not best first at %d", q, i)
				}
			}
		}
	}
}

func utf8Valid(s string) bool { return strings.ToValidUTF8(s, "\uFFFD") == s }

// TestFind_CancelledSearchStops: a search whose context is done returns its
// error, and the next search is not narrowed by it.
func TestFind_CancelledSearchStops(t *testing.T) {
	ix := NewIndex(randomCases(rand.New(rand.NewPCG(1, 2)), 20000))
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := ix.FindContext(ctx, "user"); err == nil {
		t.Fatal("a cancelled search ran to its end")
	}
	if got, want := len(ix.Find("user1")), len(want(ix, "user1")); got != want {
		t.Errorf("after a cancelled search: %d cases, want %d", got, want)
	}
}

// TestIndex_PutFindsWhatTheCaseSaysNow: a corrected case is found by its
// new value and no longer by its old one; the others are untouched; a new
// case is found; a removed one is not.
func TestIndex_PutFindsWhatTheCaseSaysNow(t *testing.T) {
	a := mk("2:25-mj-01234", "District Court", "old.name@example.com")
	b := mk("NSL-25-000001", "Federal Bureau of Investigation", "other@example.net")
	ix := NewIndex([]*app.Case{a, b})
	if got := ix.Find("old.name"); len(got) != 1 {
		t.Fatalf("before: %+v", got)
	}
	fixed := *a
	fixed.Order.Extraction.Targets = []app.Target{{Kind: app.TargetEmail, Value: "new.name@example.com"}}
	ix.Put(DocOf(&fixed, nil))
	if got := ix.Find("old.name"); len(got) != 0 {
		t.Errorf("the old value still finds the case: %+v", got)
	}
	if got := ix.Find("new.name"); len(got) != 1 || got[0].ID != fixed.ID {
		t.Errorf("the new value: %+v", got)
	}
	if got := ix.Find("2:25-mj-01234"); len(got) != 1 {
		t.Errorf("the case's other entries: %+v", got)
	}
	if got := ix.Find("other@"); len(got) != 1 || got[0].ID != b.ID {
		t.Errorf("another case: %+v", got)
	}
	ix.Put(DocOf(mk("newly-imported", "x"), nil))
	if got := ix.Find("newly-imp"); len(got) != 1 || ix.Cases() != 3 {
		t.Errorf("a new case: %+v", got)
	}
	ix.Remove(b.ID)
	if got := ix.Find("other@"); len(got) != 0 || ix.Cases() != 2 {
		t.Errorf("a removed case is still found: %+v", got)
	}
	if want := want(ix, "example"); len(ix.Find("example")) != len(want) {
		t.Errorf("after the changes: %d cases, want %d", len(ix.Find("example")), len(want))
	}
}

func TestContainsFold(t *testing.T) {
	for _, tc := range []struct {
		s, q string
		want bool
	}{
		{"Federal Bureau", "bureau", true}, {"Federal Bureau", "eral b", true}, {"abc", "abcd", false},
		{"", "a", false}, {"abc", "", true}, {"STRASSE", "strasse", true}, {"Straße", "straße", true}, {"ÅSA", "åsa", true},
	} {
		if got := containsFold(tc.s, strings.ToLower(tc.q)); got != tc.want {
			t.Errorf("containsFold(%q, %q) = %v", tc.s, tc.q, got)
		}
	}
}
