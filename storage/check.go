package storage

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"reflect"

	"github.com/warrantdesk/warrantdesk/app"
	bolt "go.etcd.io/bbolt"
)

var _ app.Checker = (*DB)(nil)

// maxProblems bounds what a check lists of the file's own structure: a
// badly broken file has one fault per page.
const maxProblems = 100

// Check is Verify without a head to compare with.
func (db *DB) Check(ctx context.Context) (app.Integrity, error) { return db.Verify(ctx, nil) }

// Verify reads every stored value back and checks that it is what the
// audit trail last recorded: the file's structure (bbolt's consistency
// check), every value opens (an encrypted value changed, cut short or
// moved to another key does not), the audit trail is whole and chained
// (and extends head, if given), each case's record hashes to what the
// trail recorded for it last, each summary matches its case, each original
// matches its SHA-256, and the duplicate index matches the cases both
// ways. It changes nothing.
func (db *DB) Verify(ctx context.Context, head *app.AuditHead) (app.Integrity, error) {
	rep := app.Integrity{File: db.path, Damaged: []app.DamagedRecord{}, Problems: []string{}, Encrypted: db.Encrypted()}
	v := &verifier{rep: &rep}
	err := db.view(func(tx *bolt.Tx, c Codec) error {
		for e := range tx.Check() {
			v.problem("file structure: %v", e)
		}
		for _, name := range buckets {
			if tx.Bucket(name) == nil {
				v.problem("the %s bucket is missing", name)
				return nil
			}
		}
		ac := verifyAudit(ctx, tx, c, head)
		rep.AuditEntries, rep.AuditHead = ac.head.Size, ac.head.String()
		rep.Problems = append(rep.Problems, ac.problems...)
		v.settings(tx, c, ac.last[string(keySettings)])
		index := v.index(tx, c)
		if err := v.cases(ctx, tx, c, index, ac.last); err != nil {
			return err
		}
		v.orphans(tx, c)
		return nil
	})
	return rep, err
}

type verifier struct{ rep *app.Integrity }

func (v *verifier) problem(format string, args ...any) {
	if len(v.rep.Problems) < maxProblems {
		v.rep.Problems = append(v.rep.Problems, fmt.Sprintf(format, args...))
	}
}

func (v *verifier) bad(id, what, format string, args ...any) {
	v.rep.Damaged = append(v.rep.Damaged, app.DamagedRecord{Case: id, What: what, Reason: fmt.Sprintf(format, args...)})
}

func (v *verifier) settings(tx *bolt.Tx, c Codec, recorded string) {
	raw := tx.Bucket(bucketSettings).Get(keySettings)
	if raw == nil {
		if recorded != "" {
			v.problem("the settings are missing, though the audit trail records them saved")
		}
		return
	}
	data, err := c.Open(valueAD(bucketSettings, keySettings), raw)
	if err != nil {
		v.problem("the settings do not read back: %v", err)
		return
	}
	if sum := sha256.Sum256(data); recorded != "" && hex.EncodeToString(sum[:]) != recorded {
		v.problem("the settings are not those the audit trail last recorded (changed outside WarrantDesk)")
	}
}

// index reads the duplicate index: the case each entry points at.
func (v *verifier) index(tx *bolt.Tx, c Codec) map[string]bool {
	index := map[string]bool{}
	tx.Bucket(bucketSHA256).ForEach(func(k, val []byte) error {
		id, err := c.Open(valueAD(bucketSHA256, k), val)
		if err != nil {
			v.problem("a duplicate index entry does not read back: %v", err)
			return nil
		}
		if tx.Bucket(bucketCases).Get(id) == nil {
			v.problem("the duplicate index names case %x, which is not stored", id)
		}
		index[string(id)] = true
		return nil
	})
	return index
}

