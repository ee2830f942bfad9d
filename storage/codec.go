package storage

import "fmt"

// Codec turns a value into the bytes stored on disk and back. Every value in
// the database goes through exactly one Codec; the first byte of each stored
// value names the codec that wrote it, so a future encrypting codec can read
// old plain values during a migration.
type Codec interface {
	Seal(plain []byte) ([]byte, error)
	Open(sealed []byte) ([]byte, error)
}

const plainTag byte = 0x01

// PlainCodec stores values as they are, behind a one-byte tag.
type PlainCodec struct{}

// Seal returns plain behind the plain codec's tag.
func (PlainCodec) Seal(plain []byte) ([]byte, error) {
	out := make([]byte, 1+len(plain))
	out[0] = plainTag
	copy(out[1:], plain)
	return out, nil
}

// Open returns the value behind the tag. It copies, because bbolt's bytes
// are valid only inside the transaction.
func (PlainCodec) Open(sealed []byte) ([]byte, error) {
	if len(sealed) == 0 || sealed[0] != plainTag {
		tag := -1
		if len(sealed) > 0 {
			tag = int(sealed[0])
		}
		return nil, fmt.Errorf("stored value has codec tag %d, this version reads only plain values (tag %d)", tag, plainTag)
	}
	out := make([]byte, len(sealed)-1)
	copy(out, sealed[1:])
	return out, nil
}
