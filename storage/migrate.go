package storage

import (
	"bytes"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"os"
	"slices"
	"strconv"
	"time"

	"github.com/warrantdesk/warrantdesk/app"
	bolt "go.etcd.io/bbolt"
)

// rewrite is one move of the whole store into a new file: a new store, the
// old layout moved over, a plain store encrypted.
type rewrite struct {
	to      Codec
	kr      *keyring // the new keyring; nil for a plain store
	fresh   bool     // nothing to copy: a new store
	entries []app.AuditEntry
}

// rewriteBatch bounds one transaction of the copy: the new file is written
// in steps, so a large store does not sit in memory at once.
const rewriteBatch = 32 << 20

// rewrite builds the store anew beside the old file (warrantdesk.db.new),
// with rw's codec and keyring, in the current layout, and the audit
// entries of rw appended; syncs it, and moves it over the old file in one
// rename. A crash before the rename leaves the old file as it was (the
// next writer removes the new one); after it, the new one whole. When a
// plain store is encrypted the old file's bytes are overwritten
// afterwards, as far as the file system lets that reach the disk.
//
// The caller holds life exclusively.
func (db *DB) rewrite(rw rewrite) (err error) {
	db.closeFile()
	tmp := db.path + newSuffix
	os.Remove(tmp)
	defer func() {
		if err != nil {
			os.Remove(tmp)
		}
	}()
	old, err := db.build(tmp, rw)
	if old != nil {
		defer old.Close()
	}
	if err != nil {
		return err
	}
	if err := os.Rename(tmp, db.path); err != nil {
		return writeError("move the new store into place", err)
	}
	syncDir(db.dir)
	if old != nil {
		scrub(old)
	}
	return nil
}

// build writes the new store into tmp, synced and closed. When a plain
// store is being encrypted it returns the old file, open, for scrub.
func (db *DB) build(tmp string, rw rewrite) (old *os.File, err error) {
	dst, err := bolt.Open(tmp, 0o600, &bolt.Options{Timeout: db.timeout, NoSync: true})
	if err != nil {
		return nil, openError(tmp, err)
	}
	defer func() {
		if dst != nil {
			dst.Close()
		}
	}()
	if err := writeError("prepare the new store", dst.Update(func(tx *bolt.Tx) error { return initLayout(tx, rw.kr) })); err != nil {
		return nil, err
	}
	if !rw.fresh {
		if old, err = db.copyInto(dst, rw); err != nil {
			return old, err
		}
	}
	err = writeError("write the new store", dst.Update(func(tx *bolt.Tx) error {
		for _, e := range rw.entries {
			if err := appendAudit(tx, rw.to, e, nil); err != nil {
				return err
			}
		}
		return nil
	}))
	if err == nil {
		err = writeError("write the new store", dst.Sync())
	}
	if cerr := dst.Close(); err == nil && cerr != nil {
		err = writeError("write the new store", cerr)
	}
	dst = nil
	return old, err
}

// copyInto copies the store as it is into dst, and returns the old file,
// open, when a plain store is being encrypted.
func (db *DB) copyInto(dst *bolt.DB, rw rewrite) (*os.File, error) {
	src, err := openBolt(db.path, db.timeout, false)
	if err != nil {
		return nil, openError(db.path, err)
	}
	defer src.Close()
	from, legacy := db.codec, db.legacy
	if legacy || from == nil {
		from = PlainCodec{}
	}
	if err := copyStore(src, dst, from, rw.to, legacy); err != nil {
		return nil, err
	}
	if _, plain := from.(PlainCodec); plain && rw.kr != nil {
		old, _ := os.OpenFile(db.path, os.O_RDWR, 0)
		return old, nil
	}
	return nil, nil
}

// initLayout makes the current layout's buckets and writes the plaintext
// header: the schema version and the keyring.
func initLayout(tx *bolt.Tx, kr *keyring) error {
	for _, name := range append(slices.Clone(buckets), laterBuckets...) {
		if _, err := tx.CreateBucketIfNotExists(name); err != nil {
			return err
		}
	}
	meta := tx.Bucket(bucketMeta)
	if err := meta.Put(keySchema, []byte(strconv.Itoa(SchemaVersion))); err != nil {
		return err
	}
	if kr == nil {
		return nil
	}
	raw, err := json.Marshal(kr)
	if err != nil {
		return err
	}
	return meta.Put(keyKeyring, raw)
}

