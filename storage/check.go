package storage

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"

	"github.com/warrantdesk/warrantdesk/app"
	bolt "go.etcd.io/bbolt"
)

var _ app.Checker = (*DB)(nil)

// maxProblems bounds what a check lists of the file's own structure: a
// badly broken file has one fault per page.
const maxProblems = 100

// Check reads every stored value back and checks the file's structure
// (bbolt's own consistency check: every page reachable once, free pages
// free) and the duplicate index against the cases. It changes nothing.
func (db *DB) Check(ctx context.Context) (app.Integrity, error) {
	rep := app.Integrity{File: db.path, Damaged: []app.DamagedRecord{}, Problems: []string{}}
	problem := func(format string, args ...any) {
		if len(rep.Problems) < maxProblems {
			rep.Problems = append(rep.Problems, fmt.Sprintf(format, args...))
		}
	}
	err := db.view(func(tx *bolt.Tx) error {
		for e := range tx.Check() {
			problem("file structure: %v", e)
		}
		for _, name := range [][]byte{bucketMeta, bucketCases, bucketOriginals, bucketPages, bucketSHA256} {
			if tx.Bucket(name) == nil {
				problem("the %s bucket is missing", name)
				return nil
			}
		}
		index := map[string]bool{} // case IDs the duplicate index points at
		if err := tx.Bucket(bucketSHA256).ForEach(func(k, v []byte) error {
			if tx.Bucket(bucketCases).Get(v) == nil {
				problem("the duplicate index names case %x, which is not stored", v)
			}
			index[string(v)] = true
			return nil
		}); err != nil {
			return err
		}
		return tx.Bucket(bucketCases).ForEach(func(k, v []byte) error {
			if err := ctx.Err(); err != nil {
				return err
			}
			id := hex.EncodeToString(k)
			bad := func(what string, format string, args ...any) {
				rep.Damaged = append(rep.Damaged, app.DamagedRecord{Case: id, What: what, Reason: fmt.Sprintf(format, args...)})
			}
			var c app.Case
			if err := db.getJSON(v, &c); err != nil {
				bad("case", "%v", err)
				return nil
			}
			if c.ID != id {
				bad("case", "the record says it is case %q", c.ID)
				return nil
			}
			rep.Cases++
			if p := tx.Bucket(bucketPages).Get(k); p == nil {
				bad("pages", "missing")
			} else if err := db.getJSON(p, &[]app.PageText{}); err != nil {
				bad("pages", "%v", err)
			}
			if o := tx.Bucket(bucketOriginals).Get(k); o == nil {
				bad("original", "missing")
			} else if data, err := db.codec.Open(o); err != nil {
				bad("original", "%v", err)
			} else if sum := sha256.Sum256(data); !bytes.Equal([]byte(hex.EncodeToString(sum[:])), []byte(c.Order.SHA256)) {
				bad("original", "its SHA-256 no longer matches the one recorded at import (%s)", c.Order.SHA256)
			}
			if !index[string(k)] {
				problem("case %s is missing from the duplicate index (the same file could be imported again)", id)
			}
			return nil
		})
	})
	return rep, err
}
