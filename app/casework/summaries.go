package casework

import (
	"context"

	"github.com/warrantdesk/warrantdesk/app"
)

// summaryStore is a store that keeps a summary beside each case, so lists
// need not decode whole cases, and streams cases a few at a time.
type summaryStore interface {
	Summaries(ctx context.Context) ([]app.Summary, error)
	EachCase(ctx context.Context, ids []string, fn func(c *app.Case, err error) error) error
}

// Summaries returns every case's summary, most urgent first. Damaged ones
// are left out and named by the EDAMAGED error returned with the others.
func (s *Service) Summaries(ctx context.Context) ([]app.Summary, error) {
	ss, ok := s.store.(summaryStore)
	if !ok {
		cases, err := s.Cases(ctx)
		out := make([]app.Summary, len(cases))
		for i, c := range cases {
			out[i] = app.Summarize(c)
		}
		return out, err
	}
	sums, err := ss.Summaries(ctx)
	if _, damaged := app.Damaged(err); err != nil && !damaged {
		return nil, err
	}
	app.SortSummaries(sums)
	return sums, err
}

// EachCase calls fn with every case, most urgent first, reading a few at a
// time: a list or export of any size in flat memory. It returns fn's
// error, or the EDAMAGED error naming the cases that could not be read
// (the others were all given to fn).
func (s *Service) EachCase(ctx context.Context, fn func(c *app.Case) error) error {
	ss, ok := s.store.(summaryStore)
	if !ok {
		cases, damaged := s.Cases(ctx)
		if _, ok := app.Damaged(damaged); damaged != nil && !ok {
			return damaged
		}
		for _, c := range cases {
			if err := fn(c); err != nil {
				return err
			}
		}
		return damaged
	}
	ids, damaged := s.urgencyOrder(ctx)
	if _, ok := app.Damaged(damaged); damaged != nil && !ok {
		return damaged
	}
	var bad []string
	if d, ok := app.Damaged(damaged); ok {
		bad = append(bad, d.Cases...)
	}
	err := ss.EachCase(ctx, ids, func(c *app.Case, err error) error {
		if d, ok := app.Damaged(err); ok {
			bad = append(bad, d.Cases...)
			return nil
		}
		if err != nil {
			return err
		}
		return fn(c)
	})
	if err != nil {
		return err
	}
	if len(bad) > 0 {
		return damagedError(bad)
	}
	return nil
}

func damagedError(ids []string) error {
	return &app.Error{Code: app.EDAMAGED, Message: "some cases could not be read and were left out; 'warrantdesk verify' says more", Err: &app.DamagedError{Cases: ids}}
}

// orderStore is a store that orders its cases by reading only their sort
// keys (storage.DB): the order of a list of any size in about 130 bytes a
// case, where holding every summary took 0.6–1.2 KB.
type orderStore interface {
	UrgencyOrder(ctx context.Context) ([]string, error)
}

// urgencyOrder is every case's ID, most urgent first, with the EDAMAGED
// error naming those that could not be read.
func (s *Service) urgencyOrder(ctx context.Context) ([]string, error) {
	if os, ok := s.store.(orderStore); ok {
		return os.UrgencyOrder(ctx)
	}
	sums, err := s.Summaries(ctx)
	if _, damaged := app.Damaged(err); err != nil && !damaged {
		return nil, err
	}
	ids := make([]string, len(sums))
	for i := range sums {
		ids[i] = sums[i].ID
	}
	return ids, err
}

// summaryStreamer is a store that gives its summaries a group at a time
// (storage.DB).
type summaryStreamer interface {
	EachSummary(ctx context.Context, fn func(s *app.Summary) error) error
}

// EachSummary calls fn with every case's summary, in no particular order,
// without holding them all where the store can (its strings may share
// memory with others: fn copies what it keeps). It returns fn's error, or
// the EDAMAGED error naming the cases left out, as Summaries does.
func (s *Service) EachSummary(ctx context.Context, fn func(sum *app.Summary) error) error {
	if ss, ok := s.store.(summaryStreamer); ok {
		return ss.EachSummary(ctx, fn)
	}
	sums, err := s.Summaries(ctx)
	if _, damaged := app.Damaged(err); err != nil && !damaged {
		return err
	}
	for i := range sums {
		if err := fn(&sums[i]); err != nil {
			return err
		}
	}
	return err
}
