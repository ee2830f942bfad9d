package app

import (
	"errors"
	"strings"
	"testing"
	"time"
)

func TestVerification_Validate(t *testing.T) {
	ok := Verification{Method: VerifyCallback, Contact: "+1 202 555 0100", Outcome: VerifyConfirmed, By: "Ann Lee"}
	if err := ok.Validate(); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		edit func(v *Verification)
		want error
	}{
		{func(v *Verification) { v.Method = "email" }, ErrVerifyMethod},
		{func(v *Verification) { v.Contact = " " }, ErrVerifyContact},
		{func(v *Verification) { v.Outcome = "maybe" }, ErrVerifyOutcome},
		{func(v *Verification) { v.By = "" }, ErrNoReviewer},
	} {
		v := ok
		tc.edit(&v)
		if err := v.Validate(); !errors.Is(err, tc.want) || ErrorCode(err) != EINVALID {
			t.Errorf("%+v: %v, want %v", v, err, tc.want)
		}
	}
	if o, err := ParseVerifyOutcome("not-confirmed"); err != nil || o != VerifyNotConfirmed {
		t.Errorf("not-confirmed: %v %v", o, err)
	}
}

func TestDecision_Discloses(t *testing.T) {
	targets := []Target{{Value: "a@example.com"}, {Value: "b@example.com"}}
	for _, tc := range []struct {
		d    Decision
		want bool
	}{
		{Decision{Outcome: Comply}, true},
		{Decision{Outcome: Narrow}, true},
		{Decision{Outcome: Preserve}, false},
		{Decision{Outcome: Reject}, false},
		{Decision{Outcome: Reject, Targets: []TargetDecision{{Target: "a@example.com", Produce: false}, {Target: "b@example.com", Produce: true}}}, true},
		{Decision{Outcome: Comply, Targets: []TargetDecision{{Target: "a@example.com", Produce: false}, {Target: "b@example.com", Produce: false}}}, false},
		{Decision{Outcome: Reject, Targets: []TargetDecision{{Target: "a@example.com", Outcome: TargetRedirect}, {Target: "b@example.com", Outcome: TargetProduce}}}, true},
	} {
		if got := tc.d.Discloses(targets); got != tc.want {
			t.Errorf("%+v: %v", tc.d, got)
		}
	}
}

func TestCase_DisclosureBlocked(t *testing.T) {
	c := &Case{}
	c.Order.Extraction.ProcessType = EmergencyRequest
	fs := []Finding{
		{Rule: "requester-unverified", Blocking: true, Unblock: UnblockVerify, Message: "verify"},
		{Rule: "free-mail-sender", Blocking: true, Unblock: UnblockResolve, Message: "free mail"},
		{Rule: "emergency-danger", Message: "advice"},
	}
	comply, reject := Decision{Outcome: Comply}, Decision{Outcome: Reject}
	if err := c.CheckDisclosure(comply, fs); !errors.Is(err, ErrUnverified) || ErrorCode(err) != EBLOCKED || !strings.HasPrefix(ErrorMessage(err), "emergency request: record how the requester was verified") {
		t.Fatalf("unverified: %v", err)
	}
	if err := c.CheckDisclosure(reject, fs); err != nil {
		t.Errorf("a rejection is never blocked: %v", err)
	}
	c.Verification = &Verification{Outcome: VerifyConfirmed}
	if err := c.CheckDisclosure(comply, fs); !errors.Is(err, ErrBlocked) || !strings.Contains(ErrorMessage(err), "free-mail-sender") {
		t.Fatalf("verified, free mail open: %v", err)
	}
	if err := c.Resolve("free-mail-sender", "confirmed with the chief", "Ann Lee", time.Now()); err != nil {
		t.Fatal(err)
	}
	if err := c.CheckDisclosure(comply, fs); err != nil {
		t.Errorf("all lifted: %v", err)
	}
	// A resolution does not lift the verification check.
	c.Verification = nil
	c.Resolutions = append(c.Resolutions, Resolution{Rule: "requester-unverified", Reason: "x"})
	if err := c.CheckDisclosure(comply, fs); !errors.Is(err, ErrUnverified) {
		t.Errorf("a reason lifted the verification check: %v", err)
	}
}

