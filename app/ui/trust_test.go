package ui

import (
	"strings"
	"testing"

	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"github.com/warrantdesk/warrantdesk/app"
)

// An emergency disclosure: Save stays visible but disabled with the reason
// beside it until the verification is recorded; the saved decision then
// awaits the second reviewer, picked from the Settings list, who approves.
func TestDesk_EmergencyDisclosureVerifiedThenApproved(t *testing.T) {
	e := sampleCase("2025-000417", app.EmergencyRequest, "", true, app.StatusNew)
	store := &memStore{cases: []*app.Case{e}, settings: app.Settings{Reviewers: []string{"R. Reviewer", "Ben Okafor"}}}
	d, w := showDesk(t, store)
	d.Queue.list.Select(0)
	v := d.Case
	v.SelectTab(TabDecision)

	v.decide.outcome.SetSelected("Comply")
	if !v.decide.save.Disabled() || !v.decide.next.Disabled() || !v.decide.save.Visible() {
		t.Fatal("Save is not shown disabled for an unverified emergency disclosure")
	}
	if !strings.Contains(v.decide.trust.Block.Text, "record how the requester was verified") {
		t.Errorf("reason beside Save: %q", v.decide.trust.Block.Text)
	}
	test.AssertRendersToMarkup(t, "desk/blocked.xml", w.Canvas())
	// Refusing is never blocked.
	v.decide.outcome.SetSelected("Ask for clarification")
	if v.decide.save.Disabled() || v.decide.trust.Block.Text != "" {
		t.Errorf("clarify blocked: %q", v.decide.trust.Block.Text)
	}
	v.decide.outcome.SetSelected("Comply")

	v.decide.trust.method.SetSelected(string(app.VerifyCallback))
	test.Type(v.decide.trust.contact, "+1 602 555 0100 (county switchboard, from its website)")
	test.Tap(v.decide.trust.record)
	if c := store.last(); c == nil || c.Verification == nil || c.Verification.By != "R. Reviewer" || !c.Verification.Confirmed() {
		t.Fatalf("verification not stored: %+v", c)
	}
	if v.decide.save.Disabled() || v.decide.trust.Block.Text != "" || !strings.Contains(v.decide.trust.recorded.Text, "callback via +1 602 555 0100") {
		t.Fatalf("after verifying: save disabled %v, block %q, recorded %q", v.decide.save.Disabled(), v.decide.trust.Block.Text, v.decide.trust.recorded.Text)
	}
	if v.decide.outcome.Selected != "Comply" {
		t.Errorf("recording the verification cleared the decision being written: %q", v.decide.outcome.Selected)
	}
	test.Tap(v.decide.save)
	c := store.last()
	if c.Status != app.StatusAwaitingApproval || c.Approval == nil || !v.decide.trust.approvalBox.Visible() {
		t.Fatalf("saved: %s %+v", c.Status, c.Approval)
	}
	// Awaiting approval the decision is read-only; its memo a draft.
	if !v.decide.outcome.Disabled() || !strings.Contains(v.decide.decided.Text, "awaiting a second reviewer's approval") {
		t.Errorf("awaiting approval: outcome disabled %v, banner %q", v.decide.outcome.Disabled(), v.decide.decided.Text)
	}
	if !barHas(v, "Export draft memo (Ctrl+M)") {
		t.Error("no draft memo offered while the decision awaits approval")
	}
	if got := v.decide.trust.approver.Options; len(got) != 1 || got[0] != "Ben Okafor" {
		t.Errorf("second reviewers offered: %q (the decider must not be one)", got)
	}
	v.decide.trust.approver.SetSelected("Ben Okafor")
	test.Tap(v.decide.trust.approveBtn)
	if c = store.last(); c.Status != app.StatusDecided || c.Approval.State != app.ApprovalApproved || c.Approval.Reviewer != "Ben Okafor" {
		t.Fatalf("approved: %s %+v", c.Status, c.Approval)
	}
	if !strings.HasPrefix(v.decide.trust.approvalState.Text, "Approved by Ben Okafor") || v.decide.trust.approvalBox.Visible() {
		t.Errorf("approval shown: %q", v.decide.trust.approvalState.Text)
	}
}

// A blocking check is resolved from the pane with a reason; the send-back
// returns the decision as the draft.
func TestDesk_ResolveAndSendBack(t *testing.T) {
	c := sampleCase("2025-000418", app.InformalRequest, "", false, app.StatusNew)
	c.Order.Extraction.Fields[app.FieldAgentEmail] = app.Field{Value: "det.roe@gmail.com"}
	store := &memStore{cases: []*app.Case{c}, settings: app.Settings{Reviewers: []string{"R. Reviewer", "Ben Okafor"}}}
	d, _ := showDesk(t, store)
	d.Queue.list.Select(0)
	v := d.Case
	v.decide.outcome.SetSelected("Comply in part (narrowed)")
	if !v.decide.save.Disabled() || !strings.Contains(v.decide.trust.Block.Text, "free-mail-sender") {
		t.Fatalf("free-mail sender not blocking: %q", v.decide.trust.Block.Text)
	}
	v.decide.trust.rule.SetSelected("free-mail-sender")
	test.Tap(v.decide.trust.resolveBtn)
	if !strings.Contains(v.decide.trust.status.Text, "Say why") {
		t.Errorf("resolved without a reason: %q", v.decide.trust.status.Text)
	}
	test.Type(v.decide.trust.reason, "confirmed with the chief on the department's switchboard")
	test.Tap(v.decide.trust.resolveBtn)
	if v.decide.save.Disabled() {
		t.Fatalf("still blocked after resolving: %q", v.decide.trust.Block.Text)
	}
	v.decide.outcome.SetSelected("Challenge")
	test.Tap(v.decide.save)
	if k := store.last(); k.Status != app.StatusAwaitingApproval {
		t.Fatalf("challenge: %s", k.Status)
	}
	v.decide.trust.approver.SetSelected("Ben Okafor")
	test.Type(v.decide.trust.backNote, "narrow instead")
	test.Tap(v.decide.trust.backBtn)
	k := store.last()
	if k.Status != app.StatusInReview || k.Draft == nil || k.Draft.Outcome != app.Challenge || k.Approval.State != app.ApprovalSentBack {
		t.Fatalf("sent back: %s %+v", k.Status, k.Approval)
	}
	if v.decide.outcome.Selected != "Challenge" || !strings.Contains(v.decide.trust.approvalState.Text, "narrow instead") {
		t.Errorf("pane after sending back: %q, %q", v.decide.outcome.Selected, v.decide.trust.approvalState.Text)
	}
}

// barHas reports whether the case's bar holds a button labelled label.
func barHas(v *CaseView, label string) bool {
	for _, o := range v.bar.Objects {
		if b, ok := o.(*widget.Button); ok && b.Text == label {
			return true
		}
	}
	return false
}

// The reviewer the desk was told is working is the one a case nobody has
// written on is recorded under; a draft keeps its own.
func TestDesk_WhoIsWorking(t *testing.T) {
	store := &memStore{cases: deskCases()}
	d, _ := showDesk(t, store)
	d.Case.SetReviewer("S. Second")
	v := open(t, d, "2:25-mj-00002")
	if got := v.decide.reviewer(); got != "S. Second" {
		t.Fatalf("reviewer on a fresh case: %q", got)
	}
	d.SetReviewers([]string{"R. Reviewer", "S. Second", "T. Third"})
	if got := v.decide.reviewer(); got != "S. Second" {
		t.Errorf("reviewer after the list changed: %q", got)
	}
}
