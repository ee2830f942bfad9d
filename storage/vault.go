package storage

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"time"

	"github.com/warrantdesk/warrantdesk/app"
	bolt "go.etcd.io/bbolt"
)

// LockState says where the store stands with its passphrase.
func (db *DB) LockState() app.LockState {
	db.life.RLock()
	defer db.life.RUnlock()
	return db.state
}

// Encrypted reports whether the store is sealed under a passphrase.
func (db *DB) Encrypted() bool {
	s := db.LockState()
	return s == app.StateLocked || s == app.StateOpen
}

func parseKeyring(raw []byte) (*keyring, error) {
	var kr keyring
	if err := json.Unmarshal(raw, &kr); err != nil {
		return nil, &app.Error{Code: app.EDAMAGED, Message: "the store's key record is damaged and cannot be read: restore the data folder from a backup (warrantdesk restore)", Err: err}
	}
	if kr.Format > keyringFormat {
		return nil, &app.Error{Code: app.EINVALID, Message: fmt.Sprintf("this data folder's key is stored in a newer format (%d, this WarrantDesk reads %d): update WarrantDesk; nothing was changed", kr.Format, keyringFormat)}
	}
	return &kr, nil
}

func (db *DB) kdfParams() KDFParams {
	if db.kdf != nil {
		return *db.kdf
	}
	return TuneKDF()
}

// checkPassphrase refuses a passphrase too short to protect anything.
func checkPassphrase(p string) error {
	if len([]rune(p)) < MinPassphrase {
		return app.Errorf(app.EPASSPHRASE, "the passphrase is too short: use at least %d characters (a few unrelated words make a good one)", MinPassphrase)
	}
	return nil
}

// MinPassphrase is the fewest characters a new passphrase may have.
const MinPassphrase = 8

// Create makes a new encrypted store (StateNew) or encrypts a plain one
// (StatePlain, migrating it: a crash leaves either the old store or the
// new one, whole), and returns the recovery key.
func (db *DB) Create(ctx context.Context, passphrase string) (string, error) {
	if err := checkPassphrase(passphrase); err != nil {
		return "", err
	}
	if db.readOnly {
		return "", app.Errorf(app.EINTERNAL, "a read-only store cannot be encrypted")
	}
	db.life.Lock()
	defer db.life.Unlock()
	kr, key, recovery, err := newKeyring(passphrase, db.kdfParams())
	if err != nil {
		return "", err
	}
	codec, err := newSealedCodec(key)
	if err != nil {
		return "", err
	}
	actor := app.ActorFrom(ctx)
	switch db.state {
	case app.StateNew:
		err = db.rewrite(rewrite{to: codec, kr: kr, fresh: true, entries: []app.AuditEntry{{Actor: actor, Action: app.AuditEncrypt, Detail: "new encrypted store"}}})
	case app.StatePlain:
		err = db.rewrite(rewrite{to: codec, kr: kr, entries: []app.AuditEntry{{Actor: actor, Action: app.AuditEncrypt, Detail: "the plain store was encrypted"}}})
	default:
		return "", app.Errorf(app.EINVALID, "the data folder is encrypted already: change its passphrase instead")
	}
	if err != nil {
		return "", err
	}
	db.state, db.codec, db.kr, db.dataKey, db.legacy, db.oldSummaries = app.StateOpen, codec, kr, key, false, false
	return recovery, nil
}

// Unlock opens the encrypted store with its passphrase. A wrong one is
// EPASSPHRASE and changes nothing.
func (db *DB) Unlock(passphrase string) error {
	return db.unlock(func(kr *keyring) ([]byte, error) { return kr.unwrap(passphrase) })
}

// UnlockWithRecoveryKey opens the store with the recovery key shown when it
// was made.
func (db *DB) UnlockWithRecoveryKey(key string) error {
	return db.unlock(func(kr *keyring) ([]byte, error) { return kr.unwrapRecovery(key) })
}

