package scan

import (
	"context"
	"fmt"
	"image"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/go-pdf/fpdf"
	"github.com/warrantdesk/warrantdesk/app"
	"github.com/warrantdesk/warrantdesk/app/ocr"
	"github.com/warrantdesk/warrantdesk/app/render"
)

func TestScanner_ReadPages(t *testing.T) {
	tess := &ocr.Tesseract{}
	if !tess.Available() {
		t.Skip("tesseract is not installed (make test installs it)")
	}
	f := fpdf.New("P", "pt", "Letter", "")
	f.SetFont("Helvetica", "", 20)
	for _, s := range []string{"SEARCH WARRANT Case No. 2:25-mj-00731", "ATTACHMENT A jane.roe@example.com"} {
		f.AddPage()
		f.MultiCell(0, 26, s, "", "L", false)
	}
	var b strings.Builder
	if err := f.Output(&b); err != nil {
		t.Fatal(err)
	}
	s := &Scanner{Renderer: render.New(filepath.Join(os.TempDir(), "warrantdesk-test-pdfium"), 2), OCR: tess}
	defer s.Renderer.Close()
	calls := 0
	pages, _, err := s.ReadPages(context.Background(), []byte(b.String()), []int{2, 1}, func(done, total int, p app.PageText) {
		calls++
		if total != 2 || done != calls {
			t.Errorf("progress %d/%d at call %d", done, total, calls)
		}
	})
	if err != nil {
		t.Fatal(err)
	}
	if len(pages) != 2 || pages[0].Number != 1 || pages[1].Number != 2 {
		t.Fatalf("pages %+v", pages)
	}
	if !strings.Contains(pages[0].Text, "SEARCH WARRANT") || !strings.Contains(pages[1].Text, "jane.roe@example.com") {
		t.Errorf("OCR text: %q / %q", pages[0].Text, pages[1].Text)
	}
	if pages[0].Source != app.SourceOCR || pages[0].DPI != DPI || len(pages[0].Words) < 4 || pages[0].Words[0].W <= 0 {
		t.Errorf("page 1 lacks OCR evidence: %+v", pages[0])
	}
	// Cancel stops the work.
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, _, err := s.ReadPages(ctx, []byte(b.String()), []int{1, 2}, nil); err == nil {
		t.Error("a cancelled read went on")
	}
}

func TestThicken(t *testing.T) {
	img := image.NewGray(image.Rect(0, 0, 5, 5))
	for i := range img.Pix {
		img.Pix[i] = 255
	}
	img.Pix[2*5+2] = 0 // one dark dot in the middle
	out := thicken(img)
	dark := 0
	for _, p := range out.Pix {
		if p == 0 {
			dark++
		}
	}
	if dark != 9 {
		t.Errorf("a dot became %d dark pixels, want a 3×3 block", dark)
	}
}

// TestScanner_OneBadPageIsOneBadPage: a page too large to draw is named in
// a warning and the pages around it are still read.
func TestScanner_OneBadPageIsOneBadPage(t *testing.T) {
	tess := &ocr.Tesseract{}
	if !tess.Available() {
		t.Skip("tesseract is not installed (make test installs it)")
	}
	f := fpdf.New("P", "pt", "Letter", "")
	f.SetFont("Helvetica", "", 20)
	for i, size := range []fpdf.SizeType{{Wd: 612, Ht: 792}, {Wd: 14000, Ht: 14000}, {Wd: 612, Ht: 792}} {
		f.AddPageFormat("P", size)
		f.MultiCell(400, 26, fmt.Sprintf("SUBPOENA page %d for the records of jane.roe@example.com", i+1), "", "L", false)
	}
	var b strings.Builder
	if err := f.Output(&b); err != nil {
		t.Fatal(err)
	}
	s := &Scanner{Renderer: render.New(filepath.Join(os.TempDir(), "warrantdesk-test-pdfium"), 2), OCR: tess}
	pages, warnings, err := s.ReadPages(context.Background(), []byte(b.String()), []int{1, 2, 3}, nil)
	if err != nil {
		t.Fatal(err)
	}
	if len(pages) != 2 || pages[0].Number != 1 || pages[1].Number != 3 || !strings.Contains(pages[1].Text, "page 3") {
		t.Fatalf("pages %+v", pages)
	}
	if !strings.Contains(strings.Join(warnings, "\n"), "page 2 not read: could not render it: page too large") {
		t.Errorf("warnings %q", warnings)
	}
}
