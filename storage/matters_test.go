package storage

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/warrantdesk/warrantdesk/app"
	bolt "go.etcd.io/bbolt"
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

// logFile logs a file on case c as the service does: the item on the case,
// stored with its file.
func logFile(t *testing.T, db *DB, c *app.Case, name string, data []byte) string {
	t.Helper()
	sum := sha256.Sum256(data)
	at := c.CreatedAt.Add(time.Hour)
	it := app.Correspondence{ID: app.NewCaseID(), Direction: app.DirectionIn, Kind: app.KindEmail, FileName: name,
		SHA256: hex.EncodeToString(sum[:]), Size: int64(len(data)), Date: at, AddedBy: "R. Reviewer", AddedAt: at}
	if err := c.AddCorrespondence(it); err != nil {
		t.Fatal(err)
	}
	if err := db.SaveCaseFile(context.Background(), c, it.ID, data); err != nil {
		t.Fatal(err)
	}
	return it.ID
}

// TestMatters_SealedRecordedAndVerified: a file logged with a case and the
// matter settings are sealed like every value (no canary in the file),
// each is one audit entry naming what it stored, verify passes, and finds
// a file changed, removed or added behind WarrantDesk's back.
func TestMatters_SealedRecordedAndVerified(t *testing.T) {
	ctx := app.WithActor(context.Background(), "R. Reviewer")
	dir := t.TempDir()
	db, _ := newVault(t, dir)
	pdf := []byte("%PDF-1.4 an order")
	c := newCase(pdf, "1:26-mj-9")
	if err := db.CreateCase(ctx, c, pdf, nil); err != nil {
		t.Fatal(err)
	}
	file := logFile(t, db, c, "CANARY-NAME-5512.eml", []byte("Subject: CANARY-MAIL-5512\r\n\r\nbody"))
	if err := db.SaveMatterSettings(ctx, app.MatterSettings{Sender: app.LetterSender{Organisation: "CANARY-ORG-5512"}}); err != nil {
		t.Fatal(err)
	}
	var got []app.AuditEntry
	db.EachAudit(ctx, func(e app.AuditEntry) error { got = append(got, e); return nil })
	if n := len(got); n != 4 || got[2].Case != c.ID || !strings.Contains(got[2].Detail, "file "+file+" stored") || got[2].ValueSHA256 == "" ||
		got[3].Action != app.AuditMatterSettings || got[3].ValueSHA256 == "" {
		t.Errorf("the entries: %+v", got)
	}
	if rep, err := db.Verify(ctx, nil); err != nil || !rep.OK() {
		t.Fatalf("verify: %s %v", findings(rep), err)
	}
	db.Close()
	raw, err := os.ReadFile(filepath.Join(dir, FileName))
	if err != nil {
		t.Fatal(err)
	}
	if bytes.Contains(raw, []byte("5512")) {
		t.Error("a file or a matter setting is in the database file in plaintext")
	}

	spoils := map[string]struct {
		spoil func(db *DB)
		want  string
	}{
		"a file changed with the key": {func(db *DB) {
			reseal(t, db, bucketFiles, file, func(v []byte) []byte { return append(v, '!') })
		}, c.ID + " file: CANARY-NAME-5512.eml (" + file + "): its SHA-256 no longer matches"},
		"a file removed": {func(db *DB) { deleteKey(t, db, bucketFiles, key(file)) }, c.ID + " file: CANARY-NAME-5512.eml (" + file + "): missing"},
		"a file no case logs": {func(db *DB) {
			other := app.NewCaseID()
			withBolt(t, db, func(tx *bolt.Tx) error { return putSealed(tx, db.codec, bucketFiles, key(other), []byte("x")) })
		}, "is stored but no case logs it"},
		"the matter settings changed with the key": {func(db *DB) {
			withBolt(t, db, func(tx *bolt.Tx) error {
				return putSealed(tx, db.codec, bucketSettings, keyMatterSettings, []byte(`{"retention":{"content_days":1}}`))
			})
		}, "the matter settings are not those the audit trail last recorded"},
	}
	for name, tc := range spoils {
		t.Run(name, func(t *testing.T) {
			d := t.TempDir()
			copyFile(t, filepath.Join(dir, FileName), filepath.Join(d, FileName))
			db, err := Open(d, testOptions(false))
			if err != nil {
				t.Fatal(err)
			}
			defer db.Close()
			tc.spoil(db)
			rep, err := db.Verify(ctx, nil)
			if err != nil {
				t.Fatal(err)
			}
			if text := findings(rep); rep.OK() || !strings.Contains(text, tc.want) {
				t.Errorf("not found (want %q):\n%s", tc.want, text)
			}
		})
	}
}

func copyFile(t *testing.T, from, to string) {
	t.Helper()
	data, err := os.ReadFile(from)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(to, data, 0o600); err != nil {
		t.Fatal(err)
	}
}

