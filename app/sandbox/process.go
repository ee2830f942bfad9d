package sandbox

import (
	"bytes"
	"context"
	"errors"
	"io"
	"os"
	"os/exec"
	"sync"
	"time"
)

// Spec says how to start one child.
type Spec struct {
	Path string
	Args []string
	// Env is the child's environment (nil: the parent's).
	Env []string
	// Stdin is written to the child only once it is contained (its limits
	// set, its job assigned), then closed.
	Stdin io.Reader
	// Memory is what the child may use, in bytes (0: no limit). It is
	// taken from Budget while the child runs and, where the OS allows it,
	// enforced from outside: RLIMIT_AS on Linux, the job's memory limit on
	// Windows.
	Memory int64
	// SelfLimited says the child caps its own address space (our Go
	// workers do, relative to what the runtime has mapped at start-up,
	// which the parent cannot know); the parent then enforces Memory from
	// outside only where the OS limits committed memory (Windows), with
	// room for the runtime.
	SelfLimited bool
	// Budget bounds the memory of all children at once (nil: none).
	Budget *Budget
	// MaxStderr is how much of the child's stderr is kept (64 KiB if 0).
	MaxStderr int
}

// runtimeSlack is what a Go worker's runtime commits beyond its budget on
// Windows, where the job limit counts committed memory.
const runtimeSlack = 256 << 20

// Process is a running child.
type Process struct {
	// Stdout is the child's standard output.
	Stdout io.Reader

	cmd       *exec.Cmd
	stderr    *capped
	release   func()
	uncontain func()
	waitOnce  sync.Once
	waitErr   error
}

// Start starts the child. The budget is taken first, so Start blocks while
// other children hold it; ctx ends the wait and, later, the child (its
// whole process group).
func Start(ctx context.Context, s Spec) (*Process, error) {
	release := func() {}
	if s.Budget != nil && s.Memory > 0 && !reserved(ctx, s.Budget) {
		if err := s.Budget.Acquire(ctx, s.Memory); err != nil {
			return nil, err
		}
		release = func() { s.Budget.Release(s.Memory) }
	}
	p, err := start(ctx, s)
	if err != nil {
		release()
		return nil, err
	}
	p.release = release
	return p, nil
}

func start(ctx context.Context, s Spec) (*Process, error) {
	cmd := exec.CommandContext(ctx, s.Path, s.Args...)
	cmd.Env = s.Env
	prepare(cmd)
	cmd.Cancel = func() error { return killTree(cmd) }
	// A child that ignores its stdout being closed cannot hold the
	// parent: Wait returns a second after the kill.
	cmd.WaitDelay = time.Second
	max := s.MaxStderr
	if max <= 0 {
		max = 64 << 10
	}
	stderr := &capped{max: max}
	cmd.Stderr = stderr
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		return nil, err
	}
	stdin, err := cmd.StdinPipe()
	if err != nil {
		return nil, err
	}
	if err := cmd.Start(); err != nil {
		return nil, err
	}
	p := &Process{Stdout: stdout, cmd: cmd, stderr: stderr}
	outer := int64(0)
	switch {
	case s.Memory <= 0:
	case !s.SelfLimited:
		outer = s.Memory
	case commitLimited:
		outer = s.Memory + runtimeSlack
	}
	undo, err := contain(cmd.Process, outer)
	if err != nil {
		// An uncontained child must not read its input.
		_ = killTree(cmd)
		stdin.Close()
		_ = cmd.Wait()
		return nil, err
	}
	p.uncontain = undo
	go func() {
		// The child may die before it has read everything: a broken
		// pipe here is its failure to report, not ours.
		if s.Stdin != nil {
			_, _ = io.Copy(stdin, s.Stdin)
		}
		stdin.Close()
	}()
	return p, nil
}

// Kill ends the child and everything it started.
func (p *Process) Kill() { _ = killTree(p.cmd) }

// Wait waits for the child to end, then gives its memory back to the
// budget. It may be called more than once.
func (p *Process) Wait() error {
	p.waitOnce.Do(func() {
		p.waitErr = p.cmd.Wait()
		if p.uncontain != nil {
			p.uncontain()
		}
		p.release()
	})
	return p.waitErr
}

// Stderr is the start of what the child wrote on its standard error.
func (p *Process) Stderr() string { return p.stderr.String() }

// Pid is the child's process ID.
func (p *Process) Pid() int { return p.cmd.Process.Pid }

// ExitCode is the child's exit status once Wait has returned (-1 when it
// was killed by a signal).
func (p *Process) ExitCode() int {
	if p.cmd.ProcessState == nil {
		return -1
	}
	return p.cmd.ProcessState.ExitCode()
}

// capped is an io.Writer that keeps the first max bytes.
type capped struct {
	mu  sync.Mutex
	buf bytes.Buffer
	max int
}

func (c *capped) Write(b []byte) (int, error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if room := c.max - c.buf.Len(); room > 0 {
		c.buf.Write(b[:min(len(b), room)])
	}
	return len(b), nil
}

func (c *capped) String() string {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.buf.String()
}

// Executable is the running program, for re-executing it as a worker.
func Executable() string {
	exe, err := os.Executable()
	if err != nil {
		return os.Args[0]
	}
	return exe
}

// IsNotStarted reports whether err is Start's failure to run the program
// at all (missing, not executable).
func IsNotStarted(err error) bool {
	var ee *exec.Error
	return errors.As(err, &ee) || errors.Is(err, os.ErrNotExist) || errors.Is(err, os.ErrPermission)
}
