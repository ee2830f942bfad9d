package app

import (
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
