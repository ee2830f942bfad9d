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
		if ix.field(e) == FieldMatter {
			return ix.text(e)
		}
	}
	return ""
}

// join records doc i as a member of the matter it was linked into,
// after leaving the one it was in before. A case heading its own matter
// is not recorded: most cases are, and the matter's other members name
// it (groupInto), so the maps hold only the links.
func (ix *Index) join(i int32, matter string) {
	ix.leave(i)
	if matter == "" {
		return
	}
	if ix.members == nil {
		ix.members = map[string][]int32{}
		ix.keys = map[int32]string{}
	}
	ix.members[matter] = append(ix.members[matter], i)
	ix.keys[i] = matter
}

// leave takes doc i out of the matter it was linked into.
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

// groupInto is every doc of matter k, made in dst's room (a search reuses
// it from matter to matter): those linked into it, and the case that heads
// it when the index holds that case and it is not linked into another.
func (ix *Index) groupInto(dst []int32, k string) []int32 {
	dst = append(dst[:0], ix.members[k]...)
	if h, ok := ix.byID[k]; ok && !ix.docs[h].gone {
		if _, linked := ix.keys[h]; !linked {
			dst = append(dst, h)
		}
	}
	return dst
}

// withMatters adds to bests, for each case matched on its number or its
// matter, the matter's other cases not found themselves, just below it;
// bestOf is a case's best match if it was found. Only matters of two
// cases or more are read (groups).
func (ix *Index) withMatters(bests []best, found []uint64, bestOf func(int32) (best, bool)) []best {
	var members []int32
	for k := range ix.members {
		members = ix.groupInto(members, k)
		if len(members) < 2 {
			continue
		}
		var top best
		matched := false
		for _, m := range members {
			b, ok := bestOf(m)
			if !ok || b.viaMatter {
				continue
			}
			if f := ix.field(b.entry); f != FieldMatter && f != app.FieldCaseNumber {
				continue
			}
			if !matched || ix.before(b, top) < 0 {
				top, matched = b, true
			}
		}
		if !matched {
			continue
		}
		for _, o := range members {
			if ix.docs[o].gone || found[o>>6]&(1<<(o&63)) != 0 {
				continue
			}
			found[o>>6] |= 1 << (o & 63)
			bests = append(bests, best{score: top.score - 1, doc: o, entry: top.entry, viaMatter: true})
		}
	}
	return bests
}
