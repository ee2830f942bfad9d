package app

import (
	"fmt"
	"slices"
	"sort"
	"testing"
	"time"
)

func TestSortByUrgency(t *testing.T) {
	t0 := time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC)
	mk := func(name string, status Status, emergency bool, deadline string, created int) *Case {
		c := &Case{ID: name, Status: status, CreatedAt: t0.Add(time.Duration(created) * time.Hour)}
		c.Order.Extraction.Emergency = emergency
		c.Order.Extraction.Fields = map[string]Field{}
		if deadline != "" {
			c.Order.Extraction.Fields[FieldDeadline] = Field{Value: deadline}
		}
		return c
	}
	cases := []*Case{
		mk("decided-emergency", StatusDecided, true, "2025-01-02", 0),
		mk("no-deadline-old", StatusNew, false, "", 1),
		mk("late-deadline", StatusNew, false, "2025-03-01", 2),
		mk("emergency", StatusInReview, true, "", 3),
		mk("soon", StatusNew, false, "2025-01-05", 4),
		mk("no-deadline-new", StatusNew, false, "", 5),
	}
	SortByUrgency(cases)
	want := []string{"emergency", "soon", "late-deadline", "no-deadline-old", "no-deadline-new", "decided-emergency"}
	for i, c := range cases {
		if c.ID != want[i] {
			t.Fatalf("position %d: %s, want %s (order %v)", i, c.ID, want[i], ids(cases))
		}
	}
}

func ids(cs []*Case) []string {
	out := make([]string, len(cs))
	for i, c := range cs {
		out[i] = c.ID
	}
	return out
}

func TestParseOutcome(t *testing.T) {
	for _, s := range []string{"comply", "Narrow", " no-data ", "REDIRECT"} {
		if _, err := ParseOutcome(s); err != nil {
			t.Errorf("ParseOutcome(%q): %v", s, err)
		}
	}
	_, err := ParseOutcome("maybe")
	if ErrorCode(err) != EINVALID || ErrorMessage(err) == "" {
		t.Errorf("ParseOutcome(maybe) = %v", err)
	}
}

func TestNewCaseID_IsRandom128Bits(t *testing.T) {
	seen := map[string]bool{}
	for i := 0; i < 1000; i++ {
		id := NewCaseID()
		if len(id) != 32 || seen[id] {
			t.Fatalf("bad or repeated id %q", id)
		}
		seen[id] = true
	}
}

func TestCase_DecideRecordsAndKeepsCopiesApart(t *testing.T) {
	at := time.Date(2025, 6, 9, 12, 0, 0, 0, time.UTC)
	orig := &Case{ID: "a", Status: StatusNew, History: make([]Event, 1, 4)}
	c := *orig
	c.Decide(Decision{Outcome: Narrow, Reviewer: "R. Reviewer", DecidedAt: at})
	if c.Status != StatusDecided || !c.UpdatedAt.Equal(at) || c.Decision.Outcome != Narrow {
		t.Fatalf("%+v", c)
	}
	if e := c.History[1]; e.Actor != "R. Reviewer" || e.Action != "decided" || e.Detail != "narrow (was none)" {
		t.Errorf("event %+v", e)
	}
	if len(orig.History) != 1 || orig.Decision != nil || orig.History[:2][1].Action != "" {
		t.Error("deciding on a copy changed the original")
	}
	c.Decide(Decision{Outcome: Comply, Reviewer: "S. Second", DecidedAt: at})
	if e := c.History[2]; e.Detail != "comply (was narrow)" {
		t.Errorf("event %+v", e)
	}
}

func TestCase_CorrectKeepsTheExtractedValue(t *testing.T) {
	at := time.Date(2025, 6, 9, 12, 0, 0, 0, time.UTC)
	c := &Case{Status: StatusNew, Order: Order{Extraction: Extraction{Fields: map[string]Field{FieldDeadline: {Value: "2025-06-20"}}}}}
	if err := c.Correct(FieldDeadline, "2025-06-13", "R. Reviewer", at); err != nil {
		t.Fatal(err)
	}
	if d, _ := c.Deadline(); d.Format(time.DateOnly) != "2025-06-13" || c.Order.Extraction.Field(FieldDeadline) != "2025-06-20" {
		t.Errorf("deadline %v, extraction %q", d, c.Order.Extraction.Field(FieldDeadline))
	}
	if k := c.Corrections[FieldDeadline]; k.Extracted != "2025-06-20" || k.By != "R. Reviewer" || !k.At.Equal(at) {
		t.Errorf("correction %+v", k)
	}
	if c.Status != StatusInReview || len(c.History) != 2 || c.History[1].Action != "corrected" {
		t.Errorf("status %s, history %+v", c.Status, c.History)
	}
	for _, bad := range []struct{ field, value string }{{FieldDeadline, "13/06/2025"}, {"colour", "red"}} {
		if err := c.Correct(bad.field, bad.value, "R", at); ErrorCode(err) != EINVALID {
			t.Errorf("Correct(%q, %q) = %v, want EINVALID", bad.field, bad.value, err)
		}
	}
	// A copy made before a correction does not see it.
	cp := *c
	if err := c.Correct(FieldJudge, "Jane Q. Smith", "R", at); err != nil {
		t.Fatal(err)
	}
	if _, ok := cp.Corrections[FieldJudge]; ok || len(cp.History) != 2 {
		t.Error("a correction changed an earlier copy of the case")
	}
	if err := c.Correct(FieldDeadline, "", "R", at); err != nil || c.Value(FieldDeadline) != "2025-06-20" {
		t.Errorf("reverting: %v, deadline %q", err, c.Value(FieldDeadline))
	}
}

