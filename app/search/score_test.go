package search

import (
	"math/rand/v2"
	"slices"
	"testing"

	"github.com/sahilm/fuzzy"
)

// TestScore_SameAsTheMatcher: the ASCII port scores and places every match
// as the matcher does, on words with camel case, separators, repeats and a
// NUL, and on random strings.
func TestScore_SameAsTheMatcher(t *testing.T) {
	texts := []string{"FederalBureauOfInvestigation", "2:25-mj-01234", "a_b/c\\d.e f", "aaaaab", "abab", "x\x00abc", "mallory@example.net", "ABCabc", ""}
	pats := []string{"fbi", "25mj", "abcdef", "ab", "aab", "bb", "abc", "@ex", "Ab", "a", "zz", "0"}
	rng := rand.New(rand.NewPCG(5, 6))
	const alphabet = "abAB-_ .01@"
	for i := 0; i < 3000; i++ {
		b := make([]byte, rng.IntN(12))
		for k := range b {
			b[k] = alphabet[rng.IntN(len(alphabet))]
		}
		texts = append(texts, string(b))
		if i%10 == 0 {
			pats = append(pats, string(b[:min(len(b), 3)]))
		}
	}
	for _, p := range pats {
		if p == "" {
			continue
		}
		for _, s := range texts {
			score, idx, ok := scoreASCII([]byte(p), s, nil)
			m := fuzzy.Find(p, []string{s})
			if ok != (len(m) == 1) {
				t.Fatalf("%q in %q: matched %v, the matcher %v", p, s, ok, len(m) == 1)
			}
			if ok && (score != m[0].Score || !slices.Equal(idx, m[0].MatchedIndexes)) {
				t.Fatalf("%q in %q: %d at %v, the matcher %d at %v", p, s, score, idx, m[0].Score, m[0].MatchedIndexes)
			}
		}
	}
}
