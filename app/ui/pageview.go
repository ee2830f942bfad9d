package ui

import (
	"context"
	"fmt"
	"image"
	"image/color"
	"image/draw"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/warrantdesk/warrantdesk/app"
	"github.com/warrantdesk/warrantdesk/app/evidence"
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
	// maxZoom bounds zooming in (3 × the view's width).
	maxZoom = 3
	// readableText is the height (Fyne units) that zooming to evidence
	// brings its words to, when the page fitted to the view shows them
	// smaller.
	readableText = 17
)

var (
	snippetTint = color.NRGBA{R: 255, G: 214, B: 0, A: 90}  // the line the field was read from
	valueTint   = color.NRGBA{R: 255, G: 120, B: 0, A: 140} // the value itself
)

// PageView shows the rendered pages of a case's original, one at a time,
// with a field's evidence marked and brought into view: tapping a field
// turns to its page, zooms until its words are readable and scrolls them
// to the middle. Pages render off the UI goroutine and are kept per case
// while it is shown; every case starts on its first page, fitted to the
// view's width.
type PageView struct {
	store    OriginalStore
	renderer PageRenderer
	render   *Task

	caseID  string
	numbers []int // the file's page numbers that belong to the case
	text    map[int]app.PageText
	pdf     []byte
	cache   map[int]image.Image
	at      int // index into numbers
	zoom    float32
	marks   map[int]mark // evidence per page number
	// focus is the evidence to bring into view once its page is shown.
	focus *mark

	img     *canvas.Image
	scroll  *container.Scroll
	label   *widget.Label
	caption *widget.Label
	prev    *widget.Button
	next    *widget.Button
	root    fyne.CanvasObject
}

// mark is what to tint on a page, in the page's word coordinates at dpi.
type mark struct {
	place evidence.Place
	dpi   int
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
	v := &PageView{store: p.Originals, renderer: p.Renderer, render: NewTask(p.Run), zoom: 1}
	v.img = canvas.NewImageFromImage(nil)
	v.img.FillMode = canvas.ImageFillContain
	// In a VBox the image keeps its size at the top of the view instead
	// of being stretched and centred.
	v.scroll = container.NewScroll(container.NewVBox(v.img))
	v.label = widget.NewLabel("No case shown")
	v.label.Truncation = fyne.TextTruncateEllipsis // a long message never widens the pane
	v.caption = widget.NewLabel("")
	v.caption.Wrapping = fyne.TextWrapWord
	v.caption.Hide()
	v.prev = widget.NewButtonWithIcon("", theme.NavigateBackIcon(), func() { v.Turn(-1) })
	v.next = widget.NewButtonWithIcon("", theme.NavigateNextIcon(), func() { v.Turn(1) })
	out := widget.NewButtonWithIcon("", theme.ZoomOutIcon(), func() { v.Zoom(-0.25) })
	in := widget.NewButtonWithIcon("", theme.ZoomInIcon(), func() { v.Zoom(0.25) })
	fit := widget.NewButtonWithIcon("", theme.ZoomFitIcon(), v.Fit)
	bar := container.NewBorder(nil, nil, container.NewHBox(v.prev, v.next, out, in, fit), nil, v.label)
	v.root = container.NewBorder(container.NewVBox(bar, v.caption), nil, nil, nil, v.scroll)
	return v
}

// Content is the view's root object.
func (v *PageView) Content() fyne.CanvasObject { return v.root }

// ShowCase resets the view to c's first page, fitted to the width, with
// nothing marked. pages may be nil until the case's text is loaded
// (SetPages).
func (v *PageView) ShowCase(c *app.Case) {
	v.caseID, v.pdf, v.cache, v.marks, v.text, v.focus = c.ID, nil, map[int]image.Image{}, map[int]mark{}, nil, nil
	v.numbers = nil
	from, to := 1, c.Order.Pages
	if p := c.Order.Part; p != nil {
		from, to = p.From, p.To
	}
	for n := from; n <= to; n++ {
		v.numbers = append(v.numbers, n)
	}
	v.at, v.zoom = 0, 1
	v.SetCaption("")
	v.display()
}

// SetPages gives the view the case's page texts, whose word boxes place
// the marks.
func (v *PageView) SetPages(pages []app.PageText) {
	v.text = map[int]app.PageText{}
	for _, p := range pages {
		v.text[p.Number] = p
	}
}

// SetCaption shows text above the page: the evidence quoted, where the
// reviewer looks.
func (v *PageView) SetCaption(text string) {
	v.caption.SetText(text)
	v.caption.Hidden = text == ""
	v.root.Refresh()
}

// Caption is the text shown above the page.
func (v *PageView) Caption() string { return v.caption.Text }

// Turn moves by delta pages.
func (v *PageView) Turn(delta int) {
	if len(v.numbers) == 0 {
		return
	}
	v.at = min(max(v.at+delta, 0), len(v.numbers)-1)
	v.focus = nil
	v.display()
}

// Zoom changes the shown size by delta (1 fits the page to the view's
// width).
func (v *PageView) Zoom(delta float32) {
	v.zoom = min(max(v.zoom+delta, 0.5), maxZoom)
	v.display()
}

// Fit shows the whole width of the page again.
func (v *PageView) Fit() {
	v.zoom, v.focus = 1, nil
	v.display()
}

// Page is the file page number shown, or 0.
func (v *PageView) Page() int {
	if len(v.numbers) == 0 {
		return 0
	}
	return v.numbers[v.at]
}

