package pdftext

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"runtime"
	"strings"
	"sync"
	"time"

	"github.com/warrantdesk/warrantdesk/app"
	"github.com/warrantdesk/warrantdesk/app/sandbox"
)

// Defaults for Isolated: the per-file budget of the text reader.
const (
	DefaultTimeout     = 10 * time.Second      // to open a file, plus PerPage for each page
	DefaultPerPage     = 20 * time.Millisecond // 20× what a text page takes here
	DefaultMemoryLimit = 1 << 30               // bytes a worker may allocate
	DefaultMaxOutput   = 128 << 20             // bytes read from one worker
	workerGrace        = 2 * time.Second       // the worker's own deadline comes this much after the parent's
)

// Isolated reads PDFs in worker processes. The zero value is not usable:
// set Command.
type Isolated struct {
	// Command starts a worker: typically the running executable followed by
	// "worker", "pdftext". ServeWorker must answer on the other side.
	Command []string
	// Timeout is the time to open a file (DefaultTimeout if zero); each
	// page to read adds PerPage (DefaultPerPage if zero), so a long text
	// file is read, not given up on.
	Timeout time.Duration
	PerPage time.Duration
	// MaxPages is how many pages of a file are read (MaxPages if zero).
	MaxPages int
	// MemoryLimit is the worker's memory budget in bytes
	// (DefaultMemoryLimit if zero).
	MemoryLimit int64
	// MaxOutput caps the bytes read from a worker (DefaultMaxOutput if zero).
	MaxOutput int64
	// Budget is the memory shared with the other workers
	// (sandbox.Default() if nil).
	Budget *sandbox.Budget

	slots chan struct{}
}

var _ app.TextReader = (*Isolated)(nil)

// NewIsolated returns a reader that runs at most parallel workers at once
// (one per CPU if parallel < 1), and fewer when the memory budget is short.
func NewIsolated(command []string, parallel int) *Isolated {
	if parallel < 1 {
		parallel = runtime.NumCPU()
	}
	return &Isolated{Command: command, slots: make(chan struct{}, parallel)}
}

// SetMaxPages sets how many pages of a file are read (--max-pages).
func (r *Isolated) SetMaxPages(n int) { r.MaxPages = min(n, MaxPagesLimit) }

func (r *Isolated) settings() (timeout, perPage time.Duration, maxPages int, mem, maxOut int64, budget *sandbox.Budget) {
	timeout, perPage, maxPages, mem, maxOut, budget = r.Timeout, r.PerPage, r.MaxPages, r.MemoryLimit, r.MaxOutput, r.Budget
	if timeout <= 0 {
		timeout = DefaultTimeout
	}
	if perPage <= 0 {
		perPage = DefaultPerPage
	}
	if maxPages <= 0 {
		maxPages = MaxPages
	}
	if mem <= 0 {
		mem = DefaultMemoryLimit
	}
	if maxOut <= 0 {
		maxOut = DefaultMaxOutput
	}
	if budget == nil {
		budget = sandbox.Default()
	}
	return
}

