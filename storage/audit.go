package storage

import (
	"context"
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"strings"
	"time"

	"golang.org/x/mod/sumdb/tlog"

	"github.com/warrantdesk/warrantdesk/app"
	bolt "go.etcd.io/bbolt"
)

// The audit trail is a Merkle log in the model of RFC 6962, kept with
// golang.org/x/mod/sumdb/tlog: entry n is stored under its 8-byte number
// in the audit bucket; the tree's stored hashes under theirs in
// audit_tree; the head (size and tree hash) in audit_head. All three go
// through the codec like every other value. Each entry also carries the
// tree hash of the entries before it (Prev), so each is chained to the
// whole log before it, and an entry is appended in the same transaction
// as the change it records.

func seqKey(n int64) []byte {
	k := make([]byte, 8)
	binary.BigEndian.PutUint64(k, uint64(n))
	return k
}

// hashReader reads the tree's stored hashes in a transaction.
func hashReader(tx *bolt.Tx, c Codec) tlog.HashReader {
	b := tx.Bucket(bucketAuditTree)
	return tlog.HashReaderFunc(func(idx []int64) ([]tlog.Hash, error) {
		out := make([]tlog.Hash, len(idx))
		for i, x := range idx {
			k := seqKey(x)
			v := b.Get(k)
			if v == nil {
				return nil, fmt.Errorf("the audit trail's stored hash %d is missing", x)
			}
			h, err := c.Open(valueAD(bucketAuditTree, k), v)
			if err != nil || len(h) != tlog.HashSize {
				return nil, fmt.Errorf("the audit trail's stored hash %d does not read back", x)
			}
			copy(out[i][:], h)
		}
		return out, nil
	})
}

func readHead(tx *bolt.Tx, c Codec) (app.AuditHead, error) {
	v := tx.Bucket(bucketAuditHead).Get(keyHead)
	if v == nil {
		empty, _ := tlog.TreeHash(0, nil) // RFC 6962's hash of the empty tree
		return app.AuditHead{Hash: hex.EncodeToString(empty[:])}, nil
	}
	raw, err := c.Open(valueAD(bucketAuditHead, keyHead), v)
	if err != nil {
		return app.AuditHead{}, fmt.Errorf("the audit trail's head does not read back: %w", err)
	}
	var h app.AuditHead
	if err := json.Unmarshal(raw, &h); err != nil {
		return app.AuditHead{}, fmt.Errorf("the audit trail's head is damaged: %w", err)
	}
	return h, nil
}

func putSealed(tx *bolt.Tx, c Codec, bucket, key, plain []byte) error {
	sealed, err := c.Seal(valueAD(bucket, key), plain)
	if err != nil {
		return err
	}
	return tx.Bucket(bucket).Put(key, sealed)
}

// appendAudit appends e to the trail in tx: numbered, stamped (if it is
// not), with the SHA-256 of value (if any) and chained to the log before it.
func appendAudit(tx *bolt.Tx, c Codec, e app.AuditEntry, value []byte) error {
	head, err := readHead(tx, c)
	if err != nil {
		return err
	}
	e.Seq, e.Prev = head.Size, head.Hash
	if e.At.IsZero() {
		e.At = time.Now()
	}
	e.At = e.At.UTC()
	if e.Actor == "" {
		e.Actor = "unknown"
	}
	if value != nil {
		sum := sha256.Sum256(value)
		e.ValueSHA256 = hex.EncodeToString(sum[:])
	}
	data, err := json.Marshal(e)
	if err != nil {
		return err
	}
	r := hashReader(tx, c)
	hashes, err := tlog.StoredHashes(e.Seq, data, r)
	if err != nil {
		return err
	}
	base := tlog.StoredHashIndex(0, e.Seq)
	for i, h := range hashes {
		if err := putSealed(tx, c, bucketAuditTree, seqKey(base+int64(i)), h[:]); err != nil {
			return err
		}
	}
	th, err := tlog.TreeHash(e.Seq+1, r)
	if err != nil {
		return err
	}
	if err := putSealed(tx, c, bucketAudit, seqKey(e.Seq), data); err != nil {
		return err
	}
	raw, _ := json.Marshal(app.AuditHead{Size: e.Seq + 1, Hash: hex.EncodeToString(th[:])})
	return putSealed(tx, c, bucketAuditHead, keyHead, raw)
}

