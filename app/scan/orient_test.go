package scan

import (
	"bytes"
	"context"
	"image/jpeg"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/go-pdf/fpdf"
	"github.com/warrantdesk/warrantdesk/app/ocr"
	"github.com/warrantdesk/warrantdesk/app/render"
)

// orderText is a page of an order, enough words for a strong reading.
const orderText = "UNITED STATES DISTRICT COURT for the Western District of Washington. " +
	"In the Matter of the Search of information associated with jane.roe@example.com that is stored at premises " +
	"controlled by Example Mail LLC. Case No. 2:25-mj-00731. SEARCH AND SEIZURE WARRANT. To any authorized law " +
	"enforcement officer: An application by a federal law enforcement officer requests the search of the following " +
	"property, and the person or property to be searched shall be produced within fourteen days of this warrant."

// orderPage is a born-digital page of orderText.
func orderPage(t *testing.T) []byte {
	t.Helper()
	f := fpdf.New("P", "pt", "Letter", "")
	f.SetFont("Times", "", 12)
	f.AddPage()
	f.MultiCell(0, 16, orderText, "", "L", false)
	var doc bytes.Buffer
	if err := f.Output(&doc); err != nil {
		t.Fatal(err)
	}
	return doc.Bytes()
}

// orienting is Tesseract with its orientation data, or a skip.
func orienting(t *testing.T) *ocr.Tesseract {
	t.Helper()
	tess := &ocr.Tesseract{}
	if !tess.Available() || !tess.CanOrient() {
		t.Skip("tesseract with its orientation data is not installed (make test installs it)")
	}
	return tess
}

// TestRecognizeUpright_ReadsAsDetectionDoes: on an upright page, reading
// it as it stands gives the reading orientation detection gives.
func TestRecognizeUpright_ReadsAsDetectionDoes(t *testing.T) {
	tess := orienting(t)
	r := render.New(filepath.Join(os.TempDir(), "warrantdesk-test-pdfium"), 1)
	defer r.Close()
	img, err := r.Page(context.Background(), orderPage(t), 1, DPI)
	if err != nil {
		t.Fatal(err)
	}
	up, err := tess.RecognizeUpright(context.Background(), img, DPI)
	if err != nil {
		t.Fatal(err)
	}
	at, err := tess.RecognizeAt(context.Background(), img, DPI)
	if err != nil {
		t.Fatal(err)
	}
	if up.Text != at.Text || !strong(up) || !upright(up.Words) || !strings.Contains(up.Text, "2:25-mj-00731") {
		t.Errorf("as it stands %q, with detection %q", up.Text, at.Text)
	}
}

// TestScanner_ReadsATurnedPage: a page scanned upside down reads weakly
// as it stands, and is read again turned the right way.
func TestScanner_ReadsATurnedPage(t *testing.T) {
	tess := orienting(t)
	doc := orderPage(t)
	r := render.New(filepath.Join(os.TempDir(), "warrantdesk-test-pdfium"), 1)
	defer r.Close()
	// The page as a scanner fed it upside down makes it: one image.
	var scan bytes.Buffer
	err := r.Render(context.Background(), doc, []int{1}, 200, func(_ int, p render.Page, err error) error {
		if err != nil {
			return err
		}
		var b bytes.Buffer
		if err := jpeg.Encode(&b, upsideDown(p.Image), &jpeg.Options{Quality: 85}); err != nil {
			return err
		}
		out := fpdf.New("P", "pt", "Letter", "")
		out.AddPage()
		opt := fpdf.ImageOptions{ImageType: "JPG"}
		out.RegisterImageOptionsReader("p", opt, &b)
		out.ImageOptions("p", 0, 0, p.Width, p.Height, false, opt, 0, "")
		return out.Output(&scan)
	})
	if err != nil {
		t.Fatal(err)
	}
	s := &Scanner{Renderer: r, OCR: tess, Parallel: 1}
	pages, _, err := s.ReadPages(context.Background(), scan.Bytes(), []int{1}, nil)
	if err != nil {
		t.Fatal(err)
	}
	if len(pages) != 1 || !strings.Contains(pages[0].Text, "SEARCH AND SEIZURE WARRANT") || !strings.Contains(pages[0].Text, "2:25-mj-00731") {
		t.Fatalf("the turned page read as %+v", pages)
	}
	if upright(pages[0].Words) {
		t.Error("the turned page's words run left to right in the image's frame")
	}
}

func TestUpright(t *testing.T) {
	line := func(y int, xs ...int) []ocr.Word {
		var ws []ocr.Word
		for _, x := range xs {
			ws = append(ws, ocr.Word{X: x, Y: y, W: 40, H: 20})
		}
		return ws
	}
	page := append(line(100, 100, 160, 220, 280), line(140, 100, 160, 220)...)
	if !upright(page) {
		t.Error("two lines left to right are not upright")
	}
	if upright(append(line(3000, 2400, 2340, 2280, 2220), line(2960, 2400, 2340, 2280)...)) {
		t.Error("words right to left are upright")
	}
	var column []ocr.Word
	for y := 100; y < 600; y += 60 {
		column = append(column, ocr.Word{X: 100, Y: y, W: 20, H: 40})
	}
	if upright(column) {
		t.Error("words above one another are upright")
	}
	if upright(nil) || upright(line(100, 100)) {
		t.Error("no words tell no way up")
	}
}
