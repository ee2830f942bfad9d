// Package render draws the pages of an order as images, for OCR and for the
// desk's page view, with PDFium compiled to WebAssembly
// (github.com/klippa-app/go-pdfium, run by wazero): pure Go, nothing for the
// user to install on any OS, and every image encoding scans use (JBIG2,
// CCITT G4, JPEG, JPEG 2000, Flate).
//
// Isolation: PDFium runs inside a WebAssembly sandbox with no filesystem
// (documents are opened from bytes), a memory cap, and a time limit per
// call that aborts a render from outside; a hostile file fails its call
// and the app lives on. The compiled module is cached on disk, which takes
// start-up from ~4 s to ~0.3 s. See docs/ocr.md.
package render

import (
	"context"
	"errors"
	"fmt"
	"image"
	"os"
	"path/filepath"
	"runtime"
	"sync"
	"time"

	"github.com/klippa-app/go-pdfium"
	"github.com/klippa-app/go-pdfium/requests"
	"github.com/klippa-app/go-pdfium/webassembly"
	"github.com/tetratelabs/wazero"
	"github.com/tetratelabs/wazero/api"
	"github.com/tetratelabs/wazero/experimental"

	"github.com/warrantdesk/warrantdesk/app"
)

// Defaults.
const (
	DefaultDPI     = 300
	DefaultTimeout = 30 * time.Second
	// memoryPages caps one instance's WebAssembly memory (64 KiB pages):
	// 1 GiB, enough for a letter page at 300 dpi many times over.
	memoryPages = 16384
)

// Renderer renders pages with a pool of PDFium instances. It starts PDFium
// on first use. Safe for concurrent use.
type Renderer struct {
	// CacheDir keeps the compiled module between runs ("" for none).
	CacheDir string
	// Parallel is the number of PDFium instances (one per CPU if < 1).
	Parallel int
	// Timeout limits one render (DefaultTimeout if zero).
	Timeout time.Duration

	once    sync.Once
	pool    pdfium.Pool
	initErr error
	slots   chan struct{}
}

// New returns a renderer that caches its compiled module in cacheDir.
func New(cacheDir string, parallel int) *Renderer {
	return &Renderer{CacheDir: cacheDir, Parallel: parallel}
}

func (r *Renderer) init() error {
	r.once.Do(func() {
		n := r.Parallel
		if n < 1 {
			n = runtime.NumCPU()
		}
		r.slots = make(chan struct{}, n)
		rc := wazero.NewRuntimeConfig().
			WithCoreFeatures(api.CoreFeaturesV2 | experimental.CoreFeaturesExceptionHandling).
			WithMemoryLimitPages(memoryPages).
			WithCloseOnContextDone(true)
		if r.CacheDir != "" {
			if err := os.MkdirAll(r.CacheDir, 0o700); err == nil {
				if cache, err := wazero.NewCompilationCacheWithDir(r.CacheDir); err == nil {
					rc = rc.WithCompilationCache(cache)
				}
			}
		}
		r.pool, r.initErr = webassembly.Init(webassembly.Config{
			MinIdle:       0,
			MaxIdle:       n,
			MaxTotal:      n,
			RuntimeConfig: rc,
			// An empty filesystem: PDFium sees no file of the machine.
			FSConfig: wazero.NewFSConfig(),
			Stdout:   discard{},
			Stderr:   discard{},
		})
		if r.initErr != nil {
			r.initErr = &app.Error{Code: app.EINTERNAL, Message: "could not start the page renderer", Err: r.initErr}
		}
	})
	return r.initErr
}

type discard struct{}

func (discard) Write(p []byte) (int, error) { return len(p), nil }

// Page is one rendered page.
type Page struct {
	Image  *image.Gray
	DPI    int
	Width  float64 // points
	Height float64
}

