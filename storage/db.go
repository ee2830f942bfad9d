package storage

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"runtime/debug"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"time"

	"github.com/warrantdesk/warrantdesk/app"
	bolt "go.etcd.io/bbolt"
	bolterrors "go.etcd.io/bbolt/errors"
)

// SchemaVersion is the layout version this code writes and reads. Version
// 1 (plain values, cases whole) is migrated on first use (migrate.go);
// version 2 (summaries as JSON) once the store is unlocked
// (summarymigrate.go).
const SchemaVersion = 3

// LockTimeout is how long Open waits for another process to release the
// database before it gives up.
const LockTimeout = 2 * time.Second

// FileName is the database's name inside the data folder.
const FileName = "warrantdesk.db"

// Suffixes of the files a rewrite (migration, passphrase set, compaction,
// restore) builds beside the database before moving it into place; one
// left by a crash is removed by the next writer.
const (
	newSuffix = ".new"
)

var (
	bucketMeta      = []byte("meta") // plaintext: schema version and keyring only
	bucketCases     = []byte("cases")
	bucketSummaries = []byte("summaries")
	bucketOriginals = []byte("originals")
	bucketPages     = []byte("pages")
	bucketSHA256    = []byte("sha256")
	bucketSettings  = []byte("settings")
	bucketAudit     = []byte("audit")
	bucketAuditTree = []byte("audit_tree")
	bucketAuditHead = []byte("audit_head")
	bucketIndex     = []byte("index")
	keySchema       = []byte("schema_version")
	keyKeyring      = []byte("keyring")
	keySettings     = []byte("settings")
	keyHead         = []byte("head")
)

// buckets are every bucket of the current layout.
var buckets = [][]byte{bucketMeta, bucketCases, bucketSummaries, bucketOriginals, bucketPages, bucketSHA256,
	bucketSettings, bucketAudit, bucketAuditTree, bucketAuditHead, bucketIndex}

// sealedBuckets are those whose every value goes through the codec and is
// copied as it is (re-sealed) by a rewrite. The duplicate index is rebuilt
// instead: its keys depend on the codec.
var sealedBuckets = [][]byte{bucketCases, bucketSummaries, bucketOriginals, bucketPages, bucketSettings,
	bucketAudit, bucketAuditTree, bucketAuditHead, bucketIndex, bucketFiles}

// laterBuckets are made by a new layout, but a schema-2 store written
// before them may lack them (matters.go): they are made on first write.
var laterBuckets = [][]byte{bucketFiles}

// DB is a bbolt-backed app.Store, sealed under a passphrase (app.Vault)
// and keeping an audit trail (app.AuditTrail).
//
// The file is held only while it is used, and a moment after: bbolt locks
// it for one writer or many readers, so a DB that kept it open would lock
// out every other command — a `list` or an `export` while the desk is open.
// Instead a DB that writes holds the data folder's instance lock
// (warrantdesk.lock) for as long as it is open, so a second writer is told
// at once, and reopens the file as it needs it; a read-only DB takes no
// instance lock and shares the file with the writer between its
// transactions.
type DB struct {
	dir      string
	path     string
	warnings []string
	readOnly bool
	timeout  time.Duration
	instance *instanceLock // nil when read-only
	kdf      *KDFParams    // for new keys; nil: tuned

	// life is held shared by every transaction and exclusively by what
	// changes the store's state or replaces its file (unlock, lock,
	// migration, compaction), so no transaction runs on a codec that is
	// being taken away or a file that is being replaced.
	life    sync.RWMutex
	state   app.LockState
	codec   Codec    // nil unless StatePlain or StateOpen
	kr      *keyring // nil unless encrypted
	dataKey []byte
	legacy  bool // schema 1: migrated before first use
	// oldSummaries: schema 2, or a move from it not finished; the
	// summaries are moved over once the store's key is known.
	oldSummaries bool

	mu     sync.Mutex
	bolt   *bolt.DB // open while in use, and for idleClose after
	users  int
	idle   *time.Timer
	closed bool
}

