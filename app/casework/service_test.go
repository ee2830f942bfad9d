package casework

import (
	"context"
	"encoding/csv"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/warrantdesk/warrantdesk/app"
	"github.com/warrantdesk/warrantdesk/app/extract"
	"github.com/warrantdesk/warrantdesk/app/intake"
	"github.com/warrantdesk/warrantdesk/app/memo"
	"github.com/warrantdesk/warrantdesk/app/pdftext"
	"github.com/warrantdesk/warrantdesk/app/sampleorders"
	"github.com/warrantdesk/warrantdesk/assets"
	"github.com/warrantdesk/warrantdesk/storage"
)

var now = time.Date(2026, 3, 2, 10, 30, 0, 0, time.UTC)

// inProcess reads PDFs in this process: the tests' orders are generated,
// not hostile, and the worker binary is main's.
type inProcess struct{}

// testStore opens a store under a passphrase, deriving its key cheaply.
var testStore = storage.Options{Passphrase: "test passphrase", KDF: &storage.KDFParams{Time: 1, MemoryKiB: 1024, Threads: 1}}

func (inProcess) ReadText(_ context.Context, pdf []byte) (*app.Document, error) {
	return pdftext.ReadPages(pdf)
}

// counting counts the writes that reach the store.
type counting struct {
	app.Store
	updates   int
	unindexed map[string]bool
}

func (c *counting) UpdateCase(ctx context.Context, k *app.Case) error {
	c.updates++
	return c.Store.UpdateCase(ctx, k)
}

// TextIndex leaves out the cases stored "before the index existed"
// (unindexed) until their index is saved.
func (c *counting) TextIndex(ctx context.Context) (map[string]string, error) {
	index, err := c.Store.TextIndex(ctx)
	for id := range c.unindexed {
		delete(index, id)
	}
	return index, err
}

func (c *counting) SaveTextIndex(ctx context.Context, id, words string) error {
	delete(c.unindexed, id)
	return c.Store.SaveTextIndex(ctx, id, words)
}

// newService opens a real store in a temporary folder, with an importer of
// real parts, and imports n generated orders.
func newService(t *testing.T, n int) (*Service, *counting, []string) {
	t.Helper()
	db, err := storage.Open(t.TempDir(), testStore)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	store := &counting{Store: db}
	im := &intake.Importer{Reader: inProcess{}, Extractor: extract.New(), Now: func() time.Time { return now }}
	s := New(Params{Store: store, Importer: im, MemoTemplate: assets.MemoTemplate,
		MemoFonts: memoFonts(), Now: func() time.Time { return now }})
	orders, err := sampleorders.Generate(3, n)
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	var ids []string
	for _, o := range orders {
		f := filepath.Join(dir, o.Name+".pdf")
		os.WriteFile(f, o.PDF, 0o600)
		for _, out := range s.Import(context.Background(), []string{f}, ImportOptions{}, nil) {
			if out.Err != nil || len(out.Created()) != 1 {
				t.Fatalf("import %s: %+v", o.Name, out)
			}
			ids = append(ids, out.CaseIDs...)
		}
	}
	return s, store, ids
}

func TestService_ImportReportsNewCasesAndDuplicates(t *testing.T) {
	s, _, ids := newService(t, 1)
	c, err := s.Case(context.Background(), ids[0])
	if err != nil || c.Order.ImportedAt != now {
		t.Fatalf("the imported case: %v %v", c, err)
	}
	orig, _ := s.Original(context.Background(), ids[0])
	f := filepath.Join(t.TempDir(), "again.pdf")
	os.WriteFile(f, orig, 0o600)
	var progress int
	out := s.Import(context.Background(), []string{f, filepath.Join(t.TempDir(), "missing.pdf")}, ImportOptions{}, func(done, total int, _ app.ImportOutcome) {
		progress = done
		if total != 2 {
			t.Errorf("total %d", total)
		}
	})
	if progress != 2 || len(out) != 2 {
		t.Fatalf("%d outcomes, progress %d", len(out), progress)
	}
	for _, o := range out {
		switch filepath.Base(o.File) {
		case "again.pdf":
			if !o.Duplicate || o.CaseIDs[0] != ids[0] || o.Created() != nil {
				t.Errorf("the same bytes again: %+v", o)
			}
		default:
			if app.ErrorCode(o.Err) != app.EINVALID {
				t.Errorf("a missing file: %+v", o)
			}
		}
	}
	if out := New(Params{Store: s.store}).Import(context.Background(), []string{f}, ImportOptions{}, nil); out[0].Err == nil {
		t.Error("a service without an importer imported")
	}
}

