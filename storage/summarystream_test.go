package storage

import (
	"context"
	"encoding/hex"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/warrantdesk/warrantdesk/app"
)

// eachSummary is every summary EachSummary gives, by ID, and its error.
func eachSummary(t *testing.T, db *DB) ([]app.Summary, error) {
	t.Helper()
	var out []app.Summary
	err := db.EachSummary(context.Background(), func(s *app.Summary) error {
		out = append(out, *s)
		return nil
	})
	slices.SortFunc(out, func(a, b app.Summary) int { return strings.Compare(a.ID, b.ID) })
	return out, err
}

// EachSummary gives what Summaries gives — from groups, from schema 2's
// one-a-case summaries, from the cases of a group that does not read back
// — and names the same damaged cases.
func TestEachSummary_GivesWhatSummariesGives(t *testing.T) {
	db := mustOpen(t, t.TempDir())
	cases := variedCases(t, db, 24)
	same := func(what string) {
		t.Helper()
		want, wantErr := db.Summaries(context.Background())
		slices.SortFunc(want, func(a, b app.Summary) int { return strings.Compare(a.ID, b.ID) })
		got, err := eachSummary(t, db)
		if !reflect.DeepEqual(got, want) || (err == nil) != (wantErr == nil) || (err != nil && err.Error() != wantErr.Error()) {
			t.Errorf("%s: EachSummary gives %d summaries, %v; Summaries %d, %v", what, len(got), err, len(want), wantErr)
		}
		if len(want) == 0 {
			t.Errorf("%s: no summaries: the test compares nothing", what)
		}
	}
	same("groups")
	id, _ := hex.DecodeString(cases[3].ID)
	spoilKey(t, db, bucketSummaries, groupKey(id), func(v []byte) []byte { v[len(v)-1] ^= 1; return v })
	same("a damaged group")
	spoilKey(t, db, bucketCases, id, func(v []byte) []byte { v[len(v)-1] ^= 1; return v })
	same("a damaged group and case")
	if _, err := eachSummary(t, db); err == nil || !strings.Contains(err.Error(), cases[3].ID) {
		t.Errorf("the case that reads back nowhere is not named: %v", err)
	}
	db2 := mustOpen(t, t.TempDir())
	variedCases(t, db2, 10)
	asSchema2(t, db2)
	db = db2
	same("schema 2's summaries")
}

// fn's error stops EachSummary and is what it returns.
func TestEachSummary_StopsAtFnsError(t *testing.T) {
	db := mustOpen(t, t.TempDir())
	variedCases(t, db, 12)
	stop := context.Canceled
	n := 0
	err := db.EachSummary(context.Background(), func(*app.Summary) error { n++; return stop })
	if err != stop || n != 1 {
		t.Errorf("got %v after %d summaries, want %v after 1", err, n, stop)
	}
}