// idleClose is how long the file stays open after its last use: long
// enough for the next of a burst of transactions, short enough that
// another command barely waits.
const idleClose = 200 * time.Millisecond

var (
	_ app.Store      = (*DB)(nil)
	_ app.Vault      = (*DB)(nil)
	_ app.AuditTrail = (*DB)(nil)
)

// Options configure Open.
type Options struct {
	// Passphrase, if set, unlocks an encrypted store, or creates one in a
	// folder that has none (whose recovery key is then lost: the front
	// ends call Create themselves, to show it).
	Passphrase string
	// KDF overrides the tuned Argon2id parameters of keys made by this
	// DB (tests; main never sets it).
	KDF *KDFParams
	// LockTimeout overrides the package default.
	LockTimeout time.Duration
	// ReadOnly opens for reading alone: no instance lock, so it works
	// while the desk or an import has the folder. A folder without a
	// database yet is opened as usual, to create it.
	ReadOnly bool
}

// Open opens the database in dir: StateNew when there is none yet (the
// folder is created 0700; Create makes the file, 0600), StatePlain for a
// store without a passphrase, StateLocked for an encrypted one
// (StateOpen if opts.Passphrase unlocks it).
func Open(dir string, opts Options) (*DB, error) {
	if opts.LockTimeout <= 0 {
		opts.LockTimeout = LockTimeout
	}
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return nil, &app.Error{Code: app.EINVALID, Message: fmt.Sprintf("cannot create the data folder %s: choose another with --data", dir), Err: err}
	}
	path := filepath.Join(dir, FileName)
	db := &DB{dir: dir, path: path, timeout: opts.LockTimeout, readOnly: opts.ReadOnly, kdf: opts.KDF}
	_, statErr := os.Stat(path)
	exists := statErr == nil
	if !exists {
		db.readOnly = false
	}
	if !db.readOnly {
		if err := db.lockFolder(); err != nil {
			return nil, err
		}
		// What a crash left of a rewrite is not the store.
		os.Remove(path + newSuffix)
	}
	err := db.prepare(exists, opts.Passphrase)
	if err != nil {
		db.Close()
		return nil, err
	}
	db.warnings = looseModes(dir, path)
	return db, nil
}

// prepare finds the store's state (making it, for a new folder, when a
// passphrase is given), moves an old layout over for a reader, and unlocks
// with passphrase if given.
func (db *DB) prepare(exists bool, passphrase string) error {
	if !exists {
		db.state = app.StateNew
		if passphrase != "" {
			_, err := db.Create(context.Background(), passphrase)
			return err
		}
		return nil
	}
	if err := db.readHeader(); err != nil {
		return err
	}
	if db.legacy && db.readOnly {
		// A reader cannot use the old layout: the first command to see
		// it moves it over, holding the folder as a writer meanwhile.
		if err := db.upgradeAsReader(); err != nil {
			return err
		}
	}
	if passphrase != "" && db.state == app.StateLocked {
		return db.Unlock(passphrase)
	}
	return nil
}

func (db *DB) lockFolder() error {
	lock, err := lockInstance(filepath.Join(db.dir, "warrantdesk.lock"), db.timeout)
	if err != nil {
		if errors.Is(err, errLocked) {
			return &app.Error{Code: app.ELOCKED, Message: "WarrantDesk is already open (database locked): close the other window or wait for its import to finish, or use another --data folder", Err: err}
		}
		return openError(db.path, err)
	}
	db.instance = lock
	return nil
}