func TestService_DecideValidatesStampsAndStores(t *testing.T) {
	s, store, ids := newService(t, 1)
	ctx := context.Background()
	if _, err := s.Decide(ctx, ids[0], app.Decision{Reviewer: "R"}); !errors.Is(err, app.ErrNoOutcome) || store.updates != 0 {
		t.Fatalf("a decision without an outcome: %v, %d writes", err, store.updates)
	}
	c, err := s.Decide(ctx, ids[0], app.Decision{Outcome: app.Reject, Reviewer: "R. Reviewer", DecidedAt: time.Unix(0, 0)})
	if err != nil || c.Status != app.StatusDecided || !c.Decision.DecidedAt.Equal(now) {
		t.Fatalf("decide: %+v %v", c, err)
	}
	stored, _ := s.Case(ctx, ids[0])
	if stored.Decision == nil || stored.Decision.Outcome != app.Reject || stored.History[len(stored.History)-1].Action != "decided" {
		t.Errorf("not stored: %+v", stored)
	}
	if _, err := s.Decide(ctx, "0123456789abcdef0123456789abcdef", app.Decision{Outcome: app.Reject, Reviewer: "R"}); app.ErrorCode(err) != app.ENOTFOUND {
		t.Errorf("deciding a missing case: %v", err)
	}
}

func TestService_CorrectAndDraft(t *testing.T) {
	s, store, ids := newService(t, 1)
	ctx := context.Background()
	c, _ := s.Case(ctx, ids[0])
	number := c.CaseNumber()
	if _, err := s.Correct(ctx, ids[0], app.Edit{Field: app.FieldCaseNumber, Value: number}, "R"); err != nil || store.updates != 0 {
		t.Fatalf("a correction to the same value: %v, %d writes", err, store.updates)
	}
	if _, err := s.Correct(ctx, ids[0], app.Edit{Field: app.FieldDeadline, Value: "next Friday"}, "R"); app.ErrorCode(err) != app.EINVALID || store.updates != 0 {
		t.Fatalf("a date that is not one: %v, %d writes", err, store.updates)
	}
	c, err := s.Correct(ctx, ids[0], app.Edit{Field: app.FieldCaseNumber, Value: "1:26-mj-00099"}, "R")
	if err != nil || c.CaseNumber() != "1:26-mj-00099" || c.Corrections[app.FieldCaseNumber].Extracted != number || store.updates != 1 {
		t.Fatalf("correct: %+v %v", c.Corrections, err)
	}
	c, err = s.SaveDraft(ctx, ids[0], app.Decision{Outcome: app.Clarify, Note: "ask"}, "R")
	if err != nil || c.Draft == nil || c.Draft.Note != "ask" || c.Status != app.StatusInReview {
		t.Errorf("draft: %+v %v", c, err)
	}
	if found, err := s.Find(ctx, "1:26-MJ-00099"); err != nil || found.ID != ids[0] {
		t.Errorf("find by the corrected number: %v", err)
	}
}

