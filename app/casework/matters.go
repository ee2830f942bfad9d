package casework

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"mime"
	"net/mail"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"github.com/warrantdesk/warrantdesk/app"
	"github.com/warrantdesk/warrantdesk/app/letters"
	"github.com/warrantdesk/warrantdesk/app/memo"
	"github.com/warrantdesk/warrantdesk/app/outfile"
	"github.com/warrantdesk/warrantdesk/app/report"
)

// The matter use cases: a case's matter and the link proposals, linking
// and unlinking, the clock's changes, the correspondence log, the letters
// that go back, "have we seen this identifier", retention's purge and the
// matter settings. Each change to a case goes through changeWith.

var errNoMatters = app.Errorf(app.EINTERNAL, "this store keeps no matters")

func (s *Service) matterStore() (app.MatterStore, error) {
	if s.matters == nil {
		return nil, errNoMatters
	}
	return s.matters, nil
}

// MatterSettings returns the stored matter settings (empty ones when the
// store keeps none).
func (s *Service) MatterSettings(ctx context.Context) (app.MatterSettings, error) {
	if s.matters == nil {
		return app.MatterSettings{}, nil
	}
	return s.matters.MatterSettings(ctx)
}

// SaveMatterSettings stores the matter settings normalised
// (app.MatterSettings.Normalised) and returns them as stored; invalid
// ones are EINVALID and nothing is stored.
func (s *Service) SaveMatterSettings(ctx context.Context, in app.MatterSettings) (app.MatterSettings, error) {
	ms, err := s.matterStore()
	if err != nil {
		return in, err
	}
	n, err := in.Normalised()
	if err != nil {
		return in, err
	}
	if err := ms.SaveMatterSettings(ctx, n); err != nil {
		return in, err
	}
	return n, nil
}

// snapshot reads every case, the case id among them and the matter
// settings: what a matter is worked out from.
func (s *Service) snapshot(ctx context.Context, id string) (*app.Case, []*app.Case, app.MatterSettings, error) {
	// A damaged record is one bad record: the matter is worked out from
	// the others.
	cases, err := s.store.Cases(ctx)
	if _, damaged := app.Damaged(err); err != nil && !damaged {
		return nil, nil, app.MatterSettings{}, err
	}
	ms, err := s.MatterSettings(ctx)
	if err != nil {
		return nil, nil, ms, err
	}
	for _, c := range cases {
		if c.ID == id {
			return c, cases, ms, nil
		}
	}
	return nil, nil, ms, app.Errorf(app.ENOTFOUND, "no case %s", id)
}

// Matter returns the matter case id belongs to, at now: its cases, the
// links proposed, its clocks, correspondence, timeline and flags.
func (s *Service) Matter(ctx context.Context, id string) (*app.Matter, error) {
	c, cases, ms, err := s.snapshot(ctx, id)
	if err != nil {
		return nil, err
	}
	return app.BuildMatter(c, cases, ms.Clocks, s.now()), nil
}

// Clock returns case id's clock as its matter has it.
func (s *Service) Clock(ctx context.Context, id string) (app.Clock, error) {
	m, err := s.Matter(ctx, id)
	if err != nil {
		return app.Clock{}, err
	}
	return m.Clocks[id], nil
}

// Link puts case id, and the cases of its matter with it, into other's
// matter, and returns the cases moved (none when they are one matter
// already). Each moves by its own change, so an interruption leaves every
// case in one matter or the other, never half.
func (s *Service) Link(ctx context.Context, id, other, by string) ([]*app.Case, error) {
	c, cases, _, err := s.snapshot(ctx, id)
	if err != nil {
		return nil, err
	}
	o := findIn(cases, other)
	if o == nil {
		return nil, app.Errorf(app.ENOTFOUND, "no case %s", other)
	}
	if o.ID == c.ID {
		return nil, app.Errorf(app.EINVALID, "a case cannot be linked to itself: name another case")
	}
	var moved []*app.Case
	for _, k := range app.Members(c, cases) {
		if k.MatterID() == o.MatterID() {
			continue
		}
		changed := false
		got, err := s.change(ctx, k.ID, func(k *app.Case) (bool, error) {
			var err error
			changed, err = k.LinkTo(o, by, s.now())
			return changed, err
		})
		if err != nil {
			return moved, err
		}
		if changed {
			moved = append(moved, got)
		}
	}
	return moved, nil
}

