package ocr

import (
	"context"
	"image"
	"sort"
	"strings"
	"unicode"
)

// Tesseract finds a page's lines before it reads them, and on a form its
// line finder joins a box's contents to the text beside it when their
// baselines differ (a case number right of a caption's ")" column, on a
// page scanned a degree askew): that stretch of the line is then read as
// unconfident nonsense ("a eee" for "Case No. 3:26-mc-00612"), while the
// same pixels cut out and read as one line read right. Reread reads each
// run of such words again, from their own strip of the page, and keeps a
// strip's new reading only when it is much more confident.

// Rereading thresholds.
const (
	rereadBelow  = 60 // words under this confidence are read again
	rereadAccept = 75 // a strip's new reading must reach this mean confidence
	rereadGain   = 20 // and beat the old one's by this much
	rereadMax    = 40 // strips a page at most: more is a page weak throughout
)

// strip is a run of unconfident words of one line and the part of the
// page they are read again from.
type strip struct {
	first, n int             // the run: words[first : first+n]
	box      image.Rectangle // where it is cut from the page
	at       int             // where it stands in the sheet of strips (y)
}

// Reread reads again the runs of unconfident words of res, a reading of
// img as it stands (upright, its boxes in img's frame), and returns the
// reading with the strips that read much better replaced. All strips go to
// Tesseract in one image, one above another, read as a block of lines: one
// more run of Tesseract for a page that has any, on a small image.
func (t *Tesseract) Reread(ctx context.Context, img *image.Gray, dpi int, res *Result) (*Result, error) {
	strips := rereadStrips(res, img.Bounds())
	if len(strips) == 0 || len(strips) > rereadMax {
		return res, nil
	}
	sheet := stack(img, strips)
	exe, err := t.Find()
	if err != nil {
		return res, err
	}
	lang := res.lang
	if lang == "" {
		lang = "eng"
	}
	timeout := t.Timeout
	if timeout <= 0 {
		timeout = DefaultTimeout
	}
	// --psm 6: one block of lines, which is what the sheet is.
	again, err := t.recognize(ctx, exe, PGM(sheet), lang, "6", dpi, timeout)
	if err != nil {
		return res, err
	}
	return replaceStrips(res, strips, again.Words), nil
}

// rereadStrips finds the runs of unconfident words on one line of res and
// the strip of the page each is read from: the run's box, widened to the
// words beside it on its line (or a word's height and a half where there
// is none), half a height above and below.
func rereadStrips(res *Result, page image.Rectangle) []strip {
	h := confidentHeight(res.Words)
	if h == 0 {
		return nil
	}
	var out []strip
	ws := res.Words
	for i := 0; i < len(ws); i++ {
		if ws[i].Confidence >= rereadBelow {
			continue
		}
		j := i + 1
		for j < len(ws) && ws[j].Confidence < rereadBelow && res.sameLine(i, j) {
			j++
		}
		box := runBox(ws[i:j])
		if box.Dy() <= 3*h && !overRead(ws, i, j, box) {
			left, right := box.Min.X-3*h/2, box.Max.X+3*h/2
			if i > 0 && res.sameLine(i-1, i) {
				left = max(left, ws[i-1].X+ws[i-1].W+1)
			}
			if j < len(ws) && res.sameLine(j-1, j) {
				right = min(right, ws[j].X-1)
			}
			cut := image.Rect(left, box.Min.Y-h/2, right, box.Max.Y+h/2).Intersect(page)
			if !cut.Empty() {
				out = append(out, strip{first: i, n: j - i, box: cut})
			}
		}
		i = j - 1
	}
	return out
}

// overRead reports whether a confident word outside words[i:j] stands
// where the run does: specks Tesseract took for a line of their own over a
// case number already read ("e Po asf rm" across "3:26-mc-01187"), whose
// strip would only read that number again, cut short.
func overRead(ws []Word, i, j int, box image.Rectangle) bool {
	for k, w := range ws {
		if (k < i || k >= j) && w.Confidence >= rereadBelow && box.Overlaps(image.Rect(w.X, w.Y, w.X+w.W, w.Y+w.H)) {
			return true
		}
	}
	return false
}

// confidentHeight is the median height of the words read confidently: a
// line's height on this page.
func confidentHeight(ws []Word) int {
	var hs []int
	for _, w := range ws {
		if w.Confidence >= rereadBelow {
			hs = append(hs, w.H)
		}
	}
	if len(hs) == 0 {
		return 0
	}
	sort.Ints(hs)
	return hs[len(hs)/2]
}

// stack copies the strips onto one white sheet, one under another with a
// blank gap between, and records where each stands.
func stack(img *image.Gray, strips []strip) *image.Gray {
	pad, width, height := 0, 0, 0
	for _, s := range strips {
		pad = max(pad, s.box.Dy())
	}
	height = pad
	for i := range strips {
		strips[i].at = height
		height += strips[i].box.Dy() + pad
		width = max(width, strips[i].box.Dx())
	}
	sheet := image.NewGray(image.Rect(0, 0, width+2*pad, height))
	for i := range sheet.Pix {
		sheet.Pix[i] = 255
	}
	for _, s := range strips {
		for y := 0; y < s.box.Dy(); y++ {
			src := img.PixOffset(s.box.Min.X, s.box.Min.Y+y)
			dst := sheet.PixOffset(pad, s.at+y)
			copy(sheet.Pix[dst:dst+s.box.Dx()], img.Pix[src:src+s.box.Dx()])
		}
	}
	return sheet
}

