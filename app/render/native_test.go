package render

import (
	"bytes"
	"context"
	"fmt"
	"image"
	"image/color"
	"image/jpeg"
	"image/png"
	"math"
	"strings"
	"testing"

	"github.com/go-pdf/fpdf"
	"github.com/klippa-app/go-pdfium/structs"

	"github.com/warrantdesk/warrantdesk/app/crafted"
)

// scanLike is a grey page image of w×h pixels with dark bars where lines
// of text would be, so any misplacement shows.
func scanLike(w, h int) *image.Gray {
	g := image.NewGray(image.Rect(0, 0, w, h))
	for y := 0; y < h; y++ {
		for x := 0; x < w; x++ {
			v := uint8(245)
			if (y/12)%3 == 0 && x > w/10 && x < w-w/5 && (x/7)%5 != 0 {
				v = 30
			}
			if x < w/3 && y < h/8 { // a dark block at the top left: orientation
				v = 0
			}
			g.Pix[y*w+x] = v
		}
	}
	return g
}

// imagePDF is one Letter page showing img at x, y (points), w×h points
// large, and optionally some text beside it.
func imagePDF(t *testing.T, img image.Image, kind string, x, y, w, h float64, text string) []byte {
	t.Helper()
	var b bytes.Buffer
	switch kind {
	case "JPG":
		if err := jpeg.Encode(&b, img, &jpeg.Options{Quality: 90}); err != nil {
			t.Fatal(err)
		}
	case "PNG":
		if err := png.Encode(&b, img); err != nil {
			t.Fatal(err)
		}
	}
	f := fpdf.New("P", "pt", "Letter", "")
	f.AddPage()
	opts := fpdf.ImageOptions{ImageType: kind}
	f.RegisterImageOptionsReader("scan", opts, &b)
	f.ImageOptions("scan", x, y, w, h, false, opts, 0, "")
	if text != "" {
		f.SetFont("Helvetica", "", 12)
		f.Text(72, 40, text)
	}
	var out strings.Builder
	if err := f.Output(&out); err != nil {
		t.Fatal(err)
	}
	return []byte(out.String())
}

// both renders page 1 drawn and scanned.
func both(t *testing.T, pdf []byte) (drawn, scanned Page) {
	t.Helper()
	r := New(testCache, 1)
	defer r.Close()
	ctx := context.Background()
	if err := r.Scan(ctx, pdf, []int{1}, 300, func(_ int, p Page, err error) error { scanned = p; return err }); err != nil {
		t.Fatal(err)
	}
	if err := r.Render(ctx, pdf, []int{1}, scanned.DPI, func(_ int, p Page, err error) error { drawn = p; return err }); err != nil {
		t.Fatal(err)
	}
	return drawn, scanned
}

// meanDiff compares two page images of (nearly) the same size, block by
// block (8×8 pixels), so that two ways of resampling agree and a page
// moved by a line of text does not.
func meanDiff(t *testing.T, a, b *image.Gray) float64 {
	t.Helper()
	w, h := min(a.Rect.Dx(), b.Rect.Dx()), min(a.Rect.Dy(), b.Rect.Dy())
	if math.Abs(float64(a.Rect.Dx()-b.Rect.Dx())) > 1 || math.Abs(float64(a.Rect.Dy()-b.Rect.Dy())) > 1 {
		t.Fatalf("sizes differ: %v and %v", a.Rect, b.Rect)
	}
	const k = 8
	var sum float64
	n := 0
	for by := 0; by+k <= h; by += k {
		for bx := 0; bx+k <= w; bx += k {
			var sa, sb float64
			for y := by; y < by+k; y++ {
				for x := bx; x < bx+k; x++ {
					sa += float64(a.Pix[y*a.Stride+x])
					sb += float64(b.Pix[y*b.Stride+x])
				}
			}
			sum += math.Abs(sa-sb) / (k * k)
			n++
		}
	}
	return sum / float64(n)
}

