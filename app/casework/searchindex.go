package casework

import (
	"context"
	"errors"
	"log/slog"
	"sync"

	"github.com/warrantdesk/warrantdesk/app"
	"github.com/warrantdesk/warrantdesk/app/search"
)

// The search index (app/search) is derived from the cases and kept with
// them: sealed in the store's index seam, read back at launch instead of
// every whole case, and brought up to date against the summaries each
// time it is asked for — the cases new or changed since it was written
// (by this process or another: an import from the command line while the
// desk is open) are read and indexed again, the cases gone are dropped.
// So a stale copy costs the few cases it misses, never a wrong answer, and
// the index is written only when it was behind.

// indexStore is a store with a seam for derived indexes (storage.DB).
type indexStore interface {
	LoadIndex(ctx context.Context, name string) ([]byte, error)
	SaveIndex(ctx context.Context, name string, data []byte) error
}

// searchIndexName is the search index's name in the index seam.
const searchIndexName = "search"

// searchIndex is the service's copy of the index.
type searchIndex struct {
	mu sync.Mutex // one bring-up-to-date at a time
	ix *search.Index
}

// SearchIndex returns the search index of the cases sums lists (every
// stored case's summary, as Summaries returns them), up to date.
func (s *Service) SearchIndex(ctx context.Context, sums []app.Summary) (*search.Index, error) {
	s.search.mu.Lock()
	defer s.search.mu.Unlock()
	loaded := s.search.ix == nil
	if loaded {
		s.search.ix = s.loadIndex(ctx)
	}
	ix := s.search.ix
	changed, gone := ix.Stale(sums)
	for _, id := range gone {
		ix.Remove(id)
	}
	// Each doc is stamped with the summary it was brought up to date
	// against: one the store wrote by an earlier version's rules would
	// otherwise never match the doc made now, and be read again at every
	// launch.
	stamps := make(map[string]uint64, len(changed))
	if len(changed) > 0 {
		for i := range sums {
			stamps[sums[i].ID] = search.StampOf(sums[i])
		}
	}
	if err := s.indexCases(ctx, ix, changed, stamps); err != nil {
		if ctx.Err() == nil {
			// Not brought up to date: the next call starts afresh.
			s.search.ix = nil
		}
		return nil, err
	}
	if len(changed)+len(gone) > 0 {
		s.saveIndex(ctx, ix)
	}
	return ix, nil
}

// indexCases reads the cases with the given IDs and their pages, and
// indexes them. A case that cannot be read is left out of the index (the
// queue names it); one whose pages cannot be, indexed without its text.
func (s *Service) indexCases(ctx context.Context, ix *search.Index, ids []string, stamps map[string]uint64) error {
	if len(ids) == 0 {
		return nil
	}
	return s.eachOf(ctx, ids, func(c *app.Case) error {
		var pages []app.PageText
		// A bundle split into its orders is searched as those orders.
		if c.Status != app.StatusSplit {
			pages, _ = s.store.Pages(ctx, c.ID)
		}
		d := search.DocOf(c, pages)
		if st, ok := stamps[c.ID]; ok {
			d.Stamp = st
		}
		ix.Put(d)
		return nil
	})
}

// eachOf calls fn with the cases with the given IDs, read a few at a
// time; one that cannot be read (damaged, gone since) is left out.
func (s *Service) eachOf(ctx context.Context, ids []string, fn func(c *app.Case) error) error {
	if ss, ok := s.store.(summaryStore); ok {
		return ss.EachCase(ctx, ids, func(c *app.Case, err error) error {
			if _, damaged := app.Damaged(err); damaged || app.ErrorCode(err) == app.ENOTFOUND {
				return nil
			}
			if err != nil {
				return err
			}
			return fn(c)
		})
	}
	for _, id := range ids {
		c, err := s.store.Case(ctx, id)
		if err != nil {
			if _, damaged := app.Damaged(err); damaged || app.ErrorCode(err) == app.ENOTFOUND {
				continue
			}
			return err
		}
		if err := fn(c); err != nil {
			return err
		}
	}
	return nil
}

