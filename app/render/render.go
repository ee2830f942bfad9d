// Package render draws the pages of an order as images, for OCR and for the
// desk's page view, with PDFium compiled to WebAssembly
// (github.com/klippa-app/go-pdfium, run by wazero): pure Go, nothing for the
// user to install on any OS, and every image encoding scans use (JBIG2,
// CCITT G4, JPEG, JPEG 2000, Flate).
//
// Isolation: PDFium never runs in the app's process. Each Render starts a
// worker — the running executable re-executed as "worker render"
// (ServeWorker) — under the sandbox package's limits: an address-space cap
// on top of WebAssembly's own memory cap, a memory budget shared with the
// other workers, a time limit per page enforced from outside, a cap on the
// pixels of a page, its own deadline, and death with the app. Inside,
// PDFium has no filesystem (documents are opened from bytes). A page that
// fails is reported and the pages after it are drawn by a fresh worker.
// The compiled module is cached on disk, which takes a worker's start-up
// from ~4 s to ~0.3 s. See docs/ocr.md and docs/security.md.
package render

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"image"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"sync"
	"time"

	"github.com/warrantdesk/warrantdesk/app"
	"github.com/warrantdesk/warrantdesk/app/sandbox"
)

// Defaults.
const (
	DefaultDPI = 300
	// DefaultTimeout limits one page (and opening the file).
	DefaultTimeout = 20 * time.Second
	// DefaultMemory is a render worker's memory: PDFium's 1 GiB of
	// WebAssembly memory, its compiled code and the image being sent.
	DefaultMemory = 1536 << 20
	// DefaultMaxPixels caps a page's image: 40 million pixels, a tabloid
	// page at 300 dpi twice over. Larger pages are drawn at a lower
	// resolution, down to 50 dpi, and refused past that.
	DefaultMaxPixels = 40_000_000
	// maxFailures is how many pages of one call may fail (each costing a
	// worker) before the rest are given up.
	maxFailures = 5
	workerGrace = 5 * time.Second
)

// Renderer renders pages in worker processes. Safe for concurrent use.
type Renderer struct {
	// Command starts a worker (default: this executable, "worker",
	// "render"); ServeWorker must answer on the other side.
	Command []string
	// CacheDir keeps the compiled module between runs ("" for none).
	CacheDir string
	// Parallel is how many workers run at once (one per CPU if < 1);
	// the memory budget may allow fewer.
	Parallel int
	// Timeout limits one page (DefaultTimeout if zero).
	Timeout time.Duration
	// Memory is one worker's memory (DefaultMemory if zero).
	Memory int64
	// MaxPixels caps one page's image (DefaultMaxPixels if zero).
	MaxPixels int64
	// Budget is shared with the other workers (sandbox.Default() if nil).
	Budget *sandbox.Budget

	once  sync.Once
	slots chan struct{}
	// warm lets the first worker compile PDFium into the cache alone,
	// instead of every worker compiling it at once.
	warm   sync.Mutex
	warmed bool
}

// New returns a renderer whose workers cache the compiled module in
// cacheDir, parallel at once.
func New(cacheDir string, parallel int) *Renderer {
	return &Renderer{CacheDir: cacheDir, Parallel: parallel}
}

// Page is one rendered page.
type Page struct {
	Image  *image.Gray
	DPI    int     // the resolution drawn at: lower than asked for a very large page
	Width  float64 // points
	Height float64
}

func (r *Renderer) init() {
	r.once.Do(func() {
		n := r.Parallel
		if n < 1 {
			n = runtime.NumCPU()
		}
		r.slots = make(chan struct{}, n)
	})
}

func (r *Renderer) limits() (timeout time.Duration, mem, maxPixels int64) {
	timeout, mem, maxPixels = r.Timeout, r.Memory, r.MaxPixels
	if timeout <= 0 {
		timeout = DefaultTimeout
	}
	if mem <= 0 {
		mem = DefaultMemory
	}
	if maxPixels <= 0 {
		maxPixels = DefaultMaxPixels
	}
	return
}

// Render renders the given pages (1-based) of pdf in grayscale at dpi and
// calls each for every page in the order asked: with the image, or with
// the page's error (could not render: too large, out of time or memory,
// broken), after which the pages left are drawn by a fresh worker. It
// returns an error when the document cannot be opened, when ctx is done,
// or when each returns one.
func (r *Renderer) Render(ctx context.Context, pdf []byte, pages []int, dpi int, each func(n int, p Page, err error) error) error {
	return r.draw(ctx, pdf, pages, dpi, false, each)
}

// Scan is Render for OCR: a page that is one scanned image filling the
// page comes back as that image, decoded at its own resolution (reduced
// to 300 past 320 dpi, enlarged to 300 below 250) with the DPI
// it ends at, instead of being drawn at dpi; any other page is drawn at
// dpi. See native.go.
func (r *Renderer) Scan(ctx context.Context, pdf []byte, pages []int, dpi int, each func(n int, p Page, err error) error) error {
	return r.draw(ctx, pdf, pages, dpi, true, each)
}