// Record appends an entry for something that stores no value of its own: a
// memo or log exported, a lock, a backup. A read-only DB opens the file for
// writing just for it.
func (db *DB) Record(ctx context.Context, e app.AuditEntry) error {
	if e.Actor == "" {
		e.Actor = app.ActorFrom(ctx)
	}
	return db.record("record the "+e.Action+" in the audit trail", func(tx *bolt.Tx, c Codec) error {
		return appendAudit(tx, c, e, nil)
	})
}

// AuditHead is the trail's current head.
func (db *DB) AuditHead(ctx context.Context) (app.AuditHead, error) {
	var h app.AuditHead
	err := db.view(func(tx *bolt.Tx, c Codec) error {
		var err error
		h, err = readHead(tx, c)
		return damagedAudit(err)
	})
	return h, err
}

func damagedAudit(err error) error {
	if err == nil {
		return nil
	}
	return &app.Error{Code: app.EDAMAGED, Message: fmt.Sprintf("the audit trail is damaged (%v): 'warrantdesk verify' says where; restore the data folder from a backup", err), Err: err}
}

// EachAudit calls fn with every entry, oldest first. An entry that does not
// read back ends it with an EDAMAGED error.
func (db *DB) EachAudit(ctx context.Context, fn func(app.AuditEntry) error) error {
	return db.view(func(tx *bolt.Tx, c Codec) error {
		cur := tx.Bucket(bucketAudit).Cursor()
		for k, v := cur.First(); k != nil; k, v = cur.Next() {
			if err := ctx.Err(); err != nil {
				return err
			}
			e, _, err := openEntry(c, k, v)
			if err != nil {
				return damagedAudit(err)
			}
			if err := fn(e); err != nil {
				return err
			}
		}
		return nil
	})
}

func openEntry(c Codec, k, v []byte) (app.AuditEntry, []byte, error) {
	var e app.AuditEntry
	if len(k) != 8 {
		return e, nil, fmt.Errorf("an entry is stored under a key that is not an entry number (%x)", k)
	}
	n := int64(binary.BigEndian.Uint64(k))
	data, err := c.Open(valueAD(bucketAudit, k), v)
	if err != nil {
		return e, nil, fmt.Errorf("entry %d: %w", n, err)
	}
	if err := json.Unmarshal(data, &e); err != nil {
		return e, nil, fmt.Errorf("entry %d does not decode: %w", n, err)
	}
	if e.Seq != n {
		return e, nil, fmt.Errorf("entry %d says it is entry %d", n, e.Seq)
	}
	return e, data, nil
}

// auditCheck is what verifying the trail found.
type auditCheck struct {
	head     app.AuditHead
	problems []string
	// last is the ValueSHA256 the trail last recorded for each case, and
	// for the settings under "settings".
	last map[string]string
}

// verifyAudit replays the trail: every entry opens and is numbered in
// order with none missing, each is chained to the tree before it, the
// stored tree hashes and the head match what the entries hash to, and
// (want, if set) the trail extends a head printed earlier.
func verifyAudit(ctx context.Context, tx *bolt.Tx, c Codec, want *app.AuditHead) auditCheck {
	r := &replay{ac: auditCheck{last: map[string]string{}}}
	cur := tx.Bucket(bucketAudit).Cursor()
	for k, v := cur.First(); k != nil; k, v = cur.Next() {
		if ctx.Err() != nil {
			return r.ac
		}
		r.entry(c, k, v)
	}
	r.checkHead(tx, c)
	if want != nil {
		r.checkExtends(*want)
	}
	return r.ac
}

