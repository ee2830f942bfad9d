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
	"os"
	"path/filepath"
	"slices"
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
	// Matters keeps what matters add (files, purge, matter settings);
	// nil: Store, when it does (matters.go).
	Matters app.MatterStore
	// Letters gives the letters' templates (assets.LetterTemplate); nil:
	// no letters are written.
	Letters func(kind string) (common, letter string, err error)
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
	matters      app.MatterStore
	letters      func(kind string) (string, string, error)
	protected    []string
	actor        string
	// mu makes each change read, change and write its case as one step,
	// so two changes to one case (a draft kept while a decision is being
	// saved) never undo each other.
	mu sync.Mutex
	// search is the search index, once asked for (searchindex.go).
	search searchIndex
	// alerts are the queue's flags, once asked for (alerts.go).
	alerts alertCache
}

// New returns a service on p.Store.
func New(p Params) *Service {
	s := &Service{store: p.Store, importer: p.Importer, memoTemplate: p.MemoTemplate, memoFonts: p.MemoFonts, now: p.Now,
		matters: p.Matters, letters: p.Letters, protected: p.Protected, actor: p.Actor}
	if s.now == nil {
		s.now = time.Now
	}
	if ms, ok := p.Store.(app.MatterStore); ok && s.matters == nil {
		s.matters = ms
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
	// The checks read the text as the extractor read it (cleaned, OCR's
	// confusions undone), not the raw page text.
	text := review.PagesText(pages)
	if s.importer != nil && s.importer.Extractor != nil {
		text = s.importer.Extractor.Text(pages)
	}
	return review.Check(review.Input{Case: c, Text: text, Settings: settings, Now: s.now()}), nil
}

// Decide records d as the decision on case id, stamped now, once it is
// valid (app.Decision.Validate) and taken by a reviewer on the settings'
// list, and returns the case as stored. A decided case is refused
// (app.ErrDecided): Reopen it first. A disclosing decision is refused
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

// Reopen makes decided case id open again, recording who reopened it (a
// reviewer on the settings' list) and why; its decision is kept
// (superseded) and becomes the draft, and an approval of it, asked or
// given, goes.
func (s *Service) Reopen(ctx context.Context, id, by, reason string) (*app.Case, error) {
	by, err := s.listedReviewer(ctx, by)
	if err != nil {
		return nil, err
	}
	return s.change(ctx, id, func(c *app.Case) (bool, error) {
		return true, c.Reopen(by, reason, s.now())
	})
}

// SaveDraft keeps d as the decision being written on case id, by the
// reviewer named, and returns the case as stored. A draft may be
// incomplete: it is not validated. A decided case takes none.
func (s *Service) SaveDraft(ctx context.Context, id string, d app.Decision, by string) (*app.Case, error) {
	return s.change(ctx, id, func(c *app.Case) (bool, error) {
		return true, c.SaveDraft(d, by, s.now())
	})
}

// Correct records the reviewer's edit of case id beside what was read
// (app.Case.Apply says what is valid) and returns the case as stored. An
// edit that changes nothing writes nothing.
func (s *Service) Correct(ctx context.Context, id string, e app.Edit, by string) (*app.Case, error) {
	return s.change(ctx, id, func(c *app.Case) (bool, error) {
		return c.Apply(e, by, s.now())
	})
}

// change reads case id, lets do change it, and stores it when do reports a
// change.
func (s *Service) change(ctx context.Context, id string, do func(c *app.Case) (bool, error)) (*app.Case, error) {
	return s.apply(ctx, id, func(c *app.Case) (bool, []app.PageText, error) {
		changed, err := do(c)
		return changed, nil, err
	}, nil)
}

// changeWith is change with the write given: a change that stores more
// than the case with it (a file, a purge) writes both in one step.
func (s *Service) changeWith(ctx context.Context, id string, do func(c *app.Case) (bool, error), write func(ctx context.Context, c *app.Case) error) (*app.Case, error) {
	return s.apply(ctx, id, func(c *app.Case) (bool, []app.PageText, error) {
		changed, err := do(c)
		return changed, nil, err
	}, write)
}

// apply is the one place a stored case changes: it reads case id, lets do
// change it (and, with new pages, its text), and stores it when do reports
// a change — through write when it is given (changeWith) — all under one
// lock, naming who acts for the audit trail.
func (s *Service) apply(ctx context.Context, id string, do func(c *app.Case) (bool, []app.PageText, error), write func(ctx context.Context, c *app.Case) error) (*app.Case, error) {
	ctx = s.acting(ctx)
	s.mu.Lock()
	defer s.mu.Unlock()
	c, err := s.store.Case(ctx, id)
	if err != nil {
		return nil, err
	}
	changed, pages, err := do(c)
	if err != nil || !changed {
		return c, err
	}
	switch {
	case write != nil:
		err = write(ctx, c)
	case pages != nil:
		err = s.store.UpdateCaseText(ctx, c, pages)
	default:
		err = s.store.UpdateCase(ctx, c)
	}
	if err != nil {
		return nil, err
	}
	s.indexed(c, pages)
	s.forgetAlerts(c.ID)
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
	// The recent import folders are the service's own record, not the
	// caller's to set: they are kept as stored.
	s.mu.Lock()
	defer s.mu.Unlock()
	stored, err := s.store.Settings(ctx)
	if err != nil {
		return in, err
	}
	in.ImportFolders = stored.ImportFolders
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
	st := report.Count(cases, from, to)
	ms, merr := s.MatterSettings(ctx)
	if merr != nil {
		return st, merr
	}
	m := report.CountMatters(app.Matters(cases, ms.Clocks, s.now()), from, to)
	st.Matters = &m
	return st, err
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
	// NoOCR leaves the pages without text unread this time (they are
	// marked as needing OCR), whatever the importer can do.
	NoOCR bool
	// OnOCR, if set, is told of each page OCR finishes (not concurrently).
	OnOCR func(file string, done, total int)
	// OnFields, if set, is given a scan's fields as read so far, from
	// its first page on (intake.Importer.OnFields).
	OnFields func(file string, ex app.Extraction)
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
	im.Store, im.SplitBundles, im.OnOCR, im.OnFields = s.store, opts.Split, opts.OnOCR, opts.OnFields
	if opts.NoOCR {
		im.Scanner = nil
	}
	ctx = s.acting(ctx)
	out := im.ImportAll(ctx, paths, progress)
	s.indexImported(ctx, out)
	s.rememberFolders(ctx, paths)
	return out
}

// rememberFolders records the folders orders came from (a folder named, or
// a file's), so the picker starts there and no memo is written into them.
// It is a convenience: a failure to record them is logged, not reported.
func (s *Service) rememberFolders(ctx context.Context, paths []string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	settings, err := s.store.Settings(ctx)
	if err != nil {
		app.LogError(err)
		return
	}
	was := slices.Clone(settings.ImportFolders)
	for _, p := range paths {
		if st, err := os.Stat(p); err == nil {
			dir := p
			if !st.IsDir() {
				dir = filepath.Dir(p)
			}
			if abs, err := filepath.Abs(dir); err == nil {
				settings = settings.WithImportFolder(abs)
			}
		}
	}
	if slices.Equal(was, settings.ImportFolders) {
		return
	}
	if err := s.store.SaveSettings(ctx, settings); err != nil {
		app.LogError(err)
	}
}