// copier writes values into the new file a batch at a time.
type copier struct {
	dst   *bolt.DB
	to    Codec
	puts  []put
	bytes int
	// groups are the summaries to be written grouped (summarygroups.go):
	// made from the cases of the old layout, or kept one a case by schema 2.
	groups map[byte][][]byte
}

// addGroups writes the summaries gathered in groups, each group merged
// with the one copied from the old store, if any.
func (cp *copier) addGroups() error {
	for g := 0; g < 256; g++ {
		entries := cp.groups[byte(g)]
		if len(entries) == 0 {
			continue
		}
		slices.SortFunc(entries, func(a, b []byte) int { return bytes.Compare(entryID(a), entryID(b)) })
		if err := cp.add(bucketSummaries, []byte{byte(g)}, joinEntries(entries), false); err != nil {
			return err
		}
	}
	return nil
}

type put struct {
	bucket, key, value []byte
	raw                bool // copied as it is: a value that did not open
}

func (cp *copier) add(bucket, key, value []byte, raw bool) error {
	cp.puts = append(cp.puts, put{bucket, append([]byte{}, key...), value, raw})
	cp.bytes += len(value)
	if cp.bytes >= rewriteBatch {
		return cp.flush()
	}
	return nil
}

func (cp *copier) flush() error {
	if len(cp.puts) == 0 {
		return nil
	}
	err := cp.dst.Update(func(tx *bolt.Tx) error {
		for _, p := range cp.puts {
			v := p.value
			if !p.raw {
				var err error
				if v, err = cp.to.Seal(valueAD(p.bucket, p.key), p.value); err != nil {
					return err
				}
			}
			if err := tx.Bucket(p.bucket).Put(p.key, v); err != nil {
				return err
			}
		}
		return nil
	})
	cp.puts, cp.bytes = cp.puts[:0], 0
	return writeError("write the new store", err)
}

