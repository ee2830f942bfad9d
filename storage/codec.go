package storage

import (
	"crypto/hmac"
	"crypto/rand"
	"crypto/sha256"
	"errors"
	"fmt"

	"golang.org/x/crypto/chacha20poly1305"
)

// Codec turns a value into the bytes stored on disk and back. Every value in
// the database goes through exactly one Codec; the first byte of each stored
// value names the codec that wrote it.
//
// ad is what the value is bound to: its bucket and key (valueAD). A sealing
// codec authenticates it, so a value moved to another key — two cases'
// originals swapped, an audit entry put in another's place — fails to open.
type Codec interface {
	Seal(ad, plain []byte) ([]byte, error)
	Open(ad, sealed []byte) ([]byte, error)
	// IndexKey turns what a value is looked up by (an order's SHA-256)
	// into the key stored for it: keys are never encrypted, so a sealing
	// codec stores a keyed hash that says nothing to whoever lacks the
	// key.
	IndexKey(v []byte) []byte
}

// Codec tags: the first byte of every stored value.
const (
	plainTag  byte = 0x01
	sealedTag byte = 0x02
)

// valueAD is what a stored value is bound to: its bucket and its key.
func valueAD(bucket, key []byte) []byte {
	ad := make([]byte, 0, len(bucket)+len(key)+1)
	ad = append(ad, bucket...)
	ad = append(ad, 0)
	return append(ad, key...)
}

// PlainCodec stores values as they are, behind a one-byte tag: the stores
// written before encryption, until a passphrase is set.
type PlainCodec struct{}

// Seal returns plain behind the plain codec's tag.
func (PlainCodec) Seal(_, plain []byte) ([]byte, error) {
	out := make([]byte, 1+len(plain))
	out[0] = plainTag
	copy(out[1:], plain)
	return out, nil
}

// Open returns the value behind the tag. It copies, because bbolt's bytes
// are valid only inside the transaction.
func (PlainCodec) Open(_, sealed []byte) ([]byte, error) {
	if len(sealed) == 0 || sealed[0] != plainTag {
		return nil, fmt.Errorf("stored value has codec tag %d, this store reads only plain values (tag %d)", tagOf(sealed), plainTag)
	}
	out := make([]byte, len(sealed)-1)
	copy(out, sealed[1:])
	return out, nil
}

// openInto is Open into dst's storage, for a reader that decodes one
// value at a time and keeps nothing of it.
func (PlainCodec) openInto(dst, ad, sealed []byte) ([]byte, error) {
	if len(sealed) == 0 || sealed[0] != plainTag {
		return PlainCodec{}.Open(ad, sealed)
	}
	return append(dst[:0], sealed[1:]...), nil
}

// IndexKey is v itself: a plain store hides nothing.
func (PlainCodec) IndexKey(v []byte) []byte { return append([]byte{}, v...) }

func tagOf(b []byte) int {
	if len(b) == 0 {
		return -1
	}
	return int(b[0])
}

// sealedCodec encrypts every value with XChaCha20-Poly1305 under the
// store's data key: tag, a random 24-byte nonce (random nonces are safe
// at that size for any number of values), then the ciphertext and its
// 16-byte tag.
type sealedCodec struct {
	aead     cipherAEAD
	indexKey []byte
}

// cipherAEAD is the part of cipher.AEAD the codec uses.
type cipherAEAD interface {
	Seal(dst, nonce, plaintext, additionalData []byte) []byte
	Open(dst, nonce, ciphertext, additionalData []byte) ([]byte, error)
}

// errNotOpened is what a sealed value that does not authenticate gives:
// changed, cut short, moved from another key, or sealed under another key.
var errNotOpened = errors.New("it does not decrypt: changed, cut short, moved from another place, or sealed under another key")

// newSealedCodec returns the codec for a 32-byte data key.
func newSealedCodec(dataKey []byte) (*sealedCodec, error) {
	aead, err := chacha20poly1305.NewX(dataKey)
	if err != nil {
		return nil, err
	}
	mac := hmac.New(sha256.New, dataKey)
	mac.Write([]byte("warrantdesk duplicate index key"))
	return &sealedCodec{aead: aead, indexKey: mac.Sum(nil)}, nil
}

const sealedOverhead = 1 + chacha20poly1305.NonceSizeX + chacha20poly1305.Overhead

func (c *sealedCodec) Seal(ad, plain []byte) ([]byte, error) {
	out := make([]byte, 1+chacha20poly1305.NonceSizeX, len(plain)+sealedOverhead)
	out[0] = sealedTag
	if _, err := rand.Read(out[1:]); err != nil {
		return nil, err
	}
	return c.aead.Seal(out, out[1:], plain, ad), nil
}

func (c *sealedCodec) Open(ad, sealed []byte) ([]byte, error) {
	if len(sealed) == 0 || sealed[0] != sealedTag {
		return nil, fmt.Errorf("stored value has codec tag %d, not an encrypted one (tag %d): it was not written by this store", tagOf(sealed), sealedTag)
	}
	if len(sealed) < sealedOverhead {
		return nil, errNotOpened
	}
	nonce := sealed[1 : 1+chacha20poly1305.NonceSizeX]
	// Open into a new slice: bbolt's bytes are valid only inside the
	// transaction.
	out, err := c.aead.Open(nil, nonce, sealed[1+chacha20poly1305.NonceSizeX:], ad)
	if err != nil {
		return nil, errNotOpened
	}
	return out, nil
}

func (c *sealedCodec) openInto(dst, ad, sealed []byte) ([]byte, error) {
	if len(sealed) < sealedOverhead || sealed[0] != sealedTag {
		return c.Open(ad, sealed)
	}
	out, err := c.aead.Open(dst[:0], sealed[1:1+chacha20poly1305.NonceSizeX], sealed[1+chacha20poly1305.NonceSizeX:], ad)
	if err != nil {
		return nil, errNotOpened
	}
	return out, nil
}

// bufferOpener is a codec that can open a value into a buffer the caller
// reuses: a scan of every summary then allocates only what it keeps.
type bufferOpener interface {
	openInto(dst, ad, sealed []byte) ([]byte, error)
}

// openInto opens sealed into dst when the codec can, else as Open does.
func openInto(c Codec, dst, ad, sealed []byte) ([]byte, error) {
	if o, ok := c.(bufferOpener); ok {
		return o.openInto(dst, ad, sealed)
	}
	return c.Open(ad, sealed)
}

// IndexKey is HMAC-SHA256 of v under a key derived from the data key.
func (c *sealedCodec) IndexKey(v []byte) []byte {
	mac := hmac.New(sha256.New, c.indexKey)
	mac.Write(v)
	return mac.Sum(nil)
}
