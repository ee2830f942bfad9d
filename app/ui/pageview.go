package ui

import (
	"context"
	"fmt"
	"image"
	"image/color"
	"image/draw"
	"strings"
	"unicode"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/warrantdesk/warrantdesk/app"
)

// PageRenderer draws one page (1-based) of a PDF; main wires app/render.
type PageRenderer interface {
	Page(ctx context.Context, pdf []byte, n, dpi int) (image.Image, error)
}

// OriginalStore gives the PDF a case was imported from.
type OriginalStore interface {
	Original(ctx context.Context, id string) ([]byte, error)
}

const (
	// viewDPI renders pages sharp enough for a 4K screen at Fyne scale 2
	// when shown 600 units wide (8.5 in × 150 = 1275 px).
	viewDPI = 150
	// minPageWidth is the least width a page is shown at zoom 1 (which
	// otherwise fits the page to the view's width), in Fyne units.
	minPageWidth = 300
)

var (
	snippetTint = color.NRGBA{R: 255, G: 214, B: 0, A: 90}  // the line the field was read from
	valueTint   = color.NRGBA{R: 255, G: 120, B: 0, A: 140} // the value itself
)

// PageView shows the rendered pages of a case's original, one at a time,
// with a field's evidence highlighted. Pages render off the UI goroutine and
// are kept per case while it is shown.
type PageView struct {
	store    OriginalStore
	renderer PageRenderer
	run      Runner

	caseID  string
	numbers []int // the file's page numbers that belong to the case
	text    map[int]app.PageText
	pdf     []byte
	cache   map[int]image.Image
	at      int // index into numbers
	zoom    float32
	marks   map[int]evidence // highlight per page number
	seq     int

	img    *canvas.Image
	scroll *container.Scroll
	label  *widget.Label
	prev   *widget.Button
	next   *widget.Button
	root   fyne.CanvasObject
}

// evidence is what to highlight on a page: the snippet's words and, inside
// them, the value's.
type evidence struct {
	snippet, value []app.Word
	dpi            int
}

// PageViewParams are what a page view works with.
type PageViewParams struct {
	Originals OriginalStore
	// Renderer may be nil: the view then says pages cannot be shown.
	Renderer PageRenderer
	Run      Runner
}

// NewPageView builds the view.
func NewPageView(p PageViewParams) *PageView {
	store, renderer, run := p.Originals, p.Renderer, p.Run
	v := &PageView{store: store, renderer: renderer, run: run, zoom: 1}
	v.img = canvas.NewImageFromImage(nil)
	v.img.FillMode = canvas.ImageFillContain
	// In a VBox the image keeps its size at the top of the view instead
	// of being stretched and centred.
	v.scroll = container.NewScroll(container.NewVBox(v.img))
	v.label = widget.NewLabel("No case shown")
	v.prev = widget.NewButton("◀", func() { v.Turn(-1) })
	v.next = widget.NewButton("▶", func() { v.Turn(1) })
	out := widget.NewButton("−", func() { v.Zoom(-0.25) })
	in := widget.NewButton("+", func() { v.Zoom(0.25) })
	bar := container.NewHBox(v.prev, v.next, out, in, v.label)
	v.root = container.NewBorder(bar, nil, nil, nil, v.scroll)
	return v
}

// Content is the view's root object.
func (v *PageView) Content() fyne.CanvasObject { return v.root }

// ShowCase resets the view to c's first page. pages may be nil until the
// case's text is loaded (SetPages).
func (v *PageView) ShowCase(c *app.Case) {
	v.caseID, v.pdf, v.cache, v.marks, v.text = c.ID, nil, map[int]image.Image{}, map[int]evidence{}, nil
	v.numbers = nil
	from, to := 1, c.Order.Pages
	if p := c.Order.Part; p != nil {
		from, to = p.From, p.To
	}
	for n := from; n <= to; n++ {
		v.numbers = append(v.numbers, n)
	}
	v.at = 0
	v.display()
}

// SetPages gives the view the case's page texts, whose word boxes place
// the highlights.
func (v *PageView) SetPages(pages []app.PageText) {
	v.text = map[int]app.PageText{}
	for _, p := range pages {
		v.text[p.Number] = p
	}
}

// Turn moves by delta pages.
func (v *PageView) Turn(delta int) {
	if len(v.numbers) == 0 {
		return
	}
	v.at = min(max(v.at+delta, 0), len(v.numbers)-1)
	v.display()
}

// Zoom changes the shown size by delta (1 fits the page to the view's
// width).
func (v *PageView) Zoom(delta float32) {
	v.zoom = min(max(v.zoom+delta, 0.5), 3)
	v.display()
}

// Page is the file page number shown, or 0.
func (v *PageView) Page() int {
	if len(v.numbers) == 0 {
		return 0
	}
	return v.numbers[v.at]
}

// ShowEvidence goes to page and highlights snippet there, and value
// inside it; it returns a note for the reviewer when the place could not be
// found on the page (no word boxes, or the words differ).
func (v *PageView) ShowEvidence(page int, snippet, value string) string {
	idx := -1
	for i, n := range v.numbers {
		if n == page {
			idx = i
		}
	}
	if idx < 0 {
		return ""
	}
	v.at = idx
	note := ""
	pt, ok := v.text[page]
	switch {
	case !ok || len(pt.Words) == 0 || pt.DPI == 0:
		note = "The page has no word positions, so the place is not marked: look for the quoted text."
		delete(v.marks, page)
	default:
		s, val := findEvidence(pt.Words, snippet, value)
		if len(s) == 0 && len(val) == 0 {
			note = "The quoted text was not found word for word on the page: check it by eye."
			delete(v.marks, page)
		} else {
			v.marks[page] = evidence{snippet: s, value: val, dpi: pt.DPI}
		}
	}
	v.display()
	return note
}

