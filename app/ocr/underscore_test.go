package ocr

import (
	"image"
	"image/draw"
	"testing"

	"golang.org/x/image/font"
	"golang.org/x/image/font/gofont/goregular"
	"golang.org/x/image/font/opentype"
	"golang.org/x/image/math/fixed"
)

// boxed draws words at 300 dpi on one line and returns them with their
// boxes as Tesseract gives them (ink's extent), sep drawn between each
// two and left out of the words, as Tesseract drops an underscore.
func boxed(t *testing.T, sep string, texts ...string) (*image.Gray, *Result) {
	t.Helper()
	f, err := opentype.Parse(goregular.TTF)
	if err != nil {
		t.Fatal(err)
	}
	face, err := opentype.NewFace(f, &opentype.FaceOptions{Size: 12, DPI: 300, Hinting: font.HintingFull})
	if err != nil {
		t.Fatal(err)
	}
	img := image.NewGray(image.Rect(0, 0, 1600, 200))
	draw.Draw(img, img.Bounds(), image.White, image.Point{}, draw.Src)
	d := font.Drawer{Dst: img, Src: image.Black, Face: face, Dot: fixed.P(50, 120)}
	res := &Result{}
	for i, s := range texts {
		if i > 0 {
			d.DrawString(sep)
		}
		b, _ := d.BoundString(s)
		d.DrawString(s)
		res.Words = append(res.Words, Word{Text: s, X: b.Min.X.Floor(), Y: b.Min.Y.Floor(), W: (b.Max.X - b.Min.X).Ceil(), H: (b.Max.Y - b.Min.Y).Ceil(), Confidence: 95})
		res.lines = append(res.lines, lineKey{1, 1, 1})
	}
	res.Text = textOf(res.Words, res.lines)
	return img, res
}

func TestJoinUnderscores_PutsBackTheUnderscoreThePageShows(t *testing.T) {
	img, res := boxed(t, "_", "campinas", "ofertas", "2026")
	if got := JoinUnderscores(img, res); got.Text != "campinas_ofertas_2026" || len(got.Words) != 1 || got.Words[0].W < 400 {
		t.Errorf("read as %q, %+v", got.Text, got.Words)
	}
}

func TestJoinUnderscores_LeavesSpacesAndUnderlinedWords(t *testing.T) {
	img, res := boxed(t, " ", "Northern", "District")
	if got := JoinUnderscores(img, res); got != res {
		t.Errorf("words a space apart joined: %q", got.Text)
	}
	// An underlined value: the rule runs on under the words.
	img, res = boxed(t, " ", "Northern", "District")
	for x := 40; x < 700; x++ {
		for y := 124; y < 127; y++ {
			img.Pix[img.PixOffset(x, y)] = 0
		}
	}
	if got := JoinUnderscores(img, res); got != res {
		t.Errorf("underlined words joined: %q", got.Text)
	}
}
