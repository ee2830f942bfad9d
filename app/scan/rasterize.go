package scan

import (
	"bytes"
	"context"
	"fmt"
	"image"
	"image/jpeg"
	"math/rand/v2"

	"github.com/go-pdf/fpdf"

	"github.com/warrantdesk/warrantdesk/app/render"
)

// Rasterize turns a PDF into what a scanner makes of it: every page an
// image (JPEG, grey) with speckle, some pages upside down, and no text
// layer. It makes test scans of generated orders whose truth is known.
func Rasterize(ctx context.Context, r *render.Renderer, pdf []byte, dpi int, rng *rand.Rand) ([]byte, error) {
	n, err := r.PageCount(ctx, pdf)
	if err != nil {
		return nil, err
	}
	pages := make([]int, n)
	for i := range pages {
		pages[i] = i + 1
	}
	out := fpdf.New("P", "pt", "Letter", "")
	err = r.Render(ctx, pdf, pages, dpi, func(num int, p render.Page, err error) error {
		if err != nil {
			return err
		}
		img := p.Image
		// Half the pages as a fax or office scanner makes them (black and
		// white, specks), half as a grey photocopy (JPEG).
		bilevel := rng.IntN(2) == 0
		speckle(img, rng, bilevel)
		if rng.IntN(4) == 0 {
			img = upsideDown(img)
		}
		var b bytes.Buffer
		if err := jpeg.Encode(&b, img, &jpeg.Options{Quality: 75}); err != nil {
			return err
		}
		name := fmt.Sprintf("p%d", num)
		out.AddPageFormat("P", fpdf.SizeType{Wd: p.Width, Ht: p.Height})
		out.RegisterImageOptionsReader(name, fpdf.ImageOptions{ImageType: "JPG"}, &b)
		out.ImageOptions(name, 0, 0, p.Width, p.Height, false, fpdf.ImageOptions{ImageType: "JPG"}, 0, "")
		return nil
	})
	if err != nil {
		return nil, err
	}
	var b bytes.Buffer
	if err := out.Output(&b); err != nil {
		return nil, err
	}
	return b.Bytes(), nil
}

// speckle scatters dark and light specks, as a cheap scanner or a fax
// does; a bilevel page is thresholded to black and white first, a grey one
// gets a slightly grey paper.
func speckle(img *image.Gray, rng *rand.Rand, bilevel bool) {
	for i, p := range img.Pix {
		if bilevel {
			p = map[bool]uint8{true: 0, false: 255}[p < 150]
		} else if p > 240 {
			p = 246 - uint8(rng.IntN(8))
		}
		switch r := rng.IntN(1000); {
		case r < 2:
			p = uint8(rng.IntN(60))
		case r < 5 && p < 128:
			p = 255
		}
		img.Pix[i] = p
	}
}

func upsideDown(src *image.Gray) *image.Gray {
	b := src.Bounds()
	out := image.NewGray(b)
	w, h := b.Dx(), b.Dy()
	for y := 0; y < h; y++ {
		for x := 0; x < w; x++ {
			out.Pix[(h-1-y)*out.Stride+(w-1-x)] = src.Pix[y*src.Stride+x]
		}
	}
	return out
}
