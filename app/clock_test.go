package app

import (
	"errors"
	"strings"
	"testing"
	"time"
)

func mustZone(t *testing.T, name string) *time.Location {
	t.Helper()
	loc, err := time.LoadLocation(name)
	if err != nil {
		t.Fatal(err)
	}
	return loc
}

// clockCase is a case of the given kind from jurisdiction, imported at
// imported, with the fields given (name, value, …).
func clockCase(kind ProcessType, jurisdiction string, imported time.Time, fields ...string) *Case {
	c := &Case{ID: NewCaseID(), Status: StatusNew, CreatedAt: imported, Order: Order{ImportedAt: imported, Extraction: Extraction{
		ProcessType: kind, Fields: map[string]Field{FieldJurisdiction: {Value: jurisdiction}}}}}
	for i := 0; i+1 < len(fields); i += 2 {
		c.Order.Extraction.Fields[fields[i]] = Field{Value: fields[i+1]}
	}
	return c
}

func TestClockRule_EachKindOfProcess(t *testing.T) {
	cs := ClockSettings{EmergencyHours: 2, RoutineDays: 21}
	for _, tc := range []struct {
		kind      ProcessType
		emergency bool
		want      ClockKind
		hours     int
		days      int
		extend    int
	}{
		{EPOC, false, ClockRespond, 0, 10, 0},
		{EPOC, true, ClockRespond, 8, 0, 0},
		{EPOCPR, false, ClockHold, 0, 60, 30},
		{Preservation2703f, false, ClockHold, 0, 90, 90},
		{OverseasProductionOrder, false, ClockRespond, 0, 7, 0},
		{EmergencyRequest, true, ClockRespond, 2, 0, 0},
		{InformalRequest, true, ClockRespond, 2, 0, 0},
		{NondisclosureOrder, false, ClockNone, 0, 0, 0},
		{SearchWarrant, false, ClockRespond, 0, 21, 0},
	} {
		c := clockCase(tc.kind, "", time.Now())
		c.Order.Extraction.Emergency = tc.emergency
		r := c.ClockRule(cs)
		if r.Kind != tc.want || r.Hours != tc.hours || r.Days != tc.days || r.Extend != tc.extend || r.Basis == "" {
			t.Errorf("%s (emergency %v): %+v", tc.kind, tc.emergency, r)
		}
	}
	if r := clockCase(SearchWarrant, "", time.Now()).ClockRule(ClockSettings{}); r.Days != DefaultRoutineDays {
		t.Errorf("the routine default: %+v", r)
	}
	if r := clockCase(EmergencyRequest, "", time.Now()).ClockRule(ClockSettings{}); r.Hours != DefaultEmergencyHours || !r.FromSent {
		t.Errorf("the emergency default: %+v", r)
	}
}

// Ten days across the EU's spring change end at the same wall-clock time,
// one hour less than 240 hours later.
func TestClock_EPOCDaysAcrossDaylightSaving(t *testing.T) {
	berlin := mustZone(t, "Europe/Berlin")
	received := time.Date(2026, 3, 25, 9, 0, 0, 0, berlin)
	c := clockCase(EPOC, "EU-DE", received)
	k := c.ClockAt(ClockSettings{}, received.Add(time.Hour))
	due := k.Due.In(berlin)
	if k.Zone != "Europe/Berlin" || due.Format("2006-01-02 15:04 MST") != "2026-04-04 09:00 CEST" || k.Due.Sub(received) != 239*time.Hour {
		t.Fatalf("due %s after %v (zone %s)", due.Format("2006-01-02 15:04 MST"), k.Due.Sub(received), k.Zone)
	}
	if k.State != ClockRunning || k.Left != k.Due.Sub(received.Add(time.Hour)) {
		t.Errorf("state %s, left %v", k.State, k.Left)
	}
}