func TestService_SettingsNormalisedOrRefused(t *testing.T) {
	s, _, _ := newService(t, 1)
	ctx := context.Background()
	got, err := s.SaveSettings(ctx, app.Settings{EnterpriseDomains: []string{"@Acme.COM ", "acme.com"}, ProviderState: "ny"})
	if err != nil || len(got.EnterpriseDomains) != 1 || got.EnterpriseDomains[0] != "acme.com" || got.ProviderState != "NY" {
		t.Fatalf("saved %+v %v", got, err)
	}
	if _, err := s.SaveSettings(ctx, app.Settings{ProviderState: "XX"}); !errors.Is(err, app.ErrProviderState) {
		t.Errorf("a state that is none: %v", err)
	}
	stored, _ := s.Settings(ctx)
	if stored.ProviderState != "NY" {
		t.Errorf("a refused change was stored: %+v", stored)
	}
}

// tampered returns a changed original for every case.
type tampered struct{ app.Store }

func (t tampered) Original(ctx context.Context, id string) ([]byte, error) {
	b, err := t.Store.Original(ctx, id)
	return append(b, ' '), err
}

func TestService_MemosLogAndStats(t *testing.T) {
	s, _, ids := newService(t, 3)
	ctx := context.Background()
	dir := t.TempDir()
	if err := s.ExportMemo(ctx, ids[0], filepath.Join(dir, "memo.md"), "", false); app.ErrorCode(err) != app.EINVALID {
		t.Errorf("memo of an undecided case: %v", err)
	}
	for _, id := range ids[:2] {
		if _, err := s.Decide(ctx, id, app.Decision{Outcome: app.Comply, Reviewer: "R"}); err != nil {
			t.Fatal(err)
		}
	}
	if err := s.ExportMemo(ctx, ids[0], filepath.Join(dir, "memo.md"), "", false); err != nil {
		t.Fatal(err)
	}
	if b, _ := os.ReadFile(filepath.Join(dir, "memo.md")); !strings.Contains(string(b), "# Decision memo:") {
		t.Errorf("memo:\n%s", b)
	}
	if err := s.ExportMemo(ctx, ids[0], filepath.Join(dir, "memo.txt"), "", false); app.ErrorCode(err) != app.EINVALID {
		t.Errorf("a memo as .txt: %v", err)
	}
	var failed []string
	n, err := s.ExportMemos(ctx, filepath.Join(dir, "all"), "docx", now, now, false, func(c *app.Case, err error) { failed = append(failed, c.ID) })
	entries, _ := os.ReadDir(filepath.Join(dir, "all"))
	if err != nil || n != 2 || len(failed) != 0 || len(entries) != 2 || !strings.HasPrefix(entries[0].Name(), "2026-03-02-") {
		t.Errorf("memos of the day: %d, %v, failed %v, files %v", n, err, failed, entries)
	}
	// A changed original: refused, and nothing written.
	bad := New(Params{Store: tampered{s.store}, MemoTemplate: assets.MemoTemplate, Now: s.now})
	if err := bad.ExportMemo(ctx, ids[0], filepath.Join(dir, "tampered.md"), "", false); err == nil || !strings.Contains(err.Error(), "no longer matches the SHA-256") {
		t.Errorf("memo of a changed original: %v", err)
	}
	if _, err := os.Stat(filepath.Join(dir, "tampered.md")); err == nil {
		t.Error("a memo was written for a changed original")
	}

	rows, err := s.ExportLog(ctx, filepath.Join(dir, "log.csv"), "", false)
	f, _ := os.Open(filepath.Join(dir, "log.csv"))
	recs, cerr := csv.NewReader(f).ReadAll()
	f.Close()
	if err != nil || cerr != nil || rows != 3 || len(recs) != 4 {
		t.Fatalf("log: %d rows, %v %v", rows, err, cerr)
	}
	if _, err := s.ExportLog(ctx, filepath.Join(dir, "log.xlsx"), "", false); app.ErrorCode(err) != app.EINVALID {
		t.Errorf("a log as .xlsx: %v", err)
	}
	st, err := s.Stats(ctx, time.Time{}, time.Time{})
	if err != nil || st.Decided != 2 || st.Open != 1 {
		t.Errorf("stats %+v %v", st, err)
	}
}

func memoFonts() memo.Fonts {
	return memo.Fonts{Regular: assets.FontRegular, Bold: assets.FontBold, Fallback: assets.FontFallback}
}
