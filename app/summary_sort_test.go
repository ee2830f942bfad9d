package app

import (
	"fmt"
	"math/rand/v2"
	"runtime"
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

// Keys that share long prefixes, are shorter than the words compared
// first, or hold zero bytes sort as plain byte order sorts them — on one
// core, and in parts on several (two, three and five parts: merges of an
// even and an odd number of runs).
func TestSortOrder_IsByteOrder(t *testing.T) {
	for _, procs := range []int{1, 2, 3, 5} {
		t.Run(fmt.Sprint(procs, " cores"), func(t *testing.T) {
			defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(procs))
			sortOrderIsByteOrder(t, []int{0, 1, 5, 2000, procs*sortPart + 7})
		})
	}
}

func sortOrderIsByteOrder(t *testing.T, sizes []int) {
	r := rand.New(rand.NewPCG(3, 4))
	alphabet := []byte{0, 1, '0', '1', '9', 0xff}
	for _, n := range sizes {
		keys := make([]string, n)
		for i := range keys {
			b := []byte("0102026113023595")[:r.IntN(17)]
			for j := r.IntN(40); j > 0; j-- {
				b = append(b, alphabet[r.IntN(len(alphabet))])
			}
			keys[i] = string(b) + fmt.Sprintf("#%05d", i) // unique, as urgency keys are
		}
		order := SortOrder(n, func(i int) string { return keys[i] })
		if len(order) != n {
			t.Fatalf("n=%d: %d positions", n, len(order))
		}
		for i := 1; i < len(order); i++ {
			if keys[order[i-1]] >= keys[order[i]] {
				t.Fatalf("n=%d: %q before %q", n, keys[order[i-1]], keys[order[i]])
			}
		}
	}
}

func BenchmarkSortSummaries_100k(b *testing.B) {
	r := rand.New(rand.NewPCG(5, 6))
	s := make([]Summary, 100_000)
	for i := range s {
		s[i].SortKey = fmt.Sprintf("0%d0202611%02d235959202610%02d%02d%02d%02d.%09d%032x", r.IntN(2), r.IntN(30), r.IntN(30), r.IntN(24), r.IntN(60), r.IntN(60), r.IntN(1e9), r.Uint64())
	}
	for b.Loop() {
		c := append([]Summary{}, s...)
		SortSummaries(c)
	}
}