func findIn(cases []*app.Case, id string) *app.Case {
	for _, c := range cases {
		if c.ID == id {
			return c
		}
	}
	return nil
}

// Unlink takes case id out of its matter (other "") or, with other, says
// the two are not one matter: out of other's matter if it was in it, and
// never proposed with it again. It returns the case as stored.
func (s *Service) Unlink(ctx context.Context, id, other, by string) (*app.Case, error) {
	c, cases, _, err := s.snapshot(ctx, id)
	if err != nil {
		return nil, err
	}
	mates := ids(slices.DeleteFunc(app.Members(c, cases), func(k *app.Case) bool { return k.ID == c.ID }))
	leave, notWith := len(mates) > 0, mates
	if other != "" {
		o := findIn(cases, other)
		if o == nil {
			return nil, app.Errorf(app.ENOTFOUND, "no case %s", other)
		}
		if o.MatterID() != c.MatterID() {
			leave, notWith = false, ids(app.Members(o, cases))
		}
	} else if !leave {
		return nil, app.Errorf(app.EINVALID, "case %s is in no matter with other cases; to turn down a proposed link, name the other case: unlink CASE OTHER", c.ShortID())
	}
	newID := app.NewCaseID()
	return s.change(ctx, id, func(c *app.Case) (bool, error) {
		return true, c.Unlink(notWith, leave, newID, by, s.now())
	})
}

func ids(cases []*app.Case) []string {
	out := make([]string, len(cases))
	for i, c := range cases {
		out[i] = c.ID
	}
	return out
}

// ChangeClock records ch (Action and Reason, or Due) on case id's clock,
// by who and now, and returns the case as stored with its clock after.
func (s *Service) ChangeClock(ctx context.Context, id string, ch app.ClockChange) (*app.Case, app.Clock, error) {
	c, cases, ms, err := s.snapshot(ctx, id)
	if err != nil {
		return nil, app.Clock{}, err
	}
	now := s.now()
	ch.At = now
	if ch.Action == app.ClockExtend && ch.Days == 0 {
		ch.Days = c.ClockRule(ms.Clocks).Extend
	}
	base := app.MatterBase(c, cases, ms.Clocks, now)
	got, err := s.change(ctx, id, func(c *app.Case) (bool, error) { return true, c.ChangeClock(base, ch) })
	if err != nil {
		return nil, app.Clock{}, err
	}
	k, err := s.Clock(ctx, id)
	return got, k, err
}

// MaxCorrespondence is the largest file the correspondence log takes: an
// e-mail with attachments, a scanned letter.
const MaxCorrespondence = 64 << 20

// AddCorrespondence logs the file at path on case id's correspondence: in
// or out, with a respond-by date (YYYY-MM-DD, or ""), by who. The file is
// stored with the case, hashed; an e-mail (.eml) gives its own date and
// subject. Something that comes in while the clock is paused waiting on
// the authority is taken as the answer, and the clock resumes.
func (s *Service) AddCorrespondence(ctx context.Context, id, path string, dir app.Direction, respondBy, by string) (app.Correspondence, error) {
	data, err := readCorrespondence(path)
	if err != nil {
		return app.Correspondence{}, err
	}
	now := s.now()
	sum := sha256.Sum256(data)
	it := app.Correspondence{ID: app.NewCaseID(), Direction: dir, Kind: kindOf(path), FileName: filepath.Base(path),
		SHA256: hex.EncodeToString(sum[:]), Size: int64(len(data)), Date: now, RespondBy: strings.TrimSpace(respondBy), AddedBy: by, AddedAt: now}
	if it.Kind == app.KindEmail {
		it.Date, it.Subject = emailHeader(data, now)
	}
	return it, s.logItem(ctx, id, it, data)
}

// logItem stores the item's file and logs it on the case in one step,
// pausing or resuming the clock as the item means.
func (s *Service) logItem(ctx context.Context, id string, it app.Correspondence, data []byte) error {
	ms, err := s.matterStore()
	if err != nil {
		return err
	}
	c, cases, settings, err := s.snapshot(ctx, id)
	if err != nil {
		return err
	}
	base := app.MatterBase(c, cases, settings.Clocks, it.AddedAt)
	_, err = s.changeWith(ctx, id, func(c *app.Case) (bool, error) {
		if err := c.AddCorrespondence(it); err != nil {
			return false, err
		}
		return true, clockFollows(c, base, it)
	}, func(ctx context.Context, c *app.Case) error { return ms.SaveCaseFile(ctx, c, it.ID, data) })
	return err
}

