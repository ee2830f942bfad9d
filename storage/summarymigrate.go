package storage

import (
	"encoding/hex"
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
	write, release, err := db.writerForMove()
	if err != nil || write == nil {
		return err
	}
	defer release()
	group := 0
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
			if group, done, err = moveSummaries(tx, db.codec, group); err != nil || !done {
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

// writerForMove is how the move writes: a writer's own transactions, or a
// reader's writes aside while it holds the folder as a writer, as it does
// to move the old layout (release gives the folder back). While an older
// desk holds the folder, a reader reads the old form as it is
// (readSummaries reads both) and leaves the move to the next writer: nil.
func (db *DB) writerForMove() (func(string, func(*bolt.Tx) error) error, func(), error) {
	if !db.readOnly {
		return db.rawUpdate, func() {}, nil
	}
	if err := db.lockFolder(); app.ErrorCode(err) == app.ELOCKED {
		db.oldSummaries = false
		return nil, nil, nil
	} else if err != nil {
		return nil, nil, err
	}
	return db.writeAside, func() {
		db.instance.release()
		db.instance = nil
	}, nil
}

// moveSummaries moves the summaries schema 2 kept one a case into their
// groups, whole groups at a time from group from, until about summaryBatch
// have moved; it returns the group to carry on from and whether none are
// left. A group is moved in one transaction (its summaries deleted as it
// is written), so a move carried on after a crash finds each group either
// moved or not. A summary that does not read back stays as it is, damaged,
// for Summaries and verify to name.
func moveSummaries(tx *bolt.Tx, codec Codec, from int) (int, bool, error) {
	b := tx.Bucket(bucketSummaries)
	var r summaryReader
	moved, g := 0, from
	for ; g < 256 && moved < summaryBatch; g++ {
		gk := []byte{byte(g)}
		var keys, entries [][]byte
		cur := b.Cursor()
		for k, v := cur.Seek(gk); k != nil && k[0] == gk[0]; k, v = cur.Next() {
			if len(k) != 16 {
				continue // the group itself
			}
			plain, err := codec.Open(valueAD(bucketSummaries, k), v)
			if err != nil {
				continue
			}
			s, err := r.summaryOf(plain)
			if err != nil || s.ID != hex.EncodeToString(k) {
				continue
			}
			keys, entries = append(keys, append([]byte{}, k...)), append(entries, encodeSummary(s))
		}
		if len(keys) == 0 {
			continue
		}
		if old, err := readGroup(tx, codec, gk); err == nil {
			for _, e := range old {
				entries = withEntry(entries, e)
			}
		}
		for _, k := range keys {
			if err := b.Delete(k); err != nil {
				return g, false, err
			}
		}
		if err := putSealed(tx, codec, bucketSummaries, gk, joinEntries(entries)); err != nil {
			return g, false, err
		}
		moved += len(keys)
	}
	return g, g == 256, nil
}