// TestScan_OneImagePagesMatchTheirDrawing: a page that is one image comes
// back from the image — JPEG or Flate, filling the page or with margins —
// at its own resolution, and looks as the drawn page does at that
// resolution, pixel for pixel up to interpolation.
func TestScan_OneImagePagesMatchTheirDrawing(t *testing.T) {
	for _, tc := range []struct {
		name, kind string
		w, h       int
		x, y, pw   float64 // placement, points; the height keeps the aspect
		dpi        int
	}{
		{"jpeg-full-300dpi", "JPG", 2550, 3300, 0, 0, 612, 300},
		{"png-full-300dpi", "PNG", 2550, 3300, 0, 0, 612, 300},
		{"jpeg-margins-200dpi-enlarged", "JPG", 1600, 2100, 18, 18, 576, 300},
		{"png-full-600dpi-halved", "PNG", 5100, 6600, 0, 0, 612, 300},
		{"jpeg-full-400dpi-reduced", "JPG", 3400, 4400, 0, 0, 612, 300},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if raceDetector && tc.w*tc.h > 10_000_000 {
				// The test binary is its own worker here: under the race
				// detector a 34-megapixel page outgrows the worker's
				// memory cap, and a 15-megapixel one its 20 s a page on a
				// busy machine. make test runs them again without
				// (Makefile).
				t.Skip("a page this large under the race detector outgrows the worker's memory cap or its time")
			}
			pdf := imagePDF(t, scanLike(tc.w, tc.h), tc.kind, tc.x, tc.y, tc.pw, tc.pw*float64(tc.h)/float64(tc.w), "")
			drawn, scanned := both(t, pdf)
			if scanned.DPI != tc.dpi {
				t.Fatalf("scanned at %d dpi, want %d", scanned.DPI, tc.dpi)
			}
			if d := meanDiff(t, drawn.Image, scanned.Image); d > 8 {
				t.Errorf("scanned page differs from the drawn one by %.1f grey levels on average", d)
			}
			if math.Abs(scanned.Width-612) > 1 || math.Abs(scanned.Height-792) > 1 {
				t.Errorf("page measures %.1f×%.1f pt", scanned.Width, scanned.Height)
			}
		})
	}
}

// maskedPDF is one Letter page showing a grey scan of w×h pixels at
// (36, 36) points, 306 points wide, with a soft mask: opaque throughout, or
// clear over a band across its middle. (Go's PNG encoder drops an alpha
// that hides nothing, so the file is put together here.)
func maskedPDF(w, h int, clearBand bool) []byte {
	grey := scanLike(w, h)
	alpha := make([]byte, w*h)
	for y := 0; y < h; y++ {
		for x := 0; x < w; x++ {
			if !clearBand || y <= h*4/10 || y >= h*6/10 {
				alpha[y*w+x] = 255
			}
		}
	}
	pw, ph := 306.0, 306.0*float64(h)/float64(w)
	image := fmt.Sprintf("/Type /XObject /Subtype /Image /Width %d /Height %d /ColorSpace /DeviceGray /BitsPerComponent 8 /Filter /FlateDecode /SMask 6 0 R", w, h)
	mask := fmt.Sprintf("/Type /XObject /Subtype /Image /Width %d /Height %d /ColorSpace /DeviceGray /BitsPerComponent 8 /Filter /FlateDecode", w, h)
	return crafted.Craft([]string{
		"<< /Type /Catalog /Pages 2 0 R >>",
		"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
		"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /XObject << /Im1 5 0 R >> >> /Contents 4 0 R >>",
		crafted.Stream("", []byte(fmt.Sprintf("q %.2f 0 0 %.2f 36 %.2f cm /Im1 Do Q", pw, ph, 792-36-ph))),
		crafted.Stream(image, crafted.Deflate(grey.Pix)),
		crafted.Stream(mask, crafted.Deflate(alpha)),
	}, "", 0)
}

// TestScan_ImageMasksAreHonoured: PDFium's transparency test does not see
// an image's own soft mask. A mask that hides part of the image makes the
// page drawn — OCR reads what the reviewer sees, white where the mask is
// clear — while a mask that hides nothing (scanning software adds them)
// leaves the page taken from its image, at its own 275 dpi.
func TestScan_ImageMasksAreHonoured(t *testing.T) {
	const w, h = 1169, 1513 // 275 dpi over 306 × 396 points
	t.Run("opaque", func(t *testing.T) {
		pdf := maskedPDF(w, h, false)
		if !mayHaveImageMasks(pdf) {
			t.Fatal("the file's /SMask was not seen")
		}
		_, scanned := both(t, pdf)
		if scanned.DPI != 275 {
			t.Errorf("an opaque soft mask: page at %d dpi, want 275 (taken from its image)", scanned.DPI)
		}
	})
	t.Run("clear-band", func(t *testing.T) {
		pdf := maskedPDF(w, h, true)
		drawn, scanned := both(t, pdf)
		if scanned.DPI != 300 {
			t.Fatalf("a mask that hides part of the image: page at %d dpi, want 300 (drawn)", scanned.DPI)
		}
		if d := meanDiff(t, drawn.Image, scanned.Image); d != 0 {
			t.Errorf("the page differs from its drawing by %.2f", d)
		}
		// The band's middle: 36 pt + half the image's 396 pt, at 300 dpi.
		y := int((36 + 198) * 300 / 72.0)
		for x := 200; x < 1300; x += 25 {
			if v := scanned.Image.Pix[y*scanned.Image.Stride+x]; v != 255 {
				t.Fatalf("pixel (%d, %d) under the clear mask is %d, not white", x, y, v)
			}
		}
	})
}

