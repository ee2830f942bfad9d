package app

import (
	"slices"
	"strings"
	"testing"
	"time"
)

var t0 = time.Date(2026, 1, 5, 10, 0, 0, 0, time.UTC)

// order is a case of kind received days after t0, naming targets (kind
// guessed from the value) and carrying the fields given.
func order(kind ProcessType, days int, targets []string, fields ...string) *Case {
	c := clockCase(kind, "US-federal", t0.AddDate(0, 0, days), fields...)
	for _, v := range targets {
		k := TargetEmail
		switch {
		case strings.HasPrefix(v, "+"):
			k = TargetPhone
		case strings.Count(v, ".") == 3:
			k = TargetIP
		case !strings.Contains(v, "@"):
			k = TargetUsername
		}
		c.Order.Extraction.Targets = append(c.Order.Extraction.Targets, Target{Kind: k, Value: v})
	}
	return c
}

func TestProposals_OnIdentifiersNumbersAndCitations(t *testing.T) {
	pres := order(Preservation2703f, 0, []string{"alice@example.com", "+12025550143"}, FieldCaseNumber, "2026-FBI-000123", FieldIssuingAuthority, "Federal Bureau of Investigation")
	warrant := order(SearchWarrant, 21, []string{"Alice@Example.com"}, FieldCaseNumber, "1:26-mj-00042")
	ext := order(NondisclosureOrder, 40, nil, FieldCaseNumber, "1:26-MJ-00042")
	cites := order(CourtOrder2703d, 30, nil, FieldCaseNumber, "1:26-ec-7")
	cites.Order.Extraction.Prior = []PriorRef{{Kind: PriorPreservation, Numbers: []string{"2026-FBI-000123"}}}
	ipOnly := order(SearchWarrant, 5, []string{"203.0.113.9"})
	ipToo := order(SearchWarrant, 6, []string{"203.0.113.9"})
	agency := order(NSL, 9, []string{"bob@example.org"}, FieldIssuingAuthority, "Federal  Bureau of Investigation")
	all := []*Case{pres, warrant, ext, cites, ipOnly, ipToo, agency}

	got := Proposals(warrant, all)
	if len(got) != 2 || got[0].Cases[0] != pres.ID || got[1].Cases[0] != ext.ID {
		t.Fatalf("proposals for the warrant: %+v", got)
	}
	if r := got[0].Reasons; len(r) != 1 || r[0] != "both name Alice@Example.com" {
		t.Errorf("reasons %q", r)
	}
	if r := got[1].Reasons; !slices.Contains(r, "same case number 1:26-mj-00042") {
		t.Errorf("reasons %q", r)
	}
	if got := Proposals(cites, all); len(got) != 1 || got[0].Cases[0] != pres.ID || got[0].Reasons[0] != "cites its number 2026-FBI-000123" {
		t.Errorf("a citation: %+v", got)
	}
	if got := Proposals(pres, all); !slices.ContainsFunc(got, func(p Proposal) bool {
		return p.Cases[0] == cites.ID && p.Reasons[0] == "is cited by it (2026-FBI-000123)"
	}) {
		t.Errorf("the cited case does not see its citer: %+v", got)
	}
	if got := Proposals(ipOnly, all); len(got) != 0 {
		t.Errorf("a shared IP address alone: %+v", got)
	}
	if got := Proposals(agency, all); len(got) != 0 {
		t.Errorf("the same agency alone: %+v", got)
	}

	// Linked, they are no longer proposed; a case linked in brings its
	// matter's proposals along.
	if ok, err := warrant.LinkTo(pres, "R", t0.AddDate(0, 0, 22)); !ok || err != nil || warrant.MatterID() != pres.ID {
		t.Fatalf("link: %v %v", ok, err)
	}
	if ok, _ := warrant.LinkTo(pres, "R", t0); ok {
		t.Error("linked twice")
	}
	if got := Proposals(warrant, all); len(got) != 2 || got[0].Cases[0] != ext.ID {
		t.Errorf("after linking: %+v", got)
	}
	if _, err := warrant.LinkTo(warrant, "R", t0); err == nil {
		t.Error("a case linked to itself")
	}
	// Turned down, never again.
	ext.Unlink([]string{warrant.ID, pres.ID}, false, "", "R", t0.AddDate(0, 0, 41))
	if got := Proposals(warrant, all); len(got) != 1 || got[0].Cases[0] != cites.ID {
		t.Errorf("a proposal turned down came back: %+v", got)
	}
	// Unlinked, the founder leaves and the others keep the matter.
	pres.Unlink([]string{warrant.ID}, true, NewCaseID(), "R", t0.AddDate(0, 0, 50))
	if pres.MatterID() == warrant.MatterID() || len(Members(warrant, all)) != 1 || len(Proposals(warrant, all)) != 0 {
		t.Errorf("after the founder left: %s %s, %d members", pres.MatterID(), warrant.MatterID(), len(Members(warrant, all)))
	}
	if e := pres.History[len(pres.History)-1]; e.Action != "unlinked" || e.Actor != "R" {
		t.Errorf("history %+v", e)
	}
}

