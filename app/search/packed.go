package search

import "encoding/binary"

// The posting lists are most of the index's memory, and their numbers
// ascend: each is kept as the differences from the number before, in
// varints — a byte for most, the texts under a common gram being close —
// about a third of four bytes a number. A search reads them in order
// (intersecting, marking cases), never at random.

// packed is a run of ascending numbers as varint differences.
type packed []byte

// pack lays out the lists data[at[i]:at[i+1]] packed, one after the
// other; the lists' places in the bytes, and their lengths.
func pack(data, at []int32) (b []byte, places, lens []int32) {
	places, lens = make([]int32, len(at)), make([]int32, max(0, len(at)-1))
	// Sized exactly first: room guessed at a byte and a half a number
	// was a third of the lists' memory left empty.
	size := 0
	for i := 0; i+1 < len(at); i++ {
		last := int32(0)
		for _, n := range data[at[i]:at[i+1]] {
			size += uvarintLen(uint64(n - last))
			last = n
		}
	}
	b = make([]byte, 0, size)
	for i := 0; i+1 < len(at); i++ {
		places[i] = int32(len(b))
		lens[i] = at[i+1] - at[i]
		b = appendPacked(b, data[at[i]:at[i+1]])
	}
	if len(at) > 0 {
		places[len(at)-1] = int32(len(b))
	}
	return b, places, lens
}

// uvarintLen is how many bytes binary.AppendUvarint writes for x.
func uvarintLen(x uint64) int {
	n := 1
	for ; x >= 0x80; x >>= 7 {
		n++
	}
	return n
}

// appendPacked appends the ascending numbers ns to b, packed.
func appendPacked(b []byte, ns []int32) []byte {
	last := int32(0)
	for _, n := range ns {
		b = binary.AppendUvarint(b, uint64(n-last))
		last = n
	}
	return b
}

// each calls fn with each number in order, until fn returns false.
func (p packed) each(fn func(int32) bool) {
	n := int32(0)
	for b := p; len(b) > 0; {
		x := uint64(b[0])
		if x < 0x80 {
			b = b[1:]
		} else {
			var k int
			x, k = binary.Uvarint(b)
			b = b[k:]
		}
		n += int32(x)
		if !fn(n) {
			return
		}
	}
}

// plist is the texts under one gram: those the lists were built with,
// packed, then those indexed since (more, all numbered after them).
type plist struct {
	b    packed
	n    int32
	more []int32
}

func (l plist) len() int { return int(l.n) + len(l.more) }

// appendTo appends l's texts to out, ascending.
func (l plist) appendTo(out []int32) []int32 {
	out = appendAll(out, l.b)
	return append(out, l.more...)
}

func appendAll(out []int32, b packed) []int32 {
	b.each(func(t int32) bool {
		out = append(out, t)
		return true
	})
	return out
}

// each calls fn with each of l's texts, ascending, until fn returns false.
func (l plist) each(fn func(int32) bool) {
	more := true
	l.b.each(func(t int32) bool {
		more = fn(t)
		return more
	})
	for _, t := range l.more {
		if !more || !fn(t) {
			return
		}
	}
}

// intersectList keeps in a (a copy the caller owns, ascending) what l
// holds too.
func intersectList(a []int32, l plist) []int32 {
	out := a[:0]
	i := 0
	l.each(func(x int32) bool {
		for i < len(a) && a[i] < x {
			i++
		}
		if i == len(a) {
			return false
		}
		if a[i] == x {
			out = append(out, x)
			i++
		}
		return true
	})
	return out
}
