package app

import (
	"testing"
	"time"
)

// A summary is the case as corrected (what the queue and list show), and
// its sort key follows the one due-time rule (Due): an EPOC whose stated
// date is later than the law's period from receipt sorts by the period,
// before a warrant due later; a closed case sorts last.
func TestSummarize_AsCorrectedAndSortedByDue(t *testing.T) {
	received := time.Date(2026, 3, 2, 9, 30, 0, 0, time.UTC)
	epoc := &Case{ID: "a", CreatedAt: received, Order: Order{ImportedAt: received, Extraction: Extraction{ProcessType: EPOC,
		Fields: map[string]Field{FieldDeadline: {Value: "2026-04-30", Computed: true}}, Targets: []Target{{Kind: TargetEmail, Value: "a@example.com"}}}}}
	warrant := &Case{ID: "b", CreatedAt: received.Add(-time.Hour), Order: Order{ImportedAt: received, Extraction: Extraction{ProcessType: SearchWarrant,
		Fields: map[string]Field{FieldDeadline: {Value: "2026-03-20"}}}}}
	at := received.Add(time.Minute)
	if _, err := warrant.Apply(Edit{Field: FieldProcessType, Value: string(CourtOrder2703d)}, "R", at); err != nil {
		t.Fatal(err)
	}
	if _, err := epoc.Apply(Edit{Field: FieldTargets, Targets: []Target{{Kind: TargetEmail, Value: "b@example.com"}, {Kind: TargetPhone, Value: "+14155550100"}}}, "R", at); err != nil {
		t.Fatal(err)
	}
	if _, err := epoc.Apply(Edit{Field: FieldNondisclosure, Nondisclosure: &Nondisclosure{Ordered: true}}, "R", at); err != nil {
		t.Fatal(err)
	}
	e, w := Summarize(epoc), Summarize(warrant)
	if w.ProcessType != CourtOrder2703d || len(e.Targets) != 2 || e.Targets[0] != "b@example.com" || !e.Gagged {
		t.Errorf("not as corrected: %+v %+v", e, w)
	}
	if e.Deadline != "2026-03-12" {
		t.Errorf("the EPOC's deadline %q: not the Regulation's 10 days from receipt", e.Deadline)
	}
	if !(e.SortKey < w.SortKey) {
		t.Errorf("the EPOC due first sorts after the warrant: %q %q", e.SortKey, w.SortKey)
	}
	epoc.Status = StatusSplit
	if !(Summarize(epoc).SortKey > w.SortKey) {
		t.Error("a closed case sorts before an open one")
	}
}