func (v *verifier) cases(ctx context.Context, tx *bolt.Tx, c Codec, index map[string]bool, recorded map[string]string) error {
	return tx.Bucket(bucketCases).ForEach(func(k, _ []byte) error {
		if err := ctx.Err(); err != nil {
			return err
		}
		id := hex.EncodeToString(k)
		k = append([]byte{}, k...)
		cs, data, err := getCase(tx, c, k)
		if err != nil {
			v.bad(id, "case", "%v", err)
			return nil
		}
		v.rep.Cases++
		sum := sha256.Sum256(data)
		switch want, ok := recorded[id]; {
		case !ok:
			v.bad(id, "case", "the audit trail has no entry for it (added outside WarrantDesk)")
		case want != hex.EncodeToString(sum[:]):
			v.bad(id, "case", "it is not what the audit trail last recorded for it (changed outside WarrantDesk)")
		}
		v.summary(tx, c, k, id, cs)
		if p := tx.Bucket(bucketPages).Get(k); p == nil {
			v.bad(id, "pages", "missing")
		} else if data, err := c.Open(valueAD(bucketPages, k), p); err != nil {
			v.bad(id, "pages", "%v", err)
		} else if err := json.Unmarshal(data, &[]app.PageText{}); err != nil {
			v.bad(id, "pages", "%v", err)
		}
		if o := tx.Bucket(bucketOriginals).Get(k); o == nil {
			v.bad(id, "original", "missing")
		} else if data, err := c.Open(valueAD(bucketOriginals, k), o); err != nil {
			v.bad(id, "original", "%v", err)
		} else if sum := sha256.Sum256(data); !bytes.Equal([]byte(hex.EncodeToString(sum[:])), []byte(cs.Order.SHA256)) {
			v.bad(id, "original", "its SHA-256 no longer matches the one recorded at import (%s)", cs.Order.SHA256)
		}
		if !index[string(k)] {
			v.problem("case %s is missing from the duplicate index (the same file could be imported again)", id)
		}
		return nil
	})
}

func (v *verifier) summary(tx *bolt.Tx, c Codec, k []byte, id string, cs *app.Case) {
	raw := tx.Bucket(bucketSummaries).Get(k)
	if raw == nil {
		v.bad(id, "summary", "missing")
		return
	}
	data, err := c.Open(valueAD(bucketSummaries, k), raw)
	var s app.Summary
	if err == nil {
		err = json.Unmarshal(data, &s)
	}
	if err != nil {
		v.bad(id, "summary", "%v", err)
		return
	}
	want := app.Summarize(cs)
	// Times compare by instant: JSON keeps no monotonic reading.
	want.CreatedAt, want.UpdatedAt = s.CreatedAt, s.UpdatedAt
	if !reflect.DeepEqual(s, want) || !s.CreatedAt.Equal(cs.CreatedAt) || !s.UpdatedAt.Equal(cs.UpdatedAt) {
		v.bad(id, "summary", "it does not match its case")
	}
}

// orphans finds values stored for cases that are not stored.
func (v *verifier) orphans(tx *bolt.Tx, c Codec) {
	cases := tx.Bucket(bucketCases)
	for _, name := range [][]byte{bucketSummaries, bucketOriginals, bucketPages} {
		tx.Bucket(name).ForEach(func(k, _ []byte) error {
			if cases.Get(k) == nil {
				v.problem("the %s bucket holds a value for case %x, which is not stored", name, k)
			}
			return nil
		})
	}
	tx.Bucket(bucketIndex).ForEach(func(k, val []byte) error {
		if id, ok := bytes.CutPrefix(k, textIndexPrefix); ok {
			if cases.Get(id) == nil {
				v.problem("the text index holds words of case %x, which is not stored", id)
			} else if _, err := c.Open(valueAD(bucketIndex, k), val); err != nil {
				v.problem("the text index of case %x does not read back (the desk rebuilds it from the pages): %v", id, err)
			}
			return nil
		}
		if _, err := c.Open(valueAD(bucketIndex, k), val); err != nil {
			v.problem("the %s index does not read back: %v", k, err)
		}
		return nil
	})
}