func TestCase_ApprovalFlow(t *testing.T) {
	t0 := time.Date(2026, 5, 1, 9, 0, 0, 0, time.UTC)
	c := &Case{Status: StatusInReview}
	c.Order.Extraction.Emergency = true
	c.Order.Extraction.Targets = []Target{{Value: "a@example.com"}}
	d := Decision{Outcome: Comply, Reviewer: "Ann Lee", DecidedAt: t0}
	var s Settings
	why := s.ApprovalNeeded(c, d)
	if why == "" {
		t.Fatal("an emergency disclosure needs no approval")
	}
	c.Decide(d)
	c.AwaitApproval(why)
	if c.Status != StatusAwaitingApproval || c.Final() {
		t.Fatalf("awaiting: %s", c.Status)
	}
	// Awaiting approval the decision stands: the case is read-only.
	if err := c.Decide(d); !errors.Is(err, ErrDecided) {
		t.Errorf("a second decision while awaiting approval: %v", err)
	}
	if err := c.RecordVerification(Verification{Method: VerifyCallback, Contact: "+1 202 555 0100", Outcome: VerifyConfirmed, By: "Ann Lee", At: t0}); !errors.Is(err, ErrDecided) {
		t.Errorf("a verification while awaiting approval: %v", err)
	}
	if err := c.Approve("ANN LEE", t0); !errors.Is(err, ErrSameReviewer) {
		t.Errorf("self-approval: %v", err)
	}
	if err := c.Approve("Ben Okafor", t0.Add(time.Hour)); err != nil || !c.Final() || c.Approval.State != ApprovalApproved || *c.Approval.ReviewedAt != t0.Add(time.Hour) {
		t.Fatalf("approve: %v %+v", err, c.Approval)
	}
	if err := c.SendBack("Carla Diaz", "late", t0); !errors.Is(err, ErrNoApproval) {
		t.Errorf("send back after approval: %v", err)
	}
	// Each trigger, and off.
	for _, tc := range []struct {
		d       Decision
		trigger string
	}{
		{Decision{Outcome: Challenge}, ApproveChallenge},
		{Decision{Outcome: Reject, Grounds: []string{GroundConflict}}, ApproveConflictRejection},
		{Decision{Outcome: Redirect}, ApproveEnterpriseRedirect},
	} {
		plain := &Case{}
		if s.ApprovalNeeded(plain, tc.d) == "" {
			t.Errorf("%s: no approval", tc.trigger)
		}
		off := Settings{TrustSettings: TrustSettings{ApprovalOff: []string{tc.trigger}}}
		if off.ApprovalNeeded(plain, tc.d) != "" {
			t.Errorf("%s off: still needs approval", tc.trigger)
		}
	}
	if s.ApprovalNeeded(&Case{}, Decision{Outcome: Reject, Grounds: []string{GroundRange}}) != "" {
		t.Error("an ordinary rejection needs approval")
	}
}

// Sent back or reopened, a decision awaiting approval is kept among the
// superseded ones and becomes the draft; reopening withdraws the request.
func TestCase_SentBackAndReopenedKeepTheDecision(t *testing.T) {
	t0 := time.Date(2026, 5, 1, 9, 0, 0, 0, time.UTC)
	awaiting := func() *Case {
		c := &Case{Status: StatusInReview}
		if err := c.Decide(Decision{Outcome: Challenge, Reviewer: "Ann Lee", DecidedAt: t0}); err != nil {
			t.Fatal(err)
		}
		c.AwaitApproval("a challenge to the order")
		return c
	}
	c := awaiting()
	if err := c.SendBack("Ben Okafor", "narrow instead", t0.Add(time.Hour)); err != nil {
		t.Fatal(err)
	}
	if len(c.Superseded) != 1 || c.Superseded[0].Outcome != Challenge || c.Draft == nil || !c.Draft.DecidedAt.IsZero() || c.Decided() {
		t.Fatalf("sent back: %+v draft %+v", c.Superseded, c.Draft)
	}
	c = awaiting()
	if err := c.Reopen("Ann Lee", "new facts", t0.Add(time.Hour)); err != nil {
		t.Fatal(err)
	}
	if c.Approval != nil || len(c.Superseded) != 1 || c.Status != StatusInReview {
		t.Fatalf("reopened: %s %+v %+v", c.Status, c.Approval, c.Superseded)
	}
}

