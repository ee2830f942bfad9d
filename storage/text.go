package storage

import (
	"context"

	"github.com/warrantdesk/warrantdesk/app"
	bolt "go.etcd.io/bbolt"
)

// UpdateCaseText replaces a stored case and its page texts in one
// transaction, so a case read again by OCR never has its new extraction
// without the text it came from, or the other way round.
func (db *DB) UpdateCaseText(ctx context.Context, c *app.Case, pages []app.PageText) error {
	key, err := idKey(c.ID)
	if err != nil {
		return err
	}
	return db.update("save the case's text", func(tx *bolt.Tx) error {
		b := tx.Bucket(bucketCases)
		if b.Get(key) == nil {
			return app.Errorf(app.ENOTFOUND, "no case %s", c.ID)
		}
		if err := db.putJSON(b, key, c); err != nil {
			return err
		}
		return db.putJSON(tx.Bucket(bucketPages), key, pages)
	})
}
