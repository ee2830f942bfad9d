package storage

import (
	"bytes"
	"context"
	"encoding/hex"
	"encoding/json"

	"github.com/warrantdesk/warrantdesk/app"
	bolt "go.etcd.io/bbolt"
)

// textIndexPrefix begins the keys, in the index bucket, of the full-text
// word index of each case's text: the prefix, then the case ID's 16 bytes.
// Derived from the pages, it is kept apart from the case (a list never
// reads it), sealed like every value and not audited.
var textIndexPrefix = []byte("text/")

func textIndexKey(id []byte) []byte { return append(bytes.Clone(textIndexPrefix), id...) }

// putTextIndex stores the word index of the pages of case id in tx.
func putTextIndex(tx *bolt.Tx, codec Codec, id []byte, pages []app.PageText) error {
	return putSealed(tx, codec, bucketIndex, textIndexKey(id), []byte(app.IndexWords(pages)))
}

// UpdateCaseText replaces a stored case, its summary, its page texts and
// their word index, and appends what changed to the audit trail, in one
// transaction: a case read again by OCR never has its new extraction
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
		old, _, err := getCase(tx, codec, key)
		if err != nil {
			if app.ErrorCode(err) == app.ENOTFOUND {
				return err
			}
			return damagedRecord(c.ID, "case", err)
		}
		if err := db.putCase(tx, codec, key, c, record); err != nil {
			return err
		}
		if err := putSealed(tx, codec, bucketPages, key, pageData); err != nil {
			return err
		}
		if err := putTextIndex(tx, codec, key, pages); err != nil {
			return err
		}
		return appendAudit(tx, codec, changeEntry(ctx, old, c), record)
	})
}

// TextIndex returns the word index of every case's text that has one, by
// case ID. One that does not open is left out: it is derived data, which
// SaveTextIndex replaces, and verify names it.
func (db *DB) TextIndex(ctx context.Context) (map[string]string, error) {
	out := map[string]string{}
	err := db.view(func(tx *bolt.Tx, codec Codec) error {
		cur := tx.Bucket(bucketIndex).Cursor()
		for k, v := cur.Seek(textIndexPrefix); k != nil && bytes.HasPrefix(k, textIndexPrefix); k, v = cur.Next() {
			if err := ctx.Err(); err != nil {
				return err
			}
			words, err := codec.Open(valueAD(bucketIndex, k), v)
			if err != nil {
				continue
			}
			out[hex.EncodeToString(k[len(textIndexPrefix):])] = string(words)
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	return out, nil
}

// SaveTextIndex stores the word index of case id's text (a case stored
// before the index existed).
func (db *DB) SaveTextIndex(ctx context.Context, id, words string) error {
	key, err := idKey(id)
	if err != nil {
		return err
	}
	return db.update("save the text index", func(tx *bolt.Tx, codec Codec) error {
		if tx.Bucket(bucketCases).Get(key) == nil {
			return app.Errorf(app.ENOTFOUND, "no case %s", id)
		}
		return putSealed(tx, codec, bucketIndex, textIndexKey(key), []byte(words))
	})
}
