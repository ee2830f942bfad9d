package app

import (
	"strings"
	"testing"
	"time"
)

// The one deadline rule follows the clock: a pause that ended moves the
// deadline by the time paused, an open pause is said, the authority's new
// deadline replaces it.
func TestDue_FollowsTheClock(t *testing.T) {
	c := order(SearchWarrant, 0, nil, FieldDeadline, "2026-03-20")
	before, ok := c.Due()
	if !ok {
		t.Fatal("no deadline")
	}
	pause := time.Date(2026, 3, 10, 9, 0, 0, 0, time.UTC)
	c.Clock = &ClockRecord{Changes: []ClockChange{{At: pause, By: "R", Action: ClockPause, Reason: "clarification asked"}}}
	if d, _ := c.Due(); !d.At.Equal(before.At) || !strings.Contains(d.Basis, "paused since") || !strings.Contains(d.Basis, "clarification asked") {
		t.Errorf("paused: %+v", d)
	}
	c.Clock.Changes = append(c.Clock.Changes, ClockChange{At: pause.Add(50 * time.Hour), By: "R", Action: ClockResume})
	if d, _ := c.Due(); !d.At.Equal(before.At.Add(50*time.Hour)) || strings.Contains(d.Basis, "paused since") {
		t.Errorf("resumed: %+v, was %v", d, before.At)
	}
	set := time.Date(2026, 4, 2, 17, 0, 0, 0, time.UTC)
	c.Clock.Changes = append(c.Clock.Changes, ClockChange{At: pause.Add(60 * time.Hour), By: "R", Action: ClockDeadline, Due: &set, Reason: "e-mail of 12 March"})
	if d, _ := c.Due(); !d.At.Equal(set) || !strings.Contains(d.Basis, "new deadline the authority set") {
		t.Errorf("new deadline: %+v", d)
	}
	// A case with no deadline of its own gets the authority's.
	none := order(SearchWarrant, 0, nil)
	if _, ok := none.Due(); ok {
		t.Fatal("a deadline from nowhere")
	}
	none.Clock = &ClockRecord{Changes: []ClockChange{{At: pause, By: "R", Action: ClockDeadline, Due: &set}}}
	if d, ok := none.Due(); !ok || !d.At.Equal(set) {
		t.Errorf("the authority's deadline on a case without one: %+v %v", d, ok)
	}
}