// Eight hours are elapsed hours, whatever the wall clock does in the
// autumn change.
func TestClock_EmergencyEPOCHoursAcrossDaylightSaving(t *testing.T) {
	paris := mustZone(t, "Europe/Paris")
	received := time.Date(2026, 10, 25, 0, 30, 0, 0, paris) // CEST; at 03:00 the clocks go back to 02:00 CET
	c := clockCase(EPOC, "EU-FR", received)
	c.Order.Extraction.Emergency = true
	k := c.ClockAt(ClockSettings{}, received)
	if k.Due.Sub(received) != 8*time.Hour || k.Due.In(paris).Format("15:04 MST") != "07:30 CET" {
		t.Errorf("due %s, %v after receipt", k.Due.In(paris).Format("15:04 MST"), k.Due.Sub(received))
	}
}

// An emergency request's clock runs from the time it was sent, in the zone
// it was written in, across the US spring change.
func TestClock_EmergencyFromTimeSentAcrossDaylightSaving(t *testing.T) {
	ny := mustZone(t, "America/New_York")
	imported := time.Date(2026, 3, 8, 8, 50, 0, 0, time.UTC) // 04:50 EDT
	c := clockCase(EmergencyRequest, "US-NY", imported)
	c.Order.Extraction.Moments = []Moment{{Kind: MomentSent, Wall: "2026-03-08T01:30:00", Zone: "EST", Page: 1}}
	k := c.ClockAt(ClockSettings{EmergencyHours: 3}, imported)
	if !strings.HasPrefix(k.StartFrom, "sent") || k.Start.In(ny).Format("15:04 MST") != "01:30 EST" {
		t.Fatalf("start %s (%s)", k.Start.In(ny).Format("15:04 MST"), k.StartFrom)
	}
	if k.Due.In(ny).Format("2006-01-02 15:04 MST") != "2026-03-08 05:30 EDT" || k.Due.Sub(k.Start) != 3*time.Hour {
		t.Errorf("due %s", k.Due.In(ny).Format("2006-01-02 15:04 MST"))
	}
	// Sent 2h20m before it was imported: 40 minutes of the 3 hours left.
	if k.Left != 40*time.Minute || k.State != ClockApproaching {
		t.Errorf("left %v, %s", k.Left, k.State)
	}
	// Without a zone, the time is read in the issuer's.
	c.Order.Extraction.Moments[0].Zone = ""
	if k := c.ClockAt(ClockSettings{}, imported); k.Start.In(ny).Format("15:04 MST") != "01:30 EST" {
		t.Errorf("start without a zone %s", k.Start.In(ny).Format("15:04 MST"))
	}
	// A sending time after the import is a misreading: the import counts.
	c.Order.Extraction.Moments[0].Wall = "2026-03-09T11:00:00"
	if k := c.ClockAt(ClockSettings{}, imported); !k.Start.Equal(imported) || !strings.Contains(k.StartFrom, "imported") {
		t.Errorf("a moment after import was believed: %v (%s)", k.Start, k.StartFrom)
	}
}

// A stated deadline is met by the end of its day where the issuer is.
func TestClock_StatedDeadlineEndsWithTheIssuersDay(t *testing.T) {
	imported := time.Date(2026, 2, 20, 15, 0, 0, 0, time.UTC)
	c := clockCase(SearchWarrant, "US-federal", imported, FieldDeadline, "2026-03-05", FieldIssuingAuthority, "United States District Court for the Northern District of California")
	k := c.ClockAt(ClockSettings{}, imported)
	la := mustZone(t, "America/Los_Angeles")
	if k.Zone != "America/Los_Angeles" || k.Due.In(la).Format("2006-01-02 15:04") != "2026-03-05 23:59" || !strings.Contains(k.ZoneFrom, "CA") {
		t.Errorf("due %v in %s (%s)", k.Due.In(la), k.Zone, k.ZoneFrom)
	}
	// A UK order that sets its own date keeps it; an EPOC's period runs
	// from receipt, whatever date was worked out from its issue.
	opo := clockCase(OverseasProductionOrder, "UK", imported, FieldDeadline, "2026-03-13")
	if k := opo.ClockAt(ClockSettings{}, imported); k.Due.In(mustZone(t, "Europe/London")).Format("2006-01-02 15:04") != "2026-03-13 23:59" {
		t.Errorf("OPO due %v", k.Due)
	}
	epoc := clockCase(EPOC, "EU-NL", imported, FieldDeadline, "2026-02-25")
	if k := epoc.ClockAt(ClockSettings{}, imported); !k.Due.Equal(imported.AddDate(0, 0, 10)) {
		t.Errorf("EPOC due %v", k.Due)
	}
}