func TestMatterClocks_HoldGivesWayAndRenewalExtends(t *testing.T) {
	cs := ClockSettings{}
	pres := order(Preservation2703f, 0, []string{"a@example.com"})
	renewal := order(Preservation2703f, 80, []string{"a@example.com"})
	warrant := order(SearchWarrant, 120, []string{"a@example.com"}, FieldDeadline, "2026-05-20")
	for _, c := range []*Case{renewal, warrant} {
		c.Matter = pres.ID
	}
	now := t0.AddDate(0, 0, 85)
	clocks, gov := MatterClocks([]*Case{pres, renewal}, cs, now)
	if clocks[pres.ID].State != ClockSuperseded || clocks[pres.ID].SupersededBy != renewal.ID {
		t.Errorf("the first hold: %+v", clocks[pres.ID])
	}
	if r := clocks[renewal.ID]; !r.Due.Equal(t0.AddDate(0, 0, 180)) || !strings.HasPrefix(r.Basis, "renewed request") || gov != renewal.ID {
		t.Errorf("the renewal runs to %v (%s), governing %s", r.Due, r.Basis, gov)
	}
	all := []*Case{pres, renewal, warrant}
	clocks, gov = MatterClocks(all, cs, t0.AddDate(0, 0, 121))
	if clocks[renewal.ID].State != ClockSuperseded || clocks[renewal.ID].SupersededBy != warrant.ID || gov != warrant.ID {
		t.Errorf("the hold did not give way to the warrant: %+v, governing %s", clocks[renewal.ID], gov)
	}
	if b := MatterBase(renewal, all, cs, now); !b.Due.Equal(t0.AddDate(0, 0, 180)) || len(b.Changes) != 0 {
		t.Errorf("the renewal's base: %+v", b)
	}
	// A preservation after the first lapsed is a new one.
	late := order(Preservation2703f, 100, []string{"a@example.com"})
	clocks, _ = MatterClocks([]*Case{pres, late}, cs, t0.AddDate(0, 0, 101))
	if !clocks[late.ID].Due.Equal(t0.AddDate(0, 0, 190)) || clocks[pres.ID].State != ClockExpired {
		t.Errorf("a new hold after a lapsed one: %v, %s", clocks[late.ID].Due, clocks[pres.ID].State)
	}
}

