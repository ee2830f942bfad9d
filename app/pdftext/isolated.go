package pdftext

import (
	"bufio"
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
	// MaxServed is how many files a worker reads before it is replaced
	// (DefaultMaxServed if zero; 1 starts a worker per file).
	MaxServed int
	// IdleTimeout is how long a worker waits for the next file
	// (DefaultIdleTimeout if zero).
	IdleTimeout time.Duration

	slots chan struct{}

	mu     sync.Mutex
	idle   []*worker
	closed bool
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
//
// Workers are reused: one that read a file cleanly waits for the next
// (IdleTimeout at most, MaxServed files in all), so a folder of orders
// does not pay a process start per file. Any other ending — an error
// reply, a deadline, a worker that asks to retire, a broken frame — ends
// that worker, and the next file gets a fresh one. Each file has the
// worker to itself, under the same limits, deadline and output cap as a
// fresh worker's.
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
	// The budget is held while a file is read, not while a worker idles:
	// an idle worker has handed its memory back (see ServeWorker).
	if err := budget.Acquire(ctx, mem); err != nil {
		return nil, err
	}
	defer budget.Release(mem)
	for fresh := false; ; fresh = true {
		w, reused, err := r.take(mem, fresh)
		if err != nil {
			if ctx.Err() != nil {
				return nil, ctx.Err()
			}
			return nil, &app.Error{Code: app.EINTERNAL, Message: "could not start the PDF reader", Err: err}
		}
		doc, early, err := r.readOn(ctx, w, head, pdf, timeout, perPage, maxOut, mem)
		// A reused worker that is gone before it opened the file may
		// have ended itself while idle: a fresh one reads the file. A
		// fresh worker's failure is the file's.
		if early && reused {
			continue
		}
		return doc, err
	}
}

// readOn sends one file to w and gathers its answer; early reports a
// worker that died before it said it had opened the file.
func (r *Isolated) readOn(ctx context.Context, w *worker, head, pdf []byte, timeout, perPage time.Duration, maxOut, mem int64) (doc *app.Document, early bool, err error) {
	// The clock starts once the worker runs: waiting for the budget is
	// not the file's fault.
	d := &deadline{}
	d.arm(timeout, w.p.Kill)
	defer d.stop()
	stop := context.AfterFunc(ctx, w.p.Kill)
	defer stop()
	w.meter.reset(maxOut)
	wrote := make(chan error, 1)
	go func() {
		// A worker that dies mid-file breaks the pipe: that is its
		// failure, told by what it did (or did not) answer.
		_, err := w.p.Stdin.Write(head)
		if err == nil {
			_, err = w.p.Stdin.Write(pdf)
		}
		wrote <- err
	}()
	st := readReplies(w.br, func(read int) {
		d.arm(timeout+time.Duration(read)*perPage, w.p.Kill)
	})
	var waitErr error
	if st.done && st.err == nil && !st.retire {
		<-wrote
		r.release(w)
	} else {
		// A worker that failed, stopped answering, sent garbage or
		// asks to retire must not linger, nor read another file.
		w.p.Kill()
		waitErr = w.p.Wait()
		<-wrote
	}
	timedOut, limit := d.fired()
	if ctx.Err() != nil {
		return nil, false, ctx.Err()
	}
	return judge(&st, w, waitErr, timedOut, limit, maxOut, mem)
}

// judge tells what a worker's answer (st) comes to: the document, the
// pages read before it failed with why the rest were not, or the failure.
func judge(st *replies, w *worker, waitErr error, timedOut bool, limit time.Duration, maxOut, mem int64) (doc *app.Document, early bool, err error) {
	var why string
	switch {
	case st.done:
		return st.document(), false, nil
	case st.failure != nil && len(st.doc.Pages) == 0:
		return nil, false, st.failure
	case st.failure != nil:
		why = strings.TrimPrefix(app.ErrorMessage(st.failure), "could not read PDF: ")
	case timedOut:
		why = "gave up after " + app.FormatDuration(limit)
	case w.meter.over:
		why = fmt.Sprintf("the reader produced more than %d MB of text", maxOut>>20)
	case st.err != nil && !errors.Is(st.err, sandbox.ErrFrame) && !errors.Is(st.err, io.ErrUnexpectedEOF):
		why = "the reader's answer was not understood (" + st.err.Error() + ")"
	default:
		early = !st.opened
		e := workerDied(waitErr, w.p.Stderr(), mem)
		if len(st.doc.Pages) == 0 {
			return nil, early, e
		}
		why = strings.TrimPrefix(app.ErrorMessage(e), "could not read PDF: ")
	}
	if len(st.doc.Pages) == 0 {
		e := unreadable("%s", why)
		if st.err != nil {
			e.Err = st.err
		}
		return nil, false, e
	}
	doc = st.document()
	last := max(st.read, len(doc.Pages)+1)
	doc.Warnings = append(doc.Warnings, app.NotRead(len(doc.Pages)+1, last, why))
	return doc, false, nil
}

