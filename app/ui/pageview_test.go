package ui

import (
	"crypto/sha256"
	"encoding/hex"
	"image"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"github.com/warrantdesk/warrantdesk/app"
	"github.com/warrantdesk/warrantdesk/app/extract"
	"github.com/warrantdesk/warrantdesk/app/pdftext"
	"github.com/warrantdesk/warrantdesk/app/render"
	"github.com/warrantdesk/warrantdesk/app/sampleorders"
)

// realCase reads and extracts a generated order the way an import does,
// and puts it in the store with its original and pages.
func realCase(t *testing.T, store *memStore, seed uint64) *app.Case {
	t.Helper()
	orders, err := sampleorders.Generate(seed, 1)
	if err != nil {
		t.Fatal(err)
	}
	return addCase(t, store, orders[0])
}

// addCase reads and extracts o as an import does and stores it.
func addCase(t *testing.T, store *memStore, o sampleorders.Order) *app.Case {
	t.Helper()
	doc, err := pdftext.ReadPages(o.PDF)
	if err != nil {
		t.Fatal(err)
	}
	c := &app.Case{ID: app.NewCaseID(), Status: app.StatusNew, CreatedAt: now, Order: app.Order{
		FileName: o.Name + ".pdf", Pages: len(doc.Pages), TextSource: doc.TextSource, Extraction: extract.New().Extract(doc),
		ImportedAt: time.Now()}}
	sum := sha256.Sum256(o.PDF)
	c.Order.SHA256 = hex.EncodeToString(sum[:])
	store.mu.Lock()
	defer store.mu.Unlock()
	if store.pdfs == nil {
		store.pdfs, store.pages, store.words = map[string][]byte{}, map[string][]app.PageText{}, map[string]string{}
	}
	store.pdfs[c.ID], store.pages[c.ID], store.words[c.ID] = o.PDF, doc.Pages, app.IndexWords(doc.Pages)
	store.cases = append(store.cases, c)
	return c
}

// demoOrders are orders like the demo's: dated within the two weeks
// before today.
func demoOrders(t *testing.T) []sampleorders.Order {
	t.Helper()
	orders, err := sampleorders.GenerateAround(42, 12, time.Now())
	if err != nil {
		t.Fatal(err)
	}
	return orders
}

func (m *memStore) find(id string) *app.Case {
	m.mu.Lock()
	defer m.mu.Unlock()
	for _, c := range m.cases {
		if c.ID == id {
			cp := *c
			return &cp
		}
	}
	return nil
}

func TestPageView_FieldEvidenceIsMarkedOnTheRenderedPage(t *testing.T) {
	if testing.Short() {
		t.Skip("renders with PDFium")
	}
	store := &memStore{settings: reviewers}
	c := realCase(t, store, 7)
	other := realCase(t, store, 8)
	test.NewTempApp(t)
	r := render.New(render.CacheDirFor(), 1)
	defer r.Close()
	d := NewDesk(DeskParams{Service: service(store), Renderer: r, Run: inline, Now: func() time.Time { return now }})
	w := test.NewTempWindow(t, d.Content())
	w.Resize(fyne.NewSize(1280, 800))
	d.SetWindow(w)
	d.Queue.Refresh()
	d.Queue.filter.SetSelected(FilterAll)
	d.Queue.selectID(c.ID)
	v := d.Case
	if v.Page.img.Image == nil || !strings.HasPrefix(v.Page.label.Text, "Page 1 of") {
		t.Fatalf("page not shown: %q", v.Page.label.Text)
	}
	// The page is the first-class view: wider than the fields beside it.
	if pw, fw := v.Page.scroll.Size().Width, v.tabs.Size().Width; pw < 560 || pw < fw {
		t.Errorf("the page is %v wide beside fields %v wide", pw, fw)
	}
	width := v.Page.Content().Size().Width
	f := c.Order.Extraction.Fields[app.FieldCaseNumber]
	if f.Value == "" {
		t.Fatal("the generated order has no case number")
	}
	test.Tap(v.fields.values[app.FieldCaseNumber].Button)
	if strings.Contains(v.Page.Caption(), "not marked") || strings.Contains(v.Page.Caption(), "not found") {
		t.Fatalf("evidence not placed: %q", v.Page.Caption())
	}
	if v.Page.Page() != f.Page {
		t.Errorf("shows page %d, the number is on page %d", v.Page.Page(), f.Page)
	}
	mark := v.Page.marks[f.Page]
	var got []string
	for _, w := range mark.place.Value {
		got = append(got, w.Text)
	}
	if app.WordKey(strings.Join(got, "")) != app.WordKey(f.Value) {
		t.Fatalf("marked %q for %q", got, f.Value)
	}
	// The value's box is tinted on the shown image, and brought into
	// view: zoomed in until readable, scrolled to it.
	img, ok := v.Page.img.Image.(*image.RGBA)
	if !ok {
		t.Fatalf("shown image is %T, not the marked copy", v.Page.img.Image)
	}
	wd := mark.place.Value[0]
	scale := float64(viewDPI) / float64(mark.dpi)
	px := img.RGBAAt(int(float64(wd.X)*scale)+1, int(float64(wd.Y)*scale)+1)
	if px.B >= px.R || px.B >= px.G {
		t.Errorf("pixel at the value is %v, not tinted", px)
	}
	if v.Page.ZoomLevel() <= 1 {
		t.Errorf("zoom %v: the evidence was not zoomed to", v.Page.ZoomLevel())
	}
	// The pane keeps its width whatever it shows.
	if v.Page.Content().Size().Width != width {
		t.Errorf("the page pane went from %v to %v wide", width, v.Page.Content().Size().Width)
	}
	// Paging and zoom stay within the document; the next case starts
	// afresh, fitted to the width.
	v.Page.Turn(-5)
	if v.Page.at != 0 {
		t.Errorf("turned before the first page: %d", v.Page.at)
	}
	v.Page.Zoom(10)
	if v.Page.zoom != maxZoom {
		t.Errorf("zoom %v", v.Page.zoom)
	}
	d.Queue.selectID(other.ID)
	if v.Page.ZoomLevel() != 1 || v.Page.Page() != 1 || v.Page.Caption() != "" {
		t.Errorf("the next case opened at zoom %v on page %d with %q", v.Page.ZoomLevel(), v.Page.Page(), v.Page.Caption())
	}
}
