package search

import "github.com/warrantdesk/warrantdesk/app"

// Search finds matters as well as cases: a case linked into a matter is
// found by the matter's ID, and a match on a case's number or its matter
// brings the matter's other cases after it, so searching for a
// preservation's reference finds the warrant that followed it too.

// FieldMatter names a match through the case's matter.
const FieldMatter = "matter"

// matterKey is the matter a doc belongs to: the one it was linked into,
// or the one it heads.
func (ix *Index) matterKey(i int32, matter string) string {
	if matter != "" {
		return matter
	}
	return ix.docs[i].id
}

// matterOf is the matter doc i was linked into, read from its entries.
func (ix *Index) matterOf(i int32) string {
	d := ix.docs[i]
	for e := d.from; e < d.to; e++ {
		if ix.entries[e].field == FieldMatter {
			return ix.text(e)
		}
	}
	return ""
}

// join records doc i as a member of its matter, after leaving the one it
// was in before.
func (ix *Index) join(i int32, matter string) {
	ix.leave(i)
	if ix.members == nil {
		ix.members = map[string][]int32{}
		ix.keys = map[int32]string{}
	}
	k := ix.matterKey(i, matter)
	ix.members[k] = append(ix.members[k], i)
	ix.keys[i] = k
}

// leave takes doc i out of its matter's members.
func (ix *Index) leave(i int32) {
	k, ok := ix.keys[i]
	if !ok {
		return
	}
	m := ix.members[k]
	for j, d := range m {
		if d == i {
			m = append(m[:j:j], m[j+1:]...)
			break
		}
	}
	if len(m) == 0 {
		delete(ix.members, k)
	} else {
		ix.members[k] = m
	}
	delete(ix.keys, i)
}

// withMatters adds to bests, for each case matched on its number or its
// matter, the matter's other cases not matched themselves, just below it.
// at maps a doc to 1 + its place in bests (0: not there).
func (ix *Index) withMatters(bests []best, at []int32) []best {
	if len(ix.members) == len(ix.keys) {
		return bests // every case heads a matter of its own
	}
	for n := len(bests) - 1; n >= 0; n-- {
		b := bests[n]
		if f := ix.entries[b.entry].field; f != FieldMatter && f != app.FieldCaseNumber {
			continue
		}
		for _, o := range ix.members[ix.keys[b.doc]] {
			if o == b.doc || ix.docs[o].gone || at[o] != 0 {
				continue
			}
			bests = append(bests, best{score: b.score - 1, doc: o, entry: b.entry, viaMatter: true})
			at[o] = int32(len(bests))
		}
	}
	return bests
}
