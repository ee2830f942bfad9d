package render

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"image"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/warrantdesk/warrantdesk/app"
)

// TestMain lets the test binary serve as its own render worker, and as a
// worker that hangs.
func TestMain(m *testing.M) {
	ServeIfWorker()
	if len(os.Args) > 2 && os.Args[1] == "worker" && os.Args[2] == "hang" {
		time.Sleep(time.Minute)
		os.Exit(0)
	}
	os.Exit(m.Run())
}

// pagesPDF writes a PDF with one page per size (points), each with a line
// of text.
func pagesPDF(sizes ...[2]float64) []byte {
	var b bytes.Buffer
	b.WriteString("%PDF-1.7\n")
	var offsets []int
	obj := func(s string) {
		offsets = append(offsets, b.Len())
		fmt.Fprintf(&b, "%d 0 obj\n%s\nendobj\n", len(offsets), s)
	}
	kids := ""
	for i := range sizes {
		kids += fmt.Sprintf("%d 0 R ", 4+2*i)
	}
	obj("<< /Type /Catalog /Pages 2 0 R >>")
	obj(fmt.Sprintf("<< /Type /Pages /Kids [%s] /Count %d >>", kids, len(sizes)))
	obj("<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>")
	for i, sz := range sizes {
		content := "BT /F1 24 Tf 72 72 Td (SEARCH WARRANT) Tj ET"
		obj(fmt.Sprintf("<< /Type /Page /Parent 2 0 R /MediaBox [0 0 %g %g] /Resources << /Font << /F1 3 0 R >> >> /Contents %d 0 R >>", sz[0], sz[1], 5+2*i))
		obj(fmt.Sprintf("<< /Length %d >>\nstream\n%s\nendstream", len(content), content))
	}
	xref := b.Len()
	fmt.Fprintf(&b, "xref\n0 %d\n0000000000 65535 f \n", len(offsets)+1)
	for _, o := range offsets {
		fmt.Fprintf(&b, "%010d 00000 n \n", o)
	}
	fmt.Fprintf(&b, "trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n", len(offsets)+1, xref)
	return b.Bytes()
}

// TestRenderer_HugePageIsDrawnSmallerOrRefused: a 30000-point page would
// be 156,000 pixels a side at 300 dpi; it is refused without taking the
// renderer down, a large poster page is drawn at a lower resolution, and
// the letter page after them is drawn as asked.
func TestRenderer_HugePageIsDrawnSmallerOrRefused(t *testing.T) {
	r := New(testCache, 1)
	pdf := pagesPDF([2]float64{30000, 30000}, [2]float64{2592, 3456}, [2]float64{612, 792})
	var got []string
	err := r.Render(context.Background(), pdf, []int{1, 2, 3}, 300, func(n int, p Page, err error) error {
		switch {
		case err != nil:
			got = append(got, fmt.Sprintf("%d: %s", n, app.ErrorMessage(err)))
		default:
			got = append(got, fmt.Sprintf("%d: %d dpi", n, p.DPI))
			if px := int64(len(p.Image.Pix)); px > DefaultMaxPixels {
				t.Errorf("page %d has %d pixels", n, px)
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	want := []string{"1: could not render page 1: page too large: it measures 417 × 417 inches", "2: 152 dpi", "3: 300 dpi"}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("got\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

// TestRenderer_HangingWorkerIsKilled: a worker that never answers is
// killed at the time limit and the call says so.
func TestRenderer_HangingWorkerIsKilled(t *testing.T) {
	r := New("", 1)
	r.Command = []string{os.Args[0], "worker", "hang"}
	r.Timeout = 300 * time.Millisecond
	r.warmed = true
	start := time.Now()
	_, err := r.PageCount(context.Background(), testPDF(t))
	if err == nil || !strings.Contains(app.ErrorMessage(err), "gave up after 300ms") {
		t.Fatalf("got %v", err)
	}
	if time.Since(start) > 5*time.Second {
		t.Errorf("took %s", time.Since(start))
	}
}

func TestRenderer_CancelStops(t *testing.T) {
	r := New("", 1)
	r.Command = []string{os.Args[0], "worker", "hang"}
	r.warmed = true
	ctx, cancel := context.WithCancel(context.Background())
	time.AfterFunc(200*time.Millisecond, cancel)
	_, err := r.Page(ctx, testPDF(t), 1, 100)
	if !errors.Is(err, context.Canceled) {
		t.Fatalf("got %v", err)
	}
}

func TestRenderer_PageView(t *testing.T) {
	r := New(testCache, 1)
	img, err := r.Page(context.Background(), testPDF(t), 2, 72)
	if err != nil {
		t.Fatal(err)
	}
	if img.Bounds() != image.Rect(0, 0, 612, 792) {
		t.Errorf("bounds %v", img.Bounds())
	}
	if _, err := r.Page(context.Background(), testPDF(t), 3, 72); err == nil || !strings.Contains(app.ErrorMessage(err), "page 3: the renderer finds no such page") {
		t.Errorf("page 3 of 2: %v", err)
	}
}

func TestFitDPI(t *testing.T) {
	if d, err := fitDPI(612, 792, 300, DefaultMaxPixels); err != nil || d != 300 {
		t.Errorf("letter: %d %v", d, err)
	}
	if _, err := fitDPI(0, 792, 300, DefaultMaxPixels); err == nil {
		t.Error("a page of no width was accepted")
	}
}

// TestPDFiumMessage: what reaches a case's warnings is one readable line,
// never the WebAssembly stack trace.
func TestPDFiumMessage(t *testing.T) {
	for in, want := range map[string]string{
		"wasm error: out of bounds memory access\nwasm stack trace:\n\t.FPDF_RenderPageBitmap(i32,i32)\n\t.env.invoke": "PDFium ran out of memory on it",
		"wasm error: unreachable\nwasm stack trace:\n\t.abort()":                                                       "PDFium stopped on it (a damaged or hostile page)",
		"could not load page size by index":                                                                            "could not load page size by index",
		"":                                                                                                             "PDFium could not draw it",
	} {
		if got := pdfiumMessage(errors.New(in)); got != want {
			t.Errorf("pdfiumMessage(%q) = %q, want %q", in, got, want)
		}
	}
}