func TestMayHaveImageMasks(t *testing.T) {
	for in, want := range map[string]bool{
		"<< /Type /XObject /Subtype /Image /SMask 12 0 R >>": true,
		"<</Mask[0 10]/Width 5>>":                            true,
		"<< /S#4dask 12 0 R >>":                              true, // #4d is M
		"<< /#4D#61#73#6B 3 0 R >>":                          true,
		"<< /Masked true /SMasks 1 /Width 5 >>":              false,
		"<< /Type /XObject /Subtype /Image >> stream \x00/M": false,
		"":       false,
		"/SMask": true,
	} {
		if got := mayHaveImageMasks([]byte(in)); got != want {
			t.Errorf("mayHaveImageMasks(%q) = %v, want %v", in, got, want)
		}
	}
}

// TestScan_OtherPagesAreDrawn: a page with text beside its image is drawn
// at the resolution asked, exactly as Render draws it.
func TestScan_OtherPagesAreDrawn(t *testing.T) {
	pdf := imagePDF(t, scanLike(1275, 1650), "JPG", 0, 0, 612, 792, "Received by fax")
	drawn, scanned := both(t, pdf)
	if scanned.DPI != 300 {
		t.Fatalf("drawn at %d dpi, want 300", scanned.DPI)
	}
	if d := meanDiff(t, drawn.Image, scanned.Image); d != 0 {
		t.Errorf("a drawn page differs from Render's by %.2f", d)
	}
}

// TestScan_TurnedImageAndRotatedPage: an image drawn a quarter turn in its
// matrix on a page with /Rotate comes out as the drawn page does.
func TestScan_TurnedImageAndRotatedPage(t *testing.T) {
	src := scanLike(660, 510) // landscape pixels, shown turned on a portrait box
	var jb bytes.Buffer
	jpeg.Encode(&jb, src, &jpeg.Options{Quality: 95})
	for _, tc := range []struct {
		name   string
		matrix string
		box    string
		rotate int
	}{
		{"turned-in-matrix", "0 -612 792 0 0 612", "0 0 792 612", 90},
		{"flipped-upside-down", "-612 0 0 -792 612 792", "0 0 612 792", 0},
		{"page-rotated-180", "612 0 0 792 0 0", "0 0 612 792", 180},
	} {
		t.Run(tc.name, func(t *testing.T) {
			w, h := 660, 510
			if tc.matrix != "0 -612 792 0 0 612" {
				w, h = 510, 660
			}
			if w != 660 {
				jb.Reset()
				jpeg.Encode(&jb, scanLike(w, h), &jpeg.Options{Quality: 95})
			}
			content := fmt.Sprintf("q %s cm /Im0 Do Q", tc.matrix)
			objs := []string{
				"<< /Type /Catalog /Pages 2 0 R >>",
				"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
				fmt.Sprintf("<< /Type /Page /Parent 2 0 R /MediaBox [%s] /Rotate %d /Resources << /XObject << /Im0 4 0 R >> >> /Contents 5 0 R >>", tc.box, tc.rotate),
				crafted.Stream(fmt.Sprintf("/Type /XObject /Subtype /Image /Width %d /Height %d /ColorSpace /DeviceGray /BitsPerComponent 8 /Filter /DCTDecode", w, h), jb.Bytes()),
				crafted.Stream("", []byte(content)),
			}
			pdf := crafted.Craft(objs, "", 0)
			drawn, scanned := both(t, pdf)
			if d := meanDiff(t, drawn.Image, scanned.Image); d > 8 {
				t.Errorf("differs from the drawn page by %.1f", d)
			}
			if scanned.Image.Rect.Dx() > scanned.Image.Rect.Dy() {
				t.Errorf("a portrait page came out %v", scanned.Image.Rect)
			}
		})
	}
}

