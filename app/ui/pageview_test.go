package ui

import (
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
	doc, err := pdftext.ReadPages(orders[0].PDF)
	if err != nil {
		t.Fatal(err)
	}
	c := &app.Case{ID: app.NewCaseID(), Status: app.StatusNew, CreatedAt: now, Order: app.Order{
		FileName: orders[0].Name + ".pdf", Pages: len(doc.Pages), TextSource: doc.TextSource, Extraction: extract.New().Extract(doc)}}
	if store.pdfs == nil {
		store.pdfs, store.pages = map[string][]byte{}, map[string][]app.PageText{}
	}
	store.pdfs[c.ID], store.pages[c.ID] = orders[0].PDF, doc.Pages
	store.cases = append(store.cases, c)
	return c
}

func TestPageView_FieldEvidenceIsMarkedOnTheRenderedPage(t *testing.T) {
	if testing.Short() {
		t.Skip("renders with PDFium")
	}
	store := &memStore{}
	c := realCase(t, store, 7)
	test.NewTempApp(t)
	r := render.New(render.CacheDirFor(), 1)
	defer r.Close()
	d := NewDesk(DeskParams{Service: service(store), Renderer: r, Run: inline, Now: func() time.Time { return now }, Reviewer: "R. Reviewer"})
	w := test.NewTempWindow(t, d.Content())
	w.Resize(fyne.NewSize(1280, 800))
	d.Queue.Refresh()
	d.Queue.list.Select(0)
	v := d.Case
	if v.Page.img.Image == nil || !strings.HasPrefix(v.Page.label.Text, "Page 1 of") {
		t.Fatalf("page not shown: %q", v.Page.label.Text)
	}
	f := c.Order.Extraction.Fields[app.FieldCaseNumber]
	if f.Value == "" {
		t.Fatal("the generated order has no case number")
	}
	test.Tap(fieldButton(v, "Case number"))
	if strings.Contains(v.evidence.Text, "not marked") || strings.Contains(v.evidence.Text, "not found") {
		t.Fatalf("evidence not placed: %q", v.evidence.Text)
	}
	if v.Page.Page() != f.Page {
		t.Errorf("shows page %d, the number is on page %d", v.Page.Page(), f.Page)
	}
	mark := v.Page.marks[f.Page]
	var got []string
	for _, w := range mark.value {
		got = append(got, w.Text)
	}
	if wordKey(strings.Join(got, "")) != wordKey(f.Value) {
		t.Fatalf("marked %q for %q", got, f.Value)
	}
	// The value's box is tinted on the shown image.
	img, ok := v.Page.img.Image.(*image.RGBA)
	if !ok {
		t.Fatalf("shown image is %T, not the highlighted copy", v.Page.img.Image)
	}
	wd := mark.value[0]
	scale := float64(viewDPI) / float64(mark.dpi)
	px := img.RGBAAt(int(float64(wd.X)*scale)+1, int(float64(wd.Y)*scale)+1)
	if px.B >= px.R || px.B >= px.G {
		t.Errorf("pixel at the value is %v, not tinted", px)
	}
	// Paging and zoom stay within the document.
	v.Page.Turn(-5)
	if v.Page.at != 0 {
		t.Errorf("turned before the first page: %d", v.Page.at)
	}
	v.Page.Zoom(10)
	if v.Page.zoom != 3 {
		t.Errorf("zoom %v", v.Page.zoom)
	}
}

func TestFindEvidence_ToleratesOCRNoise(t *testing.T) {
	words := []app.Word{{Text: "In"}, {Text: "re:"}, {Text: "Case"}, {Text: "No."}, {Text: "2:25-mj-0OO02,"}, {Text: "filed"}, {Text: "Case"}, {Text: "No."}, {Text: "2:25-mj-00002"}}
	snip, val := findEvidence(words, "Case No. 2:25-mj-00002 filed", "2:25-mj-00002")
	if len(snip) != 4 || snip[0].Text != "Case" || len(val) != 1 || val[0].Text != "2:25-mj-00002" {
		t.Errorf("snippet %+v, value %+v", snip, val)
	}
	if s, v := findEvidence(words, "nothing like it", "absent"); s != nil || v != nil {
		t.Errorf("found %+v %+v for text that is not there", s, v)
	}
}
