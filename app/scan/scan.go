// Package scan reads scanned pages: it renders each page that has no usable
// text (app/render) and reads it with OCR (app/ocr), pages in parallel,
// with progress and cancel.
package scan

import (
	"context"
	"fmt"
	"runtime"
	"sort"
	"sync"

	"github.com/warrantdesk/warrantdesk/app"
	"github.com/warrantdesk/warrantdesk/app/ocr"
	"github.com/warrantdesk/warrantdesk/app/pdftext"
	"github.com/warrantdesk/warrantdesk/app/render"
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
	// Parallel is how many pages are read at once (one per CPU if < 1).
	Parallel int
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
// confidence; warnings name weak pages.
func (s *Scanner) ReadPages(ctx context.Context, pdf []byte, pages []int, progress func(done, total int, p app.PageText)) ([]app.PageText, []string, error) {
	if err := s.Available(); err != nil {
		return nil, nil, err
	}
	n := s.Parallel
	if n < 1 {
		n = runtime.NumCPU()
	}
	n = min(n, len(pages))
	ctx, cancel := context.WithCancel(ctx)
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
	// Each worker renders its share of pages in one renderer instance and
	// OCRs each page as soon as it is drawn.
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
			err := s.Renderer.Render(ctx, pdf, share, DPI, func(num int, pg render.Page) error {
				res, err := s.OCR.Recognize(ctx, pg.Image)
				if err != nil {
					return err
				}
				pt := app.PageText{Number: num, Text: res.Text, Source: app.SourceOCR, Words: res.Words, DPI: DPI, Confidence: res.Confidence}
				var warn string
				switch {
				case !pdftext.Usable(res.Text):
					pt.Source = app.SourceNone
					warn = fmt.Sprintf("page %d: OCR found no readable text", num)
				case res.Confidence < lowConfidence:
					warn = fmt.Sprintf("page %d: OCR is unsure of this page (confidence %.0f of 100); check its fields against the image", num, res.Confidence)
				}
				mu.Lock()
				out = append(out, pt)
				if warn != "" {
					warnings = append(warnings, warn)
				}
				done++
				d := done
				if progress != nil {
					progress(d, len(pages), pt)
				}
				mu.Unlock()
				return nil
			})
			if err != nil {
				fail(err)
			}
		}(share)
	}
	wg.Wait()
	if firstErr != nil {
		return nil, nil, firstErr
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Number < out[j].Number })
	sort.Strings(warnings)
	return out, warnings, nil
}
