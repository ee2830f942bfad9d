package ui

import (
	"context"
	"testing"

	"github.com/warrantdesk/warrantdesk/app"
)

// TestQueue_CorrectedCaseIsFoundByItsNewValue: a case corrected while a
// search is typed is found by what it says now, not by what it said when
// the queue was loaded.
func TestQueue_CorrectedCaseIsFoundByItsNewValue(t *testing.T) {
	store := &memStore{cases: deskCases()}
	d, _ := showDesk(t, store)
	q := d.Queue
	q.filter.SetSelected(FilterAll)
	q.search.SetText("zelda fitzg")
	if len(q.cases) != 0 {
		t.Fatalf("%d cases before the correction", len(q.cases))
	}
	c := q.all[0]
	fixed, err := d.Case.service.Correct(context.Background(), c.ID, app.Edit{Field: app.FieldJudge, Value: "Zelda Fitzgerald"}, "R")
	if err != nil {
		t.Fatal(err)
	}
	q.Changed(fixed)
	if len(q.cases) != 1 || q.cases[0].ID != c.ID {
		t.Errorf("the new value finds %d cases", len(q.cases))
	}
}