// "Approaching" at a quarter of the time left.
func TestClock_ApproachingAtAQuarter(t *testing.T) {
	received := time.Date(2026, 6, 1, 12, 0, 0, 0, time.UTC)
	c := clockCase(EPOC, "EU-IE", received)
	for _, tc := range []struct {
		after time.Duration
		want  string
	}{{0, ClockRunning}, {7*24*time.Hour + 12*time.Hour - time.Minute, ClockRunning}, {7*24*time.Hour + 12*time.Hour, ClockApproaching},
		{10*24*time.Hour - time.Minute, ClockApproaching}, {10*24*time.Hour + time.Minute, ClockOverdue}} {
		if k := c.ClockAt(ClockSettings{}, received.Add(tc.after)); k.State != tc.want {
			t.Errorf("after %v: %s, want %s (%s)", tc.after, k.State, tc.want, k.Describe())
		}
	}
	hold := clockCase(Preservation2703f, "US-federal", received)
	if k := hold.ClockAt(ClockSettings{}, received.AddDate(0, 0, 91)); k.State != ClockExpired {
		t.Errorf("a lapsed hold: %s", k.State)
	}
}

func TestClock_PauseResumeAndANewDeadline(t *testing.T) {
	received := time.Date(2026, 6, 1, 12, 0, 0, 0, time.UTC)
	c := clockCase(EPOC, "EU-IE", received)
	base := c.BaseClock(ClockSettings{})
	day := 24 * time.Hour
	at := func(d time.Duration) time.Time { return received.Add(d) }
	if err := c.ChangeClock(base, ClockChange{At: at(2 * day), By: "R", Action: ClockPause}); app(err) != EINVALID {
		t.Errorf("a pause without a reason: %v", err)
	}
	if err := c.ChangeClock(base, ClockChange{At: at(2 * day), Action: ClockPause, Reason: "x"}); app(err) != EINVALID {
		t.Errorf("a pause by nobody: %v", err)
	}
	if err := c.ChangeClock(base, ClockChange{At: at(2 * day), By: "R", Action: ClockResume}); app(err) != EINVALID {
		t.Errorf("resuming a running clock: %v", err)
	}
	if err := c.ChangeClock(base, ClockChange{At: at(2 * day), By: "R", Action: ClockPause, Reason: "clarification asked"}); err != nil {
		t.Fatal(err)
	}
	k := c.RunClock(base, at(3*day))
	if k.State != ClockPaused || k.Left != 8*day || k.Paused != day || k.PauseReason != "clarification asked" {
		t.Errorf("paused: %s left %v paused %v", k.State, k.Left, k.Paused)
	}
	if err := c.ChangeClock(base, ClockChange{At: at(3 * day), By: "R", Action: ClockPause, Reason: "again"}); app(err) != EINVALID {
		t.Errorf("pausing a paused clock: %v", err)
	}
	if err := c.ChangeClock(base, ClockChange{At: at(4 * day), By: "S", Action: ClockResume, Reason: "answer received"}); err != nil {
		t.Fatal(err)
	}
	k = c.RunClock(base, at(4*day))
	if k.State != ClockRunning || !k.Due.Equal(at(12*day)) || k.Left != 8*day || k.Paused != 2*day || c.PausedUntil(at(5*day)) != 2*day {
		t.Errorf("resumed: %s due %v left %v paused %v", k.State, k.Due, k.Left, k.Paused)
	}
	// Approaching still comes at a quarter of the ten days the order gives.
	if k := c.RunClock(base, at(12*day-60*time.Hour)); k.State != ClockApproaching {
		t.Errorf("2.5 days of 10 left after a pause: %s", k.State)
	}
	if len(c.Clock.Changes) != 2 || c.Clock.Changes[1].By != "S" || !strings.HasPrefix(c.Clock.Changes[1].Old, "paused") || !strings.HasPrefix(c.Clock.Changes[1].New, "running") {
		t.Errorf("changes %+v", c.Clock.Changes)
	}
	if e := c.History[len(c.History)-1]; e.Action != "clock resumed" || e.Actor != "S" || !strings.Contains(e.Detail, "answer received") {
		t.Errorf("history %+v", e)
	}
	// Paused again, then the authority sets a new deadline: the pause ends
	// and the deadline is what it says.
	c.ChangeClock(base, ClockChange{At: at(5 * day), By: "R", Action: ClockPause, Reason: "non-execution notice sent"})
	past := at(4 * day)
	if err := c.ChangeClock(base, ClockChange{At: at(6 * day), By: "R", Action: ClockDeadline, Due: &past}); app(err) != EINVALID {
		t.Errorf("a deadline in the past: %v", err)
	}
	due := at(9 * day)
	if err := c.ChangeClock(base, ClockChange{At: at(6 * day), By: "R", Action: ClockDeadline, Due: &due, Reason: "prosecutor's letter"}); err != nil {
		t.Fatal(err)
	}
	k = c.RunClock(base, at(6*day))
	if k.State != ClockRunning || !k.Due.Equal(due) || k.Paused != 3*day || !strings.Contains(k.Basis, "prosecutor's letter") {
		t.Errorf("after a new deadline: %s due %v paused %v basis %s", k.State, k.Due, k.Paused, k.Basis)
	}
	if err := c.ChangeClock(base, ClockChange{At: at(6 * day), By: "R", Action: ClockExtend, Days: 30}); app(err) != EINVALID {
		t.Errorf("extending an EPOC: %v", err)
	}
	c.Decide(Decision{Outcome: Comply, Reviewer: "R", DecidedAt: at(7 * day)})
	if k := c.RunClock(base, at(8*day)); k.State != ClockAnswered {
		t.Errorf("decided: %s", k.State)
	}
	if err := c.ChangeClock(base, ClockChange{At: at(8 * day), By: "R", Action: ClockPause, Reason: "x"}); app(err) != EINVALID {
		t.Errorf("pausing an answered clock: %v", err)
	}
}

