package storage

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"strings"

	"github.com/warrantdesk/warrantdesk/app"
	bolt "go.etcd.io/bbolt"
)

// What matters add to the store (docs/storage.md): the files kept with a
// case — correspondence logged, letters written — in their own bucket, and
// the matter settings beside the settings. Both are sealed by the codec
// like every value, copied by every rewrite (migration, encryption,
// compaction, restore), held in backups, replayed by Verify and recorded
// in the audit trail in the transaction that changes them.
//
// case_files is not one of the buckets every schema-2 store must have
// (a store written before matters has none): it is made by a new store's
// layout and on a file's first write, and a store without it holds no
// files.

var (
	bucketFiles       = []byte("case_files")
	keyMatterSettings = []byte("matter_settings")
)

var _ app.MatterStore = (*DB)(nil)

// SaveCaseFile replaces the stored case (and its summary) and stores a
// file with it, with the audit entry naming the file's SHA-256, in one
// transaction.
func (db *DB) SaveCaseFile(ctx context.Context, c *app.Case, fileID string, data []byte) error {
	key, err := idKey(c.ID)
	if err != nil {
		return err
	}
	fkey, err := idKey(fileID)
	if err != nil {
		return err
	}
	record, err := json.Marshal(c)
	if err != nil {
		return err
	}
	return db.update("save the file with the case", func(tx *bolt.Tx, codec Codec) error {
		old, _, err := caseToReplace(tx, codec, key, c.ID)
		if err != nil {
			return err
		}
		files, err := tx.CreateBucketIfNotExists(bucketFiles)
		if err != nil {
			return err
		}
		if files.Get(fkey) != nil {
			return app.Errorf(app.ECONFLICT, "file %s exists already", fileID)
		}
		if err := putSealed(tx, codec, bucketFiles, fkey, data); err != nil {
			return err
		}
		if err := db.putCase(tx, codec, key, c, record); err != nil {
			return err
		}
		e := changeEntry(ctx, old, c)
		sum := sha256.Sum256(data)
		e.Detail = joinDetail(e.Detail, fmt.Sprintf("file %s stored (%d bytes, SHA-256 %s)", fileID, len(data), hex.EncodeToString(sum[:])))
		return appendAudit(tx, codec, e, record)
	})
}

func joinDetail(a, b string) string {
	if a == "" {
		return b
	}
	return a + "; " + b
}

// CaseFile returns a file stored with a case, byte for byte.
func (db *DB) CaseFile(ctx context.Context, fileID string) ([]byte, error) {
	fkey, err := idKey(fileID)
	if err != nil {
		return nil, err
	}
	var out []byte
	err = db.view(func(tx *bolt.Tx, codec Codec) error {
		var v []byte
		if b := tx.Bucket(bucketFiles); b != nil {
			v = b.Get(fkey)
		}
		if v == nil {
			return app.Errorf(app.ENOTFOUND, "no file %s: it was never stored, or retention purged it", fileID)
		}
		var err error
		if out, err = codec.Open(valueAD(bucketFiles, fkey), v); err != nil {
			return &app.Error{Code: app.EDAMAGED, Message: fmt.Sprintf("the stored file %s is damaged and cannot be read (%v): restore the data folder from a backup; 'warrantdesk verify' lists every damaged record", fileID, err), Err: err}
		}
		return nil
	})
	return out, err
}

// PurgeCase stores the purged case and its summary made again from it
// (which so no longer names what was removed), deletes its original, page
// text and the files named, empties its text index (purgeIndexes), and
// appends the purge to the audit trail with what went — in one
// transaction. The
// duplicate index keeps its entry (a keyed hash of the original's
// SHA-256, no content), so the same order imported again is known for what
// it was.
func (db *DB) PurgeCase(ctx context.Context, c *app.Case, files []string) error {
	key, err := idKey(c.ID)
	if err != nil {
		return err
	}
	var fkeys [][]byte
	for _, f := range files {
		k, err := idKey(f)
		if err != nil {
			return err
		}
		fkeys = append(fkeys, k)
	}
	record, err := json.Marshal(c)
	if err != nil {
		return err
	}
	return db.update("purge the case", func(tx *bolt.Tx, codec Codec) error {
		old, _, err := caseToReplace(tx, codec, key, c.ID)
		if err != nil {
			return err
		}
		gone, err := deleteContent(tx, codec, key, fkeys)
		if err != nil {
			return err
		}
		if err := db.putCase(tx, codec, key, c, record); err != nil {
			return err
		}
		e := changeEntry(ctx, old, c)
		if len(gone) > 0 {
			e.Detail = joinDetail(e.Detail, "deleted from the store: "+strings.Join(gone, ", "))
		}
		return appendAudit(tx, codec, e, record)
	})
}

