package app

import (
	"fmt"
	"math/rand/v2"
	"sort"
	"testing"
)

// SortSummaries gives the order a plain sort by key gives, whatever order
// the summaries came in (every cycle of the permutation followed).
func TestSortSummaries_OrdersByKey(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	for _, n := range []int{0, 1, 2, 3, 17, 1000} {
		s := make([]Summary, n)
		for i := range s {
			s[i] = Summary{ID: fmt.Sprintf("case-%d", i), SortKey: fmt.Sprintf("%02d-%08d", r.IntN(5), r.IntN(1e8)) + fmt.Sprint(i)}
		}
		want := append([]Summary{}, s...)
		sort.Slice(want, func(i, j int) bool { return want[i].SortKey < want[j].SortKey })
		SortSummaries(s)
		for i := range s {
			if s[i].ID != want[i].ID {
				t.Fatalf("n=%d: at %d %s, want %s", n, i, s[i].ID, want[i].ID)
			}
		}
	}
}
