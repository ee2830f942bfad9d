package storage

import (
	"context"
	"encoding/json"

	"github.com/warrantdesk/warrantdesk/app"
	bolt "go.etcd.io/bbolt"
)

// UpdateCaseText replaces a stored case, its summary and its page texts,
// and appends what changed to the audit trail, in one transaction: a case read again by OCR never has its new extraction
// without the text it came from, or the other way round.
func (db *DB) UpdateCaseText(ctx context.Context, c *app.Case, pages []app.PageText) error {
	key, err := idKey(c.ID)
	if err != nil {
		return err
	}
	record, err := json.Marshal(c)
	if err != nil {
		return err
	}
	pageData, err := json.Marshal(pages)
	if err != nil {
		return err
	}
	return db.update("save the case's text", func(tx *bolt.Tx, codec Codec) error {
		old, _, err := caseToReplace(tx, codec, key, c.ID)
		if err != nil {
			return err
		}
		if err := db.putCase(tx, codec, key, c, record); err != nil {
			return err
		}
		if err := putSealed(tx, codec, bucketPages, key, pageData); err != nil {
			return err
		}
		return appendAudit(tx, codec, changeEntry(ctx, old, c), record)
	})
}