// Render renders the given pages (1-based) of pdf in grayscale at dpi and
// calls each for every page as it is done, in page order. It stops at the
// first error or when ctx is done.
func (r *Renderer) Render(ctx context.Context, pdf []byte, pages []int, dpi int, each func(n int, p Page) error) error {
	if err := r.init(); err != nil {
		return err
	}
	if dpi <= 0 {
		dpi = DefaultDPI
	}
	timeout := r.Timeout
	if timeout <= 0 {
		timeout = DefaultTimeout
	}
	select {
	case r.slots <- struct{}{}:
		defer func() { <-r.slots }()
	case <-ctx.Done():
		return ctx.Err()
	}
	inst, err := r.pool.GetInstanceWithContext(ctx)
	if err != nil {
		return &app.Error{Code: app.EINTERNAL, Message: "no page renderer available", Err: err}
	}
	defer inst.Close()
	// Closing the instance from a timer aborts a render stuck in a hostile
	// file; the pool replaces it.
	var timedOut bool
	var mu sync.Mutex
	arm := func() *time.Timer {
		return time.AfterFunc(timeout, func() {
			mu.Lock()
			timedOut = true
			mu.Unlock()
			inst.Kill()
		})
	}
	t := arm()
	doc, err := inst.OpenDocument(&requests.OpenDocument{File: &pdf})
	t.Stop()
	if err != nil {
		return renderErr(err, timedOut, timeout)
	}
	defer inst.FPDF_CloseDocument(&requests.FPDF_CloseDocument{Document: doc.Document})
	for _, n := range pages {
		if err := ctx.Err(); err != nil {
			return err
		}
		t := arm()
		res, err := inst.RenderPageInDPI(&requests.RenderPageInDPI{
			Page:        requests.Page{ByIndex: &requests.PageByIndex{Document: doc.Document, Index: n - 1}},
			DPI:         dpi,
			ImageFormat: requests.RenderImageFormatGrayscale,
		})
		t.Stop()
		if err != nil {
			mu.Lock()
			to := timedOut
			mu.Unlock()
			return renderErr(fmt.Errorf("page %d: %w", n, err), to, timeout)
		}
		img := copyGray(res.Result.RenderedImage)
		// PointToPixelRatio is pixels per point.
		ptw := float64(res.Result.Width) / res.Result.PointToPixelRatio
		pth := float64(res.Result.Height) / res.Result.PointToPixelRatio
		res.Cleanup()
		if img == nil {
			return &app.Error{Code: app.EUNREADABLE, Message: fmt.Sprintf("could not render page %d", n)}
		}
		if err := each(n, Page{Image: img, DPI: dpi, Width: ptw, Height: pth}); err != nil {
			return err
		}
	}
	return nil
}

// Page renders one page (1-based) of pdf in grayscale at dpi, for the
// desk's page view.
func (r *Renderer) Page(ctx context.Context, pdf []byte, n, dpi int) (image.Image, error) {
	var img image.Image
	err := r.Render(ctx, pdf, []int{n}, dpi, func(_ int, p Page) error {
		img = p.Image
		return nil
	})
	return img, err
}

// PageCount returns the number of pages PDFium sees in pdf.
func (r *Renderer) PageCount(ctx context.Context, pdf []byte) (int, error) {
	if err := r.init(); err != nil {
		return 0, err
	}
	inst, err := r.pool.GetInstanceWithContext(ctx)
	if err != nil {
		return 0, err
	}
	defer inst.Close()
	doc, err := inst.OpenDocument(&requests.OpenDocument{File: &pdf})
	if err != nil {
		return 0, renderErr(err, false, 0)
	}
	defer inst.FPDF_CloseDocument(&requests.FPDF_CloseDocument{Document: doc.Document})
	n, err := inst.FPDF_GetPageCount(&requests.FPDF_GetPageCount{Document: doc.Document})
	if err != nil {
		return 0, renderErr(err, false, 0)
	}
	return n.PageCount, nil
}

// copyGray copies the rendered pixels out of WebAssembly memory, which is
// released by Cleanup.
func copyGray(img image.Image) *image.Gray {
	switch src := img.(type) {
	case *image.Gray:
		// Row by row: PDFium's rows may be padded past the width.
		out := image.NewGray(src.Rect)
		w := src.Rect.Dx()
		for y := 0; y < src.Rect.Dy(); y++ {
			copy(out.Pix[y*out.Stride:y*out.Stride+w], src.Pix[y*src.Stride:y*src.Stride+w])
		}
		return out
	case *image.RGBA:
		out := image.NewGray(src.Rect)
		for y := src.Rect.Min.Y; y < src.Rect.Max.Y; y++ {
			for x := src.Rect.Min.X; x < src.Rect.Max.X; x++ {
				out.Set(x, y, src.At(x, y))
			}
		}
		return out
	}
	return nil
}

func renderErr(err error, timedOut bool, timeout time.Duration) error {
	if timedOut {
		return &app.Error{Code: app.EUNREADABLE, Message: fmt.Sprintf("could not render the page: gave up after %s", timeout), Err: err}
	}
	if errors.Is(err, context.Canceled) {
		return err
	}
	return &app.Error{Code: app.EUNREADABLE, Message: "could not render the page: " + err.Error(), Err: err}
}

// Close stops PDFium.
func (r *Renderer) Close() error {
	if r.pool != nil {
		return r.pool.Close()
	}
	return nil
}

// CacheDirFor returns where the compiled module is cached: the user cache
// folder of the OS.
func CacheDirFor() string {
	d, err := os.UserCacheDir()
	if err != nil {
		return ""
	}
	return filepath.Join(d, "warrantdesk", "pdfium")
}