// ReadText reads pdf in a worker process, page by page. A file that runs
// out of time, memory or output after some pages is returned with those
// pages and a warning naming the pages not read; one that gives no page is
// an error: *app.Error with code EENCRYPTED for a file that needs a
// password, EUNREADABLE otherwise, and a message that says what happened.
func (r *Isolated) ReadText(ctx context.Context, pdf []byte) (*app.Document, error) {
	if len(r.Command) == 0 {
		return nil, app.Errorf(app.EINTERNAL, "no PDF worker configured")
	}
	if r.slots != nil {
		select {
		case r.slots <- struct{}{}:
			defer func() { <-r.slots }()
		case <-ctx.Done():
			return nil, ctx.Err()
		}
	}
	timeout, perPage, maxPages, mem, maxOut, budget := r.settings()
	q := request{Memory: mem, Timeout: timeout.Milliseconds(), PerPage: perPage.Milliseconds(), MaxPages: maxPages, Grace: workerGrace.Milliseconds()}
	head, err := sandbox.FrameHead(q, int64(len(pdf)))
	if err != nil {
		return nil, err
	}

	wctx, cancel := context.WithCancel(ctx)
	defer cancel()
	p, err := sandbox.Start(wctx, sandbox.Spec{
		Path: r.Command[0], Args: r.Command[1:],
		Stdin:  io.MultiReader(bytes.NewReader(head), bytes.NewReader(pdf)),
		Memory: mem, SelfLimited: true, Budget: budget,
	})
	if err != nil {
		if ctx.Err() != nil {
			return nil, ctx.Err()
		}
		return nil, &app.Error{Code: app.EINTERNAL, Message: "could not start the PDF reader", Err: err}
	}
	// The clock starts once the worker runs: waiting for the budget is
	// not the file's fault.
	d := &deadline{}
	d.arm(timeout, p.Kill)
	defer d.stop()

	counted := &countingReader{r: p.Stdout}
	st := readReplies(bufio.NewReaderSize(io.LimitReader(counted, maxOut+1), 64<<10), func(read int) {
		d.arm(timeout+time.Duration(read)*perPage, p.Kill)
	})
	if st.err != nil || !st.done {
		// A worker that stopped answering (or sent garbage) must not
		// linger while we wait for it.
		p.Kill()
	}
	waitErr := p.Wait()
	timedOut, limit := d.fired()

	if ctx.Err() != nil {
		return nil, ctx.Err()
	}
	var why string
	switch {
	case st.done:
		return st.document(), nil
	case st.failure != nil && len(st.doc.Pages) == 0:
		return nil, st.failure
	case st.failure != nil:
		why = strings.TrimPrefix(app.ErrorMessage(st.failure), "could not read PDF: ")
	case timedOut:
		why = "gave up after " + app.FormatDuration(limit)
	case counted.n > maxOut:
		why = fmt.Sprintf("the reader produced more than %d MB of text", maxOut>>20)
	case st.err != nil && !errors.Is(st.err, sandbox.ErrFrame) && !errors.Is(st.err, io.ErrUnexpectedEOF):
		why = "the reader's answer was not understood (" + st.err.Error() + ")"
	default:
		e := workerDied(waitErr, p.Stderr(), mem)
		if len(st.doc.Pages) == 0 {
			return nil, e
		}
		why = strings.TrimPrefix(app.ErrorMessage(e), "could not read PDF: ")
	}
	if len(st.doc.Pages) == 0 {
		e := unreadable("%s", why)
		if st.err != nil {
			e.Err = st.err
		}
		return nil, e
	}
	doc := st.document()
	last := max(st.read, len(doc.Pages)+1)
	doc.Warnings = append(doc.Warnings, app.NotRead(len(doc.Pages)+1, last, why))
	return doc, nil
}

// replies is what the parent has gathered from a worker's frames.
type replies struct {
	doc     app.Document
	read    int // pages the worker said it would read
	opened  bool
	done    bool
	failure *app.Error // the worker's own "error" frame
	err     error      // a frame that broke the protocol, or the stream's end
}

func (st *replies) document() *app.Document {
	doc := st.doc
	doc.TextSource = app.SourceOf(doc.Pages)
	return &doc
}

// readReplies decodes a worker's frames until "done", "error", the end of
// the stream or the first frame that breaks the protocol. It trusts
// nothing: page numbers must follow each other, sizes stay within the
// worker's own caps. onOpen is told how many pages will be read.
func readReplies(br *bufio.Reader, onOpen func(read int)) (st replies) {
	for {
		header, _, err := sandbox.ReadFrame(br, replyLimits)
		if err != nil {
			if err == io.EOF {
				err = io.ErrUnexpectedEOF
			}
			st.err = err
			return st
		}
		var rep reply
		if err := json.Unmarshal(header, &rep); err != nil {
			st.err = fmt.Errorf("%w: %v", sandbox.ErrFrame, err)
			return st
		}
		if err := st.take(rep, onOpen); err != nil {
			st.err = err
			return st
		}
		if st.done || st.failure != nil {
			return st
		}
	}
}