// TestMatters_PurgeRemovesWhatIsKeptApartAndIsRecorded: a purge deletes
// the original, the page text, the files and any persisted index, makes
// the summary again from the purged case (so it no longer names the
// target), is one audit entry saying what went, and the store verifies.
func TestMatters_PurgeRemovesWhatIsKeptApartAndIsRecorded(t *testing.T) {
	ctx := app.WithActor(context.Background(), "R. Reviewer")
	db, _ := newVault(t, t.TempDir())
	pdf := []byte("%PDF-1.4 to purge")
	c := newCase(pdf, "1:26-mj-10")
	if err := db.CreateCase(ctx, c, pdf, []app.PageText{{Number: 1, Text: "a@example.com", Source: app.SourceText}}); err != nil {
		t.Fatal(err)
	}
	file := logFile(t, db, c, "answer.eml", []byte("mail"))
	if err := db.SaveIndex(ctx, "search", []byte("a@example.com")); err != nil {
		t.Fatal(err)
	}
	other := newCase([]byte("%PDF-1.4 another"), "1:26-mj-12")
	if err := db.CreateCase(ctx, other, []byte("%PDF-1.4 another"), []app.PageText{{Number: 1, Text: "kept words", Source: app.SourceText}}); err != nil {
		t.Fatal(err)
	}
	files := c.PurgeContent("content", "R. Reviewer", c.CreatedAt.AddDate(0, 2, 0))
	if err := db.PurgeCase(ctx, c, files); err != nil {
		t.Fatal(err)
	}
	if idx, err := db.LoadIndex(ctx, "search"); err != nil || idx != nil {
		t.Errorf("the index is still there: %q %v", idx, err)
	}
	if _, err := db.CaseFile(ctx, file); app.ErrorCode(err) != app.ENOTFOUND {
		t.Errorf("the file: %v", err)
	}
	sums, err := db.Summaries(ctx)
	if err != nil || len(sums) != 2 {
		t.Fatal(sums, err)
	}
	i := slices.IndexFunc(sums, func(s app.Summary) bool { return s.ID == c.ID })
	if b, _ := json.Marshal(sums[i]); bytes.Contains(b, []byte("a@example.com")) || bytes.Contains(b, []byte("order.pdf")) {
		t.Errorf("the summary still names what was purged: %s", b)
	}
	var last app.AuditEntry
	db.EachAudit(ctx, func(e app.AuditEntry) error { last = e; return nil })
	if last.Case != c.ID || last.Action != "purged" || !strings.Contains(last.Detail, "deleted from the store: the original, the page text, 1 file(s) logged with it, 1 search index(es) of its text or values") {
		t.Errorf("the purge's entry: %+v", last)
	}
	if rep, err := db.Verify(ctx, nil); err != nil || !rep.OK() {
		t.Errorf("verify after the purge: %s %v", findings(rep), err)
	}
}

// TestMatters_CarriedByEveryRewrite: files and matter settings written by
// the first matters layout (schema 1, in meta) are carried by the
// migration, the encryption, a compaction, a backup and its restore; a schema-2 store without the files bucket verifies and
// takes a file.
func TestMatters_CarriedByEveryRewrite(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	writeV1(t, dir, 1)
	fileID := app.NewCaseID()
	func() {
		b, err := bolt.Open(filepath.Join(dir, FileName), 0o600, nil)
		if err != nil {
			t.Fatal(err)
		}
		defer b.Close()
		b.Update(func(tx *bolt.Tx) error {
			files, _ := tx.CreateBucket(bucketFiles)
			files.Put(key(fileID), append([]byte{plainTag}, "the mail"...))
			ms, _ := json.Marshal(app.MatterSettings{Retention: app.RetentionSettings{ContentDays: 45}})
			return tx.Bucket(bucketMeta).Put(keyMatterSettings, append([]byte{plainTag}, ms...))
		})
	}()
	db, err := Open(dir, testOptions(false))
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	check := func(what string, db *DB) {
		t.Helper()
		if f, err := db.CaseFile(ctx, fileID); err != nil || string(f) != "the mail" {
			t.Errorf("%s: the file: %q %v", what, f, err)
		}
		if ms, err := db.MatterSettings(ctx); err != nil || ms.Retention.ContentDays != 45 {
			t.Errorf("%s: the matter settings: %+v %v", what, ms, err)
		}
	}
	check("migrated", db)
	if _, err := db.Create(ctx, testPassphrase); err != nil || !db.Encrypted() {
		t.Fatalf("not encrypted: %v", err)
	}
	check("encrypted", db)
	if _, _, err := db.Compact(ctx); err != nil {
		t.Fatal(err)
	}
	check("compacted", db)
	var buf bytes.Buffer
	if _, err := db.Backup(ctx, &buf, "test"); err != nil {
		t.Fatal(err)
	}
	to, err := Open(t.TempDir(), Options{KDF: &testKDF})
	if err != nil {
		t.Fatal(err)
	}
	defer to.Close()
	if err := to.Restore(&buf); err != nil {
		t.Fatal(err)
	}
	if err := to.Unlock(testPassphrase); err != nil {
		t.Fatal(err)
	}
	check("restored", to)

	// A schema-2 store written before matters: no case_files bucket.
	old, _ := newVault(t, t.TempDir())
	withBolt(t, old, func(tx *bolt.Tx) error { return tx.DeleteBucket(bucketFiles) })
	if rep, err := old.Verify(ctx, nil); err != nil || !rep.OK() {
		t.Fatalf("a store without files: %s %v", findings(rep), err)
	}
	pdf := []byte("%PDF-1.4 later")
	c := newCase(pdf, "1:26-mj-11")
	if err := old.CreateCase(ctx, c, pdf, nil); err != nil {
		t.Fatal(err)
	}
	logFile(t, old, c, "note.txt", []byte("a note"))
	if rep, err := old.Verify(ctx, nil); err != nil || !rep.OK() {
		t.Errorf("after its first file: %s %v", findings(rep), err)
	}
}
