package app

import (
	"slices"
	"strings"
	"testing"
	"time"
)

func closedMatter(t *testing.T, closed time.Time) (*Matter, *Case) {
	t.Helper()
	c := order(SearchWarrant, 0, []string{"a@example.com", "+12025550143"}, FieldCaseNumber, "1:26-mj-9", FieldAgentName, "Agent Smith", FieldAgentEmail, "smith@fbi.gov")
	c.Order.FileName = "1-26-mj-9 Smith.pdf"
	c.Order.Extraction.Fields[FieldCaseNumber] = Field{Value: "1:26-mj-9", Page: 1, Snippet: "Case No. 1:26-mj-9 for Smith"}
	c.Apply(Edit{Field: FieldAgentName, Value: "Agent J. Smith"}, "R", t0)
	c.Apply(Edit{Field: FieldProcessType, Value: string(CourtOrder2703d)}, "R", t0)
	c.Apply(Edit{Field: FieldTargets, Targets: []Target{{Kind: TargetEmail, Value: "corrected@example.com"}}}, "R", t0)
	c.Decide(Decision{Outcome: Comply, Note: "All produced.", Reviewer: "R", DecidedAt: closed})
	c.AddCorrespondence(Correspondence{ID: NewCaseID(), Direction: DirectionIn, Kind: KindEmail, Subject: "About Smith", FileName: "smith.eml", SHA256: strings.Repeat("c", 64), Date: t0, AddedBy: "R", AddedAt: t0})
	ms := Matters([]*Case{c}, ClockSettings{}, closed.Add(time.Hour))
	if !ms[0].Closed {
		t.Fatal("the matter is not closed")
	}
	return ms[0], c
}

func TestPurgeSteps_AfterEachRetentionPeriod(t *testing.T) {
	closed := t0.AddDate(0, 0, 10)
	m, c := closedMatter(t, closed)
	rs := RetentionSettings{ContentDays: 45, RecordDays: 365}
	if s := PurgeSteps([]*Matter{m}, rs, closed.AddDate(0, 0, 44)); len(s) != 0 {
		t.Errorf("purged before its time: %+v", s)
	}
	s := PurgeSteps([]*Matter{m}, rs, closed.AddDate(0, 0, 45))
	if len(s) != 1 || s[0].Stage != PurgeContent || s[0].Case != c.ID || !s[0].Due.Equal(closed.AddDate(0, 0, 45)) {
		t.Fatalf("steps %+v", s)
	}
	if s := PurgeSteps([]*Matter{m}, rs, closed.AddDate(0, 0, 400)); len(s) != 1 || s[0].Stage != PurgeRecord || !slices.Contains(s[0].Removes, contentRemoves[0]) {
		t.Errorf("the record stage, content not yet gone: %+v", s)
	}
	if s := PurgeSteps([]*Matter{m}, RetentionSettings{}, closed.AddDate(10, 0, 0)); len(s) != 0 {
		t.Errorf("purged with no retention set: %+v", s)
	}
	m.Closed = false
	if s := PurgeSteps([]*Matter{m}, rs, closed.AddDate(0, 0, 400)); len(s) != 0 {
		t.Errorf("an open matter purged: %+v", s)
	}
}

func TestPurge_KeepsTheRecordAndRemovesTheRest(t *testing.T) {
	closed := t0.AddDate(0, 0, 10)
	_, c := closedMatter(t, closed)
	at := closed.AddDate(0, 0, 50)
	files := c.PurgeContent("content disclosed", "retention", at)
	// The reviewer corrected the targets to one: that is what was ordered.
	if len(files) != 1 || c.TargetCount() != 1 || len(c.Targets()) != 0 || c.ProcessType() != CourtOrder2703d {
		t.Fatalf("files %v, targets %d", files, c.TargetCount())
	}
	if c.Value(FieldAgentName) != "" || c.Value(FieldAgentEmail) != "" || c.Order.Extraction.Fields[FieldCaseNumber].Snippet != "" || c.Order.FileName != "(purged)" {
		t.Errorf("values left: %+v %q", c.Order.Extraction.Fields, c.Order.FileName)
	}
	if c.CaseNumber() != "1:26-mj-9" || c.Decision.Note != "All produced." || c.Correspondence[0].SHA256 == "" || !c.Correspondence[0].Purged || c.Correspondence[0].Subject != "" {
		t.Errorf("the record lost something: %+v", c)
	}
	if e := c.History[len(c.History)-1]; e.Action != "purged" || e.Actor != "retention" || !strings.Contains(e.Detail, "Kept:") {
		t.Errorf("history %+v", e)
	}
	c.PurgeRecord("ignored: kept from the content stage", "retention", at.AddDate(1, 0, 0))
	if c.CaseNumber() != "" || c.Decision.Note != "" || c.Decision.Outcome != Comply || c.Value(FieldJurisdiction) != "US-federal" || c.Purged.Category != "content disclosed" || c.TargetCount() != 1 || c.ProcessType() != CourtOrder2703d || len(c.Corrections) != 0 {
		t.Errorf("the tombstone: %+v", c)
	}
	if len(c.History) < 6 {
		t.Errorf("the history was not kept: %d entries", len(c.History))
	}
}
