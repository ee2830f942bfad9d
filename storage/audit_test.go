package storage

import (
	"context"
	"strings"
	"testing"

	"github.com/warrantdesk/warrantdesk/app"
	bolt "go.etcd.io/bbolt"
)

// TestAudit_EveryChangeIsAnEntry: an import, a decision, a draft, the
// settings and an export each append an entry, with who, what, the case
// and the hash of what was stored; the trail verifies.
func TestAudit_EveryChangeIsAnEntry(t *testing.T) {
	ctx := app.WithActor(context.Background(), "R. Reviewer")
	db, _ := newVault(t, t.TempDir())
	ids := threeCases(t, db)
	c, _ := db.Case(ctx, ids[0])
	c.SaveDraft(app.Decision{Outcome: app.Comply}, "R. Reviewer", c.CreatedAt)
	if err := db.UpdateCase(ctx, c); err != nil {
		t.Fatal(err)
	}
	c.Decide(app.Decision{Outcome: app.Reject, Reviewer: "R. Reviewer", DecidedAt: c.CreatedAt})
	if err := db.UpdateCase(ctx, c); err != nil {
		t.Fatal(err)
	}
	if err := db.SaveSettings(ctx, app.Settings{ProviderState: "CA"}); err != nil {
		t.Fatal(err)
	}
	if err := db.Record(ctx, app.AuditEntry{Action: app.AuditMemoExport, Case: ids[0], OutputSHA256: strings.Repeat("ab", 32)}); err != nil {
		t.Fatal(err)
	}
	var got []app.AuditEntry
	db.EachAudit(ctx, func(e app.AuditEntry) error { got = append(got, e); return nil })
	want := []string{app.AuditEncrypt, app.AuditImport, app.AuditImport, app.AuditImport, "review started, draft saved", "decided", app.AuditSettings, app.AuditMemoExport}
	if len(got) != len(want) {
		t.Fatalf("%d entries: %+v", len(got), got)
	}
	for i, e := range got {
		if e.Action != want[i] || e.Seq != int64(i) {
			t.Errorf("entry %d: %+v, want %s", i, e, want[i])
		}
	}
	if got[5].Case != ids[0] || got[5].Actor != "R. Reviewer" || len(got[5].ValueSHA256) != 64 || got[5].Detail != "reject (was none)" {
		t.Errorf("the decision's entry: %+v", got[5])
	}
	rep, err := db.Verify(ctx, nil)
	if err != nil || !rep.OK() || rep.AuditEntries != int64(len(want)) {
		t.Errorf("verify: %+v %v", rep, err)
	}
}

// TestVerify_FindsEveryTampering: each kind of tampering is found, and says
// where.
func TestVerify_FindsEveryTampering(t *testing.T) {
	ctx := context.Background()
	cases := map[string]struct {
		spoil func(t *testing.T, db *DB, ids []string)
		want  string
	}{
		"a flipped byte in an entry": {func(t *testing.T, db *DB, ids []string) {
			spoilKey(t, db, bucketAudit, seqKey(2), func(v []byte) []byte { v[len(v)-5] ^= 1; return v })
		}, "entry 2: it does not decrypt"},
		"an entry deleted": {func(t *testing.T, db *DB, ids []string) {
			deleteKey(t, db, bucketAudit, seqKey(1))
		}, "entries 1 to 1 are missing"},
		"the last entry deleted": {func(t *testing.T, db *DB, ids []string) {
			deleteKey(t, db, bucketAudit, seqKey(3))
		}, "the head says 4 entries, 3 are stored"},
		"two entries swapped": {func(t *testing.T, db *DB, ids []string) {
			swapKeys(t, db, bucketAudit, seqKey(1), seqKey(2))
		}, "entry 1: it does not decrypt"},
		"two cases swapped": {func(t *testing.T, db *DB, ids []string) {
			swapKeys(t, db, bucketCases, key(ids[0]), key(ids[1]))
		}, ids0 + " case: it does not decrypt"},
		"an original edited with the key": {func(t *testing.T, db *DB, ids []string) {
			reseal(t, db, bucketOriginals, ids[1], func(v []byte) []byte { return append(v, '!') })
		}, "original: its SHA-256 no longer matches"},
		"a case rewritten with the key, unrecorded": {func(t *testing.T, db *DB, ids []string) {
			reseal(t, db, bucketCases, ids[2], func(v []byte) []byte {
				return []byte(strings.Replace(string(v), `"status":"new"`, `"status":"decided"`, 1))
			})
		}, "it is not what the audit trail last recorded"},
		"a summary changed with the key": {func(t *testing.T, db *DB, ids []string) {
			gk := groupKey(key(ids[0]))
			spoilKey(t, db, bucketSummaries, gk, func(v []byte) []byte {
				plain, _ := db.codec.Open(valueAD(bucketSummaries, gk), v)
				entries, err := groupEntries(plain)
				if err != nil {
					t.Fatal(err)
				}
				var r summaryReader
				for i, e := range entries {
					if s, err := r.summaryOf(e); err == nil && s.ID == ids[0] {
						s.Status = app.StatusDecided
						entries[i] = encodeSummary(s)
					}
				}
				sealed, _ := db.codec.Seal(valueAD(bucketSummaries, gk), joinEntries(entries))
				return sealed
			})
		}, "summary: it does not match its case"},
		"the search index flipped": {func(t *testing.T, db *DB, ids []string) {
			if err := db.SaveIndex(context.Background(), "search", []byte("derived from the cases")); err != nil {
				t.Fatal(err)
			}
			spoilKey(t, db, bucketIndex, []byte("search"), func(v []byte) []byte { v[len(v)-3] ^= 1; return v })
		}, "the search index does not read back"},
		"an entry rewritten and the trail re-chained with the key": {func(t *testing.T, db *DB, ids []string) {
			rechain(t, db, 1, func(e *app.AuditEntry) { e.Actor = "someone else" })
		}, "not those the head"},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			db, _ := newVault(t, t.TempDir())
			ids := threeCases(t, db)
			head, _ := db.AuditHead(ctx) // as a memo would have printed it
			if rep, err := db.Verify(ctx, &head); err != nil || !rep.OK() {
				t.Fatalf("before: %+v %v", rep, err)
			}
			tc.spoil(t, db, ids)
			rep, err := db.Verify(ctx, &head)
			if err != nil {
				t.Fatal(err)
			}
			text := findings(rep)
			if want := strings.ReplaceAll(tc.want, ids0, ids[0]); rep.OK() || !strings.Contains(text, want) {
				t.Errorf("not found (want %q):\n%s", want, text)
			}
		})
	}
}

