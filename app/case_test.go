package app

import (
	"errors"
	"strings"
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
	if err := c.Decide(Decision{Outcome: Narrow, Reviewer: "R. Reviewer", DecidedAt: at}); err != nil {
		t.Fatal(err)
	}
	if c.Status != StatusDecided || !c.UpdatedAt.Equal(at) || c.Decision.Outcome != Narrow {
		t.Fatalf("%+v", c)
	}
	if e := c.History[1]; e.Actor != "R. Reviewer" || e.Action != "decided" || e.Detail != "comply in part (narrowed) (was none)" {
		t.Errorf("event %+v", e)
	}
	if len(orig.History) != 1 || orig.Decision != nil || orig.History[:2][1].Action != "" {
		t.Error("deciding on a copy changed the original")
	}
	// Decided means decided: a second decision is refused until the case
	// is reopened, and the first is kept.
	err := c.Decide(Decision{Outcome: Comply, Reviewer: "S. Second", DecidedAt: at})
	if !errors.Is(err, ErrDecided) || ErrorCode(err) != ECONFLICT || c.Decision.Outcome != Narrow {
		t.Fatalf("re-deciding: %v, %+v", err, c.Decision)
	}
	if err := c.Reopen("S. Second", "new facts", at.Add(time.Hour)); err != nil {
		t.Fatal(err)
	}
	if c.Status != StatusInReview || c.Decision != nil || c.Draft == nil || c.Draft.Outcome != Narrow || len(c.Superseded) != 1 {
		t.Fatalf("after reopening: %+v", c)
	}
	if e := c.History[len(c.History)-1]; e.Action != "reopened" || e.Actor != "S. Second" || !strings.Contains(e.Detail, "was comply in part (narrowed) by R. Reviewer") || !strings.HasSuffix(e.Detail, ": new facts") {
		t.Errorf("reopen event %+v", e)
	}
	if err := c.Reopen("S", "", at); ErrorCode(err) != EINVALID {
		t.Errorf("reopening an open case: %v", err)
	}
	if err := c.Decide(Decision{Outcome: Comply, Reviewer: "S. Second", DecidedAt: at}); err != nil || c.Decision.Outcome != Comply {
		t.Errorf("deciding a reopened case: %v", err)
	}
}

func TestCase_ApplyKeepsTheValueRead(t *testing.T) {
	at := time.Date(2025, 6, 9, 12, 0, 0, 0, time.UTC)
	c := &Case{Status: StatusNew, Order: Order{Extraction: Extraction{Fields: map[string]Field{FieldDeadline: {Value: "2025-06-20", Page: 1}, FieldJudge: {Value: "Way Dallas", Page: 1}}}}}
	if ok, err := c.Apply(Edit{Field: FieldDeadline, Value: "2025-06-13"}, "R. Reviewer", at); err != nil || !ok {
		t.Fatal(ok, err)
	}
	if d, _ := c.Deadline(); d.Format(time.DateOnly) != "2025-06-13" || c.Order.Extraction.Field(FieldDeadline) != "2025-06-20" {
		t.Errorf("deadline %v, extraction %q", d, c.Order.Extraction.Field(FieldDeadline))
	}
	if k := c.Corrections[FieldDeadline]; k.Extracted != "2025-06-20" || k.By != "R. Reviewer" || !k.At.Equal(at) {
		t.Errorf("correction %+v", k)
	}
	if c.Status != StatusInReview || len(c.History) != 2 || c.History[1].Action != "corrected" || !strings.HasPrefix(c.History[1].Detail, "deadline: ") {
		t.Errorf("status %s, history %+v", c.Status, c.History)
	}
	for _, bad := range []Edit{{Field: FieldDeadline, Value: "13/06/2025"}, {Field: "colour", Value: "red"}, {Field: FieldJudge, Value: "  "}} {
		if _, err := c.Apply(bad, "R", at); ErrorCode(err) != EINVALID {
			t.Errorf("Apply(%+v) = %v, want EINVALID", bad, err)
		}
	}
	// A copy made before a correction does not see it.
	cp := *c
	if _, err := c.Apply(Edit{Field: FieldJudge, Value: "Jane Q. Smith"}, "R", at); err != nil {
		t.Fatal(err)
	}
	if _, ok := cp.Corrections[FieldJudge]; ok || len(cp.History) != 2 {
		t.Error("a correction changed an earlier copy of the case")
	}
	// A wrong value can be cleared: the order states no judge.
	if ok, err := c.Apply(Edit{Field: FieldJudge, Clear: true}, "R", at); err != nil || !ok || c.Value(FieldJudge) != "" || c.Effective().Field(FieldJudge) != "" {
		t.Errorf("clearing: %v %v, judge %q", ok, err, c.Value(FieldJudge))
	}
	if k := c.Corrections[FieldJudge]; !k.Cleared || k.Extracted != "Way Dallas" {
		t.Errorf("cleared correction %+v", k)
	}
	// Reverting goes back to what was read; a value equal to it records
	// nothing.
	if ok, err := c.Apply(Edit{Field: FieldDeadline, Revert: true}, "R", at); err != nil || !ok || c.Value(FieldDeadline) != "2025-06-20" {
		t.Errorf("reverting: %v %v, deadline %q", ok, err, c.Value(FieldDeadline))
	}
	if ok, _ := c.Apply(Edit{Field: FieldDeadline, Value: "2025-06-20"}, "R", at); ok || c.Corrected(FieldDeadline) {
		t.Error("a value equal to the one read was recorded as a correction")
	}
	// Decided means read-only.
	c.Decide(Decision{Outcome: Comply, Reviewer: "R", DecidedAt: at})
	if _, err := c.Apply(Edit{Field: FieldJudge, Value: "X"}, "R", at); !errors.Is(err, ErrDecided) {
		t.Errorf("correcting a decided case: %v", err)
	}
}

