package search

import (
	"slices"
	"strings"
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
	users []user // the entries holding s, by entry
}

// user is an entry holding a text, and its doc: read together, so a
// search that visits the users of many texts does not also look each
// entry up.
type user struct{ doc, entry int32 }

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

// postings are the lists of texts by gram, and by one ASCII character's
// score; and for each ASCII character, a bit for each doc with a text a
// query of that character finds.
//
// The lists Prepare builds are one allocation (keys, at, data: a list
// per gram, one after the other), so a hundred thousand cases' million
// lists cost the collector nothing to walk; a text indexed since is
// listed in more. A text no entry holds any more stays in the lists it
// was built into, and holds nothing: it finds no case, and a scan of it
// finds no match.
type postings struct {
	keys []uint64 // the grams, ascending
	at   []int32  // keys[i]'s texts are data[at[i]:at[i+1]], packed
	lens []int32  // how many texts keys[i] has
	data packed
	more map[uint64][]int32
	ones [utf8.RuneSelf][]bucket
	// cut says a character's lists keep only their best scores, onesKept
	// cases' worth (trimOnes): its buckets past the last kept are empty.
	cut  [utf8.RuneSelf]bool
	docs [utf8.RuneSelf][]uint64
	// chars has, for each text, a bit for each ASCII character (lower
	// case for a letter) a one-character query finds it by.
	chars [][2]uint64
	// pairs are the texts by two ASCII characters, by score (pairs.go).
	pairs pairLists
	// tris are the common trigrams' ranked heads (trigrams.go).
	tris triHeads
	// scratch buffers
	runes     []rune
	seen      []uint64
	seenPairs []int
}

func newPostings() *postings {
	return &postings{more: map[uint64][]int32{}, pairs: pairLists{more: map[uint16][]scoredText{}}}
}

// grams calls fn with each distinct gram of s: its bigrams but those of
// two ASCII characters (pairs.go), trigrams and non-ASCII characters,
// folded.
func (p *postings) grams(s string, fn func(uint64)) {
	rs := folded(s, p.runes[:0])
	p.runes = rs
	seen := p.seen[:0]
	add := func(k uint64) {
		if !slices.Contains(seen, k) {
			seen = append(seen, k)
			fn(k)
		}
	}
	for i := range rs {
		if rs[i] >= utf8.RuneSelf {
			add(gramKey(rs[i : i+1]))
		}
		if _, pair := isPair(rs[i:min(i+2, len(rs))]); i+2 <= len(rs) && !pair {
			add(gramKey(rs[i : i+2]))
		}
		if i+3 <= len(rs) {
			add(gramKey(rs[i : i+3]))
		}
	}
	p.seen = seen
}

// intern returns the number of the text s, adding it (and its grams)
// when the index does not hold it yet.
func (ix *Index) intern(s string) int32 {
	if t, ok := ix.textID.find(ix.texts, s); ok {
		return t
	}
	// A copy: not a slice of what the index was read from, which can
	// then go.
	s = ix.textBytes.keep(s)
	t := int32(len(ix.texts))
	ix.texts = append(ix.texts, text{s: s})
	ix.sigs = append(ix.sigs, signature(s))
	ix.textID.insert(ix.texts, t)
	if ix.post != nil {
		ix.post.add(t, s)
	}
	return t
}

// Prepare builds the posting lists, without which a search reads every
// text: seconds at a hundred thousand cases, so the desk calls it in the
// background once the index is loaded, and a one-off search from the
// command line never does. Searches go on meanwhile.
func (ix *Index) Prepare() {
	for tries := 0; ; tries++ {
		ix.rw.RLock()
		if ix.post != nil {
			ix.rw.RUnlock()
			return
		}
		gen, p := ix.gen, newPostings()
		if tries < 3 {
			ix.fill(p)
		}
		ix.rw.RUnlock()
		ix.rw.Lock()
		if tries >= 3 && ix.post == nil {
			// Cases keep changing: build with them held off.
			ix.fill(p)
			gen = ix.gen
		}
		if ix.gen == gen && ix.post == nil {
			ix.post = p
		}
		done := ix.post != nil
		ix.rw.Unlock()
		if done {
			ix.warmPairs()
			ix.warmTrigrams()
			ix.warmCrowds()
			return
		}
	}
}

// fill lists every text and doc of the index in p: the grams counted,
// then laid out one list after the other, then filled.
func (ix *Index) fill(p *postings) {
	count := map[uint64]int32{}
	for t := range ix.texts {
		if len(ix.texts[t].users) > 0 {
			p.grams(ix.texts[t].s, func(k uint64) { count[k]++ })
		}
	}
	p.keys = make([]uint64, 0, len(count))
	for k := range count {
		p.keys = append(p.keys, k)
	}
	slices.Sort(p.keys)
	p.at = make([]int32, len(p.keys)+1)
	n := int32(0)
	for i, k := range p.keys {
		p.at[i] = n
		n += count[k]
		count[k] = p.at[i] // from here on, where k's next text goes
	}
	p.at[len(p.keys)] = n
	data := make([]int32, n)
	p.chars = make([][2]uint64, len(ix.texts))
	for t := range ix.texts {
		if len(ix.texts[t].users) == 0 {
			continue
		}
		p.grams(ix.texts[t].s, func(k uint64) {
			data[count[k]] = int32(t)
			count[k]++
		})
		p.scores(int32(t), ix.texts[t].s)
	}
	p.data, p.at, p.lens = pack(data, p.at)
	for i := range ix.docs {
		p.mark(ix, int32(i))
	}
	p.trimOnes(ix)
	p.fillPairs(ix)
}

