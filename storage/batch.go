package storage

import (
	"context"
	"errors"

	"github.com/warrantdesk/warrantdesk/app"
	bolt "go.etcd.io/bbolt"
)

var _ app.BatchCreator = (*DB)(nil)

// CreateCases creates the cases in one transaction: one commit, one sync,
// however many files of a folder were ready together. A case refused
// before anything of it is written (a duplicate, a bad ID) is refused
// alone. Any other failure rolls the transaction back and the cases are
// created one by one, so one case the store cannot take fails alone.
func (db *DB) CreateCases(ctx context.Context, cases []app.NewCase) []error {
	errs := make([]error, len(cases))
	records := make([]*newRecord, len(cases))
	for i, nc := range cases {
		records[i], errs[i] = encodeNew(nc)
	}
	var broke error
	err := db.update("save the new cases", func(tx *bolt.Tx, codec Codec) error {
		// Each group of summaries is written once for the batch, not
		// once a case: at 100,000 cases a group is 80 KB.
		var later summaryWrites
		for i, r := range records {
			if r == nil {
				continue
			}
			err := db.createIn(ctx, tx, codec, r, &later)
			if refusedAlone(err) {
				errs[i] = err
				continue
			}
			if err != nil {
				broke = err
				return err
			}
		}
		if err := later.flush(tx, codec); err != nil {
			broke = err
			return err
		}
		return nil
	})
	switch {
	case err == nil:
		return errs
	case broke == nil || len(cases) == 1:
		// The commit itself failed (a full disk, a read-only file):
		// nothing was stored.
		for i := range errs {
			if records[i] != nil {
				errs[i] = err
			}
		}
		return errs
	}
	for i, nc := range cases {
		if records[i] != nil {
			errs[i] = db.CreateCase(ctx, nc.Case, nc.Original, nc.Pages)
		}
	}
	return errs
}

// refusedAlone reports an error createIn returns before it writes
// anything of the case.
func refusedAlone(err error) bool {
	var e *app.Error
	return errors.As(err, &e) && (e.Code == app.ECONFLICT || e.Code == app.EINVALID)
}
