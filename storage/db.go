package storage

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
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
type DB struct {
	bolt  *bolt.DB
	codec Codec
	path  string
}

var _ app.Store = (*DB)(nil)

// Options configure Open.
type Options struct {
	// Codec seals every stored value; PlainCodec if nil.
	Codec Codec
	// LockTimeout overrides the package default.
	LockTimeout time.Duration
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
	bdb, err := bolt.Open(path, 0o600, &bolt.Options{Timeout: opts.LockTimeout})
	if err != nil {
		if errors.Is(err, bolterrors.ErrTimeout) {
			return nil, &app.Error{Code: app.ELOCKED, Message: "WarrantDesk is already open (database locked): close the other window, or use another --data folder", Err: err}
		}
		return nil, &app.Error{Code: app.EINTERNAL, Message: fmt.Sprintf("cannot open the database %s", path), Err: err}
	}
	db := &DB{bolt: bdb, codec: opts.Codec, path: path}
	if err := db.init(); err != nil {
		bdb.Close()
		return nil, err
	}
	return db, nil
}

// Path is the database file's path.
func (db *DB) Path() string { return db.path }

func (db *DB) init() error {
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
			return fmt.Errorf("unreadable schema version %q", v)
		}
		if n > SchemaVersion {
			return &app.Error{Code: app.EINVALID, Message: fmt.Sprintf("this database was written by a newer WarrantDesk (schema %d, this one reads %d): update WarrantDesk", n, SchemaVersion)}
		}
		return nil
	})
}

// Close releases the database and its lock.
func (db *DB) Close() error { return db.bolt.Close() }

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
		return db.getJSON(v, &c)
	})
	if err != nil {
		return nil, err
	}
	return &c, nil
}

// Cases returns every case.
func (db *DB) Cases(ctx context.Context) ([]*app.Case, error) {
	var out []*app.Case
	err := db.view(func(tx *bolt.Tx) error {
		return tx.Bucket(bucketCases).ForEach(func(k, v []byte) error {
			if err := ctx.Err(); err != nil {
				return err
			}
			var c app.Case
			if err := db.getJSON(v, &c); err != nil {
				return fmt.Errorf("case %x: %w", k, err)
			}
			out = append(out, &c)
			return nil
		})
	})
	return out, err
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
		out, err = db.codec.Open(v)
		return err
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
		return db.getJSON(v, &out)
	})
	return out, err
}

func (db *DB) view(fn func(tx *bolt.Tx) error) error {
	return db.bolt.View(fn)
}

// update runs fn in a write transaction and turns a failed commit into a
// message that says what was not saved and what to do.
func (db *DB) update(what string, fn func(tx *bolt.Tx) error) error {
	err := db.bolt.Update(fn)
	if err == nil {
		return nil
	}
	var appErr *app.Error
	if errors.As(err, &appErr) {
		return err
	}
	if errors.Is(err, syscall.ENOSPC) {
		return &app.Error{Code: app.EINTERNAL, Message: fmt.Sprintf("could not %s: the disk is full; free some space and try again (what was saved before is intact)", what), Err: err}
	}
	return &app.Error{Code: app.EINTERNAL, Message: fmt.Sprintf("could not %s", what), Err: err}
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
			return db.getJSON(v, &s)
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
