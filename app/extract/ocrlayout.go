package extract

import (
	"math"
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/warrantdesk/warrantdesk/app"
)

// Tesseract gives its text block by block: on a two-column form it reads
// the column of labels, then the column of values ("Issuing authority /
// File number / … " and only then "Staatsanwaltschaft … / 6110 Js …"), so
// no label stands beside its value. A PDF's own text layer is read line by
// line across the page, a column gap kept as two blanks (app/pdftext), and
// every rule reads that layout. ocrLayout rebuilds a recognised page the
// same way from the word boxes: the words of one visual line, across
// blocks, left to right, a column gap where the words stand far apart.

// Layout thresholds, in multiples of the page's median word height
// (about one em) or character width.
const (
	rowTolerance  = 0.5 // words whose centres lie this close (×height) share a line
	cellTolerance = 0.8 // a form cell's words this close (×height) share the line beside them
	cellRead      = 60  // and only lines read this confidently (mean, 0–100)
	columnGap     = 2.5 // a gap this wide (×character width) is a column gap
	paragraphGap  = 1.9 // a vertical gap this tall (×line pitch) keeps a blank line
	maxSkew       = 0.1 // steeper than this the page is turned: keep Tesseract's order
)

// ocrLayout rebuilds the text of a page from its OCR word boxes. It
// reports false when the boxes cannot be trusted for it: too few words, a
// page recognised turned (its words run right to left or steeply), so
// Tesseract's own text stays.
func ocrLayout(words []app.Word) (string, bool) {
	if len(words) < 8 {
		return "", false
	}
	h := medianOf(words, func(w app.Word) float64 { return float64(w.H) })
	cw := medianOf(words, func(w app.Word) float64 {
		return float64(w.W) / float64(max(1, utf8.RuneCountInString(w.Text)))
	})
	if h <= 0 || cw <= 0 {
		return "", false
	}
	slope, ok := skewOf(words, h)
	if !ok {
		return "", false
	}
	rows, centres := layoutRows(words, slope, h)
	rows, centres = joinOffsetCells(rows, centres, h, cw)
	lines := layoutCells(rows, cw)
	continueHyphenated(lines, cw)
	pitch := medianPitch(centres)
	var b strings.Builder
	for i, cells := range lines {
		if i > 0 {
			b.WriteByte('\n')
			if pitch > 0 && centres[i]-centres[i-1] > paragraphGap*pitch {
				b.WriteByte('\n')
			}
		}
		for k, c := range cells {
			if k > 0 {
				b.WriteString("  ")
			}
			b.WriteString(c.text)
		}
	}
	return b.String(), true
}

// placed is a word with its centre's height, the skew taken out.
type placed struct {
	w  app.Word
	cy float64
}

// layoutRows groups the words into visual lines, top to bottom, each left
// to right, with each line's centre: a word joins the line whose centre it
// lies near.
func layoutRows(words []app.Word, slope, h float64) ([][]placed, []float64) {
	ps := make([]placed, len(words))
	for i, w := range words {
		ps[i] = placed{w, float64(w.Y) + float64(w.H)/2 - slope*float64(w.X)}
	}
	sort.SliceStable(ps, func(i, j int) bool { return ps[i].cy < ps[j].cy })
	var rows [][]placed
	var centre float64
	for _, p := range ps {
		if n := len(rows); n > 0 && math.Abs(p.cy-centre) <= rowTolerance*h {
			rows[n-1] = append(rows[n-1], p)
			centre += (p.cy - centre) / float64(len(rows[n-1]))
			continue
		}
		rows = append(rows, []placed{p})
		centre = p.cy
	}
	centres := make([]float64, len(rows))
	for i, r := range rows {
		sort.SliceStable(r, func(a, c int) bool { return r[a].w.X < r[c].w.X })
		for _, p := range r {
			centres[i] += p.cy
		}
		centres[i] /= float64(len(r))
	}
	return rows, centres
}

// joinOffsetCells puts on one line two neighbouring lines that stand
// side by side, a column gap apart and nowhere over one another, when
// their centres lie within cellTolerance: a form's cells set their label
// in small capitals at the cell's top ("HSI CASE NUMBER" beside "Attn:
// Custodian of Records"), half a line off the text of the cell beside, and
// a page's text layer would read them as one line (app/pdftext allows 0.4
// of the font's size, which is larger than a word's box). A line that could
// join the one above or the one below joins the nearer; a line of OCR's
// nonsense joins none.
func joinOffsetCells(rows [][]placed, centres []float64, h, cw float64) ([][]placed, []float64) {
	near := func(i, j int) bool {
		return j >= 0 && j < len(rows) && centres[j]-centres[i] <= cellTolerance*h && centres[i]-centres[j] <= cellTolerance*h &&
			apart(rows[i], rows[j], cw) && read(rows[i]) && read(rows[j])
	}
	for i := 0; i+1 < len(rows); i++ {
		if !near(i, i+1) {
			continue
		}
		// Row i+1 may belong with i+2 instead.
		if near(i+1, i+2) && centres[i+2]-centres[i+1] < centres[i+1]-centres[i] {
			continue
		}
		merged := append(rows[i], rows[i+1]...)
		sort.SliceStable(merged, func(a, c int) bool { return merged[a].w.X < merged[c].w.X })
		n := float64(len(rows[i]) + len(rows[i+1]))
		centres[i] = (centres[i]*float64(len(rows[i])) + centres[i+1]*float64(len(rows[i+1]))) / n
		rows[i] = merged
		rows = append(rows[:i+1], rows[i+2:]...)
		centres = append(centres[:i+1], centres[i+2:]...)
		i-- // the joined line may have a third cell beside it
	}
	return rows, centres
}