func (r *Renderer) draw(ctx context.Context, pdf []byte, pages []int, dpi int, native bool, each func(n int, p Page, err error) error) error {
	if dpi <= 0 {
		dpi = DefaultDPI
	}
	failures := 0
	for len(pages) > 0 {
		done, err := r.session(ctx, pdf, pages, dpi, native, nil, each)
		if err != nil {
			return err
		}
		pages = pages[done:]
		if len(pages) == 0 {
			return nil
		}
		// pages[0] failed; each has been told.
		pages = pages[1:]
		if failures++; failures >= maxFailures {
			for _, n := range pages {
				if err := each(n, Page{}, pageErr(n, "not tried after %d pages of this file failed to render", failures)); err != nil {
					return err
				}
			}
			return nil
		}
	}
	return nil
}

// PageCount returns the number of pages PDFium sees in pdf.
func (r *Renderer) PageCount(ctx context.Context, pdf []byte) (int, error) {
	count := 0
	_, err := r.session(ctx, pdf, nil, DefaultDPI, false, func(c int) { count = c }, nil)
	return count, err
}

// Page renders one page (1-based) of pdf in grayscale at dpi, for the
// desk's page view.
func (r *Renderer) Page(ctx context.Context, pdf []byte, n, dpi int) (image.Image, error) {
	var img image.Image
	err := r.Render(ctx, pdf, []int{n}, dpi, func(_ int, p Page, err error) error {
		if err != nil {
			return err
		}
		img = p.Image
		return nil
	})
	return img, err
}

// WorkerMemory is what one render worker may use, in bytes.
func (r *Renderer) WorkerMemory() int64 {
	_, mem, _ := r.limits()
	return mem
}

// Close is kept for callers of the in-process renderer; workers end with
// each call.
func (r *Renderer) Close() error { return nil }

// session draws pages in one worker and returns how many were drawn
// before the first failure (which each has been told of).
func (r *Renderer) session(ctx context.Context, pdf []byte, pages []int, dpi int, native bool, onCount func(int), each func(int, Page, error) error) (int, error) {
	r.init()
	select {
	case r.slots <- struct{}{}:
		defer func() { <-r.slots }()
	case <-ctx.Done():
		return 0, ctx.Err()
	}
	r.warm.Lock()
	warming := !r.warmed
	if !warming {
		r.warm.Unlock()
	}
	opened := func() {
		if warming {
			r.warmed = true
			r.warm.Unlock()
			warming = false
		}
	}
	defer opened()

	timeout, mem, maxPixels := r.limits()
	command := r.Command
	if len(command) == 0 {
		command = []string{sandbox.Executable(), "worker", "render"}
	}
	q := request{
		Memory: mem, DPI: dpi, Pages: pages, MaxPixels: maxPixels, CacheDir: r.CacheDir, Native: native,
		// Compiling PDFium the first time takes seconds more.
		Deadline: (timeout*time.Duration(len(pages)+1) + workerGrace + 30*time.Second).Milliseconds(),
	}
	head, err := sandbox.FrameHead(q, int64(len(pdf)))
	if err != nil {
		return 0, err
	}
	budget := r.Budget
	if budget == nil {
		budget = sandbox.Default()
	}
	wctx, cancel := context.WithCancel(ctx)
	defer cancel()
	p, err := sandbox.Start(wctx, sandbox.Spec{
		Path: command[0], Args: command[1:],
		Stdin:  io.MultiReader(bytes.NewReader(head), bytes.NewReader(pdf)),
		Memory: mem, SelfLimited: true, Budget: budget,
	})
	if err != nil {
		if ctx.Err() != nil {
			return 0, ctx.Err()
		}
		return 0, &app.Error{Code: app.EINTERNAL, Message: "could not start the page renderer", Err: err}
	}
	defer p.Wait()
	defer p.Kill()

	// The clock runs per step: opening (longer the first time, while the
	// module compiles), then each page.
	var mu sync.Mutex
	timedOut := false
	first := timeout
	if warming {
		first += 30 * time.Second
	}
	timer := time.AfterFunc(first, func() {
		mu.Lock()
		timedOut = true
		mu.Unlock()
		p.Kill()
	})
	defer timer.Stop()
	expired := func() bool {
		mu.Lock()
		defer mu.Unlock()
		return timedOut
	}

	st := &stream{pages: pages, count: -1, each: each, onCount: func(n int) {
		opened()
		if onCount != nil {
			onCount(n)
		}
	}}
	br := bufio.NewReaderSize(p.Stdout, 1<<20)
	lim := sandbox.Limits{Header: 64 << 10, Payload: maxPixels}
	for {
		header, payload, ferr := sandbox.ReadFrame(br, lim)
		var rep reply
		if ferr == nil {
			if jerr := json.Unmarshal(header, &rep); jerr != nil {
				ferr = fmt.Errorf("%w: %v", sandbox.ErrFrame, jerr)
			}
		}
		if ferr != nil {
			p.Kill()
			p.Wait()
			if ctx.Err() != nil {
				return st.done, ctx.Err()
			}
			return st.died(r.died(p, expired(), timeout, mem, ferr), ferr)
		}
		// OCR may take longer than a page's render: the worker waits
		// meanwhile, so the clock must too.
		timer.Stop()
		finished, err := st.take(rep, payload)
		if finished || err != nil {
			return st.done, err
		}
		timer.Reset(timeout)
	}
}

