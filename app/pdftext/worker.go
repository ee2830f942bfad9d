package pdftext

import (
	"bufio"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"runtime"
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
	// Retire ("done") asks the parent not to send this worker another
	// file: it keeps more memory than a fresh one would.
	Retire bool `json:"retire,omitempty"`
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

// ServeWorker is the worker side: it reads requests from in, one after
// another, writes each one's reply frames to out, and returns the process
// exit code when in ends. It confines itself (stack, memory, its own
// deadline, death with its parent) before it reads the first PDF, and
// gives each request its own deadline, so a hostile file dies here, not in
// the parent. It ends after a file it could not read (the parent starts a
// fresh worker for the next) and says, with "done", when it should not be
// given another (Retire): a worker is reused only while nothing a file did
// can linger.
func ServeWorker(args []string, in io.Reader, out io.Writer) int {
	w := &frameSink{out: bufio.NewWriterSize(out, 64<<10)}
	defer w.out.Flush()
	br := bufio.NewReader(in)
	goroutines := 0 // the worker's own, counted once it is confined
	for {
		q, pdfBytes, err := readRequest(br, func(q request) {
			d := q.deadline(0) + time.Duration(q.Grace)*time.Millisecond
			sandbox.Confine(q.Memory, d)
			sandbox.Rearm(d)
			if goroutines == 0 {
				goroutines = runtime.NumGoroutine()
			}
		})
		if err == io.EOF {
			return 0 // the parent has no more files for this worker
		}
		if err != nil {
			w.send(reply{Kind: kindError, Code: app.EINTERNAL, Message: "bad request from the app: " + err.Error()})
			return 2
		}
		if status, again := serveOne(q, pdfBytes, w, goroutines); !again {
			return status
		}
		// Idle: the parent closes an idle worker's input long before
		// this; the limit is for a parent that hangs without dying.
		sandbox.Rearm(idleLimit)
	}
}

// idleLimit is how long a worker waits for its next request before it
// ends itself.
const idleLimit = 2 * time.Minute

// retireHeap is the heap a worker may keep from a file and still be
// given the next: one that needed more ends, and the memory with it.
const retireHeap = 96 << 20

// serveOne reads one PDF and answers it; again says the worker may serve
// another: not when the file left more heap than retireHeap, or a
// goroutine beyond the worker's own.
func serveOne(q request, pdfBytes []byte, w *frameSink, goroutines int) (status int, again bool) {
	w.onOpen = func(read int) {
		// The file is open and its pages counted: the deadline now
		// grows with them, as the parent's does.
		sandbox.SetDeadline(q.deadline(read) + time.Duration(q.Grace)*time.Millisecond)
	}
	if err := readPages(pdfBytes, q.MaxPages, w); err != nil {
		if w.err != nil {
			return 1, false // the parent stopped listening
		}
		code := app.EUNREADABLE
		if errors.Is(err, ErrEncrypted) {
			code = app.EENCRYPTED
		}
		w.send(reply{Kind: kindError, Code: code, Message: err.Error()})
		return 0, false
	}
	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)
	retire := ms.HeapSys-ms.HeapReleased > retireHeap || runtime.NumGoroutine() > goroutines
	w.send(reply{Kind: kindDone, Retire: retire})
	if w.err != nil {
		return 1, false
	}
	return 0, !retire
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
