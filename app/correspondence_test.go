package app

import (
	"errors"
	"strings"
	"testing"
	"time"
)

func TestParseDirectionAndLetterKind(t *testing.T) {
	for in, want := range map[string]Direction{"": DirectionIn, "IN": DirectionIn, "out": DirectionOut, "outbound": DirectionOut} {
		if got, err := ParseDirection(in); err != nil || got != want {
			t.Errorf("%q: %v %v", in, got, err)
		}
	}
	if _, err := ParseDirection("sideways"); app(err) != EINVALID {
		t.Errorf("sideways: %v", err)
	}
	for _, k := range LetterKinds() {
		if got, err := ParseLetterKind(" " + strings.ToUpper(string(k))); err != nil || got != k || k.Title() == "" {
			t.Errorf("%s: %v %v", k, got, err)
		}
	}
	if _, err := ParseLetterKind("thank-you"); app(err) != EINVALID || !strings.Contains(err.Error(), "eu-non-execution") {
		t.Errorf("an unknown letter: %v", err)
	}
}

func TestCorrespondence_Validate(t *testing.T) {
	ok := Correspondence{ID: NewCaseID(), Direction: DirectionIn, SHA256: strings.Repeat("a", 64), AddedBy: "R", RespondBy: "2026-03-01"}
	if err := ok.Validate(); err != nil {
		t.Fatal(err)
	}
	for name, bad := range map[string]func(*Correspondence){
		"direction": func(c *Correspondence) { c.Direction = "" }, "hash": func(c *Correspondence) { c.SHA256 = "" },
		"who": func(c *Correspondence) { c.AddedBy = " " }, "date": func(c *Correspondence) { c.RespondBy = "1 March" },
	} {
		c := ok
		bad(&c)
		if err := c.Validate(); app(err) != EINVALID {
			t.Errorf("%s: %v", name, err)
		}
	}
}

// Each letter is written where the case calls for it, and refused where it
// does not, saying why.
func TestCanWrite_EachLetterBothWays(t *testing.T) {
	now := time.Date(2026, 5, 1, 10, 0, 0, 0, time.UTC)
	decided := func(kind ProcessType, d Decision) *Case {
		c := order(kind, 0, []string{"a@example.com"})
		d.Reviewer, d.DecidedAt = "R", now
		c.Decide(d)
		return c
	}
	emergency := decided(EmergencyRequest, Decision{Outcome: Comply})
	emergency.Order.Extraction.Emergency = true
	for _, tc := range []struct {
		name string
		c    *Case
		kind LetterKind
		ok   bool
	}{
		{"production after comply", decided(SearchWarrant, Decision{Outcome: Comply}), LetterProduction, true},
		{"production of nothing", decided(SearchWarrant, Decision{Outcome: Comply, Targets: []TargetDecision{{Target: "a@example.com", Produce: false}}}), LetterProduction, false},
		{"production after reject", decided(SearchWarrant, Decision{Outcome: Reject}), LetterProduction, false},
		{"production undecided", order(SearchWarrant, 0, nil), LetterProduction, false},
		{"redirect", decided(SearchWarrant, Decision{Outcome: Redirect}), LetterRedirect, true},
		{"redirect after comply", decided(SearchWarrant, Decision{Outcome: Comply}), LetterRedirect, false},
		{"rejection after narrow", decided(SearchWarrant, Decision{Outcome: Narrow}), LetterRejection, true},
		{"rejection after challenge", decided(SearchWarrant, Decision{Outcome: Challenge}), LetterRejection, true},
		{"rejection after preserve", decided(SearchWarrant, Decision{Outcome: Preserve}), LetterRejection, false},
		{"clarification with a question", decided(SearchWarrant, Decision{Outcome: Clarify, Note: "Which account?"}), LetterClarification, true},
		{"clarification from a draft", func() *Case {
			c := order(SearchWarrant, 0, nil)
			c.SaveDraft(Decision{Grounds: []string{GroundIDs}}, "R", now)
			return c
		}(), LetterClarification, true},
		{"clarification with nothing to ask", decided(SearchWarrant, Decision{Outcome: Clarify}), LetterClarification, false},
		{"emergency disclosure", emergency, LetterEmergency, true},
		{"emergency letter for a warrant", decided(SearchWarrant, Decision{Outcome: Comply}), LetterEmergency, false},
		{"notice", decided(SearchWarrant, Decision{Outcome: Comply, Notice: NoticeNotify}), LetterUserNotice, true},
		{"notice after the gag ended", decided(SearchWarrant, Decision{Outcome: Comply, Notice: NoticeDelayed, NoticeAfter: "2026-04-30"}), LetterUserNotice, true},
		{"notice under a gag", decided(SearchWarrant, Decision{Outcome: Comply, Notice: NoticeDelayed, NoticeAfter: "2026-05-02"}), LetterUserNotice, false},
		{"notice under a gag without end", decided(SearchWarrant, Decision{Outcome: Comply, Notice: NoticeDelayed}), LetterUserNotice, false},
		{"notice not to be given", decided(SearchWarrant, Decision{Outcome: Comply, Notice: NoticeNone}), LetterUserNotice, false},
		{"notice not decided", decided(SearchWarrant, Decision{Outcome: Comply}), LetterUserNotice, false},
		{"non-execution of an EPOC", decided(EPOC, Decision{Outcome: Reject, Grounds: []string{"data_not_held"}}), LetterNonExecution, true},
		{"non-execution of an EPOC-PR", decided(EPOCPR, Decision{Outcome: Reject, Grounds: []string{GroundNoData}}), LetterNonExecution, true},
		{"non-execution without a reason", decided(EPOC, Decision{Outcome: Reject, Grounds: []string{GroundValid}}), LetterNonExecution, false},
		{"non-execution of a warrant", decided(SearchWarrant, Decision{Outcome: Reject, Grounds: []string{"data_not_held"}}), LetterNonExecution, false},
	} {
		err := tc.c.CanWrite(tc.kind, now)
		if (err == nil) != tc.ok || err != nil && (!errors.Is(err, ErrLetterNotDue) || app(err) != EINVALID) {
			t.Errorf("%s: %v", tc.name, err)
		}
	}
}

