package storage

import (
	"context"

	"github.com/warrantdesk/warrantdesk/app"
	bolt "go.etcd.io/bbolt"
)

// What matters add to the store (docs/storage.md): files kept with a case
// in their own bucket, sealed by the codec like every value, and the
// matter settings beside the settings. Buckets are made on first write,
// so a database written before them opens unchanged.

var (
	bucketFiles       = []byte("case_files")
	keyMatterSettings = []byte("matter_settings")
)

var _ app.MatterStore = (*DB)(nil)

// SaveCaseFile replaces the stored case and stores a file with it, in one
// transaction.
func (db *DB) SaveCaseFile(ctx context.Context, c *app.Case, fileID string, data []byte) error {
	key, err := idKey(c.ID)
	if err != nil {
		return err
	}
	fkey, err := idKey(fileID)
	if err != nil {
		return err
	}
	return db.update("save the file with the case", func(tx *bolt.Tx) error {
		if tx.Bucket(bucketCases).Get(key) == nil {
			return app.Errorf(app.ENOTFOUND, "no case %s", c.ID)
		}
		files, err := tx.CreateBucketIfNotExists(bucketFiles)
		if err != nil {
			return err
		}
		if files.Get(fkey) != nil {
			return app.Errorf(app.ECONFLICT, "file %s exists already", fileID)
		}
		if err := db.put(files, fkey, data); err != nil {
			return err
		}
		return db.putJSON(tx.Bucket(bucketCases), key, c)
	})
}

// CaseFile returns a file stored with a case, byte for byte.
func (db *DB) CaseFile(ctx context.Context, fileID string) ([]byte, error) {
	fkey, err := idKey(fileID)
	if err != nil {
		return nil, err
	}
	var out []byte
	err = db.view(func(tx *bolt.Tx) error {
		var v []byte
		if b := tx.Bucket(bucketFiles); b != nil {
			v = b.Get(fkey)
		}
		if v == nil {
			return app.Errorf(app.ENOTFOUND, "no file %s: it was never stored, or retention purged it", fileID)
		}
		out, err = db.codec.Open(v)
		return err
	})
	return out, err
}

// PurgeCase stores the purged case and deletes its original, page text
// and files, in one transaction. The duplicate index keeps the original's
// SHA-256, so the same order imported again is known for what it was.
func (db *DB) PurgeCase(ctx context.Context, c *app.Case, files []string) error {
	key, err := idKey(c.ID)
	if err != nil {
		return err
	}
	var fkeys [][]byte
	for _, f := range files {
		k, err := idKey(f)
		if err != nil {
			return err
		}
		fkeys = append(fkeys, k)
	}
	return db.update("purge the case", func(tx *bolt.Tx) error {
		if tx.Bucket(bucketCases).Get(key) == nil {
			return app.Errorf(app.ENOTFOUND, "no case %s", c.ID)
		}
		for _, b := range [][]byte{bucketOriginals, bucketPages} {
			if err := tx.Bucket(b).Delete(key); err != nil {
				return err
			}
		}
		if b := tx.Bucket(bucketFiles); b != nil {
			for _, k := range fkeys {
				if err := b.Delete(k); err != nil {
					return err
				}
			}
		}
		return db.putJSON(tx.Bucket(bucketCases), key, c)
	})
}

// MatterSettings returns the stored matter settings (empty ones before
// any are saved).
func (db *DB) MatterSettings(ctx context.Context) (app.MatterSettings, error) {
	var s app.MatterSettings
	err := db.view(func(tx *bolt.Tx) error {
		if v := tx.Bucket(bucketMeta).Get(keyMatterSettings); v != nil {
			return db.getJSON(v, &s)
		}
		return nil
	})
	return s, err
}

// SaveMatterSettings replaces the stored matter settings.
func (db *DB) SaveMatterSettings(ctx context.Context, s app.MatterSettings) error {
	return db.update("save the matter settings", func(tx *bolt.Tx) error {
		return db.putJSON(tx.Bucket(bucketMeta), keyMatterSettings, s)
	})
}