// readHeader reads the plaintext part of the store: its layout version and
// whether (and how) it is encrypted.
func (db *DB) readHeader() error {
	return db.rawView(func(tx *bolt.Tx) error {
		// A file cut short (a full disk when it was copied, a broken
		// transfer) is told at once, not when a read reaches the cut.
		if st, err := os.Stat(db.path); err == nil && st.Size() < tx.Size() {
			return damagedFile(db.path, fmt.Errorf("it is cut short: %d bytes of %d", st.Size(), tx.Size()))
		}
		meta := tx.Bucket(bucketMeta)
		if meta == nil {
			return damagedFile(db.path, errors.New("it has no meta bucket"))
		}
		v := meta.Get(keySchema)
		n, err := strconv.Atoi(string(v))
		if err != nil {
			return damagedFile(db.path, fmt.Errorf("unreadable schema version %q", v))
		}
		if n > SchemaVersion {
			return &app.Error{Code: app.EINVALID, Message: fmt.Sprintf("this database was written by a newer WarrantDesk (schema %d, this one reads %d): update WarrantDesk; the database was not changed", n, SchemaVersion)}
		}
		db.legacy = n < 2
		db.oldSummaries = n == 2 || meta.Get(keySummariesPending) != nil
		raw := meta.Get(keyKeyring)
		if raw == nil {
			db.state, db.codec = app.StatePlain, PlainCodec{}
			return nil
		}
		kr, err := parseKeyring(raw)
		if err != nil {
			return err
		}
		db.state, db.kr = app.StateLocked, kr
		return nil
	})
}

// acquire opens the file if it is not open and keeps it open until release.
func (db *DB) acquire() (*bolt.DB, func(), error) {
	db.mu.Lock()
	defer db.mu.Unlock()
	if db.closed {
		return nil, nil, app.Errorf(app.EINTERNAL, "the database is closed")
	}
	if db.idle != nil {
		db.idle.Stop()
		db.idle = nil
	}
	if db.bolt == nil {
		b, err := openBolt(db.path, db.timeout, db.readOnly)
		if err != nil {
			return nil, nil, openError(db.path, err)
		}
		db.bolt = b
	}
	db.users++
	b := db.bolt
	var once sync.Once
	return b, func() {
		once.Do(func() {
			db.mu.Lock()
			defer db.mu.Unlock()
			if db.users--; db.users == 0 && !db.closed {
				db.idle = time.AfterFunc(idleClose, db.closeIdle)
			}
		})
	}, nil
}

func (db *DB) closeIdle() {
	db.mu.Lock()
	defer db.mu.Unlock()
	if db.users == 0 && db.bolt != nil {
		db.bolt.Close()
		db.bolt = nil
	}
}

// unmap closes the file now if no transaction is using it, rather than
// when it has been idle a moment: its pages stop counting as this
// process's memory. The next transaction opens it again.
func (db *DB) unmap() {
	db.mu.Lock()
	defer db.mu.Unlock()
	if db.users == 0 && db.bolt != nil {
		if db.idle != nil {
			db.idle.Stop()
			db.idle = nil
		}
		db.bolt.Close()
		db.bolt = nil
	}
}

// closeFile closes the file now (no transaction may be running: the
// caller holds life exclusively).
func (db *DB) closeFile() {
	db.mu.Lock()
	defer db.mu.Unlock()
	if db.idle != nil {
		db.idle.Stop()
		db.idle = nil
	}
	if db.bolt != nil {
		db.bolt.Close()
		db.bolt = nil
	}
}

// Warnings are what the reviewer should know about the data folder, found
// when it was opened: permissions that let other users read it.
func (db *DB) Warnings() []string { return db.warnings }

// openBolt opens the file, turning a panic of bbolt's on a damaged file
// into an error.
func openBolt(path string, timeout time.Duration, readOnly bool) (bdb *bolt.DB, err error) {
	defer debug.SetPanicOnFault(debug.SetPanicOnFault(true))
	defer func() {
		if r := recover(); r != nil {
			bdb, err = nil, fmt.Errorf("%w: %v", errDamaged, r)
		}
	}()
	return bolt.Open(path, 0o600, &bolt.Options{Timeout: timeout, ReadOnly: readOnly})
}

// errDamaged marks bbolt's failures that mean the file itself is broken.
var errDamaged = errors.New("the database file is damaged")

