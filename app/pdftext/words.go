package pdftext

import (
	"math"
	"strings"
	"unicode/utf8"

	"github.com/ledongthuc/pdf"
	"github.com/warrantdesk/warrantdesk/app"
)

// maxWords caps the word boxes kept per page; a page of an order has a few
// hundred, and a hostile one must not make the stored case huge.
const maxWords = 8000

// runWords cuts the page's runs into words with their boxes, in points from
// the top-left of the page's media box (a PageText with DPI 72), so the
// desk can highlight a field's evidence on the rendered page as it does for
// OCR'd pages. A run's width is shared among its characters evenly: close
// enough to put a box round a word. Rotated pages get no boxes, as their
// runs are not in the rendered image's orientation.
func runWords(p page, runs []run) []app.Word {
	box := p.attr("MediaBox")
	if box.Kind() != pdf.Array || box.Len() < 4 || p.attr("Rotate").Int64()%360 != 0 {
		return nil
	}
	x0, y0 := box.Index(0).Float64(), box.Index(1).Float64()
	top := math.Max(y0, box.Index(3).Float64())
	x0 = math.Min(x0, box.Index(2).Float64())
	var words []app.Word
	for _, r := range runs {
		n := utf8.RuneCountInString(r.S)
		if n == 0 || r.Size <= 0 {
			continue
		}
		per := r.W / float64(n)
		if per <= 0 {
			per = r.Size * 0.5
		}
		i := 0
		for _, tok := range strings.SplitAfter(r.S, " ") {
			k := utf8.RuneCountInString(tok)
			word := strings.TrimSpace(tok)
			if word != "" && len(words) < maxWords {
				words = append(words, app.Word{
					Text: word,
					X:    int(r.X - x0 + float64(i)*per),
					Y:    int(top - r.Y - r.Size*0.8),
					W:    max(int(float64(utf8.RuneCountInString(word))*per+0.5), 1),
					H:    max(int(r.Size+0.5), 1),
				})
			}
			i += k
		}
	}
	return words
}
