package intake

import (
	"context"

	"github.com/warrantdesk/warrantdesk/app"
)

// maxBatch bounds the cases committed in one transaction.
const maxBatch = 64

// committer files the cases of one import through a single goroutine
// that commits whatever is waiting when it is free, in one transaction
// (group commit): nothing waits for a batch to fill, so a lone file is
// stored at once, and files that are ready while a commit runs share the
// next one instead of each paying a sync to disk.
type committer struct {
	store app.BatchCreator
	reqs  chan commitReq
	done  chan struct{}
}

type commitReq struct {
	ctx   context.Context
	nc    app.NewCase
	reply chan error
}

func newCommitter(store app.BatchCreator) *committer {
	c := &committer{store: store, reqs: make(chan commitReq), done: make(chan struct{})}
	go c.run()
	return c
}

// create stores one case and returns its error once it is committed.
func (c *committer) create(ctx context.Context, nc app.NewCase) error {
	reply := make(chan error, 1)
	c.reqs <- commitReq{ctx, nc, reply}
	return <-reply
}

// close ends the committer once every create has returned.
func (c *committer) close() {
	close(c.reqs)
	<-c.done
}

func (c *committer) run() {
	defer close(c.done)
	for req := range c.reqs {
		batch := []commitReq{req}
	more:
		for len(batch) < maxBatch {
			select {
			case r, ok := <-c.reqs:
				if !ok {
					break more
				}
				batch = append(batch, r)
			default:
				break more
			}
		}
		cases := make([]app.NewCase, len(batch))
		for i, r := range batch {
			cases[i] = r.nc
		}
		errs := c.store.CreateCases(batch[0].ctx, cases)
		for i, r := range batch {
			r.reply <- errs[i]
		}
	}
}