// clockFollows pauses the clock when a letter that waits on the authority
// goes out, and resumes it when an answer comes in.
func clockFollows(c *app.Case, base app.Clock, it app.Correspondence) error {
	k := c.RunClock(base, it.AddedAt)
	switch {
	case it.Direction == app.DirectionOut && it.Letter.Pauses() && k.Kind == app.ClockRespond && k.Open() && k.State != app.ClockPaused:
		reason := map[app.LetterKind]string{app.LetterClarification: "clarification asked", app.LetterNonExecution: "non-execution notice sent"}[it.Letter]
		return c.ChangeClock(base, app.ClockChange{At: it.AddedAt, By: it.AddedBy, Action: app.ClockPause, Reason: reason + " (" + it.FileName + ")"})
	case it.Direction == app.DirectionIn && k.State == app.ClockPaused:
		return c.ChangeClock(base, app.ClockChange{At: it.AddedAt, By: it.AddedBy, Action: app.ClockResume, Reason: "answer received: " + it.Title()})
	}
	return nil
}

func readCorrespondence(path string) ([]byte, error) {
	// A pipe or a device would block the open or never end: only a
	// regular file is opened.
	if st, err := os.Stat(path); err == nil && !st.Mode().IsRegular() {
		return nil, app.Errorf(app.EINVALID, "%s is not a file: name the e-mail, note or letter to log", app.PrintableName(path))
	}
	f, err := os.Open(path)
	if err != nil {
		return nil, &app.Error{Code: app.EINVALID, Message: fmt.Sprintf("cannot read %s: %v", app.PrintableName(path), errors.Unwrap(err)), Err: err}
	}
	defer f.Close()
	if st, err := f.Stat(); err != nil || !st.Mode().IsRegular() {
		return nil, app.Errorf(app.EINVALID, "%s is not a file: name the e-mail, note or letter to log", app.PrintableName(path))
	}
	data, err := io.ReadAll(io.LimitReader(f, MaxCorrespondence+1))
	if err != nil {
		return nil, &app.Error{Code: app.EINVALID, Message: fmt.Sprintf("cannot read %s", app.PrintableName(path)), Err: err}
	}
	if len(data) > MaxCorrespondence {
		return nil, app.Errorf(app.EINVALID, "%s is larger than %d MB: log the message without its attachments", app.PrintableName(path), MaxCorrespondence>>20)
	}
	return data, nil
}

// kindOf tells an e-mail, a note and any other file apart by the file's
// extension.
func kindOf(path string) string {
	switch strings.ToLower(filepath.Ext(path)) {
	case ".eml", ".msg":
		return app.KindEmail
	case ".txt", ".md", ".text":
		return app.KindNote
	}
	return app.KindFile
}

// emailHeader reads an e-mail's Date and Subject; what it cannot read
// falls back to now and no subject.
func emailHeader(data []byte, now time.Time) (time.Time, string) {
	m, err := mail.ReadMessage(strings.NewReader(string(data)))
	if err != nil {
		return now, ""
	}
	date, err := m.Header.Date()
	if err != nil {
		date = now
	}
	subject, err := new(mime.WordDecoder).DecodeHeader(m.Header.Get("Subject"))
	if err != nil {
		subject = m.Header.Get("Subject")
	}
	return date, strings.Join(strings.Fields(subject), " ")
}

// CorrespondenceFile returns a logged file, re-hashed against the SHA-256
// recorded when it was logged.
func (s *Service) CorrespondenceFile(ctx context.Context, caseID, itemID string) (app.Correspondence, []byte, error) {
	ms, err := s.matterStore()
	if err != nil {
		return app.Correspondence{}, nil, err
	}
	c, err := s.store.Case(ctx, caseID)
	if err != nil {
		return app.Correspondence{}, nil, err
	}
	i := slices.IndexFunc(c.Correspondence, func(it app.Correspondence) bool { return it.ID == itemID })
	if i < 0 {
		return app.Correspondence{}, nil, app.Errorf(app.ENOTFOUND, "case %s logged no item %s", c.ShortID(), itemID)
	}
	it := c.Correspondence[i]
	data, err := ms.CaseFile(ctx, itemID)
	if err != nil {
		return it, nil, err
	}
	if sum := sha256.Sum256(data); hex.EncodeToString(sum[:]) != it.SHA256 {
		return it, nil, app.Errorf(app.EINVALID, "the stored %s no longer matches the SHA-256 recorded when it was logged: restore the database from a backup", it.FileName)
	}
	return it, data, nil
}