// openError says why the database could not be opened, and what to do.
func openError(path string, err error) error {
	switch {
	case errors.Is(err, bolterrors.ErrTimeout):
		return &app.Error{Code: app.ELOCKED, Message: "WarrantDesk is already open (database locked): close the other window, or use another --data folder", Err: err}
	case errors.Is(err, errDamaged) || errors.Is(err, bolterrors.ErrInvalid) || errors.Is(err, bolterrors.ErrVersionMismatch) ||
		errors.Is(err, bolterrors.ErrChecksum) || strings.Contains(err.Error(), "file size too small") || strings.Contains(err.Error(), "invalid"):
		return damagedFile(path, err)
	case errors.Is(err, syscall.EROFS):
		return &app.Error{Code: app.EIO, Message: fmt.Sprintf("cannot open the database %s: the disk is read-only; WarrantDesk needs to write there (copy the data folder somewhere writable, or choose another with --data)", path), Err: err}
	case errors.Is(err, fs.ErrPermission):
		return &app.Error{Code: app.EIO, Message: fmt.Sprintf("cannot open the database %s: permission denied (it belongs to another user, or the folder is read-only)", path), Err: err}
	case errors.Is(err, syscall.ENOSPC):
		return &app.Error{Code: app.EIO, Message: fmt.Sprintf("cannot open the database %s: the disk is full; free some space and try again (what was saved before is intact)", path), Err: err}
	}
	return &app.Error{Code: app.EIO, Message: fmt.Sprintf("cannot open the database %s: %v", path, rootCause(err)), Err: err}
}

// damagedFile is the message for a database file bbolt cannot read.
func damagedFile(path string, err error) error {
	return &app.Error{Code: app.EDAMAGED, Message: fmt.Sprintf("the database file %s is damaged (%v) and was not changed: restore the data folder %s from a backup (warrantdesk restore), or move the file aside to start an empty one", path, rootCause(err), filepath.Dir(path)), Err: err}
}

func rootCause(err error) string {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err.Error()
	}
	return strings.TrimPrefix(err.Error(), errDamaged.Error()+": ")
}

// Path is the database file's path.
func (db *DB) Path() string { return db.path }

// Close forgets the key and releases the database and its lock.
func (db *DB) Close() error {
	db.life.Lock()
	db.forgetKey()
	db.life.Unlock()
	db.mu.Lock()
	defer db.mu.Unlock()
	if db.closed {
		return nil
	}
	db.closed = true
	if db.idle != nil {
		db.idle.Stop()
	}
	var err error
	if db.bolt != nil {
		err = db.bolt.Close()
		db.bolt = nil
	}
	if db.instance != nil {
		db.instance.release()
	}
	return err
}

// ready says why the store cannot be used as it stands, or moves an old
// layout over first. The caller holds life shared; a migration needs it
// exclusively, so ready gives it up for that and takes it again.
func (db *DB) ready() error {
	switch db.state {
	case app.StateNew:
		return noStoreYet()
	case app.StateLocked:
		return app.Errorf(app.EPASSPHRASE, "the data folder is locked: unlock it with its passphrase")
	}
	if db.legacy {
		db.life.RUnlock()
		err := db.upgrade()
		db.life.RLock()
		return err
	}
	if db.oldSummaries {
		db.life.RUnlock()
		err := db.upgradeSummaries()
		db.life.RLock()
		return err
	}
	return nil
}

func noStoreYet() error {
	return app.Errorf(app.EPASSPHRASE, "there is no store in this data folder yet: a new one is always encrypted; give a passphrase (--passphrase-file, WARRANTDESK_PASSPHRASE, or at the prompt) or run 'warrantdesk init'")
}

// view runs fn in a read transaction with the store's codec. bbolt panics
// on a damaged page; it rolls the transaction back first, and the panic
// becomes an EDAMAGED error naming the file.
func (db *DB) view(fn func(tx *bolt.Tx, c Codec) error) error {
	db.life.RLock()
	defer db.life.RUnlock()
	if err := db.ready(); err != nil {
		return err
	}
	c := db.codec
	return db.rawView(func(tx *bolt.Tx) error { return fn(tx, c) })
}

