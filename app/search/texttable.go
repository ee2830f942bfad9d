package search

import (
	"hash/maphash"
	"strings"
	"unsafe"
)

// textTable finds a text's number by what it says, for intern: a Go map
// from string to number kept a second string header and the map's own
// slots for every text, 13 MB at a hundred thousand cases, where the
// strings are in texts already. It is open addressing over the numbers
// alone (4 bytes a slot), each looked up by its text.
type textTable struct {
	seed  maphash.Seed
	slots []int32 // 0: empty; tomb: a text removed; else its number + 1
	used  int     // slots not empty
	live  int
}

const tomb = -1

// find is the number of the text s, false when texts holds no such live
// text.
func (tt *textTable) find(texts []text, s string) (int32, bool) {
	if len(tt.slots) == 0 {
		return 0, false
	}
	mask := len(tt.slots) - 1
	for i := tt.start(s); ; i = (i + 1) & mask {
		switch v := tt.slots[i]; {
		case v == 0:
			return 0, false
		case v != tomb && texts[v-1].s == s:
			return v - 1, true
		}
	}
}

func (tt *textTable) start(s string) int {
	return int(maphash.String(tt.seed, s)) & (len(tt.slots) - 1)
}

// insert notes t as the number of texts[t].s, which find does not hold.
func (tt *textTable) insert(texts []text, t int32) {
	if (tt.used+1)*4 >= len(tt.slots)*3 {
		tt.grow(texts)
	}
	mask := len(tt.slots) - 1
	i := tt.start(texts[t].s)
	for tt.slots[i] != 0 && tt.slots[i] != tomb {
		i = (i + 1) & mask
	}
	if tt.slots[i] == 0 {
		tt.used++
	}
	tt.slots[i] = t + 1
	tt.live++
}

// remove forgets text t (texts[t].s still what it said).
func (tt *textTable) remove(texts []text, t int32) {
	if len(tt.slots) == 0 {
		return
	}
	mask := len(tt.slots) - 1
	for i := tt.start(texts[t].s); tt.slots[i] != 0; i = (i + 1) & mask {
		if tt.slots[i] == t+1 {
			tt.slots[i] = tomb
			tt.live--
			return
		}
	}
}

// grow lays the live numbers out again in a table twice as large as
// they need, the removed ones' slots freed.
func (tt *textTable) grow(texts []text) {
	if len(tt.slots) == 0 {
		tt.seed = maphash.MakeSeed()
	}
	n := 16
	for n*3 <= (tt.live+1)*4*2 {
		n *= 2
	}
	old := tt.slots
	tt.slots, tt.used, tt.live = make([]int32, n), 0, 0
	for _, v := range old {
		if v > 0 {
			tt.insert(texts, v-1)
		}
	}
}

// textBytes keeps the texts' bytes (and the IDs read back) one after the
// other in blocks: a string of its own each cost an allocation rounded
// up to its size class, a quarter more than the text at the lengths held
// (25–40 bytes).
// A text is never changed once kept; the bytes of one no entry holds
// any more stay in their block until the index is read back.
type textBytes struct{ block []byte }

const textBlock = 64 << 10

// keep is a copy of s in the blocks.
func (b *textBytes) keep(s string) string {
	if len(s) == 0 || len(s) > textBlock/8 {
		return strings.Clone(s)
	}
	if len(s) > cap(b.block)-len(b.block) {
		b.block = make([]byte, 0, textBlock)
	}
	at := len(b.block)
	b.block = append(b.block, s...)
	// The bytes are never written again: a string may stand on them.
	return unsafe.String(&b.block[at], len(s))
}
