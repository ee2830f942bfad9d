// Package scan reads scanned pages: it renders each page that has no usable
// text (app/render) and reads it with OCR (app/ocr), pages in parallel,
// with progress and cancel.
package scan

import (
	"context"
	"errors"
	"fmt"
	"image"
	"runtime"
	"sort"
	"sync"

	"github.com/warrantdesk/warrantdesk/app"
	"github.com/warrantdesk/warrantdesk/app/ocr"
	"github.com/warrantdesk/warrantdesk/app/pdftext"
	"github.com/warrantdesk/warrantdesk/app/render"
	"github.com/warrantdesk/warrantdesk/app/sandbox"
)

// DPI is the resolution pages are read at: Tesseract's sweet spot.
const DPI = 300

// lowConfidence is the mean word confidence under which a page's OCR is
// flagged as untrustworthy (a light, dotty scan scored 44 here).
const lowConfidence = 60

// Scanner implements app.PageReader with a renderer and Tesseract.
type Scanner struct {
	Renderer *render.Renderer
	OCR      *ocr.Tesseract
	// Parallel is how many pages are read at once (one per CPU if < 1);
	// the memory budget may allow fewer.
	Parallel int
	// Budget is the memory shared with the other workers
	// (sandbox.Default() if nil): each page in flight holds a renderer's
	// and a Tesseract's share of it.
	Budget *sandbox.Budget
}

var _ app.PageReader = (*Scanner)(nil)

// Available returns nil when OCR can run, else an error whose message says
// how to install Tesseract.
func (s *Scanner) Available() error {
	_, err := s.OCR.Find()
	return err
}

// PageCount counts pages with the renderer, for PDFs the text reader could
// not open.
func (s *Scanner) PageCount(ctx context.Context, pdf []byte) (int, error) {
	return s.Renderer.PageCount(ctx, pdf)
}

// ReadPages renders and OCRs the given pages (1-based), several at once,
// calling progress (from any goroutine, never at once) after each page.
// Pages come back in the order asked, each with its text, words and
// confidence; a page that cannot be rendered or read is left out and
// named in a warning, as are weak pages. The error is for the file as a
// whole (it cannot be opened) or for ctx ending: then the pages read so
// far come back with it.
func (s *Scanner) ReadPages(ctx context.Context, pdf []byte, pages []int, progress func(done, total int, p app.PageText)) ([]app.PageText, []string, error) {
	if err := s.Available(); err != nil {
		return nil, nil, err
	}
	n := s.Parallel
	if n < 1 {
		n = runtime.NumCPU()
	}
	n = min(n, len(pages))
	budget := s.Budget
	if budget == nil {
		budget = sandbox.Default()
	}
	wctx, cancel := context.WithCancel(ctx)
	defer cancel()

	var mu sync.Mutex
	var out []app.PageText
	var warnings []string
	var firstErr error
	done := 0
	fail := func(err error) {
		mu.Lock()
		if firstErr == nil {
			firstErr = err
			cancel()
		}
		mu.Unlock()
	}
	// Pages that fail alike are told in one warning.
	failed := map[string][]int{}
	lost := func(n int, why string) {
		mu.Lock()
		failed[why] = append(failed[why], n)
		mu.Unlock()
	}
	// Each share of the pages is drawn by one render worker, and each
	// page OCR'd as soon as it is drawn.
	var wg sync.WaitGroup
	for w := 0; w < n; w++ {
		var share []int
		for i := w; i < len(pages); i += n {
			share = append(share, pages[i])
		}
		wg.Add(1)
		go func(share []int) {
			defer wg.Done()
			// A panic here would end the program: report it as this
			// file's failure instead.
			defer func() {
				if r := recover(); r != nil {
					fail(&app.Error{Code: app.EINTERNAL, Message: fmt.Sprintf("OCR stopped unexpectedly: %v", r)})
				}
			}()
			rctx, release, err := sandbox.Reserve(wctx, budget, s.Renderer.WorkerMemory()+s.OCR.PageMemory())
			if err != nil {
				return // ctx is done
			}
			defer release()
			err = s.Renderer.Scan(rctx, pdf, share, DPI, func(num int, pg render.Page, err error) error {
				if err != nil {
					if rctx.Err() != nil {
						return rctx.Err()
					}
					why := app.ErrorMessage(err)
					var pe *render.PageError
					if errors.As(err, &pe) {
						why = pe.Reason
					}
					lost(num, "could not render it: "+why)
					return nil
				}
				res, err := s.recognize(rctx, pg.Image, pg.DPI)
				if err != nil {
					if rctx.Err() != nil {
						return rctx.Err()
					}
					lost(num, "OCR could not read it: "+app.ErrorMessage(err))
					return nil
				}
				pt := app.PageText{Number: num, Text: res.Text, Source: app.SourceOCR, Words: res.Words, DPI: pg.DPI, Confidence: res.Confidence}
				var notes []string
				if pg.DPI < DPI {
					notes = append(notes, fmt.Sprintf("page %d is unusually large (%.0f × %.0f inches) and was read at %d dpi", num, pg.Width/72, pg.Height/72, pg.DPI))
				}
				switch {
				case !pdftext.Usable(res.Text):
					pt.Source = app.SourceNone
					notes = append(notes, fmt.Sprintf("page %d: OCR found no readable text", num))
				case res.Confidence < lowConfidence:
					notes = append(notes, fmt.Sprintf("page %d: OCR is unsure of this page (confidence %.0f of 100); check its fields against the image", num, res.Confidence))
				}
				mu.Lock()
				out = append(out, pt)
				warnings = append(warnings, notes...)
				done++
				d := done
				if progress != nil {
					progress(d, len(pages), pt)
				}
				mu.Unlock()
				return nil
			})
			if err != nil && wctx.Err() == nil {
				fail(err)
			}
		}(share)
	}
	wg.Wait()
	sort.Slice(out, func(i, j int) bool { return out[i].Number < out[j].Number })
	sort.Strings(warnings)
	var whys []string
	for why := range failed {
		whys = append(whys, why)
	}
	sort.Strings(whys)
	for _, why := range whys {
		pages := failed[why]
		sort.Ints(pages)
		warnings = append(warnings, app.PagesNotRead(pages, why))
	}
	if err := ctx.Err(); err != nil {
		return out, warnings, err
	}
	if firstErr != nil {
		return nil, nil, firstErr
	}
	return out, warnings, nil
}

