package storage

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
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
		v.settings(tx, c, keySettings, "settings", ac.last[string(keySettings)])
		v.settings(tx, c, keyMatterSettings, "matter settings", ac.last[string(keyMatterSettings)])
		index := v.index(tx, c)
		logged := map[string]loggedFile{}
		if err := v.cases(ctx, tx, c, index, ac.last, logged); err != nil {
			return err
		}
		v.files(tx, c, logged)
		v.orphans(tx, c)
		return nil
	})
	return rep, err
}

type verifier struct {
	rep *app.Integrity
	// groups are the summaries of each group read so far, by case ID
	// (nil for a group that does not read back).
	groups map[byte]map[string][]byte
}

func (v *verifier) problem(format string, args ...any) {
	if len(v.rep.Problems) < maxProblems {
		v.rep.Problems = append(v.rep.Problems, fmt.Sprintf(format, args...))
	}
}

func (v *verifier) bad(id, what, format string, args ...any) {
	v.rep.Damaged = append(v.rep.Damaged, app.DamagedRecord{Case: id, What: what, Reason: fmt.Sprintf(format, args...)})
}

func (v *verifier) settings(tx *bolt.Tx, c Codec, key []byte, what, recorded string) {
	raw := tx.Bucket(bucketSettings).Get(key)
	if raw == nil {
		if recorded != "" {
			v.problem("the %s are missing, though the audit trail records them saved", what)
		}
		return
	}
	data, err := c.Open(valueAD(bucketSettings, key), raw)
	if err != nil {
		v.problem("the %s do not read back: %v", what, err)
		return
	}
	if sum := sha256.Sum256(data); recorded != "" && hex.EncodeToString(sum[:]) != recorded {
		v.problem("the %s are not those the audit trail last recorded (changed outside WarrantDesk)", what)
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

func (v *verifier) cases(ctx context.Context, tx *bolt.Tx, c Codec, index map[string]bool, recorded map[string]string, logged map[string]loggedFile) error {
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
		caseFiles(cs, logged)
		if cs.Purged != nil && cs.Purged.ContentAt != nil {
			v.purged(tx, k, id)
		} else {
			v.bulk(tx, c, k, id, cs)
		}
		if !index[string(k)] {
			v.problem("case %s is missing from the duplicate index (the same file could be imported again)", id)
		}
		return nil
	})
}

// bulk checks a case's page text and original.
func (v *verifier) bulk(tx *bolt.Tx, c Codec, k []byte, id string, cs *app.Case) {
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
}

// purged checks that what retention removed from a case is gone.
func (v *verifier) purged(tx *bolt.Tx, k []byte, id string) {
	for _, b := range [][]byte{bucketPages, bucketOriginals} {
		if tx.Bucket(b).Get(k) != nil {
			v.problem("case %s was purged, but its %s are still stored", id, b)
		}
	}
}

func (v *verifier) summary(tx *bolt.Tx, c Codec, k []byte, id string, cs *app.Case) {
	var raw []byte
	var err error
	if single := tx.Bucket(bucketSummaries).Get(k); single != nil {
		// Schema 2's kind, left by a move because it is damaged.
		raw, err = c.Open(valueAD(bucketSummaries, k), single)
	} else if raw, err = v.groupEntry(tx, c, k, id); raw == nil && err == nil {
		v.bad(id, "summary", "missing")
		return
	}
	var s app.Summary
	if err == nil {
		var r summaryReader
		s, err = r.summaryOf(raw)
	}
	if err != nil {
		v.bad(id, "summary", "%v", err)
		return
	}
	want := app.Summarize(cs)
	// Times compare by instant: what is stored keeps no monotonic reading.
	want.CreatedAt, want.UpdatedAt = s.CreatedAt, s.UpdatedAt
	// A summary written before it held the due moment has none (and is
	// read by its deadline's date).
	due := s.DueAt.IsZero() || s.DueAt.Equal(want.DueAt)
	want.DueAt = s.DueAt
	if !due || !reflect.DeepEqual(s, want) || !s.CreatedAt.Equal(cs.CreatedAt) || !s.UpdatedAt.Equal(cs.UpdatedAt) {
		v.bad(id, "summary", "it does not match its case")
	}
}

// groupEntry is case id's summary in its group (nil if the group holds
// none), reading each group once.
func (v *verifier) groupEntry(tx *bolt.Tx, c Codec, k []byte, id string) ([]byte, error) {
	if v.groups == nil {
		v.groups = map[byte]map[string][]byte{}
	}
	g, seen := v.groups[k[0]]
	if !seen {
		entries, err := readGroup(tx, c, groupKey(k))
		if err == nil {
			g = make(map[string][]byte, len(entries))
			for _, e := range entries {
				g[string(entryID(e))] = e
			}
		}
		v.groups[k[0]] = g
	}
	if g == nil {
		return nil, errors.New("its group of summaries does not read back")
	}
	return g[id], nil
}

// groupOrphans finds summaries in group gk of cases that are not stored.
func (v *verifier) groupOrphans(tx *bolt.Tx, c Codec, gk []byte, cases *bolt.Bucket) {
	entries, err := readGroup(tx, c, gk)
	if err != nil {
		v.problem("the summaries of the cases whose ID starts %x do not read back: %v", gk, err)
		return
	}
	for _, e := range entries {
		if key, err := hex.DecodeString(string(entryID(e))); err != nil || cases.Get(key) == nil {
			v.problem("the summaries bucket holds a summary of case %s, which is not stored", entryID(e))
		}
	}
}

// orphans finds values stored for cases that are not stored.
func (v *verifier) orphans(tx *bolt.Tx, c Codec) {
	cases := tx.Bucket(bucketCases)
	for _, name := range [][]byte{bucketSummaries, bucketOriginals, bucketPages} {
		tx.Bucket(name).ForEach(func(k, _ []byte) error {
			if bytes.Equal(name, bucketSummaries) && len(k) == 1 {
				v.groupOrphans(tx, c, k, cases)
				return nil
			}
			if cases.Get(k) == nil {
				v.problem("the %s bucket holds a value for case %x, which is not stored", name, k)
			}
			return nil
		})
	}
	tx.Bucket(bucketIndex).ForEach(func(k, val []byte) error {
		if _, err := c.Open(valueAD(bucketIndex, k), val); err != nil {
			v.problem("the %s index does not read back: %v", k, err)
		}
		return nil
	})
}
