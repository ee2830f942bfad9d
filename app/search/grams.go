package search

import (
	"slices"
	"unicode"
	"unicode/utf8"
)

// Search does not read every entry on a keystroke. Every distinct text
// the index holds (a court's name is one text however many cases name
// it) is kept once, with the entries that hold it, and listed under each
// of its q-grams — its one-, two- and three-character runs, case folded —
// in posting lists of text numbers in ascending order. The texts holding
// a query as it stands (contiguously, any case) are then those under its
// one gram (a query of one or two characters) or in the intersection of
// its trigrams' lists, smallest first, checked by a scan of each one
// left. A query of one ASCII character, the first key of every search, is
// served without scoring at all: each text's score for each character it
// holds is the matcher's, worked out when the text is indexed, and the
// texts are listed under that character by score, best first.

// text is one distinct searchable text and the entries that hold it.
type text struct {
	s     string
	sig   uint64  // signature(s)
	users []int32 // entries holding s, ascending
}

// gramKey packs up to three folded runes, each one more than itself in 21
// bits, so that runs of different lengths differ.
func gramKey(rs []rune) uint64 {
	var k uint64
	for _, r := range rs {
		k = k<<21 | uint64(r+1)
	}
	return k
}

// fold is the rune every rune of r's case-folding orbit stands for: the
// smallest of the orbit, an ASCII letter in lower case. Two runes the
// matcher takes as equal fold to the same rune.
func fold(r rune) rune {
	if r < utf8.RuneSelf {
		if 'A' <= r && r <= 'Z' {
			return r + 'a' - 'A'
		}
		return r
	}
	m := r
	for f := unicode.SimpleFold(r); f != r; f = unicode.SimpleFold(f) {
		m = min(m, f)
	}
	if 'A' <= m && m <= 'Z' {
		m += 'a' - 'A'
	}
	return m
}

// folded is s's runes, folded.
func folded(s string, out []rune) []rune {
	out = out[:0]
	for i := 0; i < len(s); i++ {
		if c := s[i]; c < utf8.RuneSelf {
			out = append(out, fold(rune(c)))
			continue
		}
		for _, r := range s[i:] {
			out = append(out, fold(r))
		}
		break
	}
	return out
}

// intern returns the number of the text s, adding it (and its grams)
// when the index does not hold it yet.
func (ix *Index) intern(s string) int32 {
	if t, ok := ix.textID[s]; ok {
		return t
	}
	t := int32(len(ix.texts))
	ix.texts = append(ix.texts, text{s: s, sig: signature(s)})
	ix.textID[s] = t
	ix.gram(t, s)
	return t
}

// gram lists text t under each of its grams, and under each ASCII
// character it holds by its score for that character.
func (ix *Index) gram(t int32, s string) {
	rs := folded(s, ix.scratch[:0])
	ix.scratch = rs
	seen := ix.seen[:0]
	add := func(k uint64) {
		if slices.Contains(seen, k) {
			return
		}
		seen = append(seen, k)
		ix.grams[k] = append(ix.grams[k], t)
	}
	for i := range rs {
		if rs[i] >= utf8.RuneSelf {
			add(gramKey(rs[i : i+1]))
		}
		if i+2 <= len(rs) {
			add(gramKey(rs[i : i+2]))
		}
		if i+3 <= len(rs) {
			add(gramKey(rs[i : i+3]))
		}
	}
	ix.seen = seen
	for c, score := range oneScores(s) {
		ix.ones[c] = addToBucket(ix.ones[c], score, t)
	}
}

// bucket is the texts with one score for a one-character query.
type bucket struct {
	score int32
	texts []int32
}

// addToBucket lists t under score in bs (best score first).
func addToBucket(bs []bucket, score int32, t int32) []bucket {
	i, ok := slices.BinarySearchFunc(bs, score, func(b bucket, s int32) int { return int(s - b.score) })
	if !ok {
		bs = slices.Insert(bs, i, bucket{score: score})
	}
	bs[i].texts = append(bs[i].texts, t)
	return bs
}

// oneScores is, for each ASCII character (lower case for a letter) a
// query of that one character matches in s, the score Find gives s for
// it: the matcher's, with the bonus of a contiguous match.
func oneScores(s string) map[byte]int32 {
	out := map[byte]int32{}
	if !isASCII(s) {
		// Rare: each ASCII character s's runes fold to, through the
		// matcher itself.
		var idx []int
		for _, r := range s {
			for f := r; ; {
				if f < utf8.RuneSelf {
					c := byte(fold(f))
					if _, done := out[c]; !done {
						q := string(rune(c))
						if score, _, ok := matchEntry(q, []byte(q), s, idx[:0]); ok {
							if containsFold(s, q) {
								score += 1000
							}
							out[c] = int32(score)
						}
					}
				}
				if f = unicode.SimpleFold(f); f == r {
					break
				}
			}
		}
		return out
	}
	// The matcher's loop for a pattern of one character: the first place
	// of the best bonus, less the leading penalty there, less what the
	// text has over the pattern's one character.
	if i := indexByte(s, 0); i >= 0 {
		s = s[:i]
	}
	var best [128]int8
	var at [128]int32
	for i := range best {
		best[i] = -1
	}
	var last byte
	for j := 0; j < len(s); j++ {
		c := s[j]
		b := int8(charBonus(j, last, c))
		k := byte(fold(rune(c)))
		if b > best[k] {
			best[k], at[k] = b, int32(j)
		}
		last = c
	}
	for k := range best {
		if best[k] < 0 {
			continue
		}
		score := int(best[k]) + max(int(at[k])*unmatchedLeadingCharPenalty, maxUnmatchedLeadingCharPenalty) + 1 - len(s)
		out[byte(k)] = int32(score + 1000)
	}
	return out
}

