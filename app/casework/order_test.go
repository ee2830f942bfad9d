package casework

import (
	"context"
	"slices"
	"testing"

	"github.com/warrantdesk/warrantdesk/app"
)

// The streaming commands (list --json, export) take the cases in the
// order the queue lists them, now read from the sort keys alone.
func TestEachCase_InTheSummariesOrder(t *testing.T) {
	db, s := storeWithOrders(t, 24)
	ctx := context.Background()
	// Some decided, so closed cases sort after open ones.
	sums, _ := s.Summaries(ctx)
	for _, sum := range sums[:5] {
		if _, err := s.Decide(ctx, sum.ID, app.Decision{Outcome: app.Reject, Grounds: []string{app.GroundWarrant}, Reviewer: "R"}); err != nil {
			t.Fatal(err)
		}
	}
	sums, err := s.Summaries(ctx)
	if err != nil {
		t.Fatal(err)
	}
	var want, got []string
	for _, sum := range sums {
		want = append(want, sum.ID)
	}
	if err := s.EachCase(ctx, func(c *app.Case) error { got = append(got, c.ID); return nil }); err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(got, want) {
		t.Errorf("streamed\n %v\nlisted\n %v", got, want)
	}
	if ids, _ := db.UrgencyOrder(ctx); !slices.Equal(ids, want) {
		t.Errorf("the store's order\n %v\nlisted\n %v", ids, want)
	}
}
