// Package casework is where a case changes: the use cases the desk and the
// command line share — findings, decide, correct, drafts, memo export, the
// decision log, statistics, settings and import — behind one Service built
// from Params. The front ends parse, call and show; the rules live on the
// domain types (app) and the checks in app/review, and this package puts
// them together once.
//
// Every change to a stored case goes through Service.change, so what must
// happen on every change (an audit trail, encryption) has one place to go.
package casework

import (
	"context"
	"strings"
	"sync"
	"time"

	"github.com/warrantdesk/warrantdesk/app"
	"github.com/warrantdesk/warrantdesk/app/intake"
	"github.com/warrantdesk/warrantdesk/app/memo"
	"github.com/warrantdesk/warrantdesk/app/report"
	"github.com/warrantdesk/warrantdesk/app/review"
)

// Params are the long-lived parts a Service works with; main builds them
// once.
type Params struct {
	Store app.Store
	// Importer reads and files orders; its Store is replaced by Store.
	// Nil: Import fails every file.
	Importer *intake.Importer
	// MemoTemplate and MemoFonts are the memo's wording and the fonts its
	// PDF embeds (assets/).
	MemoTemplate string
	MemoFonts    memo.Fonts
	// Now is the clock decisions, corrections and memos are stamped with
	// (time.Now if nil).
	Now func() time.Time
	// Protected are the folders no memo or log may be written into: the
	// data folder (app/outfile).
	Protected []string
	// Actor is who the audit trail names for changes made through the
	// service when the change itself names no one (settings, exports,
	// imports): the reviewer at this computer.
	Actor string
}

// Service carries out the use cases on one store. Safe for concurrent use.
type Service struct {
	store        app.Store
	importer     *intake.Importer
	memoTemplate string
	memoFonts    memo.Fonts
	now          func() time.Time
	protected    []string
	actor        string
	// mu makes each change read, change and write its case as one step,
	// so two changes to one case (a draft kept while a decision is being
	// saved) never undo each other.
	mu sync.Mutex
}

// New returns a service on p.Store.
func New(p Params) *Service {
	s := &Service{store: p.Store, importer: p.Importer, memoTemplate: p.MemoTemplate, memoFonts: p.MemoFonts, now: p.Now, protected: p.Protected, actor: p.Actor}
	if s.now == nil {
		s.now = time.Now
	}
	return s
}

// Cases returns every case, most urgent first (app.SortByUrgency).
//
// Cases whose record is damaged are left out and named by an EDAMAGED
// error returned with the others (app.Damaged): one bad record is one bad
// record, and the callers go on.
func (s *Service) Cases(ctx context.Context) ([]*app.Case, error) {
	cases, err := s.store.Cases(ctx)
	if _, damaged := app.Damaged(err); err != nil && !damaged {
		return nil, err
	}
	app.SortByUrgency(cases)
	return cases, err
}

// Case returns the case with the given ID, or ENOTFOUND.
func (s *Service) Case(ctx context.Context, id string) (*app.Case, error) {
	return s.store.Case(ctx, id)
}

// Pages returns the text of each page of a case's order.
func (s *Service) Pages(ctx context.Context, id string) ([]app.PageText, error) {
	return s.store.Pages(ctx, id)
}

// Original returns the file a case was imported from.
func (s *Service) Original(ctx context.Context, id string) ([]byte, error) {
	return s.store.Original(ctx, id)
}

// Find returns the case a reference names: its full ID, a unique prefix of
// it (at least four characters), or its case number (any case). A
// reference that fits several cases is EAMBIGUOUS, one that fits none
// ENOTFOUND, an empty one EINVALID.
func (s *Service) Find(ctx context.Context, ref string) (*app.Case, error) {
	cases, err := s.store.Cases(ctx)
	d, damaged := app.Damaged(err)
	if err != nil && !damaged {
		return nil, err
	}
	c, err := Resolve(cases, ref)
	if app.ErrorCode(err) == app.ENOTFOUND && damaged {
		// The reference may name a case that cannot be read: say so.
		ref = strings.ToLower(strings.TrimSpace(ref))
		for _, id := range d.Cases {
			if id == ref || len(ref) >= 4 && strings.HasPrefix(id, ref) {
				return s.store.Case(ctx, id)
			}
		}
	}
	return c, err
}