// mark sets doc i's bits, one for each character its texts hold, and
// clears the others.
func (p *postings) mark(ix *Index, i int32) {
	var m [2]uint64
	d := ix.docs[i]
	for e := d.from; e < d.to; e++ {
		c := p.chars[ix.entries[e].text]
		m[0] |= c[0]
		m[1] |= c[1]
	}
	w, bit := int(i>>6), uint64(1)<<(i&63)
	for c := range p.docs {
		on := m[c>>6]&(1<<(c&63)) != 0
		if on && len(p.docs[c]) <= w {
			p.docs[c] = append(p.docs[c], make([]uint64, w+1-len(p.docs[c]))...)
		}
		switch {
		case on:
			p.docs[c][w] |= bit
		case w < len(p.docs[c]):
			p.docs[c][w] &^= bit
		}
	}
}

// add lists text t under each of its grams, and under each ASCII
// character it holds by its score for that character.
func (p *postings) add(t int32, s string) {
	p.grams(s, func(k uint64) { p.more[k] = append(p.more[k], t) })
	p.addPairs(t, s)
	p.scores(t, s)
}

// scores lists text t under each ASCII character it holds, by its score,
// and notes which (chars).
func (p *postings) scores(t int32, s string) {
	var score [utf8.RuneSelf]int32
	var has [utf8.RuneSelf]bool
	oneScores(s, &score, &has)
	for len(p.chars) <= int(t) {
		p.chars = append(p.chars, [2]uint64{})
	}
	p.chars[t] = [2]uint64{}
	for c := range has {
		if has[c] {
			if !p.cut[c] || place(score[c]) < len(p.ones[c]) {
				p.ones[c] = addToBucket(p.ones[c], score[c], t)
			}
			p.chars[t][c>>6] |= 1 << (c & 63)
		}
	}
}

// onesKept is how many entries a character's lists keep, best first
// (trimOnes): the first key of a search ranks a page of cases, and a
// case holds a character in a few of its entries at most.
const onesKept = 8 * Page

// trimOnes keeps of each character's lists only the best scores, to the
// end of the score at which they hold onesKept entries: the rest was most
// of the lists' memory and is never read for a page (one scans the texts
// when what is kept runs out).
func (p *postings) trimOnes(ix *Index) {
	for c, bs := range p.ones {
		n := 0
		for i := range bs {
			for _, t := range bs[i].texts {
				n += len(ix.texts[t].users)
			}
			if n >= onesKept && i+1 < len(bs) {
				clear(bs[i+1:]) // their texts can go
				p.ones[c], p.cut[c] = slices.Clip(bs[:i+1]), true
				break
			}
		}
	}
}

// bucket is the texts with one score for a one-character query.
type bucket struct {
	score int32
	texts []int32
}

// topScore is above any score of a one-character query: its bucket
// lists are indexed by how far below it a score is.
const topScore = 1100

// place is the place of score in a bucket list.
func place(score int32) int { return max(0, topScore-int(score)) }

// addToBucket lists t under score in bs (best score first).
func addToBucket(bs []bucket, score int32, t int32) []bucket {
	i := place(score)
	for len(bs) <= i {
		bs = append(bs, bucket{score: topScore - int32(len(bs))})
	}
	bs[i].texts = append(bs[i].texts, t)
	return bs
}

// oneScores sets, for each ASCII character (lower case for a letter) a
// query of that one character matches in s, the score Find gives s for
// it — the matcher's, with the bonus of a contiguous match — and has[c].
func oneScores(s string, score *[utf8.RuneSelf]int32, has *[utf8.RuneSelf]bool) {
	*has = [utf8.RuneSelf]bool{}
	if !isASCII(s) {
		oneScoresUnicode(s, score, has)
		return
	}
	// The matcher's loop for a pattern of one character: the first place
	// of the best bonus, less the leading penalty there, less what the
	// text has over the pattern's one character.
	full := s
	if i := strings.IndexByte(s, 0); i >= 0 {
		s = s[:i]
	}
	var best [utf8.RuneSelf]int8
	var at [utf8.RuneSelf]int32
	var last byte
	for j := 0; j < len(s); j++ {
		c := s[j]
		b := int8(charBonus(j, last, c))
		k := byte(fold(rune(c)))
		if !has[k] || b > best[k] {
			best[k], at[k], has[k] = b, int32(j), true
		}
		last = c
	}
	for k := range best {
		if has[k] {
			n := int(best[k]) + max(int(at[k])*unmatchedLeadingCharPenalty, maxUnmatchedLeadingCharPenalty) + 1 - len(s)
			score[k] = int32(n + 1000)
		}
	}
	// What the matcher does not read, past a NUL, is found as it stands
	// all the same (scoreText).
	for j := len(s); j < len(full); j++ {
		if k := fold(rune(full[j])); !has[k] {
			score[k], has[k] = int32(1001-len(full)), true
		}
	}
}

