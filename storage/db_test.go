package storage

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"os"
	"path/filepath"
	"reflect"
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
