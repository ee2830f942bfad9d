package storage

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strconv"

	"github.com/warrantdesk/warrantdesk/app"
	bolt "go.etcd.io/bbolt"
)

// Backup records the backup in the audit trail, then writes a consistent
// copy of the whole database file to w while the store stays in use
// (bbolt's Tx.WriteTo, in a read transaction). The copy is the file as it
// is: its values sealed, as in the store, so it opens with the store's
// passphrase or recovery key.
func (db *DB) Backup(ctx context.Context, w io.Writer, detail string) (int64, error) {
	if err := db.Record(ctx, app.AuditEntry{Action: app.AuditBackup, Detail: detail}); err != nil {
		return 0, err
	}
	var n int64
	err := db.view(func(tx *bolt.Tx, _ Codec) error {
		var err error
		n, err = tx.WriteTo(w)
		return err
	})
	if err != nil {
		var ae *app.Error
		if errors.As(err, &ae) {
			return n, err
		}
		return n, &app.Error{Code: app.EIO, Message: fmt.Sprintf("could not write the backup: %v", rootCause(err)), Err: err}
	}
	return n, nil
}

// Restore writes the database file read from r into the data folder of a
// DB that has no store yet (StateNew), then reads it as Open would: the
// restored store is locked until Unlock, if it is encrypted.
func (db *DB) Restore(r io.Reader) error {
	db.life.Lock()
	defer db.life.Unlock()
	if db.state != app.StateNew || db.readOnly {
		return app.Errorf(app.EINVALID, "the data folder %s holds a store already: restore into a new, empty folder with --data, so nothing is overwritten", db.dir)
	}
	if err := restoreFile(db.dir, r); err != nil {
		return err
	}
	return db.readHeader()
}

// restoreFile writes the database file read from r into dir, which must
// hold no store: into a file beside the final name, synced, checked (bbolt
// can read it, its layout is one this WarrantDesk reads, its structure is
// whole), then moved into place. The folder is left as it was on any
// failure.
func restoreFile(dir string, r io.Reader) error {
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return &app.Error{Code: app.EIO, Message: fmt.Sprintf("cannot create the data folder %s: %v", dir, err), Err: err}
	}
	if err := emptyFolder(dir); err != nil {
		return err
	}
	path := filepath.Join(dir, FileName)
	tmp := path + newSuffix
	f, err := os.OpenFile(tmp, os.O_WRONLY|os.O_CREATE|os.O_TRUNC, 0o600)
	if err != nil {
		return writeError("restore the backup", err)
	}
	_, err = io.Copy(f, r)
	if err == nil {
		err = f.Sync()
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = checkRestored(tmp)
	}
	if err != nil {
		os.Remove(tmp)
		var ae *app.Error
		if errors.As(err, &ae) {
			return err
		}
		return writeError("restore the backup", err)
	}
	if err := os.Rename(tmp, path); err != nil {
		os.Remove(tmp)
		return writeError("restore the backup", err)
	}
	syncDir(dir)
	return nil
}

// emptyFolder refuses a folder that holds a store, or anything but what
// WarrantDesk itself leaves in a folder it was pointed at (its log and
// instance lock).
func emptyFolder(dir string) error {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return &app.Error{Code: app.EIO, Message: fmt.Sprintf("cannot read the data folder %s: %v", dir, err), Err: err}
	}
	for _, e := range entries {
		switch e.Name() {
		case "warrantdesk.log", "warrantdesk.lock":
			continue
		}
		return app.Errorf(app.EINVALID, "the data folder %s is not empty (it holds %s): restore into a new, empty folder with --data, so nothing is overwritten", dir, app.PrintableName(e.Name()))
	}
	return nil
}

// checkRestored opens a restored file read-only and checks it is a store:
// bbolt reads it and finds its structure whole, and its layout is one this
// WarrantDesk reads.
func checkRestored(path string) error {
	b, err := openBolt(path, LockTimeout, true)
	if err != nil {
		return &app.Error{Code: app.EDAMAGED, Message: fmt.Sprintf("the backup does not hold a WarrantDesk database (%s): nothing was restored", rootCause(err)), Err: err}
	}
	defer b.Close()
	return b.View(func(tx *bolt.Tx) error {
		for e := range tx.Check() {
			return &app.Error{Code: app.EDAMAGED, Message: fmt.Sprintf("the backup's database is damaged (%v): nothing was restored", e)}
		}
		meta := tx.Bucket(bucketMeta)
		if meta == nil {
			return app.Errorf(app.EDAMAGED, "the backup does not hold a WarrantDesk database: nothing was restored")
		}
		if n, err := strconv.Atoi(string(meta.Get(keySchema))); err != nil || n > SchemaVersion {
			return app.Errorf(app.EINVALID, "the backup was made by a newer WarrantDesk (schema %s): update WarrantDesk to restore it", meta.Get(keySchema))
		}
		return nil
	})
}

// Compact records the compaction, then copies the live data into a new
// file (bbolt's Compact: freed pages, which may still hold deleted values,
// are left behind) and moves it over the old one in one rename.
func (db *DB) Compact(ctx context.Context) (before, after int64, err error) {
	if db.readOnly {
		return 0, 0, app.Errorf(app.EINTERNAL, "a read-only store cannot be compacted")
	}
	if err := db.Record(ctx, app.AuditEntry{Action: app.AuditCompact}); err != nil {
		return 0, 0, err
	}
	db.life.Lock()
	defer db.life.Unlock()
	db.closeFile()
	if st, err := os.Stat(db.path); err == nil {
		before = st.Size()
	}
	tmp := db.path + newSuffix
	os.Remove(tmp)
	src, err := openBolt(db.path, db.timeout, false)
	if err != nil {
		return 0, 0, openError(db.path, err)
	}
	dst, err := bolt.Open(tmp, 0o600, &bolt.Options{Timeout: db.timeout, NoSync: true})
	if err != nil {
		src.Close()
		return 0, 0, openError(tmp, err)
	}
	err = bolt.Compact(dst, src, rewriteBatch)
	if err == nil {
		err = dst.Sync()
	}
	if cerr := dst.Close(); err == nil {
		err = cerr
	}
	src.Close()
	if err == nil {
		err = os.Rename(tmp, db.path)
	}
	if err != nil {
		os.Remove(tmp)
		return 0, 0, writeError("compact the database", err)
	}
	syncDir(db.dir)
	if st, err := os.Stat(db.path); err == nil {
		after = st.Size()
	}
	return before, after, nil
}