// Resolve finds the case ref names among cases, as Find does.
func Resolve(cases []*app.Case, ref string) (*app.Case, error) {
	ref = strings.TrimSpace(ref)
	if ref == "" {
		return nil, app.Errorf(app.EINVALID, "name a case: its id, a unique id prefix, or its case number")
	}
	lower := strings.ToLower(ref)
	var byPrefix, byNumber []*app.Case
	for _, k := range cases {
		if k.ID == lower {
			return k, nil
		}
		if len(lower) >= 4 && strings.HasPrefix(k.ID, lower) {
			byPrefix = append(byPrefix, k)
		}
		if n := k.CaseNumber(); n != "" && strings.EqualFold(n, ref) {
			byNumber = append(byNumber, k)
		}
	}
	for _, set := range [][]*app.Case{byPrefix, byNumber} {
		switch len(set) {
		case 0:
			continue
		case 1:
			return set[0], nil
		default:
			ids := make([]string, len(set))
			for i, k := range set {
				ids[i] = k.ID
			}
			return nil, app.Errorf(app.EAMBIGUOUS, "%q matches %d cases (%s): use more of the id", ref, len(set), strings.Join(ids, ", "))
		}
	}
	return nil, app.Errorf(app.ENOTFOUND, "no case %q", ref)
}

// Findings runs the review checks on c with its text and the stored
// settings.
func (s *Service) Findings(ctx context.Context, c *app.Case) ([]app.Finding, error) {
	settings, err := s.store.Settings(ctx)
	if err != nil {
		return nil, err
	}
	return s.findings(ctx, settings, c)
}

// findings runs the checks with settings already read, so going through
// every case reads them once.
func (s *Service) findings(ctx context.Context, settings app.Settings, c *app.Case) ([]app.Finding, error) {
	pages, err := s.store.Pages(ctx, c.ID)
	if err != nil {
		return nil, err
	}
	return review.Check(review.Input{Case: c, Text: review.PagesText(pages), Settings: settings, Now: s.now()}), nil
}

// Decide records d as the decision on case id, stamped now, once it is
// valid (app.Decision.Validate) and taken by a reviewer on the settings'
// list, and returns the case as stored. A disclosing decision is refused
// while a blocking check is open, and one the two-person rule names
// awaits approval (trust.go).
func (s *Service) Decide(ctx context.Context, id string, d app.Decision) (*app.Case, error) {
	d.DecidedAt = s.now()
	if err := d.Validate(); err != nil {
		return nil, err
	}
	settings, err := s.store.Settings(ctx)
	if err != nil {
		return nil, err
	}
	if d.Reviewer, err = settings.Reviewer(d.Reviewer); err != nil {
		return nil, err
	}
	return s.change(ctx, id, func(c *app.Case) (bool, error) {
		return true, s.decide(ctx, settings, c, d)
	})
}

// SaveDraft keeps d as the decision being written on case id, by the
// reviewer named, and returns the case as stored. A draft may be
// incomplete: it is not validated.
func (s *Service) SaveDraft(ctx context.Context, id string, d app.Decision, by string) (*app.Case, error) {
	return s.change(ctx, id, func(c *app.Case) (bool, error) {
		c.SaveDraft(d, by, s.now())
		return true, nil
	})
}

