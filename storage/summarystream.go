package storage

import (
	"context"
	"encoding/hex"

	"github.com/warrantdesk/warrantdesk/app"
	bolt "go.etcd.io/bbolt"
)

// EachSummary calls fn with the summary of every case, a group at a time
// and in no particular order, holding one group's summaries at once where
// Summaries holds them all: `list` keeps only the little of each it
// prints. A summary's strings share its group's memory, so fn copies what
// it keeps. The cases whose summary does not read back (nor their case)
// are named in an EDAMAGED error returned once the others were all given.
func (db *DB) EachSummary(ctx context.Context, fn func(s *app.Summary) error) error {
	var damaged []string
	var dropped bool
	err := db.view(func(tx *bolt.Tx, codec Codec) error {
		var r summaryReader
		var sums []app.Summary
		var bad [][]byte
		give := func() error {
			for i := range sums {
				if err := fn(&sums[i]); err != nil {
					return err
				}
			}
			return ctx.Err()
		}
		var plain, ad []byte
		err := tx.Bucket(bucketSummaries).ForEach(func(k, v []byte) error {
			ad = append(append(append(ad[:0], bucketSummaries...), 0), k...)
			data, err := openInto(codec, plain, ad, v)
			if err == nil {
				plain = data
			}
			if len(k) != 1 {
				var s app.Summary
				ok := err == nil
				if ok {
					s, ok = r.single(k, data)
				}
				if !ok {
					damaged = append(damaged, hex.EncodeToString(k))
					return nil
				}
				sums = append(sums[:0], s)
				return give()
			}
			var ok bool
			if err == nil {
				sums, ok = r.groupSummaries(sums[:0], storedGroup{key: k[0], text: string(data)})
			}
			// The groups' pages read so far stop counting as this
			// process's memory (what Summaries' caller keeps is the
			// summaries themselves, not the file).
			if k[0]%dropEvery == dropEvery-1 {
				dropPages(tx)
			}
			if !ok {
				bad = append(bad, []byte{k[0]})
				return nil
			}
			return give()
		})
		if err != nil {
			return err
		}
		dropped = dropPages(tx)
		var failed error
		damaged = append(damaged, summariesFromCases(tx, codec, bad, func(s app.Summary) {
			if failed == nil {
				failed = fn(&s)
			}
		})...)
		return failed
	})
	if err != nil {
		return err
	}
	if !dropped {
		db.unmap()
	}
	return damagedCases(damaged)
}

// dropEvery is how many of the 256 groups of summaries a read of them
// (EachSummary, Summaries, UrgencyOrder) reads between two drops of the
// file's pages (pagedrop.go): a group's pages are one run, so 32 of them
// are about 4 MB of the file at 100,000 cases.
const dropEvery = 32
