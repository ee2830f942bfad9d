package ui

import (
	"errors"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
)

// LaunchProbe is what `warrantdesk bench` learns from a desk opened
// headless on a store: how long until it is usable and how many cases it
// shows.
type LaunchProbe struct {
	Cases int           // in the queue
	Ready time.Duration // from the call to the queue filled and laid out
}

// ProbeLaunch opens the desk on service with Fyne's headless driver, at
// 1280×800, and returns once the queue shows the cases: what stands
// between starting the app and a usable desk, less the real window's
// roughly constant start-up (docs/PERFORMANCE.md). It runs the desk's own
// code — loading, sorting, indexing, laying out — on the calling
// goroutine; the bench runs it in a process of its own.
func ProbeLaunch(service DeskService) (LaunchProbe, error) {
	start := time.Now()
	a := test.NewApp()
	defer a.Quit()
	d := NewDesk(DeskParams{Service: service, Run: func(work func()) { work() }, Now: time.Now, Reviewer: "bench"})
	w := a.NewWindow("WarrantDesk")
	w.SetContent(d.Content())
	w.Resize(fyne.NewSize(1280, 800))
	d.Queue.Refresh()
	w.Canvas().Content().Refresh()
	p := LaunchProbe{Cases: len(d.Queue.cases), Ready: time.Since(start)}
	if t := d.Queue.status.Text; strings.HasPrefix(t, "Could not load cases") {
		return p, errors.New(t)
	}
	w.Close()
	return p, nil
}
