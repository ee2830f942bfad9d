package storage

import (
	"context"
	"testing"

	"github.com/warrantdesk/warrantdesk/app"
)

func TestDB_SaveCaseFile_StoresTheFileWithTheCase(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	db := mustOpen(t, dir)
	pdf := []byte("%PDF-1.4 the order")
	c := newCase(pdf, "1:26-mj-7")
	if err := db.CreateCase(ctx, c, pdf, nil); err != nil {
		t.Fatal(err)
	}
	if _, err := db.CaseFile(ctx, app.NewCaseID()); app.ErrorCode(err) != app.ENOTFOUND {
		t.Errorf("a file before any was stored: %v", err)
	}
	file := app.NewCaseID()
	c.Correspondence = []app.Correspondence{{ID: file, FileName: "answer.eml"}}
	mail := []byte("Subject: answer\r\n\r\nthe first account\x00\xff")
	if err := db.SaveCaseFile(ctx, c, file, mail); err != nil {
		t.Fatal(err)
	}
	if err := db.SaveCaseFile(ctx, c, file, mail); app.ErrorCode(err) != app.ECONFLICT {
		t.Errorf("the same file ID twice: %v", err)
	}
	other := newCase([]byte("never stored"), "x")
	if err := db.SaveCaseFile(ctx, other, app.NewCaseID(), mail); app.ErrorCode(err) != app.ENOTFOUND {
		t.Errorf("a file for a case not stored: %v", err)
	}
	db.Close()
	db = mustOpen(t, dir)
	got, err := db.CaseFile(ctx, file)
	if err != nil || string(got) != string(mail) {
		t.Fatalf("after reopening: %q %v", got, err)
	}
	stored, _ := db.Case(ctx, c.ID)
	if len(stored.Correspondence) != 1 || stored.Correspondence[0].FileName != "answer.eml" {
		t.Errorf("the case was not stored with its file: %+v", stored.Correspondence)
	}
}

func TestDB_PurgeCase_RemovesTheBulkKeepsTheRecord(t *testing.T) {
	ctx := context.Background()
	db := mustOpen(t, t.TempDir())
	pdf := []byte("%PDF-1.4 purge me")
	c := newCase(pdf, "1:26-mj-8")
	pages := []app.PageText{{Number: 1, Text: "Case No. 1:26-mj-8 for a@example.com", Source: app.SourceText}}
	if err := db.CreateCase(ctx, c, pdf, pages); err != nil {
		t.Fatal(err)
	}
	file := app.NewCaseID()
	db.SaveCaseFile(ctx, c, file, []byte("mail"))
	c.Order.Extraction.Targets = nil
	if err := db.PurgeCase(ctx, c, []string{file}); err != nil {
		t.Fatal(err)
	}
	for name, err := range map[string]error{
		"original": func() error { _, err := db.Original(ctx, c.ID); return err }(),
		"pages":    func() error { _, err := db.Pages(ctx, c.ID); return err }(),
		"file":     func() error { _, err := db.CaseFile(ctx, file); return err }(),
	} {
		if app.ErrorCode(err) != app.ENOTFOUND {
			t.Errorf("the %s is still there: %v", name, err)
		}
	}
	stored, err := db.Case(ctx, c.ID)
	if err != nil || len(stored.Order.Extraction.Targets) != 0 || stored.CaseNumber() != "1:26-mj-8" {
		t.Errorf("the record: %+v %v", stored, err)
	}
	// The same order again is known for what it was.
	again := newCase(pdf, "1:26-mj-8")
	if err := db.CreateCase(ctx, again, pdf, pages); app.ErrorCode(err) != app.ECONFLICT {
		t.Errorf("re-importing a purged order: %v", err)
	}
	if err := db.PurgeCase(ctx, newCase([]byte("none"), "y"), nil); app.ErrorCode(err) != app.ENOTFOUND {
		t.Errorf("purging a case not stored: %v", err)
	}
}

func TestDB_MatterSettings_RoundTrip(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	db := mustOpen(t, dir)
	if s, err := db.MatterSettings(ctx); err != nil || s.Retention.ContentDays != 0 {
		t.Fatalf("before any: %+v %v", s, err)
	}
	want := app.MatterSettings{Clocks: app.ClockSettings{EmergencyHours: 2}, Retention: app.RetentionSettings{ContentDays: 45, RecordDays: 3650},
		Sender: app.LetterSender{Organisation: "Example Mail Inc."}, LegalContacts: []app.LegalContact{{Customer: "Acme", Domains: []string{"acme.com"}}}}
	if err := db.SaveMatterSettings(ctx, want); err != nil {
		t.Fatal(err)
	}
	db.Close()
	db = mustOpen(t, dir)
	got, err := db.MatterSettings(ctx)
	if err != nil || got.Clocks.EmergencyHours != 2 || got.Retention.RecordDays != 3650 || got.Sender.Organisation != "Example Mail Inc." || got.LegalContacts[0].Domains[0] != "acme.com" {
		t.Errorf("after reopening: %+v %v", got, err)
	}
	if s, _ := db.Settings(ctx); len(s.EnterpriseDomains) != 0 {
		t.Errorf("the matter settings leaked into the settings: %+v", s)
	}
}