const ids0 = "<first case>"

// findings is what a verify found, a line each: "CASE WHAT: REASON", then
// the problems.
func findings(rep app.Integrity) string {
	var lines []string
	for _, d := range rep.Damaged {
		lines = append(lines, d.Case+" "+d.What+": "+d.Reason)
	}
	return strings.Join(append(lines, rep.Problems...), "\n")
}

func key(id string) []byte { k, _ := idKey(id); return k }

func spoilKey(t *testing.T, db *DB, bucket, k []byte, change func([]byte) []byte) {
	t.Helper()
	withBolt(t, db, func(tx *bolt.Tx) error {
		return tx.Bucket(bucket).Put(k, change(append([]byte{}, tx.Bucket(bucket).Get(k)...)))
	})
}

func deleteKey(t *testing.T, db *DB, bucket, k []byte) {
	t.Helper()
	withBolt(t, db, func(tx *bolt.Tx) error { return tx.Bucket(bucket).Delete(k) })
}

func swapKeys(t *testing.T, db *DB, bucket, a, b []byte) {
	t.Helper()
	withBolt(t, db, func(tx *bolt.Tx) error {
		bk := tx.Bucket(bucket)
		va, vb := append([]byte{}, bk.Get(a)...), append([]byte{}, bk.Get(b)...)
		if err := bk.Put(a, vb); err != nil {
			return err
		}
		return bk.Put(b, va)
	})
}

// rechain rewrites entry n and everything after it as someone holding the
// key would: every entry re-chained, the tree and the head rebuilt.
func rechain(t *testing.T, db *DB, n int64, change func(e *app.AuditEntry)) {
	t.Helper()
	withBolt(t, db, func(tx *bolt.Tx) error {
		var entries []app.AuditEntry
		tx.Bucket(bucketAudit).ForEach(func(k, v []byte) error {
			e, _, err := openEntry(db.codec, k, v)
			entries = append(entries, e)
			return err
		})
		for _, b := range [][]byte{bucketAudit, bucketAuditTree, bucketAuditHead} {
			tx.DeleteBucket(b)
			tx.CreateBucket(b)
		}
		for _, e := range entries {
			if e.Seq == n {
				change(&e)
			}
			if err := appendAudit(tx, db.codec, e, nil); err != nil {
				return err
			}
		}
		return nil
	})
}

func withBolt(t testing.TB, db *DB, fn func(tx *bolt.Tx) error) {
	t.Helper()
	b, release, err := db.acquire()
	if err != nil {
		t.Fatal(err)
	}
	defer release()
	if err := b.Update(fn); err != nil {
		t.Fatal(err)
	}
}

// TestVerify_PlainStoreChainToo: a store without a passphrase keeps the
// same chain, and a changed entry is found.
func TestVerify_PlainStoreChainToo(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	writeV1(t, dir, 2)
	db, err := Open(dir, Options{KDF: &testKDF})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if rep, err := db.Verify(ctx, nil); err != nil || !rep.OK() || rep.Encrypted || rep.AuditEntries != 3 {
		t.Fatalf("migrated plain store: %+v %v", rep, err)
	}
	spoilKey(t, db, bucketAudit, seqKey(0), func(v []byte) []byte {
		return []byte(strings.Replace(string(v), `"actor":"warrantdesk"`, `"actor":"mallory"`, 1))
	})
	if rep, _ := db.Verify(ctx, nil); rep.OK() {
		t.Errorf("an edited plain entry passed: %+v", rep)
	}
}
