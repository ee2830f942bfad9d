package ocr

import (
	"context"
	"image"
	"image/draw"
	"strings"
	"testing"

	"golang.org/x/image/font"
	"golang.org/x/image/font/gofont/goregular"
	"golang.org/x/image/font/opentype"
	"golang.org/x/image/math/fixed"
)

// typeset draws lines of text at 300 dpi (12 pt) on a white page, each at
// its own (x, baseline y).
func typeset(t *testing.T, w, h int, lines map[image.Point]string) *image.Gray {
	t.Helper()
	f, err := opentype.Parse(goregular.TTF)
	if err != nil {
		t.Fatal(err)
	}
	face, err := opentype.NewFace(f, &opentype.FaceOptions{Size: 12, DPI: 300, Hinting: font.HintingFull})
	if err != nil {
		t.Fatal(err)
	}
	img := image.NewGray(image.Rect(0, 0, w, h))
	draw.Draw(img, img.Bounds(), image.White, image.Point{}, draw.Src)
	for at, s := range lines {
		d := font.Drawer{Dst: img, Src: image.Black, Face: face, Dot: fixed.P(at.X, at.Y)}
		d.DrawString(s)
	}
	return img
}

func TestReread_ReadsAnUnconfidentStretchFromItsOwnStrip(t *testing.T) {
	tess := &Tesseract{}
	if !tess.Available() {
		t.Skip("tesseract is not installed (make test installs it)")
	}
	img := typeset(t, 1800, 300, map[image.Point]string{{60, 120}: "INFORMATION ASSOCIATED WITH", {1150, 140}: "Case Number 4471 Filed"})
	first, err := tess.RecognizeUpright(context.Background(), img, 300)
	if err != nil {
		t.Fatal(err)
	}
	// As Tesseract reads it when its line finder joins the case number
	// to the text beside it: the stretch as nonsense, unconfident.
	var bad Result
	bad.lang = "eng"
	for _, w := range first.Words {
		if w.X > 1000 {
			w.Text, w.Confidence = strings.Repeat("e", len(w.Text)/2+1), 20
		}
		bad.Words = append(bad.Words, w)
		bad.lines = append(bad.lines, lineKey{1, 1, 1})
	}
	bad.Text = textOf(bad.Words, bad.lines)
	got, err := tess.Reread(context.Background(), img, 300, &bad)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(got.Text, "Case Number 4471 Filed") || !strings.HasPrefix(got.Text, "INFORMATION ASSOCIATED WITH") {
		t.Errorf("reread as %q", got.Text)
	}
	for _, w := range got.Words {
		if w.Text == "4471" && (w.X < 1150 || w.X > 1800 || w.Y < 80 || w.Y > 150) {
			t.Errorf("the case number's box %+v is not where it stands on the page", w)
		}
	}
	// A confident reading is left as it is, without running Tesseract.
	sure := &Result{Text: "INFORMATION", Words: first.Words[:1], lines: []lineKey{{1, 1, 1}}}
	sure.Words[0].Confidence = 96
	if again, err := (&Tesseract{Path: "/nonexistent"}).Reread(context.Background(), img, 300, sure); again != sure || err != nil {
		t.Errorf("a confident reading was read again: %q, %v", again.Text, err)
	}
}

func TestReplaceStrips_KeepsOnlyWhatReadsMuchBetter(t *testing.T) {
	res := &Result{
		Words: []Word{{Text: "To:", X: 10, Y: 10, W: 30, H: 20, Confidence: 95}, {Text: "a", X: 60, Y: 10, W: 20, H: 20, Confidence: 20}, {Text: "eee", X: 90, Y: 10, W: 60, H: 20, Confidence: 30},
			{Text: "next", X: 10, Y: 50, W: 40, H: 20, Confidence: 96}, {Text: "xq", X: 60, Y: 50, W: 40, H: 20, Confidence: 50}},
		lines: []lineKey{{1, 1, 1}, {1, 1, 1}, {1, 1, 1}, {1, 1, 2}, {1, 1, 2}},
	}
	res.Text = textOf(res.Words, res.lines)
	strips := rereadStrips(res, image.Rect(0, 0, 400, 100))
	if len(strips) != 2 || strips[0].first != 1 || strips[0].n != 2 || strips[1].first != 4 || strips[1].n != 1 {
		t.Fatalf("strips %+v", strips)
	}
	// Specks on a line of their own over a word already read are not read
	// again.
	specked := *res
	specked.Words = append(append([]Word(nil), res.Words...), Word{Text: "e", X: 20, Y: 55, W: 6, H: 6, Confidence: 9})
	specked.lines = append(append([]lineKey(nil), res.lines...), lineKey{1, 2, 1})
	if got := rereadStrips(&specked, image.Rect(0, 0, 400, 100)); len(got) != 2 {
		t.Errorf("specks over a word read: strips %+v", got)
	}
	if strips[0].box.Min.X != 41 { // up to the confident word beside it
		t.Errorf("strip cut from %v", strips[0].box)
	}
	stack(image.NewGray(image.Rect(0, 0, 400, 100)), strips)
	// The sheet reads the first strip well and the second no better.
	sheet := []Word{
		{Text: "Case", X: 25, Y: strips[0].at + 5, W: 40, H: 20, Confidence: 93},
		{Text: "No.", X: 70, Y: strips[0].at + 5, W: 30, H: 20, Confidence: 91},
		{Text: "xy", X: 25, Y: strips[1].at + 5, W: 40, H: 20, Confidence: 60},
		// The foot of the line above, taken in by the strip's margin.
		{Text: "above", X: 110, Y: strips[0].at, W: 40, H: 6, Confidence: 96},
	}
	got := replaceStrips(res, strips, sheet)
	if got.Text != "To: Case No.\nnext xq" {
		t.Errorf("text %q", got.Text)
	}
	if w := got.Words[1]; w.Text != "Case" || w.X != 25-strips[0].at+strips[0].box.Min.X || w.Y != strips[0].box.Min.Y+5 {
		t.Errorf("word %+v, strip %+v", w, strips[0])
	}
}