// deleteContent deletes what a purge removes apart from the record — the
// original, the page text, the files, the case's text index and any other
// persisted index — and says what was there.
func deleteContent(tx *bolt.Tx, codec Codec, key []byte, files [][]byte) ([]string, error) {
	var gone []string
	for _, b := range []struct {
		name []byte
		what string
	}{{bucketOriginals, "the original"}, {bucketPages, "the page text"}} {
		if tx.Bucket(b.name).Get(key) != nil {
			gone = append(gone, b.what)
		}
		if err := tx.Bucket(b.name).Delete(key); err != nil {
			return nil, err
		}
	}
	n, err := deleteFiles(tx, files)
	if err != nil {
		return nil, err
	}
	if n > 0 {
		gone = append(gone, fmt.Sprintf("%d file(s) logged with it", n))
	}
	if n, err = purgeIndexes(tx, codec, key); err != nil {
		return nil, err
	}
	if n > 0 {
		gone = append(gone, fmt.Sprintf("%d search index(es) of its text or values", n))
	}
	return gone, nil
}

func deleteFiles(tx *bolt.Tx, keys [][]byte) (int, error) {
	b := tx.Bucket(bucketFiles)
	if b == nil {
		return 0, nil
	}
	n := 0
	for _, k := range keys {
		if b.Get(k) == nil {
			continue
		}
		if err := b.Delete(k); err != nil {
			return n, err
		}
		n++
	}
	return n, nil
}

// purgeIndexes drops every persisted index: derived data that may hold
// the values removed (the search index holds each case's details and the
// words of its text), rebuilt from the summaries at the next launch.
func purgeIndexes(tx *bolt.Tx, _ Codec, _ []byte) (int, error) {
	b := tx.Bucket(bucketIndex)
	var drop [][]byte
	b.ForEach(func(k, _ []byte) error {
		drop = append(drop, bytes.Clone(k))
		return nil
	})
	for _, k := range drop {
		if err := b.Delete(k); err != nil {
			return 0, err
		}
	}
	return len(drop), nil
}

// MatterSettings returns the stored matter settings (empty ones before
// any are saved).
func (db *DB) MatterSettings(ctx context.Context) (app.MatterSettings, error) {
	var s app.MatterSettings
	err := db.readSettings(keyMatterSettings, "matter settings", &s)
	return s, err
}

// SaveMatterSettings replaces the stored matter settings, recording the
// change in the audit trail.
func (db *DB) SaveMatterSettings(ctx context.Context, s app.MatterSettings) error {
	return db.saveSettings(ctx, keyMatterSettings, app.AuditMatterSettings, "matter settings", s)
}

// files checks the files kept with cases: each opens and hashes to
// what its case logged (logged maps a file's key to that, from the
// cases), none is kept that no case logs, and none a case logs (and
// retention has not purged) is missing.
func (v *verifier) files(tx *bolt.Tx, c Codec, logged map[string]loggedFile) {
	b := tx.Bucket(bucketFiles)
	seen := map[string]bool{}
	if b != nil {
		b.ForEach(func(k, val []byte) error {
			id := hex.EncodeToString(k)
			lf, ok := logged[string(k)]
			if !ok {
				v.problem("file %s is stored but no case logs it", id)
				return nil
			}
			seen[string(k)] = true
			data, err := c.Open(valueAD(bucketFiles, k), val)
			if err != nil {
				v.bad(lf.caseID, "file", "%s (%s): %v", lf.name, id, err)
				return nil
			}
			if sum := sha256.Sum256(data); hex.EncodeToString(sum[:]) != lf.sha256 {
				v.bad(lf.caseID, "file", "%s (%s): its SHA-256 no longer matches the one recorded when it was logged", lf.name, id)
			}
			return nil
		})
	}
	for k, lf := range logged {
		if !seen[k] && !lf.purged {
			v.bad(lf.caseID, "file", "%s (%x): missing", lf.name, k)
		}
	}
}

// loggedFile is a file a case's correspondence names.
type loggedFile struct {
	caseID, name, sha256 string
	purged               bool
}

// caseFiles adds the files case cs logs to logged.
func caseFiles(cs *app.Case, logged map[string]loggedFile) {
	for _, it := range cs.Correspondence {
		if k, err := idKey(it.ID); err == nil {
			logged[string(k)] = loggedFile{caseID: cs.ID, name: it.FileName, sha256: it.SHA256, purged: it.Purged}
		}
	}
}
