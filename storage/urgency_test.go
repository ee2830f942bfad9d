package storage

import (
	"context"
	"encoding/hex"
	"slices"
	"testing"

	"github.com/warrantdesk/warrantdesk/app"
)

// urgencyIDs is the order Summaries gives, sorted as the service sorts it.
func urgencyIDs(t *testing.T, db *DB) []string {
	t.Helper()
	sums, err := db.Summaries(context.Background())
	if _, damaged := app.Damaged(err); err != nil && !damaged {
		t.Fatal(err)
	}
	app.SortSummaries(sums)
	ids := make([]string, len(sums))
	for i := range sums {
		ids[i] = sums[i].ID
	}
	return ids
}

func sameOrder(t *testing.T, db *DB, what string) {
	t.Helper()
	got, err := db.UrgencyOrder(context.Background())
	if err != nil {
		t.Fatalf("%s: %v", what, err)
	}
	if want := urgencyIDs(t, db); !slices.Equal(got, want) {
		t.Errorf("%s: order\n got %v\nwant %v", what, got, want)
	}
}

// The order the streaming commands follow is the summaries' order, in
// every form the summaries can be stored in: grouped, a damaged group made
// from its cases, and schema 2's one a case.
func TestUrgencyOrder_IsTheSummariesOrder(t *testing.T) {
	db := mustOpen(t, t.TempDir())
	cases := variedCases(t, db, 40)
	sameOrder(t, db, "grouped")

	id, _ := hex.DecodeString(cases[5].ID)
	spoilKey(t, db, bucketSummaries, groupKey(id), func(v []byte) []byte { v[len(v)-1] ^= 1; return v })
	sameOrder(t, db, "a damaged group")
	if got, _ := db.UrgencyOrder(context.Background()); len(got) != len(cases) {
		t.Errorf("%d cases ordered, want %d: a damaged group's cases are ordered from their records", len(got), len(cases))
	}

	// A case whose summary and record are both damaged is named, as
	// Summaries names it.
	spoil(t, db, bucketCases, cases[5].ID, func(v []byte) []byte { v[len(v)-1] ^= 1; return v })
	got, err := db.UrgencyOrder(context.Background())
	if d, ok := app.Damaged(err); !ok || !slices.Equal(d.Cases, []string{cases[5].ID}) || slices.Contains(got, cases[5].ID) {
		t.Errorf("the damaged case: %v (%d ordered)", err, len(got))
	}
	sameOrder2 := urgencyIDs(t, db)
	if !slices.Equal(got, sameOrder2) {
		t.Errorf("with a damaged case: order\n got %v\nwant %v", got, sameOrder2)
	}
}

func TestUrgencyOrder_ReadsSchema2Summaries(t *testing.T) {
	dir := t.TempDir()
	db := mustOpen(t, dir)
	variedCases(t, db, 20)
	want := urgencyIDs(t, db)
	asSchema2(t, db)
	got, err := db.UrgencyOrder(context.Background())
	if err != nil || !slices.Equal(got, want) {
		t.Errorf("schema 2: %v\n got %v\nwant %v", err, got, want)
	}
}
