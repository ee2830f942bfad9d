package storage

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/warrantdesk/warrantdesk/app"
)

// mustOpen opens a database in a temporary folder and closes it when the
// test ends.
func mustOpen(tb testing.TB, dir string) *DB {
	tb.Helper()
	db, err := Open(dir, testOptions(false))
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() { db.Close() })
	return db
}

func newCase(pdf []byte, number string) *app.Case {
	sum := sha256.Sum256(pdf)
	now := time.Date(2025, 6, 9, 10, 0, 0, 0, time.UTC)
	return &app.Case{
		ID:     app.NewCaseID(),
		Status: app.StatusNew,
		Order: app.Order{
			FileName: "order.pdf", SHA256: hex.EncodeToString(sum[:]), Size: int64(len(pdf)), Pages: 1,
			TextSource: app.SourceText,
			Extraction: app.Extraction{
				ProcessType: app.SearchWarrant,
				Fields:      map[string]app.Field{app.FieldCaseNumber: {Value: number, Page: 1, Snippet: "Case No. " + number, Confidence: 0.9}},
				Targets:     []app.Target{{Kind: app.TargetEmail, Value: "a@example.com", Page: 1}},
			},
		},
		CreatedAt: now, UpdatedAt: now,
	}
}

func TestDB_CreateCase_RoundTrip(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	db := mustOpen(t, dir)
	pdf := []byte("%PDF-1.4 original bytes \x00\xff")
	c := newCase(pdf, "2:25-mj-01234")
	pages := []app.PageText{{Number: 1, Text: "Case No. 2:25-mj-01234", Source: app.SourceText}}
	if err := db.CreateCase(ctx, c, pdf, pages); err != nil {
		t.Fatal(err)
	}
	got, err := db.Case(ctx, c.ID)
	if err != nil {
		t.Fatal(err)
	}
	if got.CaseNumber() != "2:25-mj-01234" || got.Order.Extraction.Targets[0].Value != "a@example.com" {
		t.Errorf("round trip changed the case: %+v", got)
	}
	orig, err := db.Original(ctx, c.ID)
	if err != nil || string(orig) != string(pdf) {
		t.Errorf("original changed: %q, %v", orig, err)
	}
	gotPages, err := db.Pages(ctx, c.ID)
	if err != nil || len(gotPages) != 1 || gotPages[0].Text != pages[0].Text {
		t.Errorf("pages changed: %+v, %v", gotPages, err)
	}
}

func TestDB_Open_ReopenKeepsCases(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	db, err := Open(dir, testOptions(false))
	if err != nil {
		t.Fatal(err)
	}
	c := newCase([]byte("pdf one"), "1:25-ec-00077")
	if err := db.CreateCase(ctx, c, []byte("pdf one"), nil); err != nil {
		t.Fatal(err)
	}
	c.Status = app.StatusDecided
	c.Decision = &app.Decision{Outcome: app.Comply, Reviewer: "R. Reviewer", DecidedAt: c.CreatedAt}
	if err := db.UpdateCase(ctx, c); err != nil {
		t.Fatal(err)
	}
	db.Close()

	db2 := mustOpen(t, dir)
	cases, err := db2.Cases(ctx)
	if err != nil || len(cases) != 1 {
		t.Fatalf("after reopen: %d cases, %v", len(cases), err)
	}
	if cases[0].Decision == nil || cases[0].Decision.Outcome != app.Comply {
		t.Errorf("decision lost on reopen: %+v", cases[0].Decision)
	}
}

func TestDB_CreateCase_DuplicateNamesExistingCase(t *testing.T) {
	ctx := context.Background()
	db := mustOpen(t, t.TempDir())
	pdf := []byte("same bytes")
	first := newCase(pdf, "A")
	if err := db.CreateCase(ctx, first, pdf, nil); err != nil {
		t.Fatal(err)
	}
	err := db.CreateCase(ctx, newCase(pdf, "B"), pdf, nil)
	var dup *app.DuplicateError
	if !errors.As(err, &dup) || dup.CaseID != first.ID {
		t.Fatalf("got %v, want a duplicate of %s", err, first.ID)
	}
	if app.ErrorCode(err) != app.ECONFLICT {
		t.Errorf("code %q", app.ErrorCode(err))
	}
	cases, _ := db.Cases(ctx)
	if len(cases) != 1 {
		t.Errorf("%d cases after duplicate import, want 1", len(cases))
	}
}

func TestDB_Open_SecondInstanceIsToldQuickly(t *testing.T) {
	dir := t.TempDir()
	mustOpen(t, dir)
	start := time.Now()
	_, err := Open(dir, testOptions(false))
	if app.ErrorCode(err) != app.ELOCKED {
		t.Fatalf("got %v, want ELOCKED", err)
	}
	if want := "WarrantDesk is already open (database locked)"; len(app.ErrorMessage(err)) < len(want) || app.ErrorMessage(err)[:len(want)] != want {
		t.Errorf("message %q", app.ErrorMessage(err))
	}
	if d := time.Since(start); d > 3*time.Second {
		t.Errorf("took %s to refuse, want under 3 s", d)
	}
}

