package storage

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
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

// SchemaVersion is the layout version this code writes and reads.
const SchemaVersion = 1

// LockTimeout is how long Open waits for another process to release the
// database before it gives up.
const LockTimeout = 2 * time.Second

// FileName is the database's name inside the data folder.
const FileName = "warrantdesk.db"

var (
	bucketMeta      = []byte("meta")
	bucketCases     = []byte("cases")
	bucketOriginals = []byte("originals")
	bucketPages     = []byte("pages")
	bucketSHA256    = []byte("sha256")
	keySchema       = []byte("schema_version")
)

// DB is a bbolt-backed app.Store.
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
	codec    Codec
	path     string
	warnings []string
	readOnly bool
	timeout  time.Duration
	instance *instanceLock // nil when read-only

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

var _ app.Store = (*DB)(nil)

// Options configure Open.
type Options struct {
	// Codec seals every stored value; PlainCodec if nil.
	Codec Codec
	// LockTimeout overrides the package default.
	LockTimeout time.Duration
	// ReadOnly opens for reading alone: no instance lock, so it works
	// while the desk or an import has the folder. A folder without a
	// database yet is opened as usual, to create it.
	ReadOnly bool
}

// Open opens (creating if needed) the database in dir. The folder is created
// 0700 and the file 0600: the data is sensitive.
func Open(dir string, opts Options) (*DB, error) {
	if opts.Codec == nil {
		opts.Codec = PlainCodec{}
	}
	if opts.LockTimeout <= 0 {
		opts.LockTimeout = LockTimeout
	}
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return nil, &app.Error{Code: app.EINVALID, Message: fmt.Sprintf("cannot create the data folder %s: choose another with --data", dir), Err: err}
	}
	path := filepath.Join(dir, FileName)
	db := &DB{codec: opts.Codec, path: path, timeout: opts.LockTimeout, readOnly: opts.ReadOnly}
	if _, err := os.Stat(path); err != nil {
		db.readOnly = false
	}
	if !db.readOnly {
		lock, err := lockInstance(filepath.Join(dir, "warrantdesk.lock"), opts.LockTimeout)
		if err != nil {
			if errors.Is(err, errLocked) {
				return nil, &app.Error{Code: app.ELOCKED, Message: "WarrantDesk is already open (database locked): close the other window or wait for its import to finish, or use another --data folder", Err: err}
			}
			return nil, openError(path, err)
		}
		db.instance = lock
	}
	if err := db.init(); err != nil {
		db.Close()
		return nil, err
	}
	db.warnings = looseModes(dir, path)
	return db, nil
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
	}
	return &app.Error{Code: app.EIO, Message: fmt.Sprintf("cannot open the database %s: %v", path, rootCause(err)), Err: err}
}

