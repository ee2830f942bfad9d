package report

import (
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/warrantdesk/warrantdesk/app"
)

// Matters are counted beside cases, and the time to resolve leaves out the
// time a clock was paused waiting on the authority.
func TestCountMatters_BothWaysWithoutPausedTime(t *testing.T) {
	t0 := time.Date(2026, 2, 1, 9, 0, 0, 0, time.UTC)
	mk := func(kind app.ProcessType, received time.Time) *app.Case {
		return &app.Case{ID: app.NewCaseID(), Status: app.StatusNew, Order: app.Order{ImportedAt: received, Extraction: app.Extraction{ProcessType: kind,
			Fields: map[string]app.Field{app.FieldJurisdiction: {Value: "US-NY"}}, Targets: []app.Target{{Kind: app.TargetEmail, Value: "a@example.com"}}}}}
	}
	pres := mk(app.Preservation2703f, t0)
	pres.Decide(app.Decision{Outcome: app.Preserve, Reviewer: "R", DecidedAt: t0.Add(2 * time.Hour)})
	warrant := mk(app.SearchWarrant, t0.AddDate(0, 0, 10))
	warrant.Matter = pres.ID
	base := warrant.BaseClock(app.ClockSettings{})
	warrant.ChangeClock(base, app.ClockChange{At: warrant.ReceivedAt().Add(24 * time.Hour), By: "R", Action: app.ClockPause, Reason: "clarification asked"})
	warrant.ChangeClock(base, app.ClockChange{At: warrant.ReceivedAt().Add(72 * time.Hour), By: "R", Action: app.ClockResume, Reason: "answer"})
	warrant.Decide(app.Decision{Outcome: app.Comply, Reviewer: "R", DecidedAt: warrant.ReceivedAt().Add(96 * time.Hour)})
	open := mk(app.EPOC, t0.AddDate(0, 0, 3))
	ms := app.Matters([]*app.Case{pres, warrant, open}, app.ClockSettings{}, t0.AddDate(0, 1, 0))
	s := CountMatters(ms, time.Time{}, time.Time{})
	if s.Decided != 1 || s.Cases != 2 || s.Open != 1 || s.ByCategory[CategoryContent]+s.ByCategory[CategoryNonContent] != 1 {
		t.Fatalf("stats %+v", s)
	}
	// The warrant took four days, two of them paused: two days to resolve.
	if r := s.TimeToResolve.Cases; r.Count != 2 || r.PausedHours != 48 || r.MeanHours != (2+48)/2.0 {
		t.Errorf("cases %+v", r)
	}
	// The matter: from the preservation's receipt to the warrant's
	// decision, 14 days, less the two paused.
	if r := s.TimeToResolve.Matters; r.Count != 1 || r.MedianHours != 12*24 || r.PausedHours != 48 {
		t.Errorf("matters %+v", r)
	}
	if s := CountMatters(ms, t0.AddDate(0, 2, 0), time.Time{}); s.Decided != 0 || s.TimeToResolve.Cases.Count != 0 {
		t.Errorf("a later period: %+v", s)
	}
}

func TestLog_MatterAndLettersSent(t *testing.T) {
	c := &app.Case{ID: app.NewCaseID(), MatterState: app.MatterState{Matter: app.NewCaseID()}}
	c.AddCorrespondence(app.Correspondence{ID: app.NewCaseID(), Direction: app.DirectionOut, Kind: app.KindLetter, Letter: app.LetterClarification, SHA256: strings.Repeat("a", 64),
		Date: time.Date(2026, 3, 1, 9, 0, 0, 0, time.UTC), AddedBy: "R"})
	rows := Log([]*app.Case{c}, nil)
	if !slices.Contains(Columns(), "matter_id") || rows[0]["matter_id"] != c.Matter || rows[0]["letters_sent"] != "clarification@2026-03-01" {
		t.Errorf("row %+v", rows[0])
	}
}
