package storage

import (
	"context"
	"encoding/hex"
	"strings"

	"github.com/warrantdesk/warrantdesk/app"
	bolt "go.etcd.io/bbolt"
)

// UrgencyOrder returns the ID of every case, most urgent first (the order
// app.SortSummaries gives their summaries), holding only each case's sort
// key and ID while it sorts them — about 130 bytes a case instead of the
// whole summary — and then only the IDs: a command that streams every case
// (`list --json`, `export`) orders them in memory that barely grows with
// the store. Cases whose summary does not read back, nor their case, are
// named in an EDAMAGED error returned beside the others, as Summaries
// names them.
func (db *DB) UrgencyOrder(ctx context.Context) ([]string, error) {
	var keys []string // each a sort key followed by its case's ID
	var damaged []string
	err := db.view(func(tx *bolt.Tx, codec Codec) error {
		var err error
		keys, damaged, err = readSortKeys(ctx, tx, codec)
		return err
	})
	if err != nil {
		return nil, err
	}
	// Ordered as app.SortSummaries orders the summaries (the keys are
	// unique, so the IDs behind them never decide).
	order := app.SortOrder(len(keys), func(i int) string { k := keys[i]; return k[:len(k)-32] })
	// The IDs cut from one string: 32 bytes and a string header a case.
	var all strings.Builder
	all.Grow(32 * len(keys))
	for _, i := range order {
		k := keys[i]
		all.WriteString(k[len(k)-32:])
	}
	s := all.String()
	ids := make([]string, len(keys))
	for i := range ids {
		ids[i] = s[32*i : 32*i+32]
	}
	return ids, damagedCases(damaged)
}

// readSortKeys reads every case's sort key and ID (as one string, the ID
// last), group by group, each group's plaintext dropped once read. What it
// reads and leaves out is what readSummaries reads and leaves out: a group
// that does not read back is made again from its cases.
func readSortKeys(ctx context.Context, tx *bolt.Tx, codec Codec) ([]string, []string, error) {
	var keys, damaged []string
	var bad [][]byte
	var r summaryReader
	var plain, ad []byte
	var sums []app.Summary // one group's, reused
	add := func(s app.Summary) { keys = append(keys, s.SortKey+s.ID) }
	// The groups' pages stop counting as this process's memory as they
	// are read (pagedrop.go).
	drops := pageDropper{tx: tx, every: dropEvery}
	err := tx.Bucket(bucketSummaries).ForEach(func(k, v []byte) error {
		drops.read()
		ad = append(append(append(ad[:0], bucketSummaries...), 0), k...)
		data, err := openInto(codec, plain, ad, v)
		if err == nil {
			plain = data
		} else {
			data = nil
		}
		if len(k) != 1 {
			// A summary of schema 2's kind, one a case.
			if s, ok := r.single(k, data); ok {
				add(s)
			} else {
				damaged = append(damaged, hex.EncodeToString(k))
			}
			return ctx.Err()
		}
		var ok bool
		if data != nil {
			sums, ok = r.groupSummaries(sums[:0], storedGroup{key: k[0], text: string(data)})
		}
		if !ok {
			bad = append(bad, []byte{k[0]})
			return ctx.Err()
		}
		for _, s := range sums {
			add(s)
		}
		return ctx.Err()
	})
	if err != nil {
		return nil, nil, err
	}
	drops.drop()
	damaged = append(damaged, summariesFromCases(tx, codec, bad, add)...)
	return keys, damaged, ctx.Err()
}