func (db *DB) unlock(open func(*keyring) ([]byte, error)) error {
	db.life.Lock()
	defer db.life.Unlock()
	switch db.state {
	case app.StateOpen, app.StatePlain:
		return nil
	case app.StateNew:
		return noStoreYet()
	}
	key, err := open(db.kr)
	switch {
	case errors.Is(err, errWrongPassphrase):
		return wrongPassphrase()
	case errors.Is(err, errWrongRecovery):
		return &app.Error{Code: app.EPASSPHRASE, Message: "that recovery key does not open this data folder (it may belong to another one); nothing was changed", Err: err}
	case err != nil:
		var ae *app.Error
		if errors.As(err, &ae) {
			return err
		}
		return &app.Error{Code: app.EDAMAGED, Message: "the store's key record is damaged: restore the data folder from a backup (warrantdesk restore)", Err: err}
	}
	codec, err := newSealedCodec(key)
	if err != nil {
		return err
	}
	db.state, db.codec, db.dataKey = app.StateOpen, codec, key
	return nil
}

// Lock forgets the key; nothing opens until Unlock. A plain store cannot
// be locked.
func (db *DB) Lock() error {
	db.life.Lock()
	defer db.life.Unlock()
	switch db.state {
	case app.StatePlain:
		return app.Errorf(app.EPASSPHRASE, "this data folder has no passphrase, so it cannot be locked: set one first")
	case app.StateOpen:
		db.forgetKey()
		db.state = app.StateLocked
	}
	return nil
}

// forgetKey drops the key and overwrites the copy this package holds (Go
// cannot promise that no other copy of it is left in memory).
func (db *DB) forgetKey() {
	clear(db.dataKey)
	db.dataKey = nil
	if db.kr != nil {
		db.codec = nil
	}
}

// ChangePassphrase wraps the data key under a new passphrase (and fresh
// KDF parameters and salt) in one transaction; nothing is encrypted again,
// and the recovery key stays as it was.
func (db *DB) ChangePassphrase(passphrase string) error {
	if err := checkPassphrase(passphrase); err != nil {
		return err
	}
	db.life.Lock()
	defer db.life.Unlock()
	if db.state != app.StateOpen {
		if db.state == app.StatePlain {
			return app.Errorf(app.EPASSPHRASE, "this data folder has no passphrase yet: set one (it encrypts the store)")
		}
		return app.Errorf(app.EPASSPHRASE, "unlock the data folder first")
	}
	kr := *db.kr
	if err := kr.wrap(db.dataKey, passphrase, db.kdfParams()); err != nil {
		return err
	}
	raw, err := json.Marshal(&kr)
	if err != nil {
		return err
	}
	err = db.rawUpdate("change the passphrase", func(tx *bolt.Tx) error {
		if err := tx.Bucket(bucketMeta).Put(keyKeyring, raw); err != nil {
			return err
		}
		return appendAudit(tx, db.codec, app.AuditEntry{At: time.Now(), Action: app.AuditPassphrase}, nil)
	})
	if err != nil {
		return err
	}
	db.kr = &kr
	return nil
}

// upgrade moves a store of the old layout over to the current one,
// keeping its codec (a plain store stays plain until a passphrase is set).
func (db *DB) upgrade() error {
	db.life.Lock()
	defer db.life.Unlock()
	if !db.legacy {
		return nil
	}
	if db.readOnly {
		return app.Errorf(app.EINTERNAL, "a read-only store cannot be upgraded")
	}
	if err := db.rewrite(rewrite{to: PlainCodec{}, entries: []app.AuditEntry{{Action: app.AuditMigrate, Detail: fmt.Sprintf("layout 1 to %d", SchemaVersion)}}}); err != nil {
		return err
	}
	db.legacy, db.oldSummaries = false, false
	return nil
}

// upgradeAsReader upgrades the old layout for a read-only command, which
// takes the folder as a writer just for that.
func (db *DB) upgradeAsReader() error {
	if err := db.lockFolder(); err != nil {
		return err
	}
	defer func() {
		db.instance.release()
		db.instance = nil
	}()
	db.readOnly = false
	defer func() { db.readOnly = true }()
	return db.upgrade()
}

// CheckPassphrase says whether passphrase is the store's (EPASSPHRASE if
// not), for a change that must be confirmed by it while the store is open.
func (db *DB) CheckPassphrase(passphrase string) error {
	db.life.RLock()
	defer db.life.RUnlock()
	if db.kr == nil {
		return app.Errorf(app.EPASSPHRASE, "this data folder has no passphrase")
	}
	if _, err := db.kr.unwrap(passphrase); err != nil {
		return wrongPassphrase()
	}
	return nil
}