func indexByte(s string, c byte) int {
	for i := 0; i < len(s); i++ {
		if s[i] == c {
			return i
		}
	}
	return -1
}

// ungram takes text t out of the lists it is under, once no entry holds
// it: a corrected value is found no more by what it said.
func (ix *Index) ungram(t int32) {
	s := ix.texts[t].s
	rs := folded(s, ix.scratch[:0])
	ix.scratch = rs
	del := func(k uint64) {
		p := ix.grams[k]
		if i, ok := slices.BinarySearch(p, t); ok {
			p = slices.Delete(p, i, i+1)
			if len(p) == 0 {
				delete(ix.grams, k)
			} else {
				ix.grams[k] = p
			}
		}
	}
	for i := range rs {
		if rs[i] >= utf8.RuneSelf {
			del(gramKey(rs[i : i+1]))
		}
		if i+2 <= len(rs) {
			del(gramKey(rs[i : i+2]))
		}
		if i+3 <= len(rs) {
			del(gramKey(rs[i : i+3]))
		}
	}
	for c, score := range oneScores(s) {
		bs := ix.ones[c]
		if i, ok := slices.BinarySearchFunc(bs, score, func(b bucket, s int32) int { return int(s - b.score) }); ok {
			if j, ok := slices.BinarySearch(bs[i].texts, t); ok {
				bs[i].texts = slices.Delete(bs[i].texts, j, j+1)
			}
		}
	}
	delete(ix.textID, s)
	ix.texts[t] = text{}
}

// release takes entry e off its text's users, and the text out of the
// lists once no entry holds it.
func (ix *Index) release(e int32) {
	t := ix.entries[e].text
	u := ix.texts[t].users
	if i, ok := slices.BinarySearch(u, e); ok {
		u = slices.Delete(u, i, i+1)
	}
	ix.texts[t].users = u
	if len(u) == 0 {
		ix.ungram(t)
	}
}

// postings is the list of the texts holding the gram rs, or nil.
func (ix *Index) postings(rs []rune) []int32 { return ix.grams[gramKey(rs)] }

// holding returns the texts holding the folded query qr as it stands,
// ascending, among within when it is not nil.
func (ix *Index) holding(qr []rune, within []int32) []int32 {
	switch {
	case len(qr) <= 2 && within == nil:
		return ix.postings(qr)
	case len(qr) <= 2:
		return ix.check(within, qr)
	}
	// The trigrams' lists, smallest first; intersected until one is
	// empty or what is left is few enough to check one by one.
	var lists [][]int32
	for i := 0; i+3 <= len(qr); i++ {
		p := ix.postings(qr[i : i+3])
		if len(p) == 0 {
			return nil
		}
		lists = append(lists, p)
	}
	slices.SortFunc(lists, func(a, b []int32) int { return len(a) - len(b) })
	cand := lists[0]
	if within != nil && len(within) < len(cand) {
		cand = within
	}
	cand = slices.Clone(cand)
	for _, p := range lists[1:] {
		if len(cand) < 64 {
			break
		}
		cand = intersect(cand, p)
	}
	return ix.check(cand, qr)
}

// check keeps the texts of cand that hold qr as it stands.
func (ix *Index) check(cand []int32, qr []rune) []int32 {
	var out []int32
	var buf []rune
	lower, ascii := string(qr), true
	for _, r := range qr {
		ascii = ascii && r < utf8.RuneSelf
	}
	for _, t := range cand {
		s := ix.texts[t].s
		var ok bool
		if ascii && isASCII(s) {
			ok = containsFold(s, lower)
		} else {
			buf = folded(s, buf[:0])
			ok = holdsRunes(buf, qr)
		}
		if ok {
			out = append(out, t)
		}
	}
	return out
}

func holdsRunes(s, sub []rune) bool {
	for i := 0; i+len(sub) <= len(s); i++ {
		if slices.Equal(s[i:i+len(sub)], sub) {
			return true
		}
	}
	return false
}

// intersect keeps in a (a copy the caller owns) what b holds too.
func intersect(a, b []int32) []int32 {
	out := a[:0]
	j := 0
	for _, x := range a {
		for j < len(b) && b[j] < x {
			j++
		}
		if j == len(b) {
			break
		}
		if b[j] == x {
			out = append(out, x)
		}
	}
	return out
}
