package storage

import (
	"context"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/warrantdesk/warrantdesk/app"
	bolt "go.etcd.io/bbolt"
)

// writeV1 writes a store as WarrantDesk wrote it before encryption
// (schema 1: plain values, settings in meta, raw SHA-256 keys) with n
// cases, and returns their IDs.
func writeV1(t testing.TB, dir string, n int) []string {
	t.Helper()
	b, err := bolt.Open(filepath.Join(dir, FileName), 0o600, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer b.Close()
	var ids []string
	plain := func(v []byte) []byte { return append([]byte{plainTag}, v...) }
	err = b.Update(func(tx *bolt.Tx) error {
		for _, name := range []string{"meta", "cases", "originals", "pages", "sha256"} {
			if _, err := tx.CreateBucket([]byte(name)); err != nil {
				return err
			}
		}
		meta := tx.Bucket([]byte("meta"))
		meta.Put([]byte("schema_version"), []byte("1"))
		settings, _ := json.Marshal(app.Settings{EnterpriseDomains: []string{"acme.com"}})
		meta.Put([]byte("settings"), plain(settings))
		for i := 0; i < n; i++ {
			pdf := []byte(fmt.Sprintf("%%PDF-1.4 old order %d", i))
			c := newCase(pdf, fmt.Sprintf("1:24-mj-%05d", i))
			id, _ := hex.DecodeString(c.ID)
			sha, _ := hex.DecodeString(c.Order.SHA256)
			record, _ := json.Marshal(c)
			pages, _ := json.Marshal([]app.PageText{{Number: 1, Text: "old text", Source: app.SourceText}})
			tx.Bucket([]byte("cases")).Put(id, plain(record))
			tx.Bucket([]byte("originals")).Put(id, plain(pdf))
			tx.Bucket([]byte("pages")).Put(id, plain(pages))
			tx.Bucket([]byte("sha256")).Put(sha, id)
			ids = append(ids, c.ID)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return ids
}

// TestMigrate_OldPlainStoreEncryptedInOneStep: a store of the old layout
// given a passphrase becomes an encrypted store of the current one in one
// move, every case, original, page and setting kept, each case recorded
// in the trail as held before it, and the old plaintext gone from the
// file.
func TestMigrate_OldPlainStoreEncryptedInOneStep(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	ids := writeV1(t, dir, 5)
	db, err := Open(dir, Options{KDF: &testKDF})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if db.LockState() != app.StatePlain {
		t.Fatalf("old store: %s", db.LockState())
	}
	if _, err := db.Create(context.Background(), testPassphrase); err != nil {
		t.Fatal(err)
	}
	checkMigrated(t, db, ids, true)
	raw, _ := os.ReadFile(filepath.Join(dir, FileName))
	if strings.Contains(string(raw), "old order") || strings.Contains(string(raw), "1:24-mj-") || strings.Contains(string(raw), "acme.com") {
		t.Error("plaintext left in the encrypted file")
	}
	if _, err := os.Stat(filepath.Join(dir, FileName+newSuffix)); err == nil {
		t.Error("the new file was left beside the store")
	}
	// And with a duplicate: the index moved over under its new key.
	c, _ := db.Case(ctx, ids[0])
	pdf, _ := db.Original(ctx, ids[0])
	c2 := *c
	c2.ID = app.NewCaseID()
	if err := db.CreateCase(ctx, &c2, pdf, nil); app.ErrorCode(err) != app.ECONFLICT {
		t.Errorf("the duplicate index did not move over: %v", err)
	}
}

// TestMigrate_OldStoreWithoutPassphraseStaysPlain: used without a
// passphrase, the old layout moves over on the first use and stays plain.
func TestMigrate_OldStoreWithoutPassphraseStaysPlain(t *testing.T) {
	dir := t.TempDir()
	ids := writeV1(t, dir, 3)
	db, err := Open(dir, Options{KDF: &testKDF, ReadOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	checkMigrated(t, db, ids, false)
}

func checkMigrated(t *testing.T, db *DB, ids []string, encrypted bool) {
	t.Helper()
	ctx := context.Background()
	sums, err := db.Summaries(ctx)
	if err != nil || len(sums) != len(ids) {
		t.Fatalf("summaries: %d, %v", len(sums), err)
	}
	for _, id := range ids {
		if c, err := db.Case(ctx, id); err != nil || c.ID != id {
			t.Errorf("case %s: %v", id, err)
		}
		if p, err := db.Pages(ctx, id); err != nil || p[0].Text != "old text" {
			t.Errorf("pages %s: %v", id, err)
		}
	}
	if s, err := db.Settings(ctx); err != nil || len(s.EnterpriseDomains) != 1 {
		t.Errorf("settings: %+v %v", s, err)
	}
	rep, err := db.Verify(ctx, nil)
	if err != nil || !rep.OK() || rep.Encrypted != encrypted || rep.Cases != len(ids) {
		t.Errorf("verify: %+v %v", rep, err)
	}
	var held int
	db.EachAudit(ctx, func(e app.AuditEntry) error {
		if e.Action == app.AuditBeforeTrail {
			held++
		}
		return nil
	})
	if held != len(ids) {
		t.Errorf("%d cases recorded as held before the trail, want %d", held, len(ids))
	}
}

// TestDB_NewerSchemaIsRefused: a store written by a newer WarrantDesk is
// refused with what to do, and not changed.
func TestDB_NewerSchemaIsRefused(t *testing.T) {
	dir := t.TempDir()
	db, _ := newVault(t, dir)
	withBolt(t, db, func(tx *bolt.Tx) error {
		return tx.Bucket(bucketMeta).Put(keySchema, []byte(strconv.Itoa(SchemaVersion+1)))
	})
	db.Close()
	before, _ := os.ReadFile(filepath.Join(dir, FileName))
	for _, ro := range []bool{false, true} {
		_, err := Open(dir, Options{ReadOnly: ro})
		if app.ErrorCode(err) != app.EINVALID || !strings.Contains(app.ErrorMessage(err), "newer WarrantDesk") || !strings.Contains(app.ErrorMessage(err), "update WarrantDesk") {
			t.Errorf("read-only %v: %v", ro, err)
		}
	}
	after, _ := os.ReadFile(filepath.Join(dir, FileName))
	if string(before) != string(after) {
		t.Error("the newer store was changed")
	}
}

// TestMigrate_KilledMidwayLeavesOldOrNewWhole kills a process encrypting
// an old store at moments through the migration: every time, the folder
// holds either the old store, whole and plain, or the new one, whole and
// encrypted; the next open finishes the job.
func TestMigrate_KilledMidwayLeavesOldOrNewWhole(t *testing.T) {
	if os.Getenv("WARRANTDESK_MIGRATE_CHILD") != "" {
		db, err := Open(os.Getenv("WARRANTDESK_MIGRATE_CHILD"), Options{KDF: &testKDF})
		if err != nil {
			os.Exit(3)
		}
		fmt.Println("ready")
		db.Create(context.Background(), testPassphrase)
		os.Exit(0)
	}
	if testing.Short() {
		t.Skip("starts processes")
	}
	exe, _ := os.Executable()
	template := t.TempDir()
	ids := writeV1(t, template, 300)
	old, _ := os.ReadFile(filepath.Join(template, FileName))
	var sawOld, sawNew int
	for i := 0; i < 12; i++ {
		dir := t.TempDir()
		os.WriteFile(filepath.Join(dir, FileName), old, 0o600)
		cmd := exec.Command(exe, "-test.run", "^TestMigrate_KilledMidwayLeavesOldOrNewWhole$")
		cmd.Env = append(os.Environ(), "WARRANTDESK_MIGRATE_CHILD="+dir)
		out, _ := cmd.StdoutPipe()
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		buf := make([]byte, 6)
		out.Read(buf)
		time.Sleep(time.Duration(i*i) * 6 * time.Millisecond) // from at once to past the end
		cmd.Process.Kill()
		cmd.Wait()
		db, err := Open(dir, Options{KDF: &testKDF})
		if err != nil {
			t.Fatalf("kill %d: reopening: %v", i, err)
		}
		switch db.LockState() {
		case app.StatePlain:
			sawOld++
			db.Create(context.Background(), testPassphrase) // the next start finishes the job
		case app.StateLocked:
			sawNew++
			if err := db.Unlock(testPassphrase); err != nil {
				t.Fatal(err)
			}
		default:
			t.Fatalf("kill %d: state %s", i, db.LockState())
		}
		checkMigrated(t, db, ids, true)
		db.Close()
	}
	t.Logf("killed 12 times: the old store whole %d times, the new one %d", sawOld, sawNew)
}