// Correct records the reviewer's value for a field of case id beside the
// extracted one ("" goes back to the extracted value; app.Case.Correct
// says what is valid) and returns the case as stored. A value that
// changes nothing writes nothing.
func (s *Service) Correct(ctx context.Context, id, field, value, by string) (*app.Case, error) {
	return s.change(ctx, id, func(c *app.Case) (bool, error) {
		was := c.Value(field)
		if err := c.Correct(field, value, by, s.now()); err != nil {
			return false, err
		}
		return c.Value(field) != was, nil
	})
}

// change reads case id, lets do change it, and stores it when do reports a
// change: the one place a stored case changes.
func (s *Service) change(ctx context.Context, id string, do func(c *app.Case) (bool, error)) (*app.Case, error) {
	ctx = s.acting(ctx)
	s.mu.Lock()
	defer s.mu.Unlock()
	c, err := s.store.Case(ctx, id)
	if err != nil {
		return nil, err
	}
	changed, err := do(c)
	if err != nil || !changed {
		return c, err
	}
	if err := s.store.UpdateCase(ctx, c); err != nil {
		return nil, err
	}
	return c, nil
}

// acting returns ctx naming who acts, for the audit trail: the one ctx
// names already, else the service's actor.
func (s *Service) acting(ctx context.Context) context.Context {
	if app.ActorFrom(ctx) != "" || s.actor == "" {
		return ctx
	}
	return app.WithActor(ctx, s.actor)
}

// Settings returns the stored settings.
func (s *Service) Settings(ctx context.Context) (app.Settings, error) {
	return s.store.Settings(ctx)
}

// SaveSettings stores the settings normalised (app.Settings.Normalised)
// and returns them as stored; invalid ones are EINVALID and nothing is
// stored.
func (s *Service) SaveSettings(ctx context.Context, in app.Settings) (app.Settings, error) {
	n, err := in.Normalised()
	if err != nil {
		return in, err
	}
	if err := s.store.SaveSettings(s.acting(ctx), n); err != nil {
		return in, err
	}
	return n, nil
}

// Stats counts the decisions of a period (report.Count; zero times are
// unbounded).
//
// Damaged cases are not counted, and named by the EDAMAGED error returned
// with the statistics of the others.
func (s *Service) Stats(ctx context.Context, from, to time.Time) (report.Stats, error) {
	cases, err := s.store.Cases(ctx)
	if _, damaged := app.Damaged(err); err != nil && !damaged {
		return report.Stats{}, err
	}
	return report.Count(cases, from, to), err
}

// Check reads every stored record back and checks the store's own
// structure (warrantdesk check); it changes nothing.
func (s *Service) Check(ctx context.Context) (app.Integrity, error) {
	checker, ok := s.store.(app.Checker)
	if !ok {
		return app.Integrity{}, app.Errorf(app.EINTERNAL, "this store cannot check itself")
	}
	return checker.Check(ctx)
}

// ImportOptions choose how one import runs.
type ImportOptions struct {
	// Split makes a case of each order in a file that bundles several.
	Split bool
	// OnOCR, if set, is told of each page OCR finishes (not concurrently).
	OnOCR func(file string, done, total int)
}

// Import reads the files and folders in paths and files each as a case,
// calling progress after each file (not concurrently). One file's failure
// does not stop the others; ctx cancels between files, and what was
// imported stays.
func (s *Service) Import(ctx context.Context, paths []string, opts ImportOptions, progress func(done, total int, o app.ImportOutcome)) []app.ImportOutcome {
	if s.importer == nil {
		out := make([]app.ImportOutcome, len(paths))
		for i, p := range paths {
			out[i] = app.ImportOutcome{File: p, Err: app.Errorf(app.EINTERNAL, "importing is not available here")}
			if progress != nil {
				progress(i+1, len(paths), out[i])
			}
		}
		return out
	}
	// A copy with this run's options: the importer's parts (reader,
	// scanner) are shared, never built again.
	im := *s.importer
	im.Store, im.SplitBundles, im.OnOCR = s.store, opts.Split, opts.OnOCR
	return im.ImportAll(s.acting(ctx), paths, progress)
}
