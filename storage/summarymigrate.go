package storage

import (
	"bytes"
	"fmt"
	"strconv"

	"github.com/warrantdesk/warrantdesk/app"
	bolt "go.etcd.io/bbolt"
)

// keySummariesPending marks, in meta, a move of the summaries to the binary
// form (schema 2 to 3) that has begun and not ended: the next use carries
// it on.
var keySummariesPending = []byte("summaries_pending")

// summaryBatch is how many summaries one transaction of the move rewrites:
// a store of any size moves in bounded memory, and the writer that waits
// on it waits for one batch.
var summaryBatch = 4096

// upgradeSummaries moves a schema-2 store's summaries to the binary form
// in place, a batch a transaction. The first batch sets schema 3 (an older
// WarrantDesk then refuses the store rather than read the new form as
// damaged) and the pending mark; the last removes the mark and records the
// move in the audit trail. A crash between batches leaves a store that
// reads (summaryOf reads both forms) and whose next use finishes the move.
// Each summary is carried over as it was stored: the same fields, so
// nothing a reviewer sees changes.
func (db *DB) upgradeSummaries() error {
	db.life.Lock()
	defer db.life.Unlock()
	if !db.oldSummaries || db.codec == nil {
		return nil
	}
	if db.readOnly {
		// A reader moves the store over holding the folder as a writer,
		// as it does the old layout.
		if err := db.lockFolder(); err != nil {
			return err
		}
		defer func() {
			db.instance.release()
			db.instance = nil
		}()
	}
	write := db.rawUpdate
	if db.readOnly {
		write = db.writeAside
	}
	var after []byte
	for first := true; ; first = false {
		done := false
		err := write("move the case summaries to the new layout", func(tx *bolt.Tx) error {
			meta := tx.Bucket(bucketMeta)
			if first {
				if err := meta.Put(keySchema, []byte(strconv.Itoa(SchemaVersion))); err != nil {
					return err
				}
				if err := meta.Put(keySummariesPending, []byte("1")); err != nil {
					return err
				}
			}
			var err error
			if after, done, err = moveSummaries(tx, db.codec, after); err != nil || !done {
				return err
			}
			if err := meta.Delete(keySummariesPending); err != nil {
				return err
			}
			return appendAudit(tx, db.codec, app.AuditEntry{Actor: "warrantdesk", Action: app.AuditMigrate, Detail: fmt.Sprintf("layout 2 to %d (case summaries)", SchemaVersion)}, nil)
		})
		if err != nil {
			return err
		}
		if done {
			db.oldSummaries = false
			return nil
		}
	}
}

// moveSummaries rewrites in the binary form up to summaryBatch summaries
// after the key after (from the first when nil), and returns the last key
// it reached and whether none are left. A summary already in that form is
// left alone (a move carried on after a crash); one that does not read back
// stays as it is, damaged, for verify to name.
func moveSummaries(tx *bolt.Tx, codec Codec, after []byte) ([]byte, bool, error) {
	b := tx.Bucket(bucketSummaries)
	type moved struct{ key, value []byte }
	var batch []moved
	cur := b.Cursor()
	k, v := cur.First()
	if after != nil {
		if k, v = cur.Seek(after); k != nil && bytes.Equal(k, after) {
			k, v = cur.Next()
		}
	}
	var r summaryReader
	for ; k != nil && len(batch) < summaryBatch; k, v = cur.Next() {
		after = append(after[:0], k...)
		plain, err := codec.Open(valueAD(bucketSummaries, k), v)
		if err != nil || len(plain) == 0 || plain[0] == summaryBinary {
			continue
		}
		s, err := r.summaryOf(plain)
		if err != nil {
			continue
		}
		batch = append(batch, moved{append([]byte{}, k...), encodeSummary(s)})
	}
	// Written after the walk: a cursor is not to be moved over a bucket
	// that changes under it.
	for _, m := range batch {
		if err := putSealed(tx, codec, bucketSummaries, m.key, m.value); err != nil {
			return nil, false, err
		}
	}
	return after, k == nil, nil
}
