package storage

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/warrantdesk/warrantdesk/app"
)

func newVault(t *testing.T, dir string) (*DB, string) {
	t.Helper()
	db, err := Open(dir, Options{KDF: &testKDF})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	if db.LockState() != app.StateNew {
		t.Fatalf("an empty folder is %s", db.LockState())
	}
	key, err := db.Create(context.Background(), testPassphrase)
	if err != nil {
		t.Fatal(err)
	}
	return db, key
}

// TestVault_OnlyTheKeyringIsPlaintext: what a new encrypted store keeps in
// plaintext is its format version, the KDF's parameters and salt, the
// wrapped keys and the check value; a case's number, target, text and
// original appear nowhere in the file.
func TestVault_OnlyTheKeyringIsPlaintext(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	db, _ := newVault(t, dir)
	pdf := []byte("%PDF-1.4 CANARY-ORIGINAL-7731")
	c := newCase(pdf, "CANARY-NUMBER-7731")
	c.Order.Extraction.Targets[0].Value = "canary.target.7731@example.com"
	c.Order.FileName = "CANARY-FILE-7731.pdf"
	if err := db.CreateCase(ctx, c, pdf, []app.PageText{{Number: 1, Text: "CANARY-TEXT-7731", Source: app.SourceText}}); err != nil {
		t.Fatal(err)
	}
	if err := db.SaveSettings(ctx, app.Settings{EnterpriseDomains: []string{"canary-domain-7731.example"}}); err != nil {
		t.Fatal(err)
	}
	db.Close()
	raw, err := os.ReadFile(filepath.Join(dir, FileName))
	if err != nil {
		t.Fatal(err)
	}
	if bytes.Contains(bytes.ToLower(raw), []byte("7731")) || bytes.Contains(raw, []byte("example.com")) {
		t.Error("a case value is in the file in plaintext")
	}
	for _, want := range []string{"argon2id", "wrapped_key", "recovery_wrapped_key", "salt", "check", "schema_version"} {
		if !bytes.Contains(raw, []byte(want)) {
			t.Errorf("the plaintext header lacks %s", want)
		}
	}
}

// TestVault_WrongPassphraseSaysSoAndChangesNothing.
func TestVault_WrongPassphraseSaysSoAndChangesNothing(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	db, _ := newVault(t, dir)
	threeCases(t, db)
	db.Close()
	before, _ := os.ReadFile(filepath.Join(dir, FileName))
	db2, err := Open(dir, Options{KDF: &testKDF})
	if err != nil {
		t.Fatal(err)
	}
	defer db2.Close()
	if db2.LockState() != app.StateLocked {
		t.Fatalf("reopened: %s", db2.LockState())
	}
	if _, err := db2.Cases(ctx); app.ErrorCode(err) != app.EPASSPHRASE {
		t.Errorf("a locked store read: %v", err)
	}
	err = db2.Unlock("wrong horse battery")
	if app.ErrorCode(err) != app.EPASSPHRASE || !strings.Contains(app.ErrorMessage(err), "wrong passphrase") || !strings.Contains(app.ErrorMessage(err), "nothing was changed") {
		t.Errorf("wrong passphrase: %v", err)
	}
	if db2.LockState() != app.StateLocked {
		t.Error("a wrong passphrase unlocked the store")
	}
	db2.Close()
	after, _ := os.ReadFile(filepath.Join(dir, FileName))
	if !bytes.Equal(before, after) {
		t.Error("a wrong passphrase changed the file")
	}
}