// replaceStrips puts in res, for each strip whose words of the sheet read
// much more confidently, those words, moved back to where the strip stands
// on the page.
func replaceStrips(res *Result, strips []strip, sheetWords []Word) *Result {
	pad := 0
	if len(strips) > 0 {
		pad = strips[0].at
	}
	with := map[int][]Word{} // by the run's first word
	skip := map[int]int{}
	known := vocabulary(res)
	for _, s := range strips {
		var got []Word
		sum := 0.0
		run := runBox(res.Words[s.first : s.first+s.n])
		for _, w := range sheetWords {
			if cy := w.Y + w.H/2; cy >= s.at && cy < s.at+s.box.Dy() {
				w.X += s.box.Min.X - pad
				w.Y += s.box.Min.Y - s.at
				// The strip may take in a piece of the line above or
				// below, read already: only words centred on the run's
				// own line replace it.
				if cy := w.Y + w.H/2; cy < run.Min.Y || cy >= run.Max.Y {
					continue
				}
				got = append(got, w)
				sum += w.Confidence
			}
		}
		old := 0.0
		for _, w := range res.Words[s.first : s.first+s.n] {
			old += w.Confidence
		}
		if len(got) == 0 {
			continue
		}
		mean := sum / float64(len(got))
		if mean >= rereadAccept && mean >= old/float64(s.n)+rereadGain && !nearlySame(res.Words[s.first:s.first+s.n], got, known) {
			with[s.first] = got
			skip[s.first] = s.n
		}
	}
	if len(with) == 0 {
		return res
	}
	return res.respelled(with, skip)
}

// runBox is the box around a run's words.
func runBox(ws []Word) image.Rectangle {
	r := image.Rect(ws[0].X, ws[0].Y, ws[0].X+ws[0].W, ws[0].Y+ws[0].H)
	for _, w := range ws[1:] {
		r = r.Union(image.Rect(w.X, w.Y, w.X+w.W, w.Y+w.H))
	}
	return r
}

// nearlySame reports a new reading that differs from the old in a letter
// or two without the page confirming it: alone on its strip a word loses
// the line around it, and Tesseract may read "issued:" (confidence 28 in
// its line) as "issucd:" at 91. Between two such readings the page's own
// confident words decide: the new one is taken only when the page uses its
// words and not all of the old one's ("frou" → "from").
func nearlySame(old, got []Word, known map[string]bool) bool {
	a, b := joinWords(old), joinWords(got)
	if distance(a, b) > 2 {
		return false // nonsense replaced
	}
	return !allKnown(got, known) || allKnown(old, known)
}

// vocabulary is the set of words the page reads confidently, in lower
// case without the punctuation around them.
func vocabulary(res *Result) map[string]bool {
	known := map[string]bool{}
	for _, w := range res.Words {
		if w.Confidence >= 85 {
			known[bare(w.Text)] = true
		}
	}
	return known
}

func allKnown(ws []Word, known map[string]bool) bool {
	for _, w := range ws {
		if b := bare(w.Text); b != "" && !known[b] {
			return false
		}
	}
	return true
}

func bare(s string) string {
	return strings.ToLower(strings.TrimFunc(s, func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) }))
}

func joinWords(ws []Word) string {
	parts := make([]string, len(ws))
	for i, w := range ws {
		parts[i] = w.Text
	}
	return strings.Join(parts, " ")
}

// distance is the edit distance between a and b, in runes.
func distance(a, b string) int {
	x, y := []rune(a), []rune(b)
	row := make([]int, len(y)+1)
	for j := range row {
		row[j] = j
	}
	for i := 1; i <= len(x); i++ {
		prev := row[0]
		row[0] = i
		for j := 1; j <= len(y); j++ {
			cur := row[j]
			cost := 1
			if x[i-1] == y[j-1] {
				cost = 0
			}
			row[j] = min(row[j]+1, row[j-1]+1, prev+cost)
			prev = cur
		}
	}
	return row[len(y)]
}

// respelled is res with the runs of words starting at the keys of skip
// (skip[k] words long) replaced by with[k], each replacement on the line
// of the run it replaces, and its text rebuilt.
func (r *Result) respelled(with map[int][]Word, skip map[int]int) *Result {
	out := &Result{lang: r.lang}
	for k := 0; k < len(r.Words); k++ {
		if n := skip[k]; n > 0 {
			for _, w := range with[k] {
				out.Words = append(out.Words, w)
				out.lines = append(out.lines, r.lines[k])
			}
			k += n - 1
			continue
		}
		out.Words = append(out.Words, r.Words[k])
		out.lines = append(out.lines, r.lines[k])
	}
	out.Text = textOf(out.Words, out.lines)
	sum := 0.0
	for _, w := range out.Words {
		sum += w.Confidence
	}
	if len(out.Words) > 0 {
		out.Confidence = sum / float64(len(out.Words))
	}
	return out
}

// sameLine reports whether words i and j stand on one line of Tesseract's.
func (r *Result) sameLine(i, j int) bool {
	return i < len(r.lines) && j < len(r.lines) && r.lines[i] == r.lines[j]
}
