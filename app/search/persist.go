package search

import (
	"encoding/binary"
	"errors"
	"fmt"

	"github.com/warrantdesk/warrantdesk/app"
)

// An index is kept between launches as bytes the store seals like every
// other value (storage's index seam): reading it back costs a decryption
// and one pass, where building it again reads and decodes every whole
// case. The encoding is the docs one after the other — ID, stamp, import
// time, the words of its text, then each entry's field and text — behind a version line, so a
// later layout is rebuilt rather than misread.

// magic starts an encoded index; its last byte is the layout's version.
const magic = "warrantdesk search index\x00\x02"

// fields are the common fields, stored as one byte each; any other is
// stored by name behind fieldNamed.
var fields = []string{app.FieldCaseNumber, app.FieldIssuingAuthority, app.FieldAgency, app.FieldAgentName, app.FieldJudge, app.FieldRecipient, "target", "file"}

const fieldNamed = 0xff

// MarshalBinary encodes the index's cases (Load reads them back).
func (ix *Index) MarshalBinary() ([]byte, error) {
	ix.rw.RLock()
	defer ix.rw.RUnlock()
	size := len(magic) + 10
	for _, d := range ix.docs {
		size += len(d.id) + 4*int(d.wto-d.wfrom) + 35
		for e := d.from; e < d.to; e++ {
			size += len(ix.text(e)) + 6
		}
	}
	b := make([]byte, 0, size)
	b = append(b, magic...)
	b = binary.AppendUvarint(b, uint64(len(ix.byID)))
	for i, d := range ix.docs {
		if d.gone {
			continue
		}
		b = appendString(b, d.id)
		b = binary.LittleEndian.AppendUint64(b, d.stamp)
		b = binary.AppendVarint(b, d.created)
		b = appendString(b, ix.wordsOf(int32(i)))
		b = binary.AppendUvarint(b, uint64(d.to-d.from))
		for e := d.from; e < d.to; e++ {
			if k := fieldCode(ix.field(e)); k >= 0 {
				b = append(b, byte(k))
			} else {
				b = appendString(append(b, fieldNamed), ix.field(e))
			}
			b = appendString(b, ix.text(e))
		}
	}
	return b, nil
}

func fieldCode(f string) int {
	for i, k := range fields {
		if k == f {
			return i
		}
	}
	return -1
}

func appendString(b []byte, s string) []byte {
	return append(binary.AppendUvarint(b, uint64(len(s))), s...)
}

// ErrFormat is Load's error for bytes that are not an index of this
// layout: the caller builds the index again.
var ErrFormat = errors.New("not a search index of this version")

// Load reads an index MarshalBinary wrote. Its texts share one copy of
// data, so a hundred thousand cases are a few allocations, not a million.
func Load(data []byte) (*Index, error) {
	if len(data) < len(magic) || string(data[:len(magic)]) != magic {
		return nil, ErrFormat
	}
	r := &reader{s: string(data[len(magic):])}
	n := r.uvarint()
	if n > uint64(len(r.s)) {
		return nil, fmt.Errorf("%w: %d cases in %d bytes", ErrFormat, n, len(r.s))
	}
	ix := newIndex(int(n))
	ix.docs = make([]doc, 0, n)
	for i := uint64(0); i < n && r.err == nil; i++ {
		r.doc(ix)
	}
	if r.err == nil && r.s != "" {
		r.err = ErrFormat
	}
	if r.err != nil {
		return nil, fmt.Errorf("%w (%v)", ErrFormat, r.err)
	}
	return ix, nil
}

// doc reads one case's doc into ix.
func (r *reader) doc(ix *Index) {
	id := r.str()
	stamp := r.uint64()
	created := r.varint()
	words := r.str()
	k := r.uvarint()
	if k > uint64(len(r.s)) {
		r.err = ErrFormat
		return
	}
	di := int32(len(ix.docs))
	from := int32(len(ix.entries))
	for j := uint64(0); j < k && r.err == nil; j++ {
		var field string
		switch c := r.byte(); {
		case c == fieldNamed:
			field = r.str()
		case int(c) < len(fields):
			field = fields[c]
		default:
			r.err = ErrFormat
		}
		ix.addEntry(di, field, r.str())
	}
	if _, dup := ix.byID[id]; dup || id == "" {
		r.err = ErrFormat
		return
	}
	id = ix.textBytes.keep(id)
	ix.byID[id] = di
	ix.docs = append(ix.docs, doc{id: id, stamp: stamp, created: created, from: from, to: int32(len(ix.entries))})
	ix.setWords(di, words)
	ix.join(di, ix.matterOf(di))
}

// reader reads the encoding from a string, so what it cuts out shares
// the string's bytes.
type reader struct {
	s   string
	err error
}

func (r *reader) fail() { r.err, r.s = errors.New("cut short or damaged"), "" }

func (r *reader) byte() byte {
	if r.s == "" {
		r.fail()
		return 0
	}
	c := r.s[0]
	r.s = r.s[1:]
	return c
}

func (r *reader) uvarint() uint64 {
	var x uint64
	for shift := 0; shift < 64; shift += 7 {
		c := r.byte()
		if r.err != nil {
			return 0
		}
		x |= uint64(c&0x7f) << shift
		if c < 0x80 {
			return x
		}
	}
	r.fail()
	return 0
}

func (r *reader) varint() int64 {
	u := r.uvarint()
	x := int64(u >> 1)
	if u&1 != 0 {
		x = ^x
	}
	return x
}

func (r *reader) uint64() uint64 {
	if len(r.s) < 8 {
		r.fail()
		return 0
	}
	var x uint64
	for i := 7; i >= 0; i-- {
		x = x<<8 | uint64(r.s[i])
	}
	r.s = r.s[8:]
	return x
}

func (r *reader) str() string {
	n := r.uvarint()
	if r.err != nil || n > uint64(len(r.s)) {
		r.fail()
		return ""
	}
	s := r.s[:n]
	r.s = r.s[n:]
	return s
}