// replay rebuilds the tree from the entries, as verifyAudit reads them.
type replay struct {
	ac     auditCheck
	stored []tlog.Hash // the tree's hashes, recomputed
	n      int64       // entries read
	broken bool        // the tree cannot be rebuilt past a fault
}

func (r *replay) problem(format string, args ...any) {
	if len(r.ac.problems) < maxProblems {
		r.ac.problems = append(r.ac.problems, "audit trail: "+fmt.Sprintf(format, args...))
	}
}

// ReadHashes serves the recomputed hashes to tlog.
func (r *replay) ReadHashes(idx []int64) ([]tlog.Hash, error) {
	out := make([]tlog.Hash, len(idx))
	for i, x := range idx {
		if x < 0 || x >= int64(len(r.stored)) {
			return nil, fmt.Errorf("hash %d not yet computed", x)
		}
		out[i] = r.stored[x]
	}
	return out, nil
}

// entry checks one stored entry and adds it to the tree.
func (r *replay) entry(c Codec, k, v []byte) {
	e, data, err := openEntry(c, k, v)
	if err != nil {
		r.problem("%v", err)
		r.broken = true
		return
	}
	if e.Seq != r.n {
		r.problem("entries %d to %d are missing (deleted?)", r.n, e.Seq-1)
		r.broken, r.n = true, e.Seq
	}
	if !r.broken {
		th, _ := tlog.TreeHash(r.n, r)
		if e.Prev != hex.EncodeToString(th[:]) {
			r.problem("entry %d is not chained to the entries before it (they were changed, or it was put in another's place)", r.n)
			r.broken = true
		}
		hs, err := tlog.StoredHashes(r.n, data, r)
		r.broken = r.broken || err != nil
		r.stored = append(r.stored, hs...)
	}
	switch {
	case e.Case != "" && e.ValueSHA256 != "":
		r.ac.last[e.Case] = e.ValueSHA256
	case e.Case == "" && e.Action == app.AuditSettings:
		r.ac.last[string(keySettings)] = e.ValueSHA256
	}
	r.n++
}

// checkHead compares the stored head and tree with what the entries make.
func (r *replay) checkHead(tx *bolt.Tx, c Codec) {
	head, err := readHead(tx, c)
	switch {
	case err != nil:
		r.problem("%v", err)
	case head.Size != r.n:
		r.problem("the head says %d entries, %d are stored (entries at the end were removed, or the head was changed)", head.Size, r.n)
	case !r.broken:
		th, _ := tlog.TreeHash(r.n, r)
		if head.Hash != hex.EncodeToString(th[:]) {
			r.problem("the head's hash does not match the entries")
		}
		if err := compareStoredHashes(tx, c, r.stored); err != nil {
			r.problem("%v", err)
		}
	}
	r.ac.head = app.AuditHead{Size: r.n, Hash: head.Hash}
}

// checkExtends says whether the trail's first want.Size entries are those
// want was taken over.
func (r *replay) checkExtends(want app.AuditHead) {
	switch th, err := tlog.TreeHash(want.Size, r); {
	case r.broken || err != nil || want.Size > r.n:
		r.problem("cannot show that the trail extends the head %s: it holds %d entries and is not whole", want, r.n)
	case hex.EncodeToString(th[:]) != strings.ToLower(want.Hash):
		r.problem("the first %d entries are not those the head %s was taken over: the trail was rewritten since", want.Size, want)
	}
}

func compareStoredHashes(tx *bolt.Tx, c Codec, want []tlog.Hash) error {
	r := hashReader(tx, c)
	for i := range want {
		got, err := r.ReadHashes([]int64{int64(i)})
		if err != nil {
			return err
		}
		if got[0] != want[i] {
			return fmt.Errorf("stored hash %d does not match the entries", i)
		}
	}
	if n := tx.Bucket(bucketAuditTree).Stats().KeyN; n != len(want) {
		return fmt.Errorf("%d tree hashes are stored, the entries make %d", n, len(want))
	}
	return nil
}