// oneScoresUnicode is oneScores of a text that is not ASCII (rare): each
// ASCII character its runes fold to, through the matcher itself.
func oneScoresUnicode(s string, score *[utf8.RuneSelf]int32, has *[utf8.RuneSelf]bool) {
	for _, r := range s {
		for f := r; ; {
			if c := fold(f); c < utf8.RuneSelf && !has[c] {
				q := string(c)
				if n, _, ok := matchEntry(q, []byte(q), s, nil); ok {
					if containsFold(s, q) {
						n += 1000
					}
					score[c], has[c] = int32(n), true
				}
			}
			if f = unicode.SimpleFold(f); f == r {
				break
			}
		}
	}
}

// remove takes text t out of the lists it is under: a corrected value
// is found no more by what it said.
func (p *postings) remove(t int32, s string) {
	p.grams(s, func(k uint64) {
		l := p.more[k]
		if i, ok := slices.BinarySearch(l, t); ok {
			if l = slices.Delete(l, i, i+1); len(l) == 0 {
				delete(p.more, k)
			} else {
				p.more[k] = l
			}
		}
	})
	p.removePairs(t, s)
	var score [utf8.RuneSelf]int32
	var has [utf8.RuneSelf]bool
	oneScores(s, &score, &has)
	for c := range has {
		if bs := p.ones[c]; has[c] && place(score[c]) < len(bs) {
			b := &bs[place(score[c])]
			if j, ok := slices.BinarySearch(b.texts, t); ok {
				b.texts = slices.Delete(b.texts, j, j+1)
			}
		}
	}
}

// release takes entry e off its text's users, and the text out of the
// lists once no entry holds it.
func (ix *Index) release(e int32) {
	t := ix.entries[e].text
	u := ix.texts[t].users
	if i, ok := slices.BinarySearchFunc(u, e, func(u user, e int32) int { return int(u.entry - e) }); ok {
		u = slices.Delete(u, i, i+1)
	}
	ix.texts[t].users = u
	ix.unsettle(t)
	if len(u) == 0 {
		if ix.post != nil {
			ix.post.remove(t, ix.texts[t].s)
		}
		ix.textID.remove(ix.texts, t)
		ix.texts[t] = text{}
	}
}

// list is the list of the texts holding the gram rs.
func (p *postings) list(rs []rune) plist {
	k := gramKey(rs)
	l := plist{more: p.more[k]}
	if i, ok := slices.BinarySearch(p.keys, k); ok {
		l.b, l.n = p.data[p.at[i]:p.at[i+1]], p.lens[i]
	}
	return l
}

// holding returns the texts holding the folded query qr as it stands,
// ascending, among within when it is not nil.
func (ix *Index) holding(qr []rune, within []int32) []int32 {
	switch {
	case ix.post == nil && within != nil:
		return ix.check(within, qr)
	case ix.post == nil:
		all := make([]int32, 0, len(ix.texts))
		for t := range ix.texts {
			if len(ix.texts[t].users) > 0 {
				all = append(all, int32(t))
			}
		}
		return ix.check(all, qr)
	case len(qr) <= 2 && within == nil:
		if k, ok := isPair(qr); ok {
			return ix.post.pairTexts(k)
		}
		return ix.post.list(qr).appendTo(nil)
	case len(qr) <= 2:
		return ix.check(within, qr)
	case len(qr) == 3 && within == nil:
		// The trigram's own list is exactly the texts holding it.
		return ix.trigrams(qr, nil)
	}
	return ix.check(ix.trigrams(qr, within), qr)
}

// trigrams intersects the lists of qr's trigrams, smallest first (and
// within, when it is not nil), until one is empty or what is left is few
// enough to check one by one.
func (ix *Index) trigrams(qr []rune, within []int32) []int32 {
	var lists []plist
	for i := 0; i+3 <= len(qr); i++ {
		p := ix.post.list(qr[i : i+3])
		if p.len() == 0 {
			return nil
		}
		lists = append(lists, p)
	}
	slices.SortFunc(lists, func(a, b plist) int { return a.len() - b.len() })
	var cand []int32
	if within != nil && len(within) < lists[0].len() {
		cand = slices.Clone(within)
	} else {
		cand = lists[0].appendTo(make([]int32, 0, lists[0].len()))
		lists = lists[1:]
	}
	for _, p := range lists {
		if len(cand) < 64 {
			break
		}
		cand = intersectList(cand, p)
	}
	return cand
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
		if ascii && ix.ascii(t) {
			ok = holdsFold(s, true, lower)
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