// ZoomLevel is the zoom shown (1 fits the page to the view's width).
func (v *PageView) ZoomLevel() float32 { return v.zoom }

// ShowEvidence goes to page, marks snippet there and value inside it, and
// brings them into view; it returns a note for the reviewer when the place
// could not be found on the page (no word boxes, or the words differ).
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
	v.at, v.focus = idx, nil
	note := ""
	pt, ok := v.text[page]
	switch {
	case !ok || len(pt.Words) == 0 || pt.DPI == 0:
		note = "The page has no word positions, so the place is not marked: look for the quoted text."
		delete(v.marks, page)
	default:
		p := evidence.Find(pt.Words, snippet, value)
		if !p.Found() {
			note = "The quoted text was not found word for word on the page: check it by eye."
			delete(v.marks, page)
		} else {
			m := mark{place: p, dpi: pt.DPI}
			v.marks[page], v.focus = m, &m
		}
	}
	v.display()
	return note
}

// rendered is a page image with its evidence tinted.
type rendered struct {
	pdf           []byte
	plain, marked image.Image
}

// display shows the current page: rendered off the UI goroutine the first
// time, then from the cache.
func (v *PageView) display() {
	if len(v.numbers) == 0 {
		v.render.Stop()
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
	m, hasMark := v.marks[n]
	Start(v.render, func(ctx context.Context) (rendered, error) {
		var err error
		if cached == nil {
			if pdf == nil {
				pdf, err = v.store.Original(ctx, id)
			}
			if err == nil {
				cached, err = v.renderer.Page(ctx, pdf, n, viewDPI)
			}
		}
		r := rendered{pdf: pdf, plain: cached, marked: cached}
		if err == nil && hasMark {
			r.marked = tint(cached, m)
		}
		return r, err
	}, func(r rendered, err error) {
		if err != nil {
			v.label.SetText(fmt.Sprintf("Page %d of %d: could not be shown: %s", v.at+1, len(v.numbers), app.ErrorMessage(err)))
			return
		}
		v.pdf, v.cache[n] = r.pdf, r.plain
		v.show(r.marked, m, hasMark)
	})
}

// show lays out img at the zoom, bringing the evidence to focus into view
// (zooming in until its words are readable).
func (v *PageView) show(img image.Image, m mark, hasMark bool) {
	b := img.Bounds()
	fitW := max(v.scroll.Size().Width-theme.Padding()*2, minPageWidth)
	var box evidence.Box
	focus := v.focus != nil && hasMark
	if focus {
		box, focus = m.place.Bounds()
	}
	scale := float32(viewDPI) / float32(max(m.dpi, 1)) // word coordinates → image pixels
	if focus {
		v.zoom = zoomFor(box, wordHeight(m.place), scale, b, fitW, v.scroll.Size().Width)
	}
	w := fitW * v.zoom
	h := w * float32(b.Dy()) / float32(b.Dx())
	v.img.Image = img
	v.img.SetMinSize(fyne.NewSize(w, h))
	v.img.Refresh()
	v.scroll.Refresh()
	if !focus {
		v.scroll.ScrollToTop()
		return
	}
	v.focus = nil
	// The evidence in the middle of the view.
	px := w / float32(b.Dx()) // shown units per image pixel
	cx := (float32(box.X0+box.X1) / 2) * scale * px
	cy := (float32(box.Y0+box.Y1) / 2) * scale * px
	view := v.scroll.Size()
	v.scroll.ScrollToOffset(fyne.NewPos(max(cx-view.Width/2, 0), max(cy-view.Height/2, 0)))
}

// zoomFor is the zoom that makes the evidence's words readable while it
// still fits the view's width: at least 1 (the page's width), at most
// maxZoom.
func zoomFor(box evidence.Box, wordH int, scale float32, page image.Rectangle, fitW, viewW float32) float32 {
	unit := fitW / float32(page.Dx()) // shown units per image pixel at zoom 1
	textH := float32(wordH) * scale * unit
	boxW := float32(box.X1-box.X0) * scale * unit
	z := float32(1)
	if textH > 0 && textH < readableText {
		z = readableText / textH
	}
	if boxW > 0 {
		z = min(z, max(1, 0.92*viewW/boxW))
	}
	return min(max(z, 1), maxZoom)
}

// wordHeight is the height of the value's words, else the snippet's.
func wordHeight(p evidence.Place) int {
	for _, set := range [][]app.Word{p.Value, p.Snippet} {
		if len(set) > 0 {
			return set[0].H
		}
	}
	return 0
}

// tint marks the evidence's boxes on a copy of page.
func tint(page image.Image, m mark) image.Image {
	b := page.Bounds()
	out := image.NewRGBA(b)
	draw.Draw(out, b, page, b.Min, draw.Src)
	scale := float64(viewDPI) / float64(m.dpi)
	for _, set := range []struct {
		words []app.Word
		tint  color.NRGBA
	}{{m.place.Snippet, snippetTint}, {m.place.Value, valueTint}} {
		for _, w := range set.words {
			pad := int(float64(w.H) * scale / 6)
			r := image.Rect(int(float64(w.X)*scale)-pad, int(float64(w.Y)*scale)-pad,
				int(float64(w.X+w.W)*scale)+pad, int(float64(w.Y+w.H)*scale)+pad).Add(b.Min).Intersect(b)
			draw.Draw(out, r, image.NewUniform(set.tint), image.Point{}, draw.Over)
		}
	}
	return out
}
