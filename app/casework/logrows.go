package casework

import (
	"context"
	"runtime"
	"sync"

	"github.com/warrantdesk/warrantdesk/app"
)

// checked is one case of a log with the checks it raised (err: why they
// could not be run).
type checked struct {
	c    *app.Case
	fs   []app.Finding
	err  error
	done chan struct{}
}

// eachChecked calls fn with every case, most urgent first, and its
// checks, the checks of the next few cases running meanwhile on the other
// cores: they are most of a log's time (the page text read, cleaned and
// matched against every rule: at 100,000 cases two and a half minutes of
// CPU), and each case's are its own. At most a few dozen cases are held
// at once, so a log of any size is still written in flat memory. It
// returns fn's error, or EachCase's.
func (s *Service) eachChecked(ctx context.Context, settings app.Settings, fn func(c *app.Case, fs []app.Finding, err error) error) error {
	ctx, cancel := context.WithCancel(ctx)
	workers := max(runtime.GOMAXPROCS(0), 1)
	inOrder := make(chan *checked, 4*workers)
	work := make(chan *checked, 4*workers)
	var readErr error
	go func() {
		defer close(work)
		defer close(inOrder)
		readErr = s.EachCase(ctx, func(c *app.Case) error {
			k := &checked{c: c, done: make(chan struct{})}
			for _, ch := range []chan *checked{inOrder, work} {
				select {
				case ch <- k:
				case <-ctx.Done():
					return ctx.Err()
				}
			}
			return nil
		})
	}()
	var wg sync.WaitGroup
	for range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for k := range work {
				k.fs, k.err = s.findings(ctx, settings, k.c)
				close(k.done)
			}
		}()
	}
	// Whatever ends the log, the reader and the checkers stop before it
	// returns: the store may be closed right after.
	defer func() {
		cancel()
		for range inOrder {
		}
		wg.Wait()
	}()
	for k := range inOrder {
		<-k.done
		if err := fn(k.c, k.fs, k.err); err != nil {
			return err
		}
	}
	return readErr
}