func TestDB_Open_Permissions(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "data")
	mustOpen(t, dir)
	st, err := os.Stat(dir)
	if err != nil {
		t.Fatal(err)
	}
	if st.Mode().Perm() != 0o700 {
		t.Errorf("folder mode %o, want 700", st.Mode().Perm())
	}
	st, err = os.Stat(filepath.Join(dir, FileName))
	if err != nil {
		t.Fatal(err)
	}
	if st.Mode().Perm() != 0o600 {
		t.Errorf("file mode %o, want 600", st.Mode().Perm())
	}
}

func TestDB_Case_NotFoundAndBadID(t *testing.T) {
	db := mustOpen(t, t.TempDir())
	if _, err := db.Case(context.Background(), app.NewCaseID()); app.ErrorCode(err) != app.ENOTFOUND {
		t.Errorf("missing case: %v", err)
	}
	if _, err := db.Case(context.Background(), "2:25-mj-1"); app.ErrorCode(err) != app.EINVALID {
		t.Errorf("bad id: %v", err)
	}
}

func TestPlainCodec_RejectsUnknownTag(t *testing.T) {
	if _, err := (PlainCodec{}).Open(nil, []byte{0x07, 'x'}); err == nil {
		t.Error("a value sealed by an unknown codec was accepted")
	}
}

func TestDB_SettingsRoundTrip(t *testing.T) {
	dir := t.TempDir()
	db, err := Open(dir, testOptions(false))
	if err != nil {
		t.Fatal(err)
	}
	if s, err := db.Settings(context.Background()); err != nil || len(s.EnterpriseDomains) != 0 {
		t.Fatalf("fresh settings %+v, %v", s, err)
	}
	want := app.Settings{EnterpriseDomains: []string{"acme.com"}, EnterpriseAccounts: []string{"acct-1"}, ProviderNames: []string{"Example Mail Inc."}}
	if err := db.SaveSettings(context.Background(), want); err != nil {
		t.Fatal(err)
	}
	db.Close()
	db, err = Open(dir, testOptions(false))
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	got, err := db.Settings(context.Background())
	if err != nil || !reflect.DeepEqual(got, want) {
		t.Errorf("settings after reopening: %+v, %v", got, err)
	}
}

// UpdateCaseText replaces the case, its pages, its summary and its text
// index at once, with an audit entry; the text index, kept apart from the
// case, is written with the pages and opens only with the store's key.
func TestDB_UpdateCaseTextReplacesBothAndItsIndex(t *testing.T) {
	dir := t.TempDir()
	db, err := Open(dir, testOptions(false))
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	ctx := context.Background()
	c := &app.Case{ID: app.NewCaseID(), Status: app.StatusNew, Order: app.Order{SHA256: strings.Repeat("cd", 32), NeedsOCR: true}}
	if err := db.CreateCase(ctx, c, []byte("%PDF-1.4"), []app.PageText{{Number: 1, Source: app.SourceNone}}); err != nil {
		t.Fatal(err)
	}
	if index, err := db.TextIndex(ctx); err != nil || len(index) != 1 || index[c.ID] != "" {
		t.Fatalf("a case without text: index %q, %v", index, err)
	}
	c.Order.NeedsOCR = false
	c.History = append(c.History, app.Event{Actor: "R. Reviewer", Action: "read by OCR"})
	if err := db.UpdateCaseText(ctx, c, []app.PageText{{Number: 1, Text: "Subscriber records, read by OCR", Source: app.SourceOCR}}); err != nil {
		t.Fatal(err)
	}
	got, _ := db.Case(ctx, c.ID)
	pages, _ := db.Pages(ctx, c.ID)
	if got.Order.NeedsOCR || len(pages) != 1 || pages[0].Text != "Subscriber records, read by OCR" {
		t.Errorf("case %+v, pages %+v", got.Order, pages)
	}
	sums, _ := db.Summaries(ctx)
	if len(sums) != 1 || sums[0].NeedsOCR {
		t.Errorf("summary %+v", sums)
	}
	index, _ := db.TextIndex(ctx)
	if index[c.ID] != " by ocr read records subscriber " {
		t.Errorf("text index %q", index[c.ID])
	}
	var last app.AuditEntry
	db.EachAudit(ctx, func(e app.AuditEntry) error { last = e; return nil })
	if last.Action != "read by OCR" || last.Case != c.ID {
		t.Errorf("audit entry %+v", last)
	}
	if err := db.SaveTextIndex(ctx, c.ID, " again "); err != nil {
		t.Fatal(err)
	}
	if index, _ := db.TextIndex(ctx); index[c.ID] != " again " {
		t.Errorf("saved index %q", index[c.ID])
	}
	if err := db.UpdateCaseText(ctx, &app.Case{ID: app.NewCaseID()}, nil); app.ErrorCode(err) != app.ENOTFOUND {
		t.Errorf("a missing case: %v", err)
	}
	if err := db.SaveTextIndex(ctx, app.NewCaseID(), " x "); app.ErrorCode(err) != app.ENOTFOUND {
		t.Errorf("the index of a missing case: %v", err)
	}
	db.Close()
	raw, err := os.ReadFile(filepath.Join(dir, FileName))
	if err != nil || bytes.Contains(raw, []byte("subscriber")) || bytes.Contains(raw, []byte("again")) {
		t.Errorf("the text index is in the file in the clear (%v)", err)
	}
}