func TestDecision_ProducesAndDefaultNotice(t *testing.T) {
	d := Decision{Outcome: Narrow, Targets: []TargetDecision{{Target: "b@example.com", Produce: false}}}
	if !d.Produces("a@example.com") || d.Produces("b@example.com") {
		t.Error("per-target choice or outcome default wrong")
	}
	if (&Decision{Outcome: Reject}).Produces("a@example.com") {
		t.Error("a rejection produces data")
	}
	until := "2026-01-01"
	for _, tc := range []struct {
		nd    Nondisclosure
		want  Notice
		after string
	}{{Nondisclosure{}, NoticeNotify, ""}, {Nondisclosure{Ordered: true, Until: &until}, NoticeDelayed, until}, {Nondisclosure{Ordered: true}, NoticeDelayed, ""}, {Nondisclosure{Requested: true}, NoticeNotify, ""}} {
		if n, a := DefaultNotice(tc.nd); n != tc.want || a != tc.after {
			t.Errorf("DefaultNotice(%+v) = %s %q", tc.nd, n, a)
		}
	}
	if _, err := ParseNotice("sometimes"); ErrorCode(err) != EINVALID {
		t.Error("ParseNotice accepted nonsense")
	}
}

func TestCase_DecideClearsTheDraft(t *testing.T) {
	c := &Case{Status: StatusNew}
	at := time.Now()
	c.SaveDraft(Decision{Outcome: Clarify, Note: "ask"}, "R", at)
	if c.Draft == nil || c.Status != StatusInReview {
		t.Fatalf("draft %+v status %s", c.Draft, c.Status)
	}
	c.Decide(Decision{Outcome: Comply, Reviewer: "R", DecidedAt: at})
	if c.Draft != nil || c.Status != StatusDecided {
		t.Errorf("after deciding: draft %+v status %s", c.Draft, c.Status)
	}
}

// TestSortByUrgency_SameOrderAsComparingCases: the precomputed keys order
// cases as comparing the cases themselves did.
func TestSortByUrgency_SameOrderAsComparingCases(t *testing.T) {
	base := time.Date(2025, 6, 1, 9, 0, 0, 0, time.UTC)
	var cases []*Case
	for i := 0; i < 200; i++ {
		c := &Case{ID: fmt.Sprint(i), Status: []Status{StatusNew, StatusInReview, StatusDecided}[i%3], CreatedAt: base.Add(time.Duration(i*37%50) * time.Hour),
			Order: Order{Extraction: Extraction{Emergency: i%7 == 0, Fields: map[string]Field{}}}}
		if i%4 != 0 {
			c.Order.Extraction.Fields[FieldDeadline] = Field{Value: base.AddDate(0, 0, i*13%40).Format(time.DateOnly)}
		}
		cases = append(cases, c)
	}
	got := slices.Clone(cases)
	SortByUrgency(got)
	want := slices.Clone(cases)
	sort.SliceStable(want, func(i, j int) bool {
		a, b := want[i], want[j]
		if ad, bd := a.Status == StatusDecided, b.Status == StatusDecided; ad != bd {
			return bd
		}
		if ae, be := a.Order.Extraction.Emergency, b.Order.Extraction.Emergency; ae != be {
			return ae
		}
		at, aok := a.Deadline()
		bt, bok := b.Deadline()
		if aok != bok {
			return aok
		}
		if aok && !at.Equal(bt) {
			return at.Before(bt)
		}
		if !a.CreatedAt.Equal(b.CreatedAt) {
			return a.CreatedAt.Before(b.CreatedAt)
		}
		return a.ID < b.ID
	})
	for i := range got {
		if got[i] != want[i] {
			t.Fatalf("at %d: case %s, want %s", i, got[i].ID, want[i].ID)
		}
	}
}
