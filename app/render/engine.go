package render

import (
	"errors"
	"fmt"
	"image"
	"math"
	"os"

	"github.com/klippa-app/go-pdfium"
	"github.com/klippa-app/go-pdfium/references"
	"github.com/klippa-app/go-pdfium/requests"
	"github.com/klippa-app/go-pdfium/webassembly"
	"github.com/tetratelabs/wazero"
	"github.com/tetratelabs/wazero/api"
	"github.com/tetratelabs/wazero/experimental"
)

// memoryPages caps PDFium's WebAssembly memory (64 KiB pages): 1 GiB,
// enough for a letter page at 300 dpi many times over.
const memoryPages = 16384

// engine is PDFium in this process: what a render worker runs. Only the
// worker uses it; the app talks to workers through Renderer.
type engine struct {
	pool pdfium.Pool
	inst pdfium.Pdfium
	doc  *references.FPDF_DOCUMENT
	// mayMask is set when the open document may hold an image with a mask
	// of its own (native.go).
	mayMask bool
}

// newEngine starts one PDFium instance, with its compiled module cached in
// cacheDir ("" for none) and an empty filesystem: PDFium sees no file of
// the machine, documents come from bytes.
func newEngine(cacheDir string) (*engine, error) {
	rc := wazero.NewRuntimeConfig().
		WithCoreFeatures(api.CoreFeaturesV2 | experimental.CoreFeaturesExceptionHandling).
		WithMemoryLimitPages(memoryPages)
	if cacheDir != "" {
		if err := os.MkdirAll(cacheDir, 0o700); err == nil {
			if cache, err := wazero.NewCompilationCacheWithDir(cacheDir); err == nil {
				rc = rc.WithCompilationCache(cache)
			}
		}
	}
	pool, err := webassembly.Init(webassembly.Config{
		MinIdle: 1, MaxIdle: 1, MaxTotal: 1,
		RuntimeConfig: rc,
		FSConfig:      wazero.NewFSConfig(),
		Stdout:        discard{},
		Stderr:        discard{},
	})
	if err != nil {
		return nil, fmt.Errorf("starting PDFium: %w", err)
	}
	inst, err := pool.GetInstance(0)
	if err != nil {
		pool.Close()
		return nil, fmt.Errorf("starting PDFium: %w", err)
	}
	return &engine{pool: pool, inst: inst}, nil
}

type discard struct{}

func (discard) Write(p []byte) (int, error) { return len(p), nil }

// open opens pdf and returns its page count.
func (e *engine) open(pdf []byte) (int, error) {
	doc, err := e.inst.OpenDocument(&requests.OpenDocument{File: &pdf})
	if err != nil {
		return 0, err
	}
	e.doc = &doc.Document
	e.mayMask = mayHaveImageMasks(pdf)
	n, err := e.inst.FPDF_GetPageCount(&requests.FPDF_GetPageCount{Document: doc.Document})
	if err != nil {
		return 0, err
	}
	return n.PageCount, nil
}

// errTooLarge refuses a page that would not fit maxPixels even at minDPI.
var errTooLarge = errors.New("page too large")

// minDPI is the least resolution a page is drawn at to fit maxPixels;
// below it text is no longer legible, to a reviewer or to OCR.
const minDPI = 50

// fitDPI is the resolution at which a page of w×h points fits maxPixels,
// dpi at most.
func fitDPI(w, h float64, dpi int, maxPixels int64) (int, error) {
	if !(w > 0 && h > 0) || math.IsInf(w, 0) || math.IsInf(h, 0) {
		return 0, fmt.Errorf("%w: it measures %g × %g points", errTooLarge, w, h)
	}
	px := func(d int) float64 { return math.Ceil(w*float64(d)/72) * math.Ceil(h*float64(d)/72) }
	d := dpi
	if px(d) > float64(maxPixels) {
		d = int(72 * math.Sqrt(float64(maxPixels)/(w*h)))
	}
	for ; d >= minDPI; d-- {
		if px(d) <= float64(maxPixels) {
			return d, nil
		}
	}
	return 0, fmt.Errorf("%w: it measures %.0f × %.0f inches", errTooLarge, w/72, h/72)
}

// page renders page n (1-based) in grayscale at no more than dpi, lowered
// so the image fits maxPixels.
func (e *engine) page(n, dpi int, maxPixels int64) (Page, error) {
	size, err := e.inst.FPDF_GetPageSizeByIndex(&requests.FPDF_GetPageSizeByIndex{Document: *e.doc, Index: n - 1})
	if err != nil {
		return Page{}, err
	}
	d, err := fitDPI(size.Width, size.Height, dpi, maxPixels)
	if err != nil {
		return Page{}, err
	}
	res, err := e.inst.RenderPageInDPI(&requests.RenderPageInDPI{
		Page:        requests.Page{ByIndex: &requests.PageByIndex{Document: *e.doc, Index: n - 1}},
		DPI:         d,
		ImageFormat: requests.RenderImageFormatGrayscale,
	})
	if err != nil {
		return Page{}, err
	}
	defer res.Cleanup()
	img := copyGray(res.Result.RenderedImage)
	if img == nil || int64(len(img.Pix)) > maxPixels {
		return Page{}, errors.New("PDFium returned no usable image")
	}
	// PointToPixelRatio is pixels per point.
	ptw := float64(res.Result.Width) / res.Result.PointToPixelRatio
	pth := float64(res.Result.Height) / res.Result.PointToPixelRatio
	return Page{Image: img, DPI: d, Width: ptw, Height: pth}, nil
}

func (e *engine) close() {
	if e.doc != nil {
		e.inst.FPDF_CloseDocument(&requests.FPDF_CloseDocument{Document: *e.doc})
	}
	e.inst.Close()
	e.pool.Close()
}

// copyGray copies the rendered pixels out of WebAssembly memory, which is
// released by Cleanup.
func copyGray(img image.Image) *image.Gray {
	switch src := img.(type) {
	case *image.Gray:
		// Row by row: PDFium's rows may be padded past the width.
		out := image.NewGray(image.Rect(0, 0, src.Rect.Dx(), src.Rect.Dy()))
		w := src.Rect.Dx()
		for y := 0; y < src.Rect.Dy(); y++ {
			copy(out.Pix[y*out.Stride:y*out.Stride+w], src.Pix[y*src.Stride:y*src.Stride+w])
		}
		return out
	case *image.RGBA:
		out := image.NewGray(image.Rect(0, 0, src.Rect.Dx(), src.Rect.Dy()))
		for y := src.Rect.Min.Y; y < src.Rect.Max.Y; y++ {
			for x := src.Rect.Min.X; x < src.Rect.Max.X; x++ {
				out.Set(x-src.Rect.Min.X, y-src.Rect.Min.Y, src.At(x, y))
			}
		}
		return out
	}
	return nil
}