// LetterFormat picks a letter's format as MemoFormat does, from pdf (the
// default) and docx.
func LetterFormat(path, asked string) (string, error) {
	return format(path, asked, letters.Formats(), "a letter")
}

// WriteLetter writes the letter of kind for case id to path (format "" takes
// it from path; where path may be, and whether an existing file is
// replaced, force and app/outfile say, as for memos), filled from the
// case, its decision, its clock and the matter settings, and logs it as
// outgoing correspondence with the file itself; a clarification or a
// non-execution notice pauses the clock. It returns the logged item.
func (s *Service) WriteLetter(ctx context.Context, id string, kind app.LetterKind, path, format, by string, force bool) (app.Correspondence, error) {
	f, err := LetterFormat(path, format)
	if err != nil {
		return app.Correspondence{}, err
	}
	opts := s.outOptions(force)
	if err := outfile.Check(path, opts); err != nil {
		return app.Correspondence{}, err
	}
	if s.letters == nil {
		return app.Correspondence{}, app.Errorf(app.EINTERNAL, "letters are not available here")
	}
	c, cases, ms, err := s.snapshot(ctx, id)
	if err != nil {
		return app.Correspondence{}, err
	}
	settings, err := s.store.Settings(ctx)
	if err != nil {
		return app.Correspondence{}, err
	}
	now := s.now()
	in := letters.Input{Case: c, Kind: kind, Settings: settings, Matter: ms, Written: now, Reviewer: by,
		Clock: app.BuildMatter(c, cases, ms.Clocks, now).Clocks[c.ID]}
	common, tmpl, err := s.letters(string(kind))
	if err != nil {
		return app.Correspondence{}, err
	}
	md, err := letters.Markdown(common, tmpl, in)
	if err != nil {
		return app.Correspondence{}, err
	}
	var data []byte
	if f == "docx" {
		data, err = memo.DOCX(md)
	} else {
		data, err = memo.PDFLayout(md, s.memoFonts, memo.Layout{Footer: letters.Footer(in)})
	}
	if err != nil {
		return app.Correspondence{}, err
	}
	if err := outfile.Write(path, data, opts); err != nil {
		return app.Correspondence{}, err
	}
	sum := sha256.Sum256(data)
	it := app.Correspondence{ID: app.NewCaseID(), Direction: app.DirectionOut, Kind: app.KindLetter, Letter: kind,
		FileName: filepath.Base(path), Format: f, SHA256: hex.EncodeToString(sum[:]), Size: int64(len(data)),
		Date: now, AddedBy: by, AddedAt: now}
	if err := s.logItem(ctx, id, it, data); err != nil {
		return it, &app.Error{Code: app.ErrorCode(err), Message: fmt.Sprintf("the letter was written to %s but could not be logged: %s", app.PrintableName(path), app.ErrorMessage(err)), Err: err}
	}
	return it, nil
}

// SeenHit is one case that names an identifier.
type SeenHit struct {
	Case        string          `json:"case"`
	Matter      string          `json:"matter"`
	Role        string          `json:"role"` // target, or contact (the requester's)
	Kind        string          `json:"kind"`
	Value       string          `json:"value"`
	ProcessType app.ProcessType `json:"process_type"`
	CaseNumber  string          `json:"case_number"`
	Status      app.Status      `json:"status"`
	ReceivedAt  time.Time       `json:"received_at"`
}

// Seen is every case and matter that names an identifier.
type Seen struct {
	Query   string              `json:"query"`
	Keys    []app.IdentifierKey `json:"keys"`
	Cases   []SeenHit           `json:"cases"`
	Matters []string            `json:"matters"`
}

