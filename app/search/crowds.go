package search

import (
	"cmp"
	"slices"
	"sync"
)

// A text many cases share — a provider's name on a tenth of the store,
// an agency's, an agent's — is scored once per search, but its cases
// were then visited one by one to rank them, each read from its doc for
// its import time: a hundred thousand and more for a single letter
// ("q": 33 ms at a million cases, most of it these reads). Among the
// cases of one text, all of one score, the order is their import (then
// their number), so only the first Page of them in that order can be
// among a page of results; the rest are only counted. Such a text's
// users are kept in that order, the first Page cases' worth (its
// crowd), made by the first search that needs them or in the background
// after Prepare, and dropped whenever a case takes the text or leaves
// it.

// crowdMin is how many users a text has before its crowd is kept:
// below it, visiting them all is as quick as keeping them.
const crowdMin = 4 * Page

// crowds are the crowds of texts with many users, by text; searches fill
// it under the index's read lock, so it has a lock of its own.
type crowds struct {
	mu sync.Mutex
	m  map[int32][]user
}

// crowd is the first Page cases' users of text t in the order of their
// import, then their number (then the entry); made now if not yet.
func (ix *Index) crowd(t int32) []user {
	c := &ix.crowds
	c.mu.Lock()
	defer c.mu.Unlock()
	if u, ok := c.m[t]; ok {
		return u
	}
	us := slices.Clone(ix.texts[t].users)
	slices.SortFunc(us, func(a, b user) int {
		if c := cmp.Compare(ix.docs[a.doc].created, ix.docs[b.doc].created); c != 0 {
			return c
		}
		if c := cmp.Compare(a.doc, b.doc); c != 0 {
			return c
		}
		return cmp.Compare(a.entry, b.entry)
	})
	n, cases := 0, 0
	for ; n < len(us) && cases <= Page; n++ {
		if n == 0 || us[n].doc != us[n-1].doc {
			cases++
		}
	}
	if cases > Page {
		n-- // the case past the page's
	}
	if c.m == nil {
		c.m = map[int32][]user{}
	}
	// A copy of the page's: the sorted clone is every user's.
	u := slices.Clone(us[:n])
	c.m[t] = u
	return u
}

// unsettle drops text t's crowd: a case took it or left it. The caller
// holds the index's write lock.
func (ix *Index) unsettle(t int32) {
	if ix.crowds.m != nil {
		delete(ix.crowds.m, t)
	}
}

// warmCrowds makes the crowds no search has yet, a chunk of texts at a
// time under the read lock, as warmPairs ranks the pairs.
func (ix *Index) warmCrowds() {
	for from := 0; ; from += chunk {
		ix.rw.RLock()
		n := len(ix.texts)
		for t := from; t < min(from+chunk, n); t++ {
			if len(ix.texts[t].users) > crowdMin {
				ix.crowd(int32(t))
			}
		}
		ix.rw.RUnlock()
		if from+chunk >= n {
			return
		}
	}
}