// recognize reads a page. Most pages are upright and read strongly as
// they stand, without Tesseract's orientation detection (a quarter of its
// time on a letter page). A weak reading is of a faint or dotty scan, of a
// page with little on it, or of a turned page, which reads as unconfident
// nonsense; such a page is read again with its strokes thickened and its
// orientation detected, and, unless that reading is strong and upright,
// as it is with its orientation detected. The best reading is kept, and
// its unconfident stretches read again (ocr.Tesseract.Reread).
func (s *Scanner) recognize(ctx context.Context, img *image.Gray, dpi int) (*ocr.Result, error) {
	res, err := s.read(ctx, img, dpi)
	if err != nil || !upright(res.Words) {
		return res, err
	}
	// Stretches of a line Tesseract joined to the wrong neighbour read as
	// nonsense; read from their own strips, they read right.
	again, err := s.OCR.Reread(ctx, img, dpi, res)
	if err != nil {
		if ctx.Err() != nil {
			return nil, err
		}
		again = res
	}
	// "campinas_ofertas" read as two words: the page shows the underscore.
	return ocr.JoinUnderscores(img, again), nil
}

// read gives the best of the page's readings as it stands, thickened and
// with its orientation detected (recognize).
func (s *Scanner) read(ctx context.Context, img *image.Gray, dpi int) (*ocr.Result, error) {
	res, err := s.OCR.RecognizeUpright(ctx, img, dpi)
	if err != nil || strong(res) {
		return res, err
	}
	best := res
	thick, err := s.OCR.RecognizeAt(ctx, thicken(img), dpi)
	switch {
	case err != nil && ctx.Err() != nil:
		return nil, err
	case err == nil:
		best = better(best, thick)
		if strong(thick) && upright(thick.Words) || !s.OCR.CanOrient() {
			// Detection found the page upright, where reading it as
			// it stands is what was done first.
			return best, nil
		}
	}
	turned, err := s.OCR.RecognizeAt(ctx, img, dpi)
	if err != nil {
		if ctx.Err() != nil {
			return nil, err
		}
		return best, nil
	}
	return better(best, turned), nil
}

// strong reports a reading confident enough to keep without trying
// another: a page of text (30 words or more) read at a mean confidence of
// 60 or more.
func strong(r *ocr.Result) bool {
	return r.Confidence >= lowConfidence && len(r.Words) >= 30
}

// better is the reading of the two that scores higher, a when they tie.
func better(a, b *ocr.Result) *ocr.Result {
	if score(b) > score(a) {
		return b
	}
	return a
}

// upright reports whether Tesseract read the page the way up it lies:
// word boxes are in the image's own frame, so the words of a page read
// upside down run right to left and those of a page read turned a quarter
// stand above one another. Upright, most words stand right of the one
// before on its line.
func upright(words []ocr.Word) bool {
	forward := 0
	for i := 1; i < len(words); i++ {
		a, b := words[i-1], words[i]
		h := max(a.H, b.H)
		dy := (b.Y + b.H/2) - (a.Y + a.H/2)
		if dy <= h/2 && -dy <= h/2 && b.X > a.X {
			forward++
		}
	}
	return len(words) > 1 && forward*2 >= len(words)-1
}

// score weighs a reading by its confident words and by how much it reads
// like language: Tesseract's orientation detection flips noisy pages now
// and then, and the upside-down reading of a thickened image can be
// "confident" nonsense.
func score(r *ocr.Result) float64 {
	n := 0
	for _, w := range r.Words {
		if w.Confidence >= lowConfidence {
			n++
		}
	}
	return float64(n) * pdftext.Quality(r.Text)
}

// thicken darkens each pixel to the darkest of its 3×3 neighbourhood,
// joining the dots of a faint scan into strokes.
func thicken(src *image.Gray) *image.Gray {
	b := src.Bounds()
	w, h := b.Dx(), b.Dy()
	// Two passes of a 3-wide minimum, horizontal then vertical.
	tmp := make([]uint8, w*h)
	for y := 0; y < h; y++ {
		row := src.Pix[y*src.Stride : y*src.Stride+w]
		for x := 0; x < w; x++ {
			m := row[x]
			if x > 0 && row[x-1] < m {
				m = row[x-1]
			}
			if x+1 < w && row[x+1] < m {
				m = row[x+1]
			}
			tmp[y*w+x] = m
		}
	}
	out := image.NewGray(image.Rect(0, 0, w, h))
	for y := 0; y < h; y++ {
		for x := 0; x < w; x++ {
			m := tmp[y*w+x]
			if y > 0 && tmp[(y-1)*w+x] < m {
				m = tmp[(y-1)*w+x]
			}
			if y+1 < h && tmp[(y+1)*w+x] < m {
				m = tmp[(y+1)*w+x]
			}
			out.Pix[y*out.Stride+x] = m
		}
	}
	return out
}
