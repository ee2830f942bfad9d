package search

// Search finds matters as well as cases: each case of a matter of several
// can be found by the matter's ID and by the other cases' numbers, so
// searching for a preservation's reference finds the warrant that
// followed it too.

// FieldMatter names a match through the case's matter.
const FieldMatter = "matter"

func (ix *Index) addMatters() {
	members := map[string][]int{}
	for i, c := range ix.cases {
		members[c.MatterID()] = append(members[c.MatterID()], i)
	}
	for id, idx := range members {
		if len(idx) < 2 {
			continue
		}
		for _, i := range idx {
			ix.entries = append(ix.entries, entry{i, FieldMatter, id})
			for _, j := range idx {
				if n := ix.cases[j].CaseNumber(); j != i && n != "" {
					ix.entries = append(ix.entries, entry{i, FieldMatter, n})
				}
			}
		}
	}
}
