package storage

import (
	"bytes"
	"context"
	"path/filepath"
	"strings"
	"testing"

	"github.com/warrantdesk/warrantdesk/app"
	bolt "go.etcd.io/bbolt"
)

// FuzzCodec: whatever is sealed opens to the same bytes under the same
// bucket and key, and not under another; the sealed value cut short or
// with any byte flipped never opens (and never panics); arbitrary bytes
// never open.
func FuzzCodec(f *testing.F) {
	f.Add([]byte(`{"id":"00112233445566778899aabbccddeeff","status":"new"}`), []byte("cases"), []byte{1, 2, 3}, uint16(7))
	f.Add([]byte{}, []byte("originals"), []byte{}, uint16(0))
	f.Add([]byte("%PDF-1.7\n"), []byte("audit"), []byte{0, 0, 0, 0, 0, 0, 0, 1}, uint16(40))
	c, err := newSealedCodec(bytes.Repeat([]byte{7}, 32))
	if err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, plain, bucket, key []byte, at uint16) {
		ad := valueAD(bucket, key)
		sealed, err := c.Seal(ad, plain)
		if err != nil {
			t.Fatal(err)
		}
		got, err := c.Open(ad, sealed)
		if err != nil || !bytes.Equal(got, plain) {
			t.Fatalf("round trip: %v", err)
		}
		if _, err := c.Open(valueAD(bucket, append(append([]byte{}, key...), 0)), sealed); err == nil {
			t.Fatal("opened under another key")
		}
		i := int(at) % len(sealed)
		flipped := append([]byte{}, sealed...)
		flipped[i] ^= 0x01
		if _, err := c.Open(ad, flipped); err == nil {
			t.Fatalf("opened with byte %d flipped", i)
		}
		if _, err := c.Open(ad, sealed[:i]); err == nil {
			t.Fatalf("opened cut at %d", i)
		}
		if _, err := c.Open(ad, plain); err == nil && len(plain) > 0 {
			t.Fatal("arbitrary bytes opened")
		}
		if _, err := (PlainCodec{}).Open(ad, plain); err == nil && (len(plain) == 0 || plain[0] != plainTag) {
			t.Fatal("the plain codec took another tag")
		}
	})
}

// FuzzVerifyAudit: whatever sits in the audit buckets — an entry replaced
// by arbitrary bytes, sealed or not — verify says what is wrong and never
// panics or hangs, and a trail it passes is one that opens.
func FuzzVerifyAudit(f *testing.F) {
	f.Add([]byte(`{"seq":1,"at":"2025-01-01T00:00:00Z","actor":"x","action":"import","prev":""}`), uint8(1), true)
	f.Add([]byte("{}"), uint8(0), false)
	f.Add([]byte{}, uint8(3), true)
	dir := f.TempDir()
	db, err := Open(dir, testOptions(false))
	if err != nil {
		f.Fatal(err)
	}
	threeCases(f, db)
	codec := db.codec
	db.Close()
	// The fuzzer changes the file thousands of times: without syncing.
	b, err := bolt.Open(filepath.Join(dir, FileName), 0o600, &bolt.Options{NoSync: true})
	if err != nil {
		f.Fatal(err)
	}
	defer b.Close()
	head := &app.AuditHead{Size: 2, Hash: strings.Repeat("0", 64)}
	f.Fuzz(func(t *testing.T, value []byte, at uint8, seal bool) {
		var saved []byte
		k := seqKey(int64(at % 6))
		b.Update(func(tx *bolt.Tx) error {
			saved = append([]byte{}, tx.Bucket(bucketAudit).Get(k)...)
			v := value
			if seal {
				v, _ = codec.Seal(valueAD(bucketAudit, k), value)
			}
			return tx.Bucket(bucketAudit).Put(k, v)
		})
		b.View(func(tx *bolt.Tx) error {
			ac := verifyAudit(context.Background(), tx, codec, head)
			if ac.head.Size > 6 {
				t.Errorf("%d entries counted", ac.head.Size)
			}
			if len(ac.problems) == 0 {
				t.Error("the head of two entries given was not found wrong")
			}
			return nil
		})
		b.Update(func(tx *bolt.Tx) error {
			if len(saved) == 0 {
				return tx.Bucket(bucketAudit).Delete(k)
			}
			return tx.Bucket(bucketAudit).Put(k, saved)
		})
	})
}