func TestClock_HoldsDoNotPauseButExtend(t *testing.T) {
	received := time.Date(2026, 1, 10, 9, 0, 0, 0, time.UTC)
	c := clockCase(Preservation2703f, "US-federal", received)
	c.Decide(Decision{Outcome: Preserve, Reviewer: "R", DecidedAt: received.Add(time.Hour)})
	base := c.BaseClock(ClockSettings{})
	if err := c.ChangeClock(base, ClockChange{At: received.AddDate(0, 0, 1), By: "R", Action: ClockPause, Reason: "x"}); app(err) != EINVALID {
		t.Errorf("pausing a hold: %v", err)
	}
	if k := c.RunClock(base, received.AddDate(0, 0, 30)); k.State != ClockRunning {
		t.Errorf("a preserve decision stops no hold: %s", k.State)
	}
	if err := c.ChangeClock(base, ClockChange{At: received.AddDate(0, 0, 80), By: "R", Action: ClockExtend, Days: 90}); err != nil {
		t.Fatal(err)
	}
	if k := c.RunClock(base, received.AddDate(0, 0, 80)); !k.Due.Equal(received.AddDate(0, 0, 180)) {
		t.Errorf("extended to %v", k.Due)
	}
}

func TestClock_ClarifyKeepsItRunning(t *testing.T) {
	received := time.Date(2026, 1, 10, 9, 0, 0, 0, time.UTC)
	c := clockCase(SearchWarrant, "US-CA", received)
	c.Decide(Decision{Outcome: Clarify, Reviewer: "R", DecidedAt: received})
	if k := c.ClockAt(ClockSettings{}, received.Add(time.Hour)); k.State != ClockRunning {
		t.Errorf("asking for clarification ended the clock: %s", k.State)
	}
	if k := clockCase(NondisclosureOrder, "US-CA", received).ClockAt(ClockSettings{}, received); k.State != ClockNoDeadline || k.Describe() != "no deadline" {
		t.Errorf("an NDO's clock: %s", k.Describe())
	}
}

