package storage

import (
	"crypto/hkdf"
	"crypto/hmac"
	"crypto/rand"
	"crypto/sha256"
	"crypto/subtle"
	"encoding/base32"
	"errors"
	"fmt"
	"strings"
	"time"

	"golang.org/x/crypto/argon2"
	"golang.org/x/crypto/chacha20poly1305"
	"golang.org/x/text/unicode/norm"

	"github.com/warrantdesk/warrantdesk/app"
)

// KDFParams are Argon2id's cost parameters (RFC 9106), stored in plaintext
// beside the salt so the key can be derived again.
type KDFParams struct {
	Time      uint32 `json:"time"`
	MemoryKiB uint32 `json:"memory_kib"`
	Threads   uint8  `json:"threads"`
}

// The floor of the tuned parameters: RFC 9106's second recommended option
// (t=3, 64 MiB, 4 lanes), for machines that cannot spare 2 GiB.
const (
	kdfMemoryKiB = 64 * 1024
	kdfThreads   = 4
	kdfMinTime   = 3
	kdfMaxTime   = 40
	// kdfTarget is how long deriving the key should take here: slow
	// enough to make guessing expensive, quick enough to unlock in well
	// under a second.
	kdfTarget = 500 * time.Millisecond
)

// TuneKDF measures Argon2id on this machine and returns parameters that
// take about half a second, never below RFC 9106's recommendation.
func TuneKDF() KDFParams {
	p := KDFParams{Time: 1, MemoryKiB: kdfMemoryKiB, Threads: kdfThreads}
	start := time.Now()
	deriveKEK([]byte("tuning"), make([]byte, 16), p)
	one := time.Since(start)
	t := uint32(kdfTarget / max(one, time.Millisecond))
	p.Time = min(max(t, kdfMinTime), kdfMaxTime)
	return p
}

func deriveKEK(passphrase, salt []byte, p KDFParams) []byte {
	return argon2.IDKey(passphrase, salt, p.Time, p.MemoryKiB, p.Threads, 32)
}

// normalise makes a passphrase the same bytes however it was typed: the
// same letters composed on one keyboard and decomposed on another (NFC).
func normalise(passphrase string) []byte { return []byte(norm.NFC.String(passphrase)) }

// keyring is what is stored in plaintext so the data key can be unwrapped:
// the KDF's parameters and salt, the data key wrapped by the passphrase's
// key and by the recovery key's, and a check value of the data key.
type keyring struct {
	Format          int       `json:"format"`
	KDF             string    `json:"kdf"`
	Params          KDFParams `json:"params"`
	Salt            []byte    `json:"salt"`
	WrappedKey      []byte    `json:"wrapped_key"`
	RecoverySalt    []byte    `json:"recovery_salt"`
	RecoveryWrapped []byte    `json:"recovery_wrapped_key"`
	Check           []byte    `json:"check"`
}

const keyringFormat = 1

var (
	errWrongPassphrase = errors.New("wrong passphrase")
	errWrongRecovery   = errors.New("wrong recovery key")
)

// wrongPassphrase is what a reviewer is told of a passphrase that does not
// unlock the store.
func wrongPassphrase() error {
	return &app.Error{Code: app.EPASSPHRASE, Message: "wrong passphrase: the data folder was not unlocked and nothing was changed (the recovery key opens it if the passphrase is lost: warrantdesk passphrase --recovery-key)", Err: errWrongPassphrase}
}

// newKeyring makes a random data key and wraps it under passphrase and a
// new recovery key, which it returns as the reviewer writes it down.
func newKeyring(passphrase string, p KDFParams) (kr *keyring, dataKey []byte, recovery string, err error) {
	dataKey = make([]byte, chacha20poly1305.KeySize)
	if _, err := rand.Read(dataKey); err != nil {
		return nil, nil, "", err
	}
	kr = &keyring{Format: keyringFormat, KDF: "argon2id", Check: checkValue(dataKey)}
	if err := kr.wrap(dataKey, passphrase, p); err != nil {
		return nil, nil, "", err
	}
	secret := make([]byte, 32)
	if _, err := rand.Read(secret); err != nil {
		return nil, nil, "", err
	}
	kr.RecoverySalt = randomBytes(16)
	kek, err := recoveryKEK(secret, kr.RecoverySalt)
	if err != nil {
		return nil, nil, "", err
	}
	if kr.RecoveryWrapped, err = wrapKey(kek, dataKey); err != nil {
		return nil, nil, "", err
	}
	return kr, dataKey, formatRecovery(secret), nil
}

// wrap (re)wraps dataKey under passphrase with a new salt: a passphrase
// change touches nothing else.
func (kr *keyring) wrap(dataKey []byte, passphrase string, p KDFParams) error {
	kr.Params, kr.Salt = p, randomBytes(16)
	var err error
	kr.WrappedKey, err = wrapKey(deriveKEK(normalise(passphrase), kr.Salt, p), dataKey)
	return err
}