// TestVault_PassphraseChangeRewrapsOnly: after a change the new passphrase
// opens the store and the old one does not, the values are the same bytes
// (nothing encrypted again), and the recovery key still opens it.
func TestVault_PassphraseChangeRewrapsOnly(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	db, recovery := newVault(t, dir)
	ids := threeCases(t, db)
	sealedBefore := rawValue(t, db, bucketCases, ids[0])
	if err := db.ChangePassphrase("a much newer passphrase"); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(rawValue(t, db, bucketCases, ids[0]), sealedBefore) {
		t.Error("a passphrase change encrypted the values again")
	}
	db.Close()
	db, err := Open(dir, Options{KDF: &testKDF})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if err := db.Unlock(testPassphrase); app.ErrorCode(err) != app.EPASSPHRASE {
		t.Errorf("the old passphrase: %v", err)
	}
	if err := db.Unlock("a much newer passphrase"); err != nil {
		t.Fatal(err)
	}
	db.Lock()
	if _, err := db.Case(ctx, ids[0]); app.ErrorCode(err) != app.EPASSPHRASE {
		t.Errorf("read while locked: %v", err)
	}
	if err := db.UnlockWithRecoveryKey(strings.ToLower(strings.ReplaceAll(recovery, "-", " "))); err != nil {
		t.Fatalf("the recovery key, typed loosely: %v", err)
	}
	if _, err := db.Case(ctx, ids[0]); err != nil {
		t.Errorf("after a recovery unlock: %v", err)
	}
	rep, _ := db.Verify(ctx, nil)
	if !rep.OK() {
		t.Errorf("verify after the change: %+v", rep)
	}
}

// TestVault_RecoveryKeyTypos: a typo is told apart from a wrong key.
func TestVault_RecoveryKeyTypos(t *testing.T) {
	db, recovery := newVault(t, t.TempDir())
	db.Lock()
	typo := []byte(recovery)
	if typo[0] == 'Z' {
		typo[0] = 'Y'
	} else {
		typo[0] = 'Z'
	}
	if err := db.UnlockWithRecoveryKey(string(typo)); !strings.Contains(app.ErrorMessage(err), "typo") {
		t.Errorf("a typo: %v", err)
	}
	other := formatRecovery(randomBytes(32))
	if err := db.UnlockWithRecoveryKey(other); !strings.Contains(app.ErrorMessage(err), "does not open this data folder") {
		t.Errorf("another store's key: %v", err)
	}
	if err := db.UnlockWithRecoveryKey("not a key"); !strings.Contains(app.ErrorMessage(err), "not a recovery key") {
		t.Errorf("garbage: %v", err)
	}
}

// TestVault_ShortPassphraseRefused.
func TestVault_ShortPassphraseRefused(t *testing.T) {
	db, err := Open(t.TempDir(), Options{KDF: &testKDF})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if _, err := db.Create(context.Background(), "short"); app.ErrorCode(err) != app.EPASSPHRASE {
		t.Errorf("a 5-letter passphrase: %v", err)
	}
	if db.LockState() != app.StateNew {
		t.Error("a refused passphrase made a store")
	}
	if _, err := os.Stat(db.Path()); err == nil {
		t.Error("a refused passphrase left a file")
	}
}

// TestVault_ValueMovedToAnotherKeyFailsToOpen: two cases' originals
// swapped are both damaged (the key is bound in as associated data).
func TestVault_ValueMovedToAnotherKeyFailsToOpen(t *testing.T) {
	ctx := context.Background()
	db, _ := newVault(t, t.TempDir())
	ids := threeCases(t, db)
	a, b := rawValue(t, db, bucketOriginals, ids[0]), rawValue(t, db, bucketOriginals, ids[1])
	spoil(t, db, bucketOriginals, ids[0], func([]byte) []byte { return b })
	spoil(t, db, bucketOriginals, ids[1], func([]byte) []byte { return a })
	for _, id := range ids[:2] {
		if _, err := db.Original(ctx, id); app.ErrorCode(err) != app.EDAMAGED {
			t.Errorf("a swapped original opened: %v", err)
		}
	}
	if _, err := db.Original(ctx, ids[2]); err != nil {
		t.Errorf("the third: %v", err)
	}
}

// TestTuneKDF_WithinRFC9106: the tuned parameters are never below RFC
// 9106's second recommendation.
func TestTuneKDF_WithinRFC9106(t *testing.T) {
	if testing.Short() {
		t.Skip("derives a key at full cost")
	}
	p := TuneKDF()
	if p.Time < 3 || p.MemoryKiB < 64*1024 || p.Threads != 4 {
		t.Errorf("tuned %+v", p)
	}
}

// rawValue is a stored value as it is on disk.
func rawValue(t *testing.T, db *DB, bucket []byte, id string) []byte {
	t.Helper()
	var out []byte
	spoil(t, db, bucket, id, func(v []byte) []byte { out = append([]byte{}, v...); return v })
	return out
}
