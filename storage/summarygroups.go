package storage

import (
	"bytes"
	"encoding/binary"
	"encoding/hex"
	"slices"

	"github.com/warrantdesk/warrantdesk/app"
	bolt "go.etcd.io/bbolt"
)

// Summaries are stored in 256 groups, by the first byte of the case ID:
// one sealed value holds the summaries of every case whose ID starts with
// that byte. One value a case scattered its summary over the whole file —
// page text and originals are written in the same transactions — and the
// kernel maps the neighbours of every page a scan touches (fault-around),
// so reading 100,000 summaries (35 MB) made 800 MB of the mapped database
// resident. A group is one run of pages, read once; it is opened with one
// decryption instead of four hundred. The cost is on writes: saving a case
// rewrites its group (at 100,000 cases about 80 KB, at 1,000,000 about
// 800 KB), still a few milliseconds.
//
// A group's plaintext is its summaries (summarycodec.go), each behind its
// length as a varint, in ID order. Keys of 16 bytes in the bucket are
// summaries of one case each, as schema 2 kept them; they are read too, so
// a store whose move was cut short lists every case.

// groupKey is the key of the group holding the summary of case id.
func groupKey(id []byte) []byte { return id[:1:1] }

// groupEntries splits a group's plaintext into its summaries.
func groupEntries(plain []byte) ([][]byte, error) {
	var out [][]byte
	for len(plain) > 0 {
		n, w := binary.Uvarint(plain)
		if w <= 0 || n > uint64(len(plain)-w) {
			return nil, errSummaryForm
		}
		out = append(out, plain[w:w+int(n)])
		plain = plain[w+int(n):]
	}
	return out, nil
}

// entryID is the case ID a summary in the binary form starts with (its
// version byte, flags, then the ID), or nil.
func entryID(e []byte) []byte {
	if len(e) == 0 || e[0] != summaryBinary {
		return nil
	}
	_, w := binary.Uvarint(e[1:])
	if w <= 0 {
		return nil
	}
	rest := e[1+w:]
	n, w := binary.Uvarint(rest)
	if w <= 0 || n > uint64(len(rest)-w) {
		return nil
	}
	return rest[w : w+int(n)]
}

// joinEntries is a group's plaintext.
func joinEntries(entries [][]byte) []byte {
	n := 0
	for _, e := range entries {
		n += len(e) + binary.MaxVarintLen32
	}
	out := make([]byte, 0, n)
	for _, e := range entries {
		out = binary.AppendUvarint(out, uint64(len(e)))
		out = append(out, e...)
	}
	return out
}

// putSummary stores s as the summary of case id, in its group. A group
// that does not read back is rebuilt from its cases first: a summary is
// derived from its case, and one damaged group must not keep the reviewer
// from saving any case in it.
func putSummary(tx *bolt.Tx, codec Codec, id []byte, s app.Summary) error {
	gk := groupKey(id)
	entries, err := readGroup(tx, codec, gk)
	if err != nil {
		if entries, err = rebuildGroup(tx, codec, gk); err != nil {
			return err
		}
	}
	entries = withEntry(entries, encodeSummary(s))
	b := tx.Bucket(bucketSummaries)
	if b.Get(id) != nil {
		// A summary of schema 2's kind left for this case (damaged, so
		// not moved): the group's entry replaces it.
		if err := b.Delete(id); err != nil {
			return err
		}
	}
	return putSealed(tx, codec, bucketSummaries, gk, joinEntries(entries))
}

// withEntry puts e into entries (sorted by ID), over the entry of the same
// case if there is one.
func withEntry(entries [][]byte, e []byte) [][]byte {
	id := entryID(e)
	for i, old := range entries {
		switch c := bytes.Compare(entryID(old), id); {
		case c == 0:
			entries[i] = e
			return entries
		case c > 0:
			return append(entries[:i], append([][]byte{e}, entries[i:]...)...)
		}
	}
	return append(entries, e)
}

// readGroup returns the summaries of group gk (none when it is not
// stored yet).
func readGroup(tx *bolt.Tx, codec Codec, gk []byte) ([][]byte, error) {
	v := tx.Bucket(bucketSummaries).Get(gk)
	if v == nil {
		return nil, nil
	}
	plain, err := codec.Open(valueAD(bucketSummaries, gk), v)
	if err != nil {
		return nil, err
	}
	entries, err := groupEntries(plain)
	for _, e := range entries {
		if id := entryID(e); len(id) != 32 || hexByte(id) != int(gk[0]) {
			return nil, errSummaryForm
		}
	}
	return entries, err
}

// hexByte is the byte a case ID's first two hex digits stand for (-1 if
// they are not hex).
func hexByte(id []byte) int {
	var b [1]byte
	if len(id) < 2 {
		return -1
	}
	if _, err := hex.Decode(b[:], id[:2]); err != nil {
		return -1
	}
	return int(b[0])
}

// rebuildGroup makes group gk's summaries from its cases (those that read
// back).
func rebuildGroup(tx *bolt.Tx, codec Codec, gk []byte) ([][]byte, error) {
	var entries [][]byte
	err := groupCases(tx, gk, func(k []byte) error {
		if c, _, err := getCase(tx, codec, k); err == nil {
			entries = append(entries, encodeSummary(app.Summarize(c))) // in ID order, as the cases are
		}
		return nil
	})
	return entries, err
}

// groupCases calls fn with the key of every stored case of group gk.
func groupCases(tx *bolt.Tx, gk []byte, fn func(k []byte) error) error {
	cur := tx.Bucket(bucketCases).Cursor()
	for k, _ := cur.Seek(gk); k != nil && k[0] == gk[0]; k, _ = cur.Next() {
		if err := fn(k); err != nil {
			return err
		}
	}
	return nil
}

// summaryWrites are the summaries of new cases a batch stores, written to
// their groups once, when the batch is (flush).
type summaryWrites struct {
	groups map[byte][][]byte
}

func (w *summaryWrites) add(id []byte, s app.Summary) {
	if w.groups == nil {
		w.groups = map[byte][][]byte{}
	}
	w.groups[id[0]] = append(w.groups[id[0]], encodeSummary(s))
}

// flush writes each group the batch added to, a group that does not read
// back made again from its cases first (as putSummary does).
func (w *summaryWrites) flush(tx *bolt.Tx, codec Codec) error {
	for g, added := range w.groups {
		gk := []byte{g}
		entries, err := readGroup(tx, codec, gk)
		if err != nil {
			if entries, err = rebuildGroup(tx, codec, gk); err != nil {
				return err
			}
		}
		if err := putSealed(tx, codec, bucketSummaries, gk, joinEntries(mergeEntries(entries, added))); err != nil {
			return err
		}
	}
	return nil
}

// mergeEntries is entries (in ID order) with added put in, each over the
// entry of the same case if there is one.
func mergeEntries(entries, added [][]byte) [][]byte {
	slices.SortFunc(added, func(a, b []byte) int { return bytes.Compare(entryID(a), entryID(b)) })
	out := make([][]byte, 0, len(entries)+len(added))
	i, j := 0, 0
	for i < len(entries) || j < len(added) {
		switch {
		case j == len(added):
			out, i = append(out, entries[i]), i+1
		case i == len(entries):
			out, j = append(out, added[j]), j+1
		default:
			switch c := bytes.Compare(entryID(entries[i]), entryID(added[j])); {
			case c < 0:
				out, i = append(out, entries[i]), i+1
			case c > 0:
				out, j = append(out, added[j]), j+1
			default:
				out, i, j = append(out, added[j]), i+1, j+1
			}
		}
	}
	return out
}
