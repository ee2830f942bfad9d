package render

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/go-pdf/fpdf"
	"github.com/warrantdesk/warrantdesk/app"
)

// testCache keeps the compiled module between the tests of a run: compiling
// it takes seconds, far more under the race detector.
var testCache = filepath.Join(os.TempDir(), "warrantdesk-test-pdfium")

func testPDF(t testing.TB) []byte {
	t.Helper()
	f := fpdf.New("P", "pt", "Letter", "")
	f.SetFont("Helvetica", "B", 28)
	for _, s := range []string{"SEARCH WARRANT", "ATTACHMENT A"} {
		f.AddPage()
		f.Text(72, 120, s)
	}
	var b strings.Builder
	if err := f.Output(&b); err != nil {
		t.Fatal(err)
	}
	return []byte(b.String())
}

func TestRenderer_RendersPagesInOrder(t *testing.T) {
	r := New(testCache, 1)
	defer r.Close()
	pdf := testPDF(t)
	var got []int
	err := r.Render(context.Background(), pdf, []int{2, 1}, 100, func(n int, p Page, err error) error {
		if err != nil {
			return err
		}
		got = append(got, n)
		b := p.Image.Bounds()
		if b.Dx() != 850 || b.Dy() != 1100 { // Letter at 100 dpi
			t.Errorf("page %d is %dx%d, want 850x1100", n, b.Dx(), b.Dy())
		}
		if p.Width < 611 || p.Width > 613 || p.Height < 791 || p.Height > 793 {
			t.Errorf("page %d measures %.1f×%.1f pt, want 612×792", n, p.Width, p.Height)
		}
		dark := 0
		for _, px := range p.Image.Pix {
			if px < 128 {
				dark++
			}
		}
		if dark < 500 {
			t.Errorf("page %d rendered almost blank (%d dark pixels)", n, dark)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 2 || got[0] != 2 || got[1] != 1 {
		t.Errorf("rendered %v", got)
	}
	if n, err := r.PageCount(context.Background(), pdf); err != nil || n != 2 {
		t.Errorf("PageCount = %d, %v", n, err)
	}
}

func TestRenderer_BrokenPDFFailsCleanly(t *testing.T) {
	r := New(testCache, 1)
	defer r.Close()
	err := r.Render(context.Background(), []byte("%PDF-1.7\nthis is not really a PDF"), []int{1}, 100, func(int, Page, error) error { return nil })
	if app.ErrorCode(err) != app.EUNREADABLE {
		t.Errorf("got %v", err)
	}
	// The renderer still works afterwards.
	if err := r.Render(context.Background(), testPDF(t), []int{1}, 50, func(_ int, _ Page, err error) error { return err }); err != nil {
		t.Errorf("after a broken file: %v", err)
	}
}

func TestRenderer_SeesNoFiles(t *testing.T) {
	// A PDF cannot reach the machine's files: PDFium gets an empty
	// filesystem. Opening by path must fail even for a file that exists.
	e, err := newEngine(testCache)
	if err != nil {
		t.Fatal(err)
	}
	defer e.close()
	path, _ := filepath.Abs("render.go")
	if _, err := os.Stat(path); err != nil {
		t.Skip(err)
	}
	if _, err := e.inst.OpenDocument(openByPath(path)); err == nil {
		t.Error("PDFium opened a file of the host by path")
	}
}
