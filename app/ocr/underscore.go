package ocr

import (
	"image"
	"unicode"
	"unicode/utf8"
)

// Tesseract mostly drops an underscore: "campinas_ofertas" comes back as
// two words, "campinas" and "ofertas", and a user name so read is another
// user's. The underscore is still on the page, a stroke along the baseline
// between the two words with nothing above it, which is what an
// underline under a field's value is not: an underline runs on under the
// words. JoinUnderscores puts the underscore back where the page shows
// one.

// Underscore thresholds: dark is the grey under which a pixel is ink; a
// stroke is a row of the gap that is inked across this share of it.
const (
	inkBelow    = 140
	strokeShare = 0.75
	clearShare  = 0.2
)

// JoinUnderscores joins two words of one line that the page shows an
// underscore between, in res, a reading of img as it stands.
func JoinUnderscores(img *image.Gray, res *Result) *Result {
	var join []int // word i and i+1 join
	for i := 0; i+1 < len(res.Words); i++ {
		if res.sameLine(i, i+1) && underscoreBetween(img, res.Words[i], res.Words[i+1]) {
			join = append(join, i)
		}
	}
	if len(join) == 0 {
		return res
	}
	out := &Result{lang: res.lang}
	joined := map[int]bool{}
	for _, i := range join {
		joined[i] = true
	}
	for i := 0; i < len(res.Words); i++ {
		w := res.Words[i]
		for joined[i] {
			n := res.Words[i+1]
			right := max(w.X+w.W, n.X+n.W)
			bottom := max(w.Y+w.H, n.Y+n.H)
			w.Text += "_" + n.Text
			w.Y = min(w.Y, n.Y)
			w.W, w.H = right-w.X, bottom-w.Y
			w.Confidence = min(w.Confidence, n.Confidence)
			i++
		}
		out.Words = append(out.Words, w)
		out.lines = append(out.lines, res.lines[i])
	}
	out.Text = textOf(out.Words, out.lines)
	sum := 0.0
	for _, w := range out.Words {
		sum += w.Confidence
	}
	out.Confidence = sum / float64(len(out.Words))
	return out
}

// underscoreBetween reports whether the page shows an underscore in the
// gap between a and b: a letter or digit each side, words of two or more, a gap no wider than
// a word's height, a row of it near the words' foot inked across, the rows
// above it clear, and the same rows not inked across under the words (an
// underline runs on under them).
func underscoreBetween(img *image.Gray, a, b Word) bool {
	last, _ := utf8.DecodeLastRuneInString(a.Text)
	first, _ := utf8.DecodeRuneInString(b.Text)
	if !isAlnum(last) || !isAlnum(first) || alnums(a.Text) < 2 || alnums(b.Text) < 2 {
		return false // a lone letter is as likely a speck read as one
	}
	h := max(a.H, b.H)
	x0, x1 := a.X+a.W, b.X
	if x1-x0 < 3 || x1-x0 > h {
		return false
	}
	top, foot := max(a.Y, b.Y), min(a.Y+a.H, b.Y+b.H)
	for y := top + h/2; y <= foot+h/4; y++ {
		if ink(img, x0, x1, y) < strokeShare {
			continue
		}
		return thinStroke(img, x0, x1, y, top, h) && !underlined(img, a, y, h) && !underlined(img, b, y, h)
	}
	return false
}

// thinStroke reports whether the stroke found at row y of the gap
// x0 ≤ x < x1 stands alone: the rows above it, up to the words' x-height,
// hold no letter OCR missed, and the rows just below it are clear (the
// tops of the next line's letters run on down).
func thinStroke(img *image.Gray, x0, x1, y, top, h int) bool {
	end := y
	for end < y+h/5 && ink(img, x0, x1, end+1) >= strokeShare {
		end++
	}
	for above := y - h/4; above > top+h/4; above-- {
		if ink(img, x0, x1, above) > clearShare {
			return false
		}
	}
	for below := end + 2; below <= end+h/4; below++ {
		if ink(img, x0, x1, below) > clearShare {
			return false
		}
	}
	return true
}

// underlined reports whether a rule runs under w near row y: of three
// short stretches under it, at a quarter, half and three quarters of its
// width, two are inked across in some row near y (allowing for skew).
// Letters' feet ink parts of such a stretch, never all of it.
func underlined(img *image.Gray, w Word, y, h int) bool {
	n := 0
	for _, at := range []int{w.W / 4, w.W / 2, 3 * w.W / 4} {
		x := w.X + at - h/4
		for dy := -4; dy <= 4; dy++ {
			if ink(img, x, x+h/2, y+dy) >= strokeShare {
				n++
				break
			}
		}
	}
	return n >= 2
}

// ink is the share of pixels of row y, x0 ≤ x < x1, that are ink.
func ink(img *image.Gray, x0, x1, y int) float64 {
	b := img.Bounds()
	if y < b.Min.Y || y >= b.Max.Y {
		return 0
	}
	x0, x1 = max(x0, b.Min.X), min(x1, b.Max.X)
	if x1 <= x0 {
		return 0
	}
	n := 0
	for x := x0; x < x1; x++ {
		if img.GrayAt(x, y).Y < inkBelow {
			n++
		}
	}
	return float64(n) / float64(x1-x0)
}

func isAlnum(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) }

func alnums(s string) int {
	n := 0
	for _, r := range s {
		if isAlnum(r) {
			n++
		}
	}
	return n
}