func TestIssuerZone(t *testing.T) {
	now := time.Now()
	for _, tc := range []struct {
		jurisdiction, authority, zone string
	}{
		{"US-federal", "United States District Court for the Eastern District of Virginia", "America/New_York"},
		{"US-federal", "United States District Court for the Western District of Washington", "America/Los_Angeles"},
		{"US-federal", "United States District Court for the District of Columbia", "America/New_York"},
		{"US-federal", "Federal Bureau of Investigation", "UTC"},
		{"US-TX", "", "America/Chicago"},
		{"US-AZ", "", "America/Phoenix"},
		{"EU-DE", "", "Europe/Berlin"},
		{"EU-PT", "", "Europe/Lisbon"},
		{"UK", "", "Europe/London"},
		{"CA", "", "America/Toronto"},
		{"", "", "UTC"},
	} {
		c := clockCase(SearchWarrant, tc.jurisdiction, now, FieldIssuingAuthority, tc.authority)
		if loc, from := c.IssuerZone(); loc.String() != tc.zone || from == "" {
			t.Errorf("%s %q: %s (%s)", tc.jurisdiction, tc.authority, loc, from)
		}
	}
	c := clockCase(EmergencyRequest, "", now)
	c.Order.Extraction.Moments = []Moment{{Kind: MomentSent, Wall: "2026-01-01T10:00:00", Zone: "PST"}}
	if loc, _ := c.IssuerZone(); loc.String() != "America/Los_Angeles" {
		t.Errorf("a zone from the order's times: %s", loc)
	}
}

func TestStatedZoneAndMoments(t *testing.T) {
	for in, off := range map[string]int{"EST": -5 * 3600, "cest": 2 * 3600, "+01:00": 3600, "-0500": -5 * 3600, "UTC+1": 3600, "GMT-03:30": -(3*3600 + 1800), "Z": 0} {
		loc, ok := StatedZone(in)
		if !ok {
			t.Errorf("%q not read", in)
			continue
		}
		if _, o := time.Date(2026, 7, 1, 0, 0, 0, 0, loc).Zone(); o != off {
			t.Errorf("%q: offset %d", in, o)
		}
	}
	for _, bad := range []string{"THE", "+25:00", "XYZ"} {
		if _, ok := StatedZone(bad); ok {
			t.Errorf("%q read as a zone", bad)
		}
	}
	if _, ok := (Moment{Wall: "2026-01-01T10:00:00", Zone: "XYZ"}).In(time.UTC); ok {
		t.Error("a moment in an unknown zone was read")
	}
}

func TestParseDeadline(t *testing.T) {
	berlin := mustZone(t, "Europe/Berlin")
	for in, want := range map[string]string{
		"2026-03-05":                "2026-03-05T23:59:00+01:00",
		"2026-03-05 14:00":          "2026-03-05T14:00:00+01:00",
		"2026-07-05T14:00":          "2026-07-05T14:00:00+02:00",
		"2026-03-05 14:00 EST":      "2026-03-05T14:00:00-05:00",
		"2026-03-05 14:00 -03:00":   "2026-03-05T14:00:00-03:00",
		"2026-03-05T14:00:00+09:00": "2026-03-05T14:00:00+09:00",
	} {
		got, err := ParseDeadline(in, berlin)
		if err != nil || got.Format(time.RFC3339) != want {
			t.Errorf("%q: %v %v, want %s", in, got.Format(time.RFC3339), err, want)
		}
	}
	for _, bad := range []string{"next Friday", "05/03/2026", ""} {
		if _, err := ParseDeadline(bad, berlin); app(err) != EINVALID {
			t.Errorf("%q: %v", bad, err)
		}
	}
}

func TestSpan(t *testing.T) {
	for d, want := range map[time.Duration]string{3*24*time.Hour + 4*time.Hour: "3d 4h", 5*time.Hour + 20*time.Minute: "5h 20m", 12 * time.Minute: "12m", -2 * time.Hour: "2h 0m"} {
		if got := Span(d); got != want {
			t.Errorf("Span(%v) = %q", d, got)
		}
	}
}

// app is the code of an *Error, for short test conditions.
func app(err error) string {
	var e *Error
	if errors.As(err, &e) {
		return e.Code
	}
	return ""
}