// copyStore copies every value from src into dst, opened with from and
// sealed with to. A value that does not open is copied as it is: it stays
// damaged, and is not lost. The duplicate index is rebuilt from the cases
// (its keys depend on the codec); from the old layout, the summaries are
// made and each case gets an audit entry holding its hash.
func copyStore(src, dst *bolt.DB, from, to Codec, legacy bool) error {
	cp := &copier{dst: dst, to: to, groups: map[byte][][]byte{}}
	var cases []*app.Case
	var records [][]byte
	err := src.View(func(tx *bolt.Tx) error {
		names := sealedBuckets
		if legacy {
			// Schema 1 as the matters' first version wrote it also kept
			// case_files and the matter settings in meta.
			names = [][]byte{bucketCases, bucketOriginals, bucketPages, bucketFiles}
			if err := copyLegacySettings(tx, cp, from); err != nil {
				return err
			}
		}
		for _, name := range names {
			b := tx.Bucket(name)
			if b == nil && legacy && !isLater(name) {
				return fmt.Errorf("the old store has no %s bucket", name)
			}
			if b == nil {
				continue
			}
			if err := b.ForEach(func(k, v []byte) error {
				if bytes.Equal(name, bucketCases) {
					if c, data := decodeCase(from, k, v); c != nil {
						cases, records = append(cases, c), append(records, data)
					}
				}
				if bytes.Equal(name, bucketSummaries) {
					return copySummary(cp, from, k, v)
				}
				return copyValue(cp, from, name, k, v)
			}); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return writeError("copy the store", err)
	}
	if err := derive(cp, cases, legacy); err != nil {
		return err
	}
	if !legacy {
		return nil
	}
	return heldBefore(dst, to, cases, records)
}

// derive writes what is made from the cases: the duplicate index, and from
// the old layout the summaries.
func derive(cp *copier, cases []*app.Case, legacy bool) error {
	for _, c := range cases {
		dup, err := dupKey(c)
		if err != nil {
			continue
		}
		id, _ := idKey(c.ID)
		if err := cp.add(bucketSHA256, cp.to.IndexKey(dup), id, false); err != nil {
			return err
		}
		if legacy {
			cp.groups[id[0]] = append(cp.groups[id[0]], encodeSummary(app.Summarize(c)))
		}
	}
	if err := cp.addGroups(); err != nil {
		return err
	}
	return cp.flush()
}

// heldBefore starts the trail of a store moved over from the old layout,
// which had none, with what each case held then.
func heldBefore(dst *bolt.DB, to Codec, cases []*app.Case, records [][]byte) error {
	return writeError("write the new store", dst.Update(func(tx *bolt.Tx) error {
		for i, c := range cases {
			e := app.AuditEntry{At: time.Now(), Actor: "warrantdesk", Action: app.AuditBeforeTrail, Case: c.ID, Detail: "imported " + c.CreatedAt.UTC().Format(time.RFC3339)}
			if err := appendAudit(tx, to, e, records[i]); err != nil {
				return err
			}
		}
		return nil
	}))
}

// copyLegacySettings copies the settings schema 1 kept in meta.
func copyLegacySettings(tx *bolt.Tx, cp *copier, from Codec) error {
	for _, key := range [][]byte{keySettings, keyMatterSettings} {
		if v := tx.Bucket(bucketMeta).Get(key); v != nil {
			if err := copyValue(cp, from, bucketSettings, key, v); err != nil {
				return err
			}
		}
	}
	return nil
}

func isLater(name []byte) bool {
	return slices.ContainsFunc(laterBuckets, func(l []byte) bool { return bytes.Equal(l, name) })
}

func copyValue(cp *copier, from Codec, bucket, k, v []byte) error {
	plain, err := from.Open(valueAD(bucket, k), v)
	if err != nil {
		return cp.add(bucket, k, append([]byte{}, v...), true)
	}
	return cp.add(bucket, k, plain, false)
}

// copySummary copies a group of summaries as it is, and gathers a summary
// schema 2 kept one a case into its group (addGroups writes them); one
// that does not read back is copied as it is, damaged.
func copySummary(cp *copier, from Codec, k, v []byte) error {
	plain, err := from.Open(valueAD(bucketSummaries, k), v)
	if err != nil {
		return cp.add(bucketSummaries, k, append([]byte{}, v...), true)
	}
	if len(k) != 16 {
		if entries, err := groupEntries(plain); err == nil && len(k) == 1 {
			cp.groups[k[0]] = append(cp.groups[k[0]], entries...)
			return nil
		}
		return cp.add(bucketSummaries, k, plain, false)
	}
	var r summaryReader
	s, err := r.summaryOf(plain)
	if err != nil || s.ID != hex.EncodeToString(k) {
		return cp.add(bucketSummaries, k, plain, false)
	}
	cp.groups[k[0]] = append(cp.groups[k[0]], encodeSummary(s))
	return nil
}

// decodeCase reads one case record for the copy, or nil if it does not
// read back.
func decodeCase(from Codec, k, v []byte) (*app.Case, []byte) {
	data, err := from.Open(valueAD(bucketCases, k), v)
	if err != nil {
		return nil, nil
	}
	var c app.Case
	if json.Unmarshal(data, &c) != nil {
		return nil, nil
	}
	return &c, data
}

// scrub overwrites a replaced file's bytes with zeros and syncs them. On
// an SSD or a copy-on-write file system the old blocks may survive
// elsewhere; docs/security.md says so.
func scrub(f *os.File) {
	st, err := f.Stat()
	if err != nil {
		return
	}
	zeros := make([]byte, 1<<20)
	for off := int64(0); off < st.Size(); off += int64(len(zeros)) {
		n := min(int64(len(zeros)), st.Size()-off)
		if _, err := f.WriteAt(zeros[:n], off); err != nil {
			return
		}
	}
	f.Sync()
}

// syncDir makes a rename in dir durable.
func syncDir(dir string) {
	if d, err := os.Open(dir); err == nil {
		d.Sync()
		d.Close()
	}
}