func TestPlacement_QuarterTurns(t *testing.T) {
	// A 2×1 image: a black pixel then a white one.
	src := image.NewGray(image.Rect(0, 0, 2, 1))
	src.Pix = []uint8{0, 255}
	for _, tc := range []struct {
		m    structs.FPDF_FS_MATRIX
		w, h float64 // page, points at 72 dpi: one point a pixel
		want []uint8 // page pixels, row by row
	}{
		{structs.FPDF_FS_MATRIX{A: 2, D: 1}, 2, 1, []uint8{0, 255}},
		{structs.FPDF_FS_MATRIX{A: -2, D: 1, E: 2}, 2, 1, []uint8{255, 0}},
		// Turned: the image's row runs down the page.
		{structs.FPDF_FS_MATRIX{B: -2, C: 1, F: 2}, 1, 2, []uint8{0, 255}},
		{structs.FPDF_FS_MATRIX{B: 2, C: 1}, 1, 2, []uint8{255, 0}},
	} {
		pl := placement{w: 2, h: 1, m: tc.m, left: 0, top: tc.h, pw: tc.w, ph: tc.h}
		dpi, ok := pl.dpi()
		if !ok || math.Abs(dpi-72) > 0.01 {
			t.Fatalf("%+v: dpi %v, %v", tc.m, dpi, ok)
		}
		got := pl.place(src, dpi)
		if !bytes.Equal(got.Pix, tc.want) {
			t.Errorf("%+v: %v, want %v", tc.m, got.Pix, tc.want)
		}
	}
	if _, ok := (placement{w: 2, h: 1, m: structs.FPDF_FS_MATRIX{A: 1, B: 1, C: -1, D: 1}, pw: 2, ph: 2}).dpi(); ok {
		t.Error("an image at an angle was taken as placed along the axes")
	}
	if _, ok := (placement{w: 200, h: 100, m: structs.FPDF_FS_MATRIX{A: 144, D: 144}, pw: 144, ph: 144}).dpi(); ok {
		t.Error("pixels twice as tall as wide were taken as square")
	}
}

func TestRotate(t *testing.T) {
	src := image.NewGray(image.Rect(0, 0, 2, 1))
	src.Pix = []uint8{1, 2}
	for r, want := range map[int][]uint8{0: {1, 2}, 1: {1, 2}, 2: {2, 1}, 3: {2, 1}} {
		got := rotate(src, r)
		if !bytes.Equal(got.Pix, want) {
			t.Errorf("%d quarter turns: %v, want %v", r, got.Pix, want)
		}
		if r%2 == 1 && got.Rect.Dx() != 1 {
			t.Errorf("%d quarter turns: %v", r, got.Rect)
		}
	}
}

// TestReduce: each reduced pixel is the mean of the area it covers.
func TestReduce(t *testing.T) {
	src := image.NewGray(image.Rect(0, 0, 4, 4))
	for y := 0; y < 4; y++ {
		for x := 0; x < 4; x++ {
			if x < 2 {
				src.Pix[y*4+x] = 255 // white left half, black right half
			}
		}
	}
	out := reduce(src, 3, 3)
	// Columns cover 4/3 source pixels each: the middle one half white.
	for y := 0; y < 3; y++ {
		if got := out.Pix[y*out.Stride : y*out.Stride+3]; got[0] != 255 || got[1] != 128 || got[2] != 0 {
			t.Fatalf("row %d is %v, want [255 128 0]", y, got)
		}
	}
}

func TestForOCR(t *testing.T) {
	img := image.NewGray(image.Rect(0, 0, 1200, 1500))
	for i := range img.Pix {
		img.Pix[i] = color.Gray{Y: uint8(i % 251)}.Y
	}
	if out, dpi := forOCR(img, 600, DefaultMaxPixels); dpi != 300 || out.Rect.Dx() != 600 {
		t.Errorf("600 dpi: %v at %d", out.Rect, dpi)
	}
	if out, dpi := forOCR(img, 400, DefaultMaxPixels); dpi != 300 || out.Rect.Dx() != 900 || out.Rect.Dy() != 1125 {
		t.Errorf("400 dpi: %v at %d", out.Rect, dpi)
	}
	if out, dpi := forOCR(img, 144, DefaultMaxPixels); dpi != 300 || out.Rect.Dx() != 2500 {
		t.Errorf("144 dpi: %v at %d", out.Rect, dpi)
	}
	if out, dpi := forOCR(img, 300, DefaultMaxPixels); dpi != 300 || out != img {
		t.Errorf("300 dpi: %v at %d", out.Rect, dpi)
	}
	if out, _ := forOCR(img, 72, 1_000_000); out != nil {
		t.Error("an enlargement past the pixel cap was made")
	}
}