func TestReasonsFor_CodesLabelsAndGrounds(t *testing.T) {
	got := ReasonsFor([]string{"Annex III: it is incomplete", "DATA_NOT_HELD", GroundForeign, GroundIDs, "something else"})
	var codes []string
	for _, r := range got {
		codes = append(codes, r.Code)
	}
	if strings.Join(codes, ",") != "incomplete,insufficient_information,data_not_held,third_country_conflict" {
		t.Errorf("reasons %v", codes)
	}
	if len(NonExecutionReasons()) != 10 {
		t.Errorf("the form has ten reasons, not %d", len(NonExecutionReasons()))
	}
}

func TestMatterSettings_NormalisedAndContacts(t *testing.T) {
	ms := MatterSettings{LegalContacts: []LegalContact{{Customer: " Acme  Corp ", Domains: []string{"@Acme.COM"}, Name: "J. Legal"}, {Customer: "acme corp", Domains: []string{"acme.com"}, Email: "legal@acme.com"}},
		ConflictOfLaw: ConflictOfLaw{Interest: " Fundamental_Rights "}}
	n, err := ms.Normalised()
	if err != nil || len(n.LegalContacts) != 1 || n.LegalContacts[0].Email != "legal@acme.com" || n.LegalContacts[0].Domains[0] != "acme.com" || n.ConflictOfLaw.Interest != InterestRights {
		t.Fatalf("normalised %+v %v", n, err)
	}
	for name, bad := range map[string]MatterSettings{
		"hours": {Clocks: ClockSettings{EmergencyHours: -1}}, "days": {Clocks: ClockSettings{RoutineDays: 400}},
		"retention": {Retention: RetentionSettings{ContentDays: 90, RecordDays: 30}}, "interest": {ConflictOfLaw: ConflictOfLaw{Interest: "money"}},
		"customer": {LegalContacts: []LegalContact{{Domains: []string{"x.com"}}}},
	} {
		if _, err := bad.Normalised(); app(err) != EINVALID {
			t.Errorf("%s: %v", name, err)
		}
	}
	c := order(SearchWarrant, 0, []string{"bob@eu.acme.com"})
	if lc, ok := n.ContactFor(c); !ok || lc.Customer != "acme corp" {
		t.Errorf("contact for a subdomain address: %+v %v", lc, ok)
	}
	if _, ok := n.ContactFor(order(SearchWarrant, 0, []string{"bob@notacme.com"})); ok {
		t.Error("a look-alike domain matched")
	}
	s := Settings{EnterpriseDomains: []string{"acme.com"}, EnterpriseAccounts: []string{"Acct-77"}}
	for tg, want := range map[Target]bool{
		{Kind: TargetEmail, Value: "x@acme.com"}: true, {Kind: TargetURL, Value: "https://files.acme.com/x"}: true,
		{Kind: TargetAccountID, Value: "acct-77"}: true, {Kind: TargetEmail, Value: "x@acme.co"}: false,
	} {
		if s.Enterprise(tg) != want {
			t.Errorf("Enterprise(%v) != %v", tg, want)
		}
	}
}