// loadIndex reads the stored index, or starts an empty one (none stored
// yet, of another version, or damaged: it is derived data, rebuilt from
// the cases).
func (s *Service) loadIndex(ctx context.Context) *search.Index {
	st, ok := s.store.(indexStore)
	if !ok {
		return search.NewIndexOf(nil)
	}
	data, err := st.LoadIndex(ctx, searchIndexName)
	if err != nil || data == nil {
		if err != nil {
			slog.Warn("the stored search index is not read; it is rebuilt from the cases", "err", err)
		}
		return search.NewIndexOf(nil)
	}
	ix, err := search.Load(data)
	if err != nil {
		slog.Warn("the stored search index is not read; it is rebuilt from the cases", "err", err)
		return search.NewIndexOf(nil)
	}
	return ix
}

// saveIndex writes the index back. Not writing it loses nothing (it is
// rebuilt), so a failure — a read-only store, a full disk — is logged.
func (s *Service) saveIndex(ctx context.Context, ix *search.Index) {
	st, ok := s.store.(indexStore)
	if !ok {
		return
	}
	data, err := ix.MarshalBinary()
	if err == nil {
		err = st.SaveIndex(ctx, searchIndexName, data)
	}
	if err != nil {
		slog.Info("the search index was not saved; it is brought up to date at the next launch", "err", err)
	}
}

// indexed keeps the service's index (if it has one) up to date with a
// case changed through it: with pages, its text read again too; without,
// the words it had are kept.
func (s *Service) indexed(c *app.Case, pages []app.PageText) {
	s.search.mu.Lock()
	defer s.search.mu.Unlock()
	ix := s.search.ix
	if ix == nil {
		return
	}
	d := search.DocOf(c, pages)
	if pages == nil && c.Status != app.StatusSplit {
		d.Words = ix.Words(c.ID)
	}
	ix.Put(d)
}

// indexImported indexes the cases an import made and writes the index, so
// the next launch or search reads them from it: the index is read first
// when this service holds none (a command-line import).
func (s *Service) indexImported(ctx context.Context, outcomes []app.ImportOutcome) {
	var ids []string
	for _, o := range outcomes {
		if o.Err == nil && !o.Duplicate {
			ids = append(ids, o.CaseIDs...)
		}
	}
	if len(ids) == 0 {
		return
	}
	if _, ok := s.store.(indexStore); !ok {
		s.dropIndex() // brought up to date at the next SearchIndex
		return
	}
	s.search.mu.Lock()
	defer s.search.mu.Unlock()
	if s.search.ix == nil {
		s.search.ix = s.loadIndex(ctx)
	}
	if err := s.indexCases(ctx, s.search.ix, ids, nil); err != nil && !errors.Is(err, context.Canceled) {
		slog.Info("the imported cases were not indexed; they are at the next launch", "err", err)
		return
	}
	s.saveIndex(ctx, s.search.ix)
}

// dropIndex forgets the service's copy of the index (the store locked: it
// holds what the cases say).
func (s *Service) dropIndex() {
	s.search.mu.Lock()
	s.search.ix = nil
	s.search.mu.Unlock()
}

// CasesOf returns the cases with the given IDs, in that order (a search's
// matches). Damaged ones are left out and named by the EDAMAGED error
// returned with the others.
func (s *Service) CasesOf(ctx context.Context, ids []string) ([]*app.Case, error) {
	out := make([]*app.Case, 0, len(ids))
	var bad []string
	for _, id := range ids {
		c, err := s.store.Case(ctx, id)
		if d, ok := app.Damaged(err); ok {
			bad = append(bad, d.Cases...)
			continue
		}
		if err != nil {
			return nil, err
		}
		out = append(out, c)
	}
	if len(bad) > 0 {
		return out, damagedError(bad)
	}
	return out, nil
}
