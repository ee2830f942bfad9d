package pdftext

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os/exec"
	"runtime"
	"strings"
	"time"

	"github.com/warrantdesk/warrantdesk/app"
)

// Defaults for Isolated.
const (
	DefaultTimeout     = 10 * time.Second
	DefaultMemoryLimit = 1 << 30 // bytes a worker may allocate
	DefaultMaxOutput   = 64 << 20
)

// Isolated reads PDFs in worker processes. The zero value is not usable:
// set Command.
type Isolated struct {
	// Command starts a worker: typically the running executable followed by
	// "worker", "pdftext". ServeWorker must answer on the other side.
	Command []string
	// Timeout is the wall-clock limit per PDF (DefaultTimeout if zero).
	Timeout time.Duration
	// MemoryLimit is the worker's memory budget in bytes
	// (DefaultMemoryLimit if zero).
	MemoryLimit int64
	// MaxOutput caps the bytes read from a worker (DefaultMaxOutput if zero).
	MaxOutput int64

	slots chan struct{}
}

var _ app.TextReader = (*Isolated)(nil)

// NewIsolated returns a reader that runs at most parallel workers at once
// (one per CPU if parallel < 1).
func NewIsolated(command []string, parallel int) *Isolated {
	if parallel < 1 {
		parallel = runtime.NumCPU()
	}
	return &Isolated{Command: command, slots: make(chan struct{}, parallel)}
}

// ReadText reads pdf in a worker process. Errors are *app.Error with code
// EUNREADABLE and a message that says what happened.
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
	timeout := r.Timeout
	if timeout <= 0 {
		timeout = DefaultTimeout
	}
	mem := r.MemoryLimit
	if mem <= 0 {
		mem = DefaultMemoryLimit
	}
	maxOut := r.MaxOutput
	if maxOut <= 0 {
		maxOut = DefaultMaxOutput
	}

	wctx, cancel := context.WithTimeout(ctx, timeout)
	defer cancel()
	args := append(append([]string{}, r.Command[1:]...), "-mem", fmt.Sprint(mem))
	cmd := exec.CommandContext(wctx, r.Command[0], args...)
	cmd.Stdin = bytes.NewReader(pdf)
	cmd.WaitDelay = time.Second
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		return nil, &app.Error{Code: app.EINTERNAL, Message: "could not start the PDF reader", Err: err}
	}
	var stderr capped
	stderr.max = 64 << 10
	cmd.Stderr = &stderr
	if err := cmd.Start(); err != nil {
		return nil, &app.Error{Code: app.EINTERNAL, Message: "could not start the PDF reader", Err: err}
	}
	out, readErr := io.ReadAll(io.LimitReader(stdout, maxOut+1))
	if int64(len(out)) > maxOut {
		_ = cmd.Process.Kill()
	}
	waitErr := cmd.Wait()

	switch {
	case ctx.Err() != nil:
		return nil, ctx.Err()
	case errors.Is(wctx.Err(), context.DeadlineExceeded):
		return nil, unreadable("gave up after %s", formatDuration(timeout))
	case int64(len(out)) > maxOut:
		return nil, unreadable("the reader produced more than %d MB of text", maxOut>>20)
	}
	var rep reply
	if jsonErr := json.Unmarshal(out, &rep); jsonErr != nil || (rep.Document == nil && rep.Error == "") {
		return nil, workerDied(waitErr, readErr, stderr.String(), mem)
	}
	if rep.Encrypted {
		return nil, unreadable("it is encrypted with a password; ask the sender for an unprotected copy")
	}
	if rep.Error != "" {
		return nil, unreadable("%s", rep.Error)
	}
	return rep.Document, nil
}

func unreadable(format string, args ...any) *app.Error {
	return app.Errorf(app.EUNREADABLE, "could not read PDF: "+format, args...)
}

// workerDied explains a worker that ended without a reply, from what the Go
// runtime printed as it died.
func workerDied(waitErr, readErr error, stderr string, mem int64) error {
	var msg string
	switch {
	case strings.Contains(stderr, "stack exceeds") || strings.Contains(stderr, "stack overflow"):
		msg = "its structure loops back on itself (the reader ran out of stack)"
	case strings.Contains(stderr, "out of memory") || strings.Contains(stderr, "cannot allocate memory"):
		msg = fmt.Sprintf("it needs more than %d MB of memory to read", mem>>20)
	case waitErr != nil:
		msg = "the reader stopped unexpectedly (" + waitErr.Error() + ")"
	case readErr != nil:
		msg = "the reader's answer was cut off (" + readErr.Error() + ")"
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

func formatDuration(d time.Duration) string {
	if d%time.Second == 0 {
		return fmt.Sprintf("%d s", int(d/time.Second))
	}
	return d.String()
}

// capped is an io.Writer that keeps the first max bytes.
type capped struct {
	buf bytes.Buffer
	max int
}

func (c *capped) Write(p []byte) (int, error) {
	if room := c.max - c.buf.Len(); room > 0 {
		if len(p) > room {
			c.buf.Write(p[:room])
		} else {
			c.buf.Write(p)
		}
	}
	return len(p), nil
}

func (c *capped) String() string { return c.buf.String() }