// Reuse of workers, by default.
const (
	// DefaultMaxServed is how many files one worker reads before a fresh
	// one takes over.
	DefaultMaxServed = 32
	// DefaultIdleTimeout is how long a worker waits for the next file.
	DefaultIdleTimeout = 3 * time.Second
)

// worker is one worker process, with what reads its answers.
type worker struct {
	p      *sandbox.Process
	meter  *meter
	br     *bufio.Reader
	served int
	idle   *time.Timer
}

// take returns an idle worker (unless fresh) or starts one; reused says
// which.
func (r *Isolated) take(mem int64, fresh bool) (w *worker, reused bool, err error) {
	if !fresh {
		r.mu.Lock()
		if n := len(r.idle); n > 0 {
			w = r.idle[n-1]
			r.idle = r.idle[:n-1]
			w.idle.Stop()
		}
		r.mu.Unlock()
		if w != nil {
			return w, true, nil
		}
	}
	// The worker outlives the file that started it: its life is bound to
	// the reader (Close), each file's to its own context.
	p, err := sandbox.Start(context.Background(), sandbox.Spec{
		Path: r.Command[0], Args: r.Command[1:], Interactive: true,
		Memory: mem, SelfLimited: true,
	})
	if err != nil {
		return nil, false, err
	}
	m := &meter{r: p.Stdout}
	return &worker{p: p, meter: m, br: bufio.NewReaderSize(m, 64<<10)}, false, nil
}

// release keeps a worker that read a file cleanly for the next file, or
// ends it when it has served its share or enough wait already.
func (r *Isolated) release(w *worker) {
	w.served++
	maxServed, idle := r.MaxServed, r.IdleTimeout
	if maxServed <= 0 {
		maxServed = DefaultMaxServed
	}
	if idle <= 0 {
		idle = DefaultIdleTimeout
	}
	r.mu.Lock()
	keep := w.served < maxServed && !r.closed && len(r.idle) < max(cap(r.slots), 1)
	if keep {
		r.idle = append(r.idle, w)
		w.idle = time.AfterFunc(idle, func() { r.retire(w) })
	}
	r.mu.Unlock()
	if !keep {
		go end(w)
	}
}

// retire ends an idle worker, unless a file has taken it meanwhile.
func (r *Isolated) retire(w *worker) {
	r.mu.Lock()
	for i, x := range r.idle {
		if x == w {
			r.idle = append(r.idle[:i], r.idle[i+1:]...)
			r.mu.Unlock()
			end(w)
			return
		}
	}
	r.mu.Unlock()
}

// end closes a worker's input, which ends it, and kills it if it lingers.
func end(w *worker) {
	w.p.Stdin.Close()
	t := time.AfterFunc(time.Second, w.p.Kill)
	w.p.Wait()
	t.Stop()
}

// Close ends the idle workers; a file being read keeps its worker until
// it is done, and that worker then ends too.
func (r *Isolated) Close() error {
	r.mu.Lock()
	r.closed = true
	idle := r.idle
	r.idle = nil
	r.mu.Unlock()
	for _, w := range idle {
		w.idle.Stop()
		end(w)
	}
	return nil
}

// meter caps what is read from a worker for one file.
type meter struct {
	r    io.Reader
	left int64
	over bool
}

func (m *meter) reset(max int64) { m.left, m.over = max, false }

func (m *meter) Read(p []byte) (int, error) {
	if m.left <= 0 {
		m.over = true
		return 0, errTooMuch
	}
	if int64(len(p)) > m.left {
		p = p[:m.left]
	}
	n, err := m.r.Read(p)
	m.left -= int64(n)
	return n, err
}

var errTooMuch = errors.New("the reader's output is over its cap")

// replies is what the parent has gathered from a worker's frames.
type replies struct {
	doc     app.Document
	read    int // pages the worker said it would read
	opened  bool
	done    bool
	retire  bool       // "done" asked not to be given another file
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
		st.done, st.retire = true, rep.Retire
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
