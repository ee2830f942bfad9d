package ui

import (
	"context"

	"fyne.io/fyne/v2"
)

// Runner starts slow work off the UI goroutine. Tests pass one that runs the
// work inline so a screen can be checked without waiting.
type Runner func(work func())

// GoRunner runs work in a new goroutine.
func GoRunner(work func()) { go work() }

// Task is the one way a screen runs slow work: off the UI goroutine, with a
// context that the next Start (or Stop) cancels, and a sequence number so
// that only the latest work's result lands — with one fyne.Do. A screen
// keeps a Task per kind of work (loading a case, rendering a page); a
// change that must land even after the reviewer moved on (a save) uses a
// Task of its own.
//
// Start and Stop are called on the UI goroutine, and land runs there, so
// the sequence number needs no lock.
type Task struct {
	run    Runner
	seq    int
	cancel context.CancelFunc
}

// NewTask returns a task that runs its work with run.
func NewTask(run Runner) *Task { return &Task{run: run} }

// Stop cancels the work running, if any; its result will not land.
func (t *Task) Stop() {
	t.seq++
	if t.cancel != nil {
		t.cancel()
		t.cancel = nil
	}
}

// Start stops the task's earlier work and runs work; land gets its result
// on the UI goroutine, unless the task was started again or stopped since.
func Start[T any](t *Task, work func(ctx context.Context) (T, error), land func(T, error)) {
	t.Stop()
	seq := t.seq
	ctx, cancel := context.WithCancel(context.Background())
	t.cancel = cancel
	t.run(func() {
		v, err := work(ctx)
		fyne.Do(func() {
			if seq != t.seq {
				return // superseded: the reviewer moved on
			}
			t.cancel = nil
			cancel()
			land(v, err)
		})
	})
}

// Once runs work off the UI goroutine with a task of its own, so nothing
// supersedes it, and lands its result with fyne.Do.
func Once[T any](run Runner, work func(ctx context.Context) (T, error), land func(T, error)) {
	Start(NewTask(run), work, land)
}