// Seen answers "have we seen this identifier before?" exactly, across
// every case of every year: the identifier normalised as the targets are
// (e-mail addresses lower-case, phone numbers in E.164, handles without
// @), matched against each case's targets and the requesters' contacts.
// Cases purged by retention no longer hold their identifiers.
func (s *Service) Seen(ctx context.Context, identifier string) (Seen, error) {
	keys := app.IdentifierKeys(identifier)
	if len(keys) == 0 {
		return Seen{}, app.Errorf(app.EINVALID, "name an identifier: an e-mail address, a phone number, a user name, an account ID, an IP address")
	}
	cases, err := s.Cases(ctx)
	if _, damaged := app.Damaged(err); err != nil && !damaged {
		return Seen{}, err
	}
	out := Seen{Query: identifier, Keys: keys, Cases: []SeenHit{}, Matters: []string{}}
	for _, c := range cases {
		for _, h := range seenIn(c, keys) {
			out.Cases = append(out.Cases, h)
			if !slices.Contains(out.Matters, h.Matter) {
				out.Matters = append(out.Matters, h.Matter)
			}
		}
	}
	slices.SortStableFunc(out.Cases, func(a, b SeenHit) int { return a.ReceivedAt.Compare(b.ReceivedAt) })
	return out, err
}

func seenIn(c *app.Case, keys []app.IdentifierKey) []SeenHit {
	var out []SeenHit
	hit := func(role string, t app.Target) {
		if slices.Contains(keys, t.Key()) {
			out = append(out, SeenHit{Case: c.ID, Matter: c.MatterID(), Role: role, Kind: string(t.Kind), Value: t.Value,
				ProcessType: c.ProcessType(), CaseNumber: c.CaseNumber(), Status: c.Status, ReceivedAt: c.ReceivedAt()})
		}
	}
	for _, t := range c.Targets() {
		hit("target", t)
	}
	if v := c.Value(app.FieldAgentEmail); v != "" {
		hit("contact", app.Target{Kind: app.TargetEmail, Value: v})
	}
	if v := c.Value(app.FieldAgentPhone); v != "" {
		hit("contact", app.Target{Kind: app.TargetPhone, Value: v})
	}
	return out
}

// Purge applies retention at now: it lists what would go (dryRun) or
// removes it, case by case, each in one step recorded in the audit trail,
// then compacts the store, and returns the steps. The decision record, the
// SHA-256 of every memo and letter and the history stay (app.PurgeSteps
// says exactly what goes at each stage).
func (s *Service) Purge(ctx context.Context, dryRun bool, by string) ([]app.PurgeStep, error) {
	ms, err := s.MatterSettings(ctx)
	if err != nil {
		return nil, err
	}
	if ms.Retention.ContentDays == 0 && ms.Retention.RecordDays == 0 {
		return nil, app.Errorf(app.EINVALID, "no retention period is set, so nothing is ever purged: set one with settings --retain-content-days N (and --retain-record-days M)")
	}
	// A damaged record is left as it is (and named by the error returned);
	// the others are purged.
	cases, damaged := s.store.Cases(ctx)
	if _, ok := app.Damaged(damaged); damaged != nil && !ok {
		return nil, damaged
	}
	now := s.now()
	steps := app.PurgeSteps(app.Matters(cases, ms.Clocks, now), ms.Retention, now)
	if dryRun {
		return steps, damaged
	}
	store, err := s.matterStore()
	if err != nil {
		return nil, err
	}
	for i, st := range steps {
		var files []string
		got, err := s.changeWith(ctx, st.Case, func(c *app.Case) (bool, error) {
			if st.Stage == app.PurgeRecord {
				files = c.PurgeRecord(report.Category(c), by, now)
			} else {
				files = c.PurgeContent(report.Category(c), by, now)
			}
			return true, nil
		}, func(ctx context.Context, c *app.Case) error { return store.PurgeCase(ctx, c, files) })
		if err != nil {
			return steps[:i], err
		}
		// The index in memory kept the case's words (a change without
		// pages keeps them): the purge removed the text they came from.
		s.indexed(got, []app.PageText{})
	}
	// bbolt keeps freed pages as they were: the purged values would stay
	// in the file, sealed, until reused. Compaction rewrites it without
	// them.
	if _, ok := s.store.(compactor); ok && len(steps) > 0 {
		if _, _, err := s.Compact(ctx); err != nil {
			return steps, &app.Error{Code: app.ErrorCode(err), Message: "the purge is done, but the database could not be rewritten without the freed pages that still hold what it removed (" + app.ErrorMessage(err) + "): run 'warrantdesk compact'", Err: err}
		}
	}
	return steps, damaged
}
