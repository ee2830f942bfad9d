package render

import (
	"bufio"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"strings"
	"time"

	pdfiumerrors "github.com/klippa-app/go-pdfium/errors"

	"github.com/warrantdesk/warrantdesk/app"
	"github.com/warrantdesk/warrantdesk/app/sandbox"
)

// maxInput caps the PDF a render worker accepts.
const maxInput = 1 << 30

// request is what the parent sends a render worker: this header, then the
// PDF as the frame's payload.
type request struct {
	Memory    int64  `json:"mem"`
	Deadline  int64  `json:"deadline_ms"` // the worker's own, past the parent's
	DPI       int    `json:"dpi"`
	Pages     []int  `json:"pages"` // 1-based; none: only count them
	MaxPixels int64  `json:"max_pixels"`
	CacheDir  string `json:"cache_dir,omitempty"`
}

// Reply kinds: "open" with the page count, then for each page asked a
// "page" (its pixels as the payload) or a "page_error" after which the
// worker stops, then "done"; or an "error" for the whole document.
const (
	kindOpen      = "open"
	kindPage      = "page"
	kindPageError = "page_error"
	kindDone      = "done"
	kindError     = "error"
)

type reply struct {
	Kind     string  `json:"kind"`
	Count    int     `json:"count,omitempty"` // open: pages in the document
	N        int     `json:"n,omitempty"`     // page number
	W        int     `json:"w,omitempty"`     // pixels
	H        int     `json:"h,omitempty"`
	DPI      int     `json:"dpi,omitempty"`
	WidthPt  float64 `json:"width_pt,omitempty"`
	HeightPt float64 `json:"height_pt,omitempty"`
	Stop     bool    `json:"stop,omitempty"` // page_error: the worker stops after it
	Code     string  `json:"code,omitempty"`
	Message  string  `json:"message,omitempty"`
}

var requestLimits = sandbox.Limits{Header: 1 << 20, Payload: maxInput}

// ServeIfWorker serves a render request and exits when the process was
// started as one ("worker render"); otherwise it returns. main and the test
// binaries that render call it first.
func ServeIfWorker() {
	if len(os.Args) > 2 && os.Args[1] == "worker" && os.Args[2] == "render" {
		os.Exit(ServeWorker(os.Stdin, os.Stdout))
	}
}

// ServeWorker is the render worker: it reads one request from in and
// writes the pages to out, confined (memory, its own deadline, death with
// its parent) before it reads the PDF.
func ServeWorker(in io.Reader, out io.Writer) int {
	w := bufio.NewWriterSize(out, 1<<20)
	defer w.Flush()
	send := func(r reply, payload []byte) bool {
		return sandbox.WriteFrame(w, r, payload) == nil && w.Flush() == nil
	}
	q, pdf, err := readRequest(bufio.NewReader(in), func(q request) {
		sandbox.Confine(q.Memory, time.Duration(q.Deadline)*time.Millisecond)
	})
	if err != nil {
		send(reply{Kind: kindError, Code: app.EINTERNAL, Message: "bad request from the app: " + err.Error()}, nil)
		return 2
	}
	e, err := newEngine(q.CacheDir)
	if err != nil {
		send(reply{Kind: kindError, Code: app.EINTERNAL, Message: err.Error()}, nil)
		return 1
	}
	defer e.close()
	count, err := e.open(pdf)
	if err != nil {
		code := app.EUNREADABLE
		if isPassword(err) {
			code = app.EENCRYPTED
		}
		send(reply{Kind: kindError, Code: code, Message: pdfiumMessage(err)}, nil)
		return 0
	}
	if !send(reply{Kind: kindOpen, Count: count}, nil) {
		return 1
	}
	for _, n := range q.Pages {
		if n < 1 || n > count {
			if !send(reply{Kind: kindPageError, N: n, Message: "the renderer finds no such page in the file"}, nil) {
				return 1
			}
			continue
		}
		p, err := e.page(n, q.DPI, q.MaxPixels)
		if err != nil {
			// PDFium's state after a failed page is not to be trusted:
			// the parent starts a fresh worker for the pages left.
			send(reply{Kind: kindPageError, N: n, Stop: true, Message: pdfiumMessage(err)}, nil)
			return 0
		}
		b := p.Image.Bounds()
		if !send(reply{Kind: kindPage, N: n, W: b.Dx(), H: b.Dy(), DPI: p.DPI, WidthPt: p.Width, HeightPt: p.Height}, p.Image.Pix) {
			return 1
		}
	}
	send(reply{Kind: kindDone}, nil)
	return 0
}

// pdfiumMessage is a PDFium failure in one line a reviewer can read: the
// WebAssembly runtime appends its stack trace, which means nothing to them
// and would end up in the case's warnings.
func pdfiumMessage(err error) string {
	msg, _, _ := strings.Cut(err.Error(), "\n")
	msg = strings.TrimSpace(msg)
	switch low := strings.ToLower(msg); {
	case errors.Is(err, errTooLarge):
		return msg
	case strings.Contains(low, "out of memory") || strings.Contains(low, "memory.grow") || strings.Contains(low, "out of bounds memory"):
		return "PDFium ran out of memory on it"
	case strings.Contains(low, "wasm error") || strings.Contains(low, "unreachable") || strings.Contains(low, "exit_code"):
		return "PDFium stopped on it (a damaged or hostile page)"
	case msg == "":
		return "PDFium could not draw it"
	}
	return msg
}

func isPassword(err error) bool {
	return errors.Is(err, pdfiumerrors.ErrPassword) || strings.Contains(strings.ToLower(err.Error()), "password")
}

// readRequest decodes a render request, calling confine between its header
// and the PDF.
func readRequest(r *bufio.Reader, confine func(request)) (request, []byte, error) {
	var q request
	header, size, err := sandbox.ReadHeader(r, requestLimits)
	if err != nil {
		return q, nil, err
	}
	if err := json.Unmarshal(header, &q); err != nil {
		return q, nil, fmt.Errorf("request: %w", err)
	}
	if q.DPI < 1 || q.DPI > 1200 || q.MaxPixels < 1 || q.Memory < 0 || q.Deadline < 0 || len(q.Pages) > maxPagesPerRequest {
		return q, nil, errors.New("request: limits out of range")
	}
	if confine != nil {
		confine(q)
	}
	pdf, err := sandbox.ReadPayload(r, size)
	return q, pdf, err
}

// maxPagesPerRequest bounds one request's page list.
const maxPagesPerRequest = 100000