// stream follows one worker's answer: the page count, then the pages in
// the order asked.
type stream struct {
	pages   []int
	done    int // pages answered
	count   int // the document's pages; -1 before "open"
	each    func(int, Page, error) error
	onCount func(int)
}

// take handles one reply; finished is set when the worker has said all it
// will (done, a stopping page error, a document error).
func (st *stream) take(rep reply, payload []byte) (finished bool, err error) {
	switch {
	case rep.Kind == kindError:
		return true, docError(rep)
	case rep.Kind == kindOpen && st.count < 0 && rep.Count >= 0:
		st.count = rep.Count
		st.onCount(st.count)
		return false, nil
	case st.count < 0:
		return true, unreadable("the renderer's answer was not understood (%s before the page count)", rep.Kind)
	case rep.Kind == kindDone && st.done == len(st.pages):
		return true, nil
	case st.done >= len(st.pages) || rep.N != st.pages[st.done]:
		return true, unreadable("the renderer's answer was not understood (page %d out of turn)", rep.N)
	case rep.Kind == kindPageError:
		if rep.Stop {
			return true, st.each(rep.N, Page{}, pageErr(rep.N, "%s", clip(rep.Message)))
		}
		st.done++
		return false, st.each(rep.N, Page{}, pageErr(rep.N, "%s", clip(rep.Message)))
	case rep.Kind == kindPage:
		return false, st.page(rep, payload)
	}
	return true, unreadable("the renderer's answer was not understood (%q)", rep.Kind)
}

// page hands on one drawn page, checking its size against its pixels.
func (st *stream) page(rep reply, payload []byte) error {
	if rep.W <= 0 || rep.H <= 0 || int64(rep.W)*int64(rep.H) != int64(len(payload)) || rep.DPI < 1 {
		return unreadable("the renderer's answer was not understood (page %d of %d×%d pixels in %d bytes)", rep.N, rep.W, rep.H, len(payload))
	}
	st.done++
	img := &image.Gray{Pix: payload, Stride: rep.W, Rect: image.Rect(0, 0, rep.W, rep.H)}
	return st.each(rep.N, Page{Image: img, DPI: rep.DPI, Width: rep.WidthPt, Height: rep.HeightPt}, nil)
}

// died is the outcome of a worker that stopped early: the file's error
// before the page count, else the error of the page it was drawing.
func (st *stream) died(why string, ferr error) (int, error) {
	switch {
	case st.count < 0:
		return st.done, &app.Error{Code: app.EUNREADABLE, Message: "could not render the file: " + why, Err: ferr}
	case st.done < len(st.pages):
		return st.done, st.each(st.pages[st.done], Page{}, pageErr(st.pages[st.done], "%s", why))
	}
	return st.done, nil
}

// docError is a worker's error for the whole document.
func docError(rep reply) error {
	if rep.Code == app.EENCRYPTED {
		return &app.Error{Code: app.EENCRYPTED, Message: "could not render the file: it is encrypted with a password; ask the sender for an unprotected copy"}
	}
	return &app.Error{Code: app.EUNREADABLE, Message: "could not render the file: " + clip(rep.Message)}
}

// died explains a worker that stopped without finishing.
func (r *Renderer) died(p *sandbox.Process, timedOut bool, timeout time.Duration, mem int64, ferr error) string {
	stderr := p.Stderr()
	switch {
	case timedOut:
		return fmt.Sprintf("gave up after %s", app.FormatDuration(timeout))
	case bytes.Contains([]byte(stderr), []byte("out of memory")) || bytes.Contains([]byte(stderr), []byte("cannot allocate memory")):
		return fmt.Sprintf("it needs more than %d MB of memory to render", mem>>20)
	case errors.Is(ferr, sandbox.ErrFrame) && !bytes.Contains([]byte(ferr.Error()), []byte("cut short")):
		return "the renderer's answer was not understood"
	}
	return "the renderer stopped unexpectedly"
}

// PageError is one page's failure to render.
type PageError struct {
	Page   int
	Reason string // without the page: pages that fail alike are told together
}

func (e *PageError) Error() string { return e.Reason }

// pageErr is one page's failure, as the EUNREADABLE *app.Error a Render
// callback is given, with the PageError inside.
func pageErr(n int, format string, args ...any) error {
	pe := &PageError{Page: n, Reason: fmt.Sprintf(format, args...)}
	return &app.Error{Code: app.EUNREADABLE, Message: fmt.Sprintf("could not render page %d: %s", n, pe.Reason), Err: pe}
}

func unreadable(format string, args ...any) error {
	return &app.Error{Code: app.EUNREADABLE, Message: "could not render the file: " + fmt.Sprintf(format, args...)}
}

// clip keeps a worker's message to one short line.
func clip(s string) string {
	b := []rune(string(bytes.Join(bytes.Fields([]byte(s)), []byte(" "))))
	if len(b) > 200 {
		return string(b[:199]) + "…"
	}
	return string(b)
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