func TestAgencyContacts(t *testing.T) {
	at := time.Date(2026, 5, 1, 0, 0, 0, 0, time.UTC)
	c, err := ParseAgencyContact(" Federal Bureau of Investigation |FBI.gov, @ic.fbi.gov| (202) 324-3000 ", "Ann Lee", at)
	if err != nil || c.Agency != "Federal Bureau of Investigation" || strings.Join(c.Domains, ",") != "fbi.gov,ic.fbi.gov" || c.Phones[0] != "+12023243000" || c.VerifiedOn != "2026-05-01" || c.VerifiedBy != "Ann Lee" {
		t.Fatalf("%+v %v", c, err)
	}
	for _, bad := range []string{"FBI|fbi.gov", "|fbi.gov|+12023243000", "FBI|not a domain|", "FBI|fbi.gov|555-CALL-NOW", "FBI||"} {
		if _, err := ParseAgencyContact(bad, "Ann Lee", at); !errors.Is(err, ErrContact) {
			t.Errorf("%q: %v", bad, err)
		}
	}
	for in, want := range map[string]string{"+44 20 7946 0318": "+442079460318", "0044 20 7946 0318": "+442079460318", "1-202-555-0100": "+12025550100", "202.555.0100 ext. 12": "+12025550100"} {
		if got, ok := PhoneE164(in); !ok || got != want {
			t.Errorf("%q: %q %v", in, got, ok)
		}
	}
	if _, ok := PhoneE164("020 7946 0318"); ok {
		t.Error("a national number without its country code was placed")
	}
	list, err := ReadAgencyContacts(strings.NewReader("\ufeffAgency,Domain(s),Switchboard\nDEA,dea.gov,+1 202 307 1000\ndea,dea.gov;usdoj.gov,+1 202 307 1000\n"))
	if err != nil || len(list) != 1 || len(list[0].Domains) != 2 {
		t.Errorf("a later row replaces the same agency: %+v %v", list, err)
	}
	if _, err := ReadAgencyContacts(strings.NewReader("name;domains\n")); ErrorCode(err) != EINVALID {
		t.Errorf("no agency column: %v", err)
	}
}

func TestSettings_Reviewer(t *testing.T) {
	var open Settings
	if n, err := open.Reviewer("  ann   lee "); err != nil || n != "ann lee" {
		t.Errorf("no list: %q %v", n, err)
	}
	s, err := Settings{Reviewers: []string{"Ann Lee", "ann lee", " Ben Okafor "}}.Normalised()
	if err != nil || len(s.Reviewers) != 2 {
		t.Fatalf("%+v %v", s.Reviewers, err)
	}
	if n, err := s.Reviewer("ANN LEE"); err != nil || n != "Ann Lee" {
		t.Errorf("listed: %q %v", n, err)
	}
	if _, err := s.Reviewer("Carla Diaz"); !errors.Is(err, ErrUnknownReviewer) || !strings.Contains(ErrorMessage(err), "Ann Lee, Ben Okafor") {
		t.Errorf("not listed: %v", err)
	}
	if _, err := (Settings{TrustSettings: TrustSettings{ApprovalOff: []string{"everything"}}}).Normalised(); ErrorCode(err) != EINVALID {
		t.Errorf("unknown trigger: %v", err)
	}
}