func TestCase_ApplyCorrectsTargetsCategoriesBasisTypeAndGag(t *testing.T) {
	at := time.Date(2025, 6, 9, 12, 0, 0, 0, time.UTC)
	until := "2026-01-01"
	c := &Case{Status: StatusNew, Order: Order{Extraction: Extraction{
		ProcessType: NSL, DataCategories: []string{DataSubscriber, DataContent}, LegalBasis: []string{"18 U.S.C. § 2709"},
		Targets:       []Target{{Kind: TargetEmail, Value: "a@example.com", Page: 2, Snippet: "a@example.com"}, {Kind: TargetOther, Value: "identified", Page: 2}},
		Nondisclosure: Nondisclosure{Ordered: true, Page: 3, Snippet: "shall not disclose"},
	}}}
	edits := []Edit{
		{Field: FieldTargets, Targets: []Target{{Kind: TargetEmail, Value: " A@Example.com "}, {Kind: TargetPhone, Value: "+15555550100"}}},
		{Field: FieldDataCategories, List: []string{DataSubscriber}},
		{Field: FieldLegalBasis, List: []string{"18 U.S.C.   § 2709(b)(1)", ""}},
		{Field: FieldProcessType, Value: string(AdministrativeSubpoena)},
		{Field: FieldNondisclosure, Nondisclosure: &Nondisclosure{Ordered: true, Until: &until}},
	}
	for _, e := range edits {
		if ok, err := c.Apply(e, "R", at); err != nil || !ok {
			t.Fatalf("%s: %v %v", e.Field, ok, err)
		}
	}
	ts := c.Targets()
	if len(ts) != 2 || ts[0].Value != "a@example.com" || ts[0].Page != 2 || ts[1].Kind != TargetPhone || ts[1].Page != 0 {
		t.Errorf("targets %+v", ts)
	}
	if len(c.Order.Extraction.Targets) != 2 || c.Order.Extraction.Targets[1].Value != "identified" {
		t.Error("the targets read were changed")
	}
	ex := c.Effective()
	if ex.ProcessType != AdministrativeSubpoena || len(ex.DataCategories) != 1 || ex.LegalBasis[0] != "18 U.S.C. § 2709(b)(1)" || ex.Nondisclosure.Until == nil || *ex.Nondisclosure.Until != until || ex.Nondisclosure.Page != 3 {
		t.Errorf("effective %+v", ex)
	}
	if k := c.Corrections[FieldTargets]; k.Extracted != "a@example.com; identified" || k.Value != "a@example.com; +15555550100" {
		t.Errorf("targets correction %+v", k)
	}
	for _, bad := range []Edit{
		{Field: FieldTargets, Targets: []Target{{Kind: "pigeon", Value: "x"}}},
		{Field: FieldTargets},
		{Field: FieldDataCategories, List: []string{"secrets"}},
		{Field: FieldProcessType, Value: "letter"},
		{Field: FieldNondisclosure, Nondisclosure: &Nondisclosure{Ordered: true, Until: new("soon")}},
	} {
		if _, err := c.Apply(bad, "R", at); ErrorCode(err) != EINVALID {
			t.Errorf("Apply(%+v) = %v", bad, err)
		}
	}
	// Cleared targets: the order names none.
	if _, err := c.Apply(Edit{Field: FieldTargets, Clear: true}, "R", at); err != nil || len(c.Targets()) != 0 {
		t.Errorf("clearing targets: %v %+v", err, c.Targets())
	}
	// A process type corrected to an emergency request makes the case one.
	if _, err := c.Apply(Edit{Field: FieldProcessType, Value: string(EmergencyRequest)}, "R", at); err != nil || !c.Emergency() {
		t.Errorf("emergency: %v %v", err, c.Emergency())
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
	if err := c.SaveDraft(Decision{Outcome: Clarify, Note: "ask"}, "R", at); err != nil {
		t.Fatal(err)
	}
	if c.Draft == nil || c.Status != StatusInReview {
		t.Fatalf("draft %+v status %s", c.Draft, c.Status)
	}
	c.Decide(Decision{Outcome: Comply, Reviewer: "R", DecidedAt: at})
	if c.Draft != nil || c.Status != StatusDecided {
		t.Errorf("after deciding: draft %+v status %s", c.Draft, c.Status)
	}
	if err := c.SaveDraft(Decision{Outcome: Reject}, "R", at); !errors.Is(err, ErrDecided) || c.Draft != nil {
		t.Errorf("a draft on a decided case: %v", err)
	}
}