// damagedFile is the message for a database file bbolt cannot read.
func damagedFile(path string, err error) error {
	return &app.Error{Code: app.EDAMAGED, Message: fmt.Sprintf("the database file %s is damaged (%v) and was not changed: restore it from your backup of the data folder %s, or move it aside to start an empty one; WarrantDesk keeps no copy of its own", path, rootCause(err), filepath.Dir(path)), Err: err}
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

func (db *DB) init() error {
	if db.readOnly {
		return db.view(func(tx *bolt.Tx) error {
			if v := tx.Bucket(bucketMeta); v != nil {
				if n, err := strconv.Atoi(string(v.Get(keySchema))); err == nil && n > SchemaVersion {
					return &app.Error{Code: app.EINVALID, Message: fmt.Sprintf("this database was written by a newer WarrantDesk (schema %d, this one reads %d): update WarrantDesk", n, SchemaVersion)}
				}
			}
			return nil
		})
	}
	return db.update("prepare the database", func(tx *bolt.Tx) error {
		for _, name := range [][]byte{bucketMeta, bucketCases, bucketOriginals, bucketPages, bucketSHA256} {
			if _, err := tx.CreateBucketIfNotExists(name); err != nil {
				return err
			}
		}
		meta := tx.Bucket(bucketMeta)
		v := meta.Get(keySchema)
		if v == nil {
			return meta.Put(keySchema, []byte(strconv.Itoa(SchemaVersion)))
		}
		n, err := strconv.Atoi(string(v))
		if err != nil {
			return damagedFile(db.path, fmt.Errorf("unreadable schema version %q", v))
		}
		if n > SchemaVersion {
			return &app.Error{Code: app.EINVALID, Message: fmt.Sprintf("this database was written by a newer WarrantDesk (schema %d, this one reads %d): update WarrantDesk", n, SchemaVersion)}
		}
		return nil
	})
}

// Close releases the database and its lock.
func (db *DB) Close() error {
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

// CreateCase stores c with its original PDF and page texts, unless the same
// bytes are stored already.
func (db *DB) CreateCase(ctx context.Context, c *app.Case, original []byte, pages []app.PageText) error {
	id, err := idKey(c.ID)
	if err != nil {
		return err
	}
	sha, err := hex.DecodeString(c.Order.SHA256)
	if err != nil || len(sha) != 32 {
		return app.Errorf(app.EINVALID, "case %s has no valid SHA-256", c.ID)
	}
	// One order of a bundle is told apart from the others by its pages.
	if p := c.Order.Part; p != nil {
		k := sha256.Sum256(fmt.Appendf(sha, "#%d-%d", p.From, p.To))
		sha = k[:]
	}
	return db.update("save the new case", func(tx *bolt.Tx) error {
		if existing := tx.Bucket(bucketSHA256).Get(sha); existing != nil {
			other := hex.EncodeToString(existing)
			return &app.Error{Code: app.ECONFLICT, Message: "already imported as case " + other, Err: &app.DuplicateError{CaseID: other}}
		}
		if tx.Bucket(bucketCases).Get(id) != nil {
			return app.Errorf(app.ECONFLICT, "case %s exists already", c.ID)
		}
		if err := db.putJSON(tx.Bucket(bucketCases), id, c); err != nil {
			return err
		}
		if err := db.put(tx.Bucket(bucketOriginals), id, original); err != nil {
			return err
		}
		if err := db.putJSON(tx.Bucket(bucketPages), id, pages); err != nil {
			return err
		}
		return tx.Bucket(bucketSHA256).Put(sha, id)
	})
}

// Case returns one case by its full ID.
func (db *DB) Case(ctx context.Context, id string) (*app.Case, error) {
	key, err := idKey(id)
	if err != nil {
		return nil, err
	}
	var c app.Case
	err = db.view(func(tx *bolt.Tx) error {
		v := tx.Bucket(bucketCases).Get(key)
		if v == nil {
			return app.Errorf(app.ENOTFOUND, "no case %s", id)
		}
		if err := db.getJSON(v, &c); err != nil {
			return damagedRecord(id, "case", err)
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	return &c, nil
}

// Cases returns every case that reads back; those that do not are named
// in an EDAMAGED error returned beside the others.
func (db *DB) Cases(ctx context.Context) ([]*app.Case, error) {
	var out []*app.Case
	var damaged []string
	err := db.view(func(tx *bolt.Tx) error {
		return tx.Bucket(bucketCases).ForEach(func(k, v []byte) error {
			if err := ctx.Err(); err != nil {
				return err
			}
			var c app.Case
			if err := db.getJSON(v, &c); err != nil || c.ID != hex.EncodeToString(k) {
				damaged = append(damaged, hex.EncodeToString(k))
				return nil
			}
			out = append(out, &c)
			return nil
		})
	})
	if err != nil {
		return nil, err
	}
	if len(damaged) > 0 {
		return out, &app.Error{Code: app.EDAMAGED, Message: fmt.Sprintf("%d case(s) could not be read and were left out: %s; 'warrantdesk check' says more", len(damaged), strings.Join(damaged, ", ")), Err: &app.DamagedError{Cases: damaged}}
	}
	return out, nil
}

// damagedRecord is the error for one stored value that does not read back.
func damagedRecord(id, what string, err error) error {
	return &app.Error{Code: app.EDAMAGED, Message: fmt.Sprintf("the stored %s of case %s is damaged and cannot be read (%v): restore the data folder from a backup, or re-import the order; 'warrantdesk check' lists every damaged record", what, id, err), Err: &app.DamagedError{Cases: []string{id}}}
}

// UpdateCase replaces a stored case.
func (db *DB) UpdateCase(ctx context.Context, c *app.Case) error {
	key, err := idKey(c.ID)
	if err != nil {
		return err
	}
	return db.update("save the case", func(tx *bolt.Tx) error {
		b := tx.Bucket(bucketCases)
		if b.Get(key) == nil {
			return app.Errorf(app.ENOTFOUND, "no case %s", c.ID)
		}
		return db.putJSON(b, key, c)
	})
}

// Original returns the PDF a case was imported from, byte for byte.
func (db *DB) Original(ctx context.Context, id string) ([]byte, error) {
	key, err := idKey(id)
	if err != nil {
		return nil, err
	}
	var out []byte
	err = db.view(func(tx *bolt.Tx) error {
		v := tx.Bucket(bucketOriginals).Get(key)
		if v == nil {
			return app.Errorf(app.ENOTFOUND, "no original PDF for case %s", id)
		}
		if out, err = db.codec.Open(v); err != nil {
			return damagedRecord(id, "original", err)
		}
		return nil
	})
	return out, err
}

// Pages returns the page texts of a case's order.
func (db *DB) Pages(ctx context.Context, id string) ([]app.PageText, error) {
	key, err := idKey(id)
	if err != nil {
		return nil, err
	}
	var out []app.PageText
	err = db.view(func(tx *bolt.Tx) error {
		v := tx.Bucket(bucketPages).Get(key)
		if v == nil {
			return app.Errorf(app.ENOTFOUND, "no page text for case %s", id)
		}
		if err := db.getJSON(v, &out); err != nil {
			return damagedRecord(id, "pages", err)
		}
		return nil
	})
	return out, err
}

// view runs fn in a read transaction. bbolt panics on a damaged page; it
// rolls the transaction back first, and the panic becomes an EDAMAGED
// error naming the file.
func (db *DB) view(fn func(tx *bolt.Tx) error) (err error) {
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

// update runs fn in a write transaction and turns a failed commit into a
// message that says what was not saved and what to do.
func (db *DB) update(what string, fn func(tx *bolt.Tx) error) (err error) {
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
	err = b.Update(fn)
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
	if errors.Is(err, bolterrors.ErrDatabaseReadOnly) {
		return &app.Error{Code: app.EIO, Message: fmt.Sprintf("could not %s: the database is open read-only", what), Err: err}
	}
	return &app.Error{Code: app.EIO, Message: fmt.Sprintf("could not %s: %v (what was saved before is intact)", what, rootCause(err)), Err: err}
}

func (db *DB) put(b *bolt.Bucket, key, value []byte) error {
	sealed, err := db.codec.Seal(value)
	if err != nil {
		return err
	}
	return b.Put(key, sealed)
}

func (db *DB) putJSON(b *bolt.Bucket, key []byte, v any) error {
	data, err := json.Marshal(v)
	if err != nil {
		return err
	}
	return db.put(b, key, data)
}

func (db *DB) getJSON(sealed []byte, v any) error {
	data, err := db.codec.Open(sealed)
	if err != nil {
		return err
	}
	return json.Unmarshal(data, v)
}

func idKey(id string) ([]byte, error) {
	b, err := hex.DecodeString(id)
	if err != nil || len(b) != 16 {
		return nil, app.Errorf(app.EINVALID, "%q is not a case ID", id)
	}
	return b, nil
}

var keySettings = []byte("settings")

// Settings returns the stored settings (empty ones before any are saved).
func (db *DB) Settings(ctx context.Context) (app.Settings, error) {
	var s app.Settings
	err := db.view(func(tx *bolt.Tx) error {
		if v := tx.Bucket(bucketMeta).Get(keySettings); v != nil {
			if err := db.getJSON(v, &s); err != nil {
				return &app.Error{Code: app.EDAMAGED, Message: fmt.Sprintf("the stored settings are damaged and cannot be read (%v): set them again with 'warrantdesk settings'", err), Err: err}
			}
		}
		return nil
	})
	return s, err
}

// SaveSettings replaces the stored settings.
func (db *DB) SaveSettings(ctx context.Context, s app.Settings) error {
	return db.update("save the settings", func(tx *bolt.Tx) error {
		return db.putJSON(tx.Bucket(bucketMeta), keySettings, s)
	})
}