// read reports whether a line's words were read with a mean confidence of
// cellRead or more: OCR's nonsense from a stamp, a seal or another script
// ("2 ee Fl" beside a letterhead) is joined to nothing.
func read(r []placed) bool {
	sum := 0.0
	for _, p := range r {
		sum += p.w.Confidence
	}
	return sum >= cellRead*float64(len(r))
}

// apart reports whether two lines' words stand in separate columns: every
// word of one at least a column gap left or right of every word of the
// other.
func apart(a, b []placed, cw float64) bool {
	aL, aR := extent(a)
	bL, bR := extent(b)
	gap := columnGap * cw
	return float64(bL-aR) > gap || float64(aL-bR) > gap
}

// extent is where a line's words begin and end.
func extent(r []placed) (int, int) {
	l, e := r[0].w.X, r[0].w.X+r[0].w.W
	for _, p := range r[1:] {
		l, e = min(l, p.w.X), max(e, p.w.X+p.w.W)
	}
	return l, e
}

// layoutCells cuts each line into cells at its column gaps.
func layoutCells(rows [][]placed, cw float64) [][]layoutCell {
	lines := make([][]layoutCell, len(rows))
	for i, r := range rows {
		end := 0
		for k, p := range r {
			if k == 0 || float64(p.w.X-end) > columnGap*cw {
				lines[i] = append(lines[i], layoutCell{x: p.w.X, text: p.w.Text})
			} else {
				c := &lines[i][len(lines[i])-1]
				c.text += " " + p.w.Text
			}
			end = p.w.X + p.w.W
		}
	}
	return lines
}

// layoutCell is a run of words on a line between column gaps.
type layoutCell struct {
	x    int // where it begins
	text string
}

// continueHyphenated brings a cell that goes on from a word hyphenated at
// the end of the line above to the front of its line, where the text's
// own clean-up joins the word again: a form's value column wraps
// "federica.lan-" / "zoni@example.org" while its label column wraps too,
// and read across, the label's second line would stand in between.
func continueHyphenated(lines [][]layoutCell, cw float64) {
	for i := 0; i+1 < len(lines); i++ {
		above, below := lines[i], lines[i+1]
		if len(above) == 0 || len(below) < 2 {
			continue
		}
		last := above[len(above)-1]
		t := []rune(last.text)
		if len(t) < 3 || t[len(t)-1] != '-' || !unicode.IsLetter(t[len(t)-2]) && !unicode.IsDigit(t[len(t)-2]) {
			continue
		}
		for k := 1; k < len(below); k++ {
			if math.Abs(float64(below[k].x-last.x)) <= 2*cw {
				c := below[k]
				copy(below[1:k+1], below[:k])
				below[0] = c
				break
			}
		}
	}
}

// skewOf estimates how much the page's lines climb or fall per pixel
// across it, from neighbouring words of one line in Tesseract's order. It
// reports false for a page whose words run right to left (recognised
// upside down, boxes in the image's own frame) or steeply (turned).
func skewOf(words []app.Word, h float64) (float64, bool) {
	var slopes []float64
	backwards := 0
	for i := 1; i < len(words); i++ {
		a, b := words[i-1], words[i]
		dy := float64(b.Y+b.H/2) - float64(a.Y+a.H/2)
		if math.Abs(dy) > h || math.Abs(float64(a.H-b.H)) > h/3 {
			continue // another line, or a word of another size
		}
		dx := float64(b.X - a.X)
		switch {
		case dx < 0:
			backwards++
		case dx > 2*h:
			slopes = append(slopes, float64(b.Y+b.H)-float64(a.Y+a.H))
			slopes[len(slopes)-1] /= dx
		}
	}
	if len(slopes) < 4 || backwards*3 > len(slopes) {
		return 0, false
	}
	sort.Float64s(slopes)
	s := slopes[len(slopes)/2]
	return s, math.Abs(s) <= maxSkew
}

// medianOf is the median of f over the words.
func medianOf(words []app.Word, f func(app.Word) float64) float64 {
	vs := make([]float64, 0, len(words))
	for _, w := range words {
		vs = append(vs, f(w))
	}
	sort.Float64s(vs)
	return vs[len(vs)/2]
}

// medianPitch is the usual distance between neighbouring lines.
func medianPitch(centres []float64) float64 {
	if len(centres) < 3 {
		return 0
	}
	d := make([]float64, 0, len(centres)-1)
	for i := 1; i < len(centres); i++ {
		d = append(d, centres[i]-centres[i-1])
	}
	sort.Float64s(d)
	return d[len(d)/2]
}
