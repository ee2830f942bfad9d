package app

import "context"

// LockState is where a store stands with its passphrase.
type LockState string

// Lock states.
const (
	// StateNew: no store yet; one is made, encrypted, when a passphrase
	// is first given (Vault.Create).
	StateNew LockState = "new"
	// StatePlain: a store written before encryption, readable without a
	// passphrase until one is set (Vault.Create encrypts it).
	StatePlain LockState = "plain"
	// StateLocked: an encrypted store whose key is not in memory.
	StateLocked LockState = "locked"
	// StateOpen: an encrypted store, unlocked.
	StateOpen LockState = "open"
)

// Vault is a store sealed by a passphrase.
type Vault interface {
	LockState() LockState
	// Create makes a new encrypted store (StateNew), or encrypts a plain
	// one (StatePlain), under passphrase, and returns the recovery key:
	// shown once, it opens the store when the passphrase is lost.
	Create(ctx context.Context, passphrase string) (recoveryKey string, err error)
	// Unlock opens a locked store. A wrong passphrase is EPASSPHRASE and
	// changes nothing.
	Unlock(passphrase string) error
	// UnlockWithRecoveryKey opens a locked store with its recovery key.
	UnlockWithRecoveryKey(key string) error
	// Lock forgets the key: nothing can be read until Unlock.
	Lock() error
	// ChangePassphrase wraps the store's key under a new passphrase; the
	// data is not encrypted again.
	ChangePassphrase(passphrase string) error
}

// LockRequestFile is the file, in the data folder, that asks the desk open
// on it to lock: warrantdesk lock writes it; the desk looks for it every
// second and removes it.
const LockRequestFile = "warrantdesk.lock-now"