// display shows the current page: rendered off the UI goroutine the first
// time, then from the cache.
func (v *PageView) display() {
	v.seq++
	seq := v.seq
	if len(v.numbers) == 0 {
		v.img.Image = nil
		v.img.Refresh()
		v.label.SetText("No pages")
		return
	}
	n := v.numbers[v.at]
	v.label.SetText(fmt.Sprintf("Page %d of %d", v.at+1, len(v.numbers)))
	if v.renderer == nil {
		v.label.SetText(v.label.Text + " (page images are not available)")
		return
	}
	id, pdf, cached := v.caseID, v.pdf, v.cache[n]
	mark, hasMark := v.marks[n]
	zoom := v.zoom
	v.run(func() {
		var err error
		if cached == nil {
			if pdf == nil {
				pdf, err = v.store.Original(context.Background(), id)
			}
			if err == nil {
				cached, err = v.renderer.Page(context.Background(), pdf, n, viewDPI)
			}
		}
		var shown image.Image
		var focus float32 = -1
		if err == nil {
			shown = cached
			if hasMark {
				shown, focus = highlight(cached, mark)
			}
		}
		fyne.Do(func() {
			if seq != v.seq || id != v.caseID {
				return // the reviewer moved on
			}
			if err != nil {
				v.label.SetText(fmt.Sprintf("Page %d of %d: could not be shown: %s", v.at+1, len(v.numbers), app.ErrorMessage(err)))
				return
			}
			v.pdf, v.cache[n] = pdf, cached
			b := shown.Bounds()
			w := max(v.scroll.Size().Width-theme.Padding()*2, minPageWidth) * zoom
			h := w * float32(b.Dy()) / float32(b.Dx())
			v.img.Image = shown
			v.img.SetMinSize(fyne.NewSize(w, h))
			v.img.Refresh()
			v.scroll.Refresh()
			if focus >= 0 {
				// Put the evidence a third of the way down the view.
				y := focus*h - v.scroll.Size().Height/3
				v.scroll.ScrollToOffset(fyne.NewPos(0, max(y, 0)))
			} else {
				v.scroll.ScrollToTop()
			}
		})
	})
}

// highlight tints the evidence's boxes on a copy of page and returns it
// with the evidence's vertical position as a share of the page height.
func highlight(page image.Image, e evidence) (image.Image, float32) {
	b := page.Bounds()
	out := image.NewRGBA(b)
	draw.Draw(out, b, page, b.Min, draw.Src)
	scale := float64(viewDPI) / float64(e.dpi)
	top := -1
	for _, set := range []struct {
		words []app.Word
		tint  color.NRGBA
	}{{e.snippet, snippetTint}, {e.value, valueTint}} {
		for _, w := range set.words {
			pad := int(float64(w.H) * scale / 6)
			r := image.Rect(int(float64(w.X)*scale)-pad, int(float64(w.Y)*scale)-pad,
				int(float64(w.X+w.W)*scale)+pad, int(float64(w.Y+w.H)*scale)+pad).Add(b.Min).Intersect(b)
			draw.Draw(out, r, image.NewUniform(set.tint), image.Point{}, draw.Over)
			if top < 0 || r.Min.Y < top {
				top = r.Min.Y
			}
		}
	}
	if top < 0 || b.Dy() == 0 {
		return out, -1
	}
	return out, float32(top-b.Min.Y) / float32(b.Dy())
}

// findEvidence finds the snippet among a page's words (the window that
// shares the most words with it, in order) and the value's words in or
// near it; if the snippet is not there, the value anywhere on the page.
// Words compare by their letters and digits only, ignoring case, so OCR's
// stray punctuation and the text layer's word splits matter little.
func findEvidence(words []app.Word, snippet, value string) (snip, val []app.Word) {
	keys := make([]string, len(words))
	for i, w := range words {
		keys[i] = wordKey(w.Text)
	}
	st := tokens(snippet)
	start, end := -1, -1
	if len(st) > 0 {
		best := 0
		for i := range keys {
			score, last := 0, i
			for j, k := 0, i; j < len(st) && k < len(keys); j, k = j+1, k+1 {
				if keys[k] == st[j] {
					score++
					last = k
				}
			}
			if score > best {
				best, start, end = score, i, last
			}
		}
		if best < max(1, (len(st)+1)/2) {
			start, end = -1, -1
		}
	}
	if start >= 0 {
		snip = words[start : end+1]
	}
	vt := tokens(value)
	if len(vt) == 0 {
		return snip, nil
	}
	lo, hi := 0, len(keys)
	if start >= 0 {
		lo, hi = max(start-len(vt), 0), min(end+len(vt)+1, len(keys))
	}
	for pass := 0; pass < 2 && val == nil; pass++ {
		for i := lo; i+len(vt) <= hi; i++ {
			if sameTokens(keys[i:i+len(vt)], vt) {
				val = words[i : i+len(vt)]
				break
			}
		}
		lo, hi = 0, len(keys) // then anywhere on the page
	}
	return snip, val
}

func sameTokens(a, b []string) bool {
	for i := range b {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

func tokens(s string) []string {
	var out []string
	for _, f := range strings.Fields(s) {
		if k := wordKey(f); k != "" {
			out = append(out, k)
		}
	}
	return out
}

func wordKey(s string) string {
	return strings.Map(func(r rune) rune {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			return unicode.ToLower(r)
		}
		return -1
	}, s)
}