// take checks one reply against what came before and keeps it.
func (st *replies) take(rep reply, onOpen func(int)) error {
	bad := func(format string, args ...any) error {
		return fmt.Errorf("%w: "+format, append([]any{sandbox.ErrFrame}, args...)...)
	}
	switch rep.Kind {
	case kindOpen:
		if st.opened || rep.Read < 0 || rep.Total < rep.Read || rep.Read > MaxPagesLimit {
			return bad("open frame %d of %d", rep.Read, rep.Total)
		}
		st.opened, st.read = true, rep.Read
		if onOpen != nil {
			onOpen(rep.Read)
		}
	case kindPage:
		p := rep.Page
		switch {
		case !st.opened || p == nil:
			return bad("page before open")
		case p.Number != len(st.doc.Pages)+1 || p.Number > st.read:
			return bad("page %d after %d of %d", p.Number, len(st.doc.Pages), st.read)
		case len(p.Text) > maxPageText || (p.Source != app.SourceText && p.Source != app.SourceNone):
			return bad("page %d out of bounds", p.Number)
		}
		st.doc.Pages = append(st.doc.Pages, *p)
	case kindWarning:
		if len(st.doc.Warnings) >= maxWarnings {
			return nil
		}
		st.doc.Warnings = append(st.doc.Warnings, clipMessage(rep.Message))
	case kindDone:
		if !st.opened {
			return bad("done before open")
		}
		st.done = true
	case kindError:
		code := rep.Code
		if code != app.EENCRYPTED {
			code = app.EUNREADABLE
		}
		msg := clipMessage(rep.Message)
		if code == app.EENCRYPTED {
			msg = "it is encrypted with a password; ask the sender for an unprotected copy"
		}
		st.failure = &app.Error{Code: code, Message: "could not read PDF: " + msg}
	default:
		return bad("unknown kind %q", rep.Kind)
	}
	return nil
}

// MaxPagesLimit is the most pages a reader may be configured to read.
const MaxPagesLimit = maxTreeNodes

// maxWarnings caps the warnings kept from one file.
const maxWarnings = 200

// clipMessage keeps a worker's message to one line of reasonable length:
// it ends up in a case's warnings and on the terminal.
func clipMessage(s string) string {
	s = strings.Join(strings.Fields(s), " ")
	if r := []rune(s); len(r) > 300 {
		s = string(r[:299]) + "…"
	}
	return s
}

func unreadable(format string, args ...any) *app.Error {
	return app.Errorf(app.EUNREADABLE, "could not read PDF: "+format, args...)
}

// workerDied explains a worker that ended without a reply, from what the Go
// runtime printed as it died.
func workerDied(waitErr error, stderr string, mem int64) *app.Error {
	var msg string
	switch {
	case strings.Contains(stderr, "stack exceeds") || strings.Contains(stderr, "stack overflow"):
		msg = "its structure loops back on itself (the reader ran out of stack)"
	case strings.Contains(stderr, "out of memory") || strings.Contains(stderr, "cannot allocate memory"):
		msg = fmt.Sprintf("it needs more than %d MB of memory to read", mem>>20)
	case strings.Contains(stderr, "own deadline"):
		msg = "the reader ran out of time"
	case waitErr != nil:
		msg = "the reader stopped unexpectedly (" + waitErr.Error() + ")"
	default:
		msg = "the reader gave no answer"
	}
	e := unreadable("%s", msg)
	e.Err = fmt.Errorf("worker: %v; stderr: %.300s", waitErr, firstLines(stderr, 3))
	return e
}

func firstLines(s string, n int) string {
	lines := strings.SplitN(s, "\n", n+1)
	if len(lines) > n {
		lines = lines[:n]
	}
	return strings.Join(lines, " | ")
}

// deadline kills a worker when its time is up; arm moves the limit
// (counted from the first arm).
type deadline struct {
	mu    sync.Mutex
	start time.Time
	limit time.Duration
	timer *time.Timer
	hit   bool
}

func (d *deadline) arm(limit time.Duration, kill func()) {
	d.mu.Lock()
	defer d.mu.Unlock()
	if d.hit {
		return
	}
	if d.start.IsZero() {
		d.start = time.Now()
	}
	if d.timer != nil {
		d.timer.Stop()
	}
	d.limit = limit
	d.timer = time.AfterFunc(limit-time.Since(d.start), func() {
		d.mu.Lock()
		d.hit = true
		d.mu.Unlock()
		kill()
	})
}

func (d *deadline) stop() {
	d.mu.Lock()
	defer d.mu.Unlock()
	if d.timer != nil {
		d.timer.Stop()
	}
}

func (d *deadline) fired() (bool, time.Duration) {
	d.mu.Lock()
	defer d.mu.Unlock()
	return d.hit, d.limit
}

type countingReader struct {
	r io.Reader
	n int64
}

func (c *countingReader) Read(p []byte) (int, error) {
	n, err := c.r.Read(p)
	c.n += int64(n)
	return n, err
}