func TestBuildMatter_TimelineFlagsAndClosing(t *testing.T) {
	cs := ClockSettings{}
	pres := order(Preservation2703f, 0, []string{"a@example.com"}, FieldCaseNumber, "2026-FBI-1")
	warrant := order(SearchWarrant, 21, []string{"a@example.com"}, FieldCaseNumber, "1:26-mj-1", FieldDeadline, "2026-02-10")
	warrant.Order.Extraction.Prior = []PriorRef{{Kind: PriorPreservation, Page: 1, Snippet: "preserved pursuant to 18 U.S.C. § 2703(f)"}}
	// The warrant alone refers to a preservation nobody has seen.
	m := BuildMatter(warrant, []*Case{warrant}, cs, t0.AddDate(0, 0, 22))
	if len(m.Flags) != 1 || m.Flags[0].Rule != "preservation-not-seen" || !strings.Contains(m.Flags[0].Message, "2703(f)") {
		t.Fatalf("flags %+v", m.Flags)
	}
	// Once the preservation is in the store it is proposed, not flagged.
	if m := BuildMatter(warrant, []*Case{pres, warrant}, cs, t0.AddDate(0, 0, 22)); len(m.Flags) != 0 || len(m.Proposals) != 1 {
		t.Errorf("with the preservation proposed: flags %+v", m.Flags)
	}
	warrant.LinkTo(pres, "R", t0.AddDate(0, 0, 21).Add(time.Hour))
	pres.Decide(Decision{Outcome: Preserve, Reviewer: "R", DecidedAt: t0.Add(time.Hour)})
	it := Correspondence{ID: NewCaseID(), Direction: DirectionIn, Kind: KindEmail, Subject: "Please confirm", FileName: "a.eml", SHA256: strings.Repeat("a", 64),
		Date: t0.AddDate(0, 0, 23), RespondBy: "2026-02-01", AddedBy: "R", AddedAt: t0.AddDate(0, 0, 23)}
	if err := warrant.AddCorrespondence(it); err != nil {
		t.Fatal(err)
	}
	all := []*Case{pres, warrant}
	m = BuildMatter(pres, all, cs, t0.AddDate(0, 0, 30))
	if len(m.Cases) != 2 || m.Governing != warrant.ID || len(m.Flags) != 1 || m.Flags[0].Rule != "correspondence-unanswered" || m.Closed {
		t.Fatalf("matter: %d cases, governing %s, flags %+v, closed %v", len(m.Cases), m.Governing, m.Flags, m.Closed)
	}
	var kinds []string
	for _, e := range m.Timeline {
		kinds = append(kinds, e.Kind)
		if e.What == "review started" || strings.HasPrefix(e.What, ActionCorrespondence) {
			t.Errorf("the timeline repeats %q", e.What)
		}
	}
	want := []string{"received", "event", "received", "event", "correspondence", "respond_by", "deadline"}
	if !slices.Equal(kinds, want) {
		t.Errorf("timeline %v, want %v", kinds, want)
	}
	// An answer out clears the flag; deciding the warrant closes the
	// matter, when the last case was decided.
	out := it
	out.ID, out.Direction, out.Date, out.RespondBy = NewCaseID(), DirectionOut, t0.AddDate(0, 0, 31), ""
	warrant.AddCorrespondence(out)
	decided := t0.AddDate(0, 0, 32)
	warrant.Decide(Decision{Outcome: Comply, Reviewer: "R", DecidedAt: decided})
	m = BuildMatter(pres, all, cs, t0.AddDate(0, 0, 33))
	if len(m.Flags) != 0 || !m.Closed || !m.ClosedAt.Equal(decided) {
		t.Errorf("after the answer: flags %+v, closed %v at %v", m.Flags, m.Closed, m.ClosedAt)
	}
	// Asking for clarification keeps it open; so does a running hold.
	warrant.Reopen("R", "the authority is asked to clarify", decided)
	warrant.Decide(Decision{Outcome: Clarify, Reviewer: "R", DecidedAt: decided})
	if m := BuildMatter(pres, all, cs, t0.AddDate(0, 0, 33)); m.Closed {
		t.Error("a matter waiting on a clarification is closed")
	}
	alone := order(Preservation2703f, 0, nil)
	alone.Decide(Decision{Outcome: Preserve, Reviewer: "R", DecidedAt: t0})
	if m := BuildMatter(alone, []*Case{alone}, cs, t0.AddDate(0, 0, 30)); m.Closed {
		t.Error("a running hold is closed")
	}
	if m := BuildMatter(alone, []*Case{alone}, cs, t0.AddDate(0, 0, 95)); !m.Closed || !m.ClosedAt.Equal(t0.AddDate(0, 0, 90)) {
		t.Errorf("a lapsed hold: closed %v at %v", m.Closed, m.ClosedAt)
	}
}

func TestMatters_GroupsEveryCase(t *testing.T) {
	a := order(SearchWarrant, 3, nil)
	b := order(SearchWarrant, 1, nil)
	c := order(SearchWarrant, 2, nil)
	c.Matter = a.ID
	ms := Matters([]*Case{a, b, c}, ClockSettings{}, t0)
	if len(ms) != 2 || ms[0].ID != b.ID || ms[1].ID != a.ID || ms[1].Cases[0] != c {
		t.Errorf("matters %+v", ms)
	}
}