// unwrap returns the data key passphrase opens, or errWrongPassphrase.
func (kr *keyring) unwrap(passphrase string) ([]byte, error) {
	if kr.KDF != "argon2id" || kr.Format != keyringFormat {
		return nil, fmt.Errorf("the key is stored as %s format %d, which this WarrantDesk does not know: update WarrantDesk", kr.KDF, kr.Format)
	}
	if kr.Params.Time == 0 || kr.Params.Time > 1000 || kr.Params.MemoryKiB < 8 || kr.Params.MemoryKiB > 16<<20 || kr.Params.Threads == 0 {
		return nil, fmt.Errorf("the stored key derivation parameters are not sane (%+v)", kr.Params)
	}
	key, err := unwrapKey(deriveKEK(normalise(passphrase), kr.Salt, kr.Params), kr.WrappedKey)
	if err != nil {
		return nil, errWrongPassphrase
	}
	return key, kr.checkKey(key)
}

// unwrapRecovery returns the data key the recovery key opens.
func (kr *keyring) unwrapRecovery(recovery string) ([]byte, error) {
	secret, err := parseRecovery(recovery)
	if err != nil {
		return nil, err
	}
	kek, err := recoveryKEK(secret, kr.RecoverySalt)
	if err != nil {
		return nil, err
	}
	key, err := unwrapKey(kek, kr.RecoveryWrapped)
	if err != nil {
		return nil, errWrongRecovery
	}
	return key, kr.checkKey(key)
}

// checkKey compares the key's check value with the stored one: a wrapped
// key that opens yet is not the store's means the keyring was tampered with.
func (kr *keyring) checkKey(key []byte) error {
	if subtle.ConstantTimeCompare(checkValue(key), kr.Check) != 1 {
		return errors.New("the stored key does not match the store's check value: the key record was changed")
	}
	return nil
}

func checkValue(dataKey []byte) []byte {
	mac := hmac.New(sha256.New, dataKey)
	mac.Write([]byte("warrantdesk key check"))
	return mac.Sum(nil)[:16]
}

// recoveryKEK derives the recovery key's wrapping key. The recovery key
// holds 256 random bits, so it needs no slow derivation.
func recoveryKEK(secret, salt []byte) ([]byte, error) {
	return hkdf.Key(sha256.New, secret, salt, "warrantdesk recovery key", 32)
}

// keyAD binds a wrapped key to its purpose.
var keyAD = []byte("warrantdesk data key")

func wrapKey(kek, key []byte) ([]byte, error) {
	aead, err := chacha20poly1305.NewX(kek)
	if err != nil {
		return nil, err
	}
	nonce := randomBytes(chacha20poly1305.NonceSizeX)
	return aead.Seal(nonce, nonce, key, keyAD), nil
}

func unwrapKey(kek, wrapped []byte) ([]byte, error) {
	aead, err := chacha20poly1305.NewX(kek)
	if err != nil {
		return nil, err
	}
	if len(wrapped) < chacha20poly1305.NonceSizeX+chacha20poly1305.Overhead {
		return nil, errNotOpened
	}
	return aead.Open(nil, wrapped[:chacha20poly1305.NonceSizeX], wrapped[chacha20poly1305.NonceSizeX:], keyAD)
}

func randomBytes(n int) []byte {
	b := make([]byte, n)
	if _, err := rand.Read(b); err != nil {
		panic("crypto/rand failed: " + err.Error()) // cannot happen on supported systems
	}
	return b
}

// The recovery key is written in Crockford's base32 (no I, L, O or U to
// misread), in groups of five: 32 random bytes and a 2-byte checksum, so
// a typo is told apart from a wrong key.
var recoveryEncoding = base32.NewEncoding("0123456789ABCDEFGHJKMNPQRSTVWXYZ").WithPadding(base32.NoPadding)

func formatRecovery(secret []byte) string {
	sum := sha256.Sum256(secret)
	s := recoveryEncoding.EncodeToString(append(append([]byte{}, secret...), sum[:2]...))
	var groups []string
	for len(s) > 0 {
		n := min(5, len(s))
		groups = append(groups, s[:n])
		s = s[n:]
	}
	return strings.Join(groups, "-")
}

func parseRecovery(s string) ([]byte, error) {
	s = strings.Map(func(r rune) rune {
		switch r {
		case ' ', '-', '\t', '\n', '\r':
			return -1
		case 'O', 'o':
			return '0'
		case 'I', 'i', 'L', 'l':
			return '1'
		}
		return r
	}, strings.ToUpper(s))
	b, err := recoveryEncoding.DecodeString(s)
	if err != nil || len(b) != 34 {
		return nil, app.Errorf(app.EPASSPHRASE, "that is not a recovery key: it is 55 letters and digits in groups of five, as WarrantDesk showed it when the data folder was made")
	}
	sum := sha256.Sum256(b[:32])
	if subtle.ConstantTimeCompare(sum[:2], b[32:]) != 1 {
		return nil, app.Errorf(app.EPASSPHRASE, "the recovery key has a typo: check each group of five against the one written down")
	}
	return b[:32], nil
}
