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
	// Settled is from the call to the search index (its posting lists
	// built) and the ⛔ flags loaded behind the list, and the launch's
	// spent memory handed back (0 if not within settleWait).
	Settled time.Duration
}

// settleWait bounds the wait for what loads behind the list.
const settleWait = 5 * time.Minute

// ProbeLaunch opens the desk on service with Fyne's headless driver, at
// 1280×800, and returns once the queue shows the cases: what stands
// between starting the app and a usable desk, less the real window's
// roughly constant start-up (docs/PERFORMANCE.md). It runs the desk's own
// code — loading, sorting, indexing, laying out — off the UI goroutine as
// the desk does; the bench runs it in a process of its own.
//
// ready is called once the queue is usable, settled once the search index
// and the flags have loaded too, each on the probe's goroutine with the
// window still open: where the bench reads the desk's memory.
func ProbeLaunch(service DeskService, ready, settled func(LaunchProbe)) (LaunchProbe, error) {
	// Not on the main goroutine, which Fyne's calls refuse to be called
	// from.
	type result struct {
		p   LaunchProbe
		err error
	}
	done := make(chan result)
	go func() {
		p, err := probeLaunch(service, ready, settled)
		done <- result{p, err}
	}()
	r := <-done
	return r.p, r.err
}

func probeLaunch(service DeskService, ready, settled func(LaunchProbe)) (LaunchProbe, error) {
	start := time.Now()
	a := test.NewApp()
	defer a.Quit()
	p := DeskParams{Service: service, Run: GoRunner, Now: time.Now, Reviewer: "bench"}
	// What the desk is given at launch (run.go): the index kept with the
	// store, the queue's flags.
	p.Index, _ = service.(Indexer)
	p.Alerts, _ = service.(AlertSource)
	d := NewDesk(p)
	w := a.NewWindow("WarrantDesk")
	w.SetContent(d.Content())
	w.Resize(fyne.NewSize(1280, 800))
	d.Queue.Refresh()
	// The queue is filled through fyne.Do: wait for it, as a reviewer
	// waits for the list.
	// Fyne's test driver runs a fyne.Do at once on the goroutine that
	// calls it, so the list's landing may still be under way when its
	// status has changed: the queue is usable once the landing has set
	// its settling too, after the list (read too early, a nil settling
	// was dereferenced below now and then).
	var status string
	var n int
	var behind *settling
	for {
		fyne.DoAndWait(func() {
			status, n, behind = d.Queue.status.Text, len(d.Queue.all), d.Queue.settled
			if status != loadingText {
				w.Canvas().Content().Refresh()
			}
		})
		if strings.HasPrefix(status, "Could not load cases") || status != loadingText && behind != nil {
			break
		}
		time.Sleep(time.Millisecond)
	}
	r := LaunchProbe{Cases: n, Ready: time.Since(start)}
	if strings.HasPrefix(status, "Could not load cases") {
		return r, errors.New(status)
	}
	ready(r)
	select {
	case <-behind.done:
		r.Settled = time.Since(start)
	case <-time.After(settleWait):
	}
	settled(r)
	w.Close()
	return r, nil
}
