package ocr

import (
	"context"
	"image"
	"image/color"
	"strings"
	"testing"

	"github.com/warrantdesk/warrantdesk/app"
)

func TestParseTSV_QuotesAndLines(t *testing.T) {
	tsv := "level\tpage_num\tblock_num\tpar_num\tline_num\tword_num\tleft\ttop\twidth\theight\tconf\ttext\n" +
		"1\t1\t0\t0\t0\t0\t0\t0\t2550\t3300\t-1\t\n" +
		"5\t1\t1\t1\t1\t1\t100\t200\t50\t20\t96.5\tTo\n" +
		"5\t1\t1\t1\t1\t2\t160\t200\t90\t20\t91.0\t\"whom\n" +
		"5\t1\t1\t1\t2\t1\t100\t230\t70\t20\t88.0\tconcern:\n" +
		"5\t1\t2\t1\t1\t1\t100\t300\t70\t20\t40.0\tFBI\n"
	res, err := parseTSV(strings.NewReader(tsv))
	if err != nil {
		t.Fatal(err)
	}
	if want := "To \"whom\nconcern:\n\nFBI"; res.Text != want {
		t.Errorf("text %q, want %q", res.Text, want)
	}
	if len(res.Words) != 4 || res.Words[1].X != 160 || res.Words[1].Confidence != 91 {
		t.Errorf("words %+v", res.Words)
	}
	if res.Confidence < 78 || res.Confidence > 79 {
		t.Errorf("mean confidence %v", res.Confidence)
	}
}

func TestFind_MissingSaysHowToInstall(t *testing.T) {
	_, err := (&Tesseract{Path: "/nonexistent/tesseract"}).Find()
	if app.ErrorCode(err) != app.EINVALID || !strings.Contains(app.ErrorMessage(err), "OCR needs Tesseract; install it with") {
		t.Errorf("got %v", err)
	}
}

func TestRecognize_ReadsAnImage(t *testing.T) {
	tess := &Tesseract{}
	if !tess.Available() {
		t.Skip("tesseract is not installed (make test installs it)")
	}
	// A blank page reads as no words, without an error.
	img := image.NewGray(image.Rect(0, 0, 200, 100))
	for i := range img.Pix {
		img.Pix[i] = color.Gray{Y: 255}.Y
	}
	res, err := tess.Recognize(context.Background(), img)
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Words) != 0 {
		t.Errorf("a blank page read as %q", res.Text)
	}
}
