package pdftext

import (
	"bufio"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"sync"
	"time"

	"github.com/warrantdesk/warrantdesk/app"
	"github.com/warrantdesk/warrantdesk/app/sandbox"
)

// maxInput caps the PDF the worker accepts.
const maxInput = 1 << 30

// request is what the parent sends: this header, then the PDF as the
// frame's payload.
type request struct {
	Memory   int64 `json:"mem"`         // bytes
	Timeout  int64 `json:"timeout_ms"`  // to open the file and start
	PerPage  int64 `json:"per_page_ms"` // added for each page to read
	MaxPages int   `json:"max_pages"`   // pages read at most
	Grace    int64 `json:"grace_ms"`    // how long after the parent's deadline the worker ends itself
}

// Reply frame kinds, in the order the worker sends them: one "open", then
// "page" and "warning" frames, then "done" or "error" (an "error" may come
// at any point).
const (
	kindOpen    = "open"
	kindPage    = "page"
	kindWarning = "warning"
	kindDone    = "done"
	kindError   = "error"
)

// reply is one frame's header.
type reply struct {
	Kind    string        `json:"kind"`
	Read    int           `json:"read,omitempty"`  // open: pages that will be read
	Total   int           `json:"total,omitempty"` // open: pages the file has
	Page    *app.PageText `json:"page,omitempty"`
	Message string        `json:"message,omitempty"`
	// Code is an app error code for "error": app.EENCRYPTED for a file
	// that needs a password, app.EUNREADABLE otherwise.
	Code string `json:"code,omitempty"`
}

// frameLimits bound what either side accepts in one frame: a page of
// 1 MiB of text with its word boxes fits well inside 16 MiB.
var (
	requestLimits = sandbox.Limits{Header: 4 << 10, Payload: maxInput}
	replyLimits   = sandbox.Limits{Header: 16 << 20, Payload: 0}
)

// deadline is the budget for reading a file of pages pages.
func (q request) deadline(pages int) time.Duration {
	return time.Duration(q.Timeout+int64(pages)*q.PerPage) * time.Millisecond
}

// ServeWorker is the worker side: it reads one request from in, writes its
// reply frames to out and returns the process exit code. It confines
// itself (stack, memory, its own deadline, death with its parent) before
// it reads the PDF, so a hostile file dies here, not in the parent.
func ServeWorker(args []string, in io.Reader, out io.Writer) int {
	w := &frameSink{out: bufio.NewWriterSize(out, 64<<10)}
	defer w.out.Flush()
	br := bufio.NewReader(in)
	q, pdfBytes, err := readRequest(br, func(q request) {
		sandbox.Confine(q.Memory, q.deadline(0)+time.Duration(q.Grace)*time.Millisecond)
	})
	if err != nil {
		w.send(reply{Kind: kindError, Code: app.EINTERNAL, Message: "bad request from the app: " + err.Error()})
		return 2
	}
	w.onOpen = func(read int) {
		// The file is open and its pages counted: the deadline now
		// grows with them, as the parent's does.
		sandbox.SetDeadline(q.deadline(read) + time.Duration(q.Grace)*time.Millisecond)
	}
	if err := readPages(pdfBytes, q.MaxPages, w); err != nil {
		if w.err != nil {
			return 1 // the parent stopped listening
		}
		code := app.EUNREADABLE
		if errors.Is(err, ErrEncrypted) {
			code = app.EENCRYPTED
		}
		w.send(reply{Kind: kindError, Code: code, Message: err.Error()})
		return 0
	}
	w.send(reply{Kind: kindDone})
	if w.err != nil {
		return 1
	}
	return 0
}

// readRequest decodes the parent's request: the header first, so confine
// runs before the PDF is read.
func readRequest(r *bufio.Reader, confine func(request)) (request, []byte, error) {
	var q request
	header, size, err := sandbox.ReadHeader(r, requestLimits)
	if err != nil {
		return q, nil, err
	}
	if err := json.Unmarshal(header, &q); err != nil {
		return q, nil, fmt.Errorf("request: %w", err)
	}
	if q.Memory < 0 || q.Timeout < 0 || q.PerPage < 0 || q.MaxPages < 0 || q.Grace < 0 {
		return q, nil, errors.New("request: negative limit")
	}
	if confine != nil {
		confine(q)
	}
	data, err := sandbox.ReadPayload(r, size)
	return q, data, err
}

// frameSink writes what readPages finds as reply frames, flushing each so
// the parent has every page read before a deadline.
type frameSink struct {
	mu     sync.Mutex
	out    *bufio.Writer
	err    error
	onOpen func(read int)
}

func (w *frameSink) send(r reply) error {
	w.mu.Lock()
	defer w.mu.Unlock()
	if w.err != nil {
		return w.err
	}
	if w.err = sandbox.WriteFrame(w.out, r, nil); w.err == nil {
		w.err = w.out.Flush()
	}
	return w.err
}

func (w *frameSink) open(read, total int) error {
	if w.onOpen != nil {
		w.onOpen(read)
	}
	return w.send(reply{Kind: kindOpen, Read: read, Total: total})
}
func (w *frameSink) page(p app.PageText) error { return w.send(reply{Kind: kindPage, Page: &p}) }
func (w *frameSink) warn(msg string) error     { return w.send(reply{Kind: kindWarning, Message: msg}) }