// update runs fn in a write transaction with the store's codec (see
// rawUpdate for what a failure says).
func (db *DB) update(what string, fn func(tx *bolt.Tx, c Codec) error) error {
	db.life.RLock()
	defer db.life.RUnlock()
	if err := db.ready(); err != nil {
		return err
	}
	c := db.codec
	if db.readOnly {
		return &app.Error{Code: app.EIO, Message: fmt.Sprintf("could not %s: the database is open read-only", what)}
	}
	return db.rawUpdate(what, func(tx *bolt.Tx) error { return fn(tx, c) })
}

// record is update for an audit entry alone, which a read-only DB may
// write too (writeAside).
func (db *DB) record(what string, fn func(tx *bolt.Tx, c Codec) error) error {
	if !db.readOnly {
		return db.update(what, fn)
	}
	db.life.RLock()
	defer db.life.RUnlock()
	if err := db.ready(); err != nil {
		return err
	}
	c := db.codec
	return db.writeAside(what, func(tx *bolt.Tx) error { return fn(tx, c) })
}

// rawView is a read transaction, whatever the store's state.
func (db *DB) rawView(fn func(tx *bolt.Tx) error) (err error) {
	// A file cut short faults when bbolt reads past its end through the
	// memory map: as a panic, that is one more damaged-file error.
	defer debug.SetPanicOnFault(debug.SetPanicOnFault(true))
	defer func() {
		if r := recover(); r != nil {
			err = damagedFile(db.path, fmt.Errorf("%v", r))
		}
	}()
	b, release, err := db.acquire()
	if err != nil {
		return err
	}
	defer release()
	return b.View(fn)
}

// rawUpdate runs fn in a write transaction and turns a failed commit into
// a message that says what was not saved and what to do.
func (db *DB) rawUpdate(what string, fn func(tx *bolt.Tx) error) (err error) {
	defer debug.SetPanicOnFault(debug.SetPanicOnFault(true))
	defer func() {
		if r := recover(); r != nil {
			err = damagedFile(db.path, fmt.Errorf("%v", r))
		}
	}()
	b, release, err := db.acquire()
	if err != nil {
		return err
	}
	defer release()
	return writeError(what, b.Update(fn))
}

// writeAside is a write from a read-only DB: the audit entry of a memo or
// log export, made while the desk may hold the folder. The file is opened
// for writing just for it — bbolt's own lock keeps it one writer at a
// time — and closed at once.
func (db *DB) writeAside(what string, fn func(tx *bolt.Tx) error) (err error) {
	defer debug.SetPanicOnFault(debug.SetPanicOnFault(true))
	defer func() {
		if r := recover(); r != nil {
			err = damagedFile(db.path, fmt.Errorf("%v", r))
		}
	}()
	db.mu.Lock()
	defer db.mu.Unlock()
	if db.users > 0 {
		return app.Errorf(app.EINTERNAL, "a write while reading the store")
	}
	if db.bolt != nil {
		// Our own shared lock on the file would keep the exclusive one
		// from being taken.
		db.bolt.Close()
		db.bolt = nil
	}
	b, err := openBolt(db.path, db.timeout, false)
	if err != nil {
		return openError(db.path, err)
	}
	defer b.Close()
	return writeError(what, b.Update(fn))
}

// writeError says what was not saved, and why, for a failed write.
func writeError(what string, err error) error {
	if err == nil {
		return nil
	}
	var appErr *app.Error
	if errors.As(err, &appErr) {
		return err
	}
	if errors.Is(err, syscall.ENOSPC) {
		return &app.Error{Code: app.EIO, Message: fmt.Sprintf("could not %s: the disk is full; free some space and try again (what was saved before is intact)", what), Err: err}
	}
	if errors.Is(err, bolterrors.ErrDatabaseReadOnly) || errors.Is(err, syscall.EROFS) {
		return &app.Error{Code: app.EIO, Message: fmt.Sprintf("could not %s: the data folder is read-only (copy it somewhere writable; what was saved before is intact)", what), Err: err}
	}
	return &app.Error{Code: app.EIO, Message: fmt.Sprintf("could not %s: %v (what was saved before is intact)", what, rootCause(err)), Err: err}
}
