package ui

import (
	"testing"

	"github.com/warrantdesk/warrantdesk/app"
)

// TestQueue_CorrectedCaseIsFoundByItsNewValue: a case corrected in place
// while a search is typed is found by what it says now, not by what it
// said when the queue was loaded.
func TestQueue_CorrectedCaseIsFoundByItsNewValue(t *testing.T) {
	d, _ := showDesk(t, &memStore{cases: deskCases()})
	q := d.Queue
	q.search.SetText("mallory")
	if len(q.cases) != 1 {
		t.Fatalf("%d cases before the correction", len(q.cases))
	}
	c := q.cases[0]
	c.Order.Extraction.Targets = []app.Target{{Kind: app.TargetEmail, Value: "trudy@example.org", Page: 2}}
	q.Updated(c)
	if len(q.cases) != 0 {
		t.Errorf("the old value still finds %d cases", len(q.cases))
	}
	q.search.SetText("trudy")
	if len(q.cases) != 1 || q.cases[0] != c {
		t.Errorf("the new value finds %d cases", len(q.cases))
	}
}
