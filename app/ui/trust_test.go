package ui

import (
	"strings"
	"testing"

	"fyne.io/fyne/v2/test"

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

	v.decision.SetSelected("comply")
	if !v.save.Disabled() || !v.saveNext.Disabled() || !v.save.Visible() {
		t.Fatal("Save is not shown disabled for an unverified emergency disclosure")
	}
	if !strings.Contains(v.trust.Block.Text, "record how the requester was verified") {
		t.Errorf("reason beside Save: %q", v.trust.Block.Text)
	}
	test.AssertRendersToMarkup(t, "desk/blocked.xml", w.Canvas())
	// Refusing is never blocked.
	v.decision.SetSelected("clarify")
	if v.save.Disabled() || v.trust.Block.Text != "" {
		t.Errorf("clarify blocked: %q", v.trust.Block.Text)
	}
	v.decision.SetSelected("comply")

	v.trust.method.SetSelected(string(app.VerifyCallback))
	test.Type(v.trust.contact, "+1 602 555 0100 (county switchboard, from its website)")
	test.Tap(v.trust.record)
	if c := store.last(); c == nil || c.Verification == nil || c.Verification.By != "R. Reviewer" || !c.Verification.Confirmed() {
		t.Fatalf("verification not stored: %+v", c)
	}
	if v.save.Disabled() || v.trust.Block.Text != "" || !strings.Contains(v.trust.recorded.Text, "callback via +1 602 555 0100") {
		t.Fatalf("after verifying: save disabled %v, block %q, recorded %q", v.save.Disabled(), v.trust.Block.Text, v.trust.recorded.Text)
	}
	if v.decision.Selected != "comply" {
		t.Errorf("recording the verification cleared the decision being written: %q", v.decision.Selected)
	}
	test.Tap(v.save)
	c := store.last()
	if c.Status != app.StatusAwaitingApproval || c.Approval == nil || !v.trust.approvalBox.Visible() {
		t.Fatalf("saved: %s %+v", c.Status, c.Approval)
	}
	if got := v.trust.approver.Options; len(got) != 1 || got[0] != "Ben Okafor" {
		t.Errorf("second reviewers offered: %q (the decider must not be one)", got)
	}
	v.trust.approver.SetSelected("Ben Okafor")
	test.Tap(v.trust.approveBtn)
	if c = store.last(); c.Status != app.StatusDecided || c.Approval.State != app.ApprovalApproved || c.Approval.Reviewer != "Ben Okafor" {
		t.Fatalf("approved: %s %+v", c.Status, c.Approval)
	}
	if !strings.HasPrefix(v.trust.approvalState.Text, "Approved by Ben Okafor") || v.trust.approvalBox.Visible() {
		t.Errorf("approval shown: %q", v.trust.approvalState.Text)
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
	v.decision.SetSelected("narrow")
	if !v.save.Disabled() || !strings.Contains(v.trust.Block.Text, "free-mail-sender") {
		t.Fatalf("free-mail sender not blocking: %q", v.trust.Block.Text)
	}
	v.trust.rule.SetSelected("free-mail-sender")
	test.Tap(v.trust.resolveBtn)
	if !strings.Contains(v.trust.status.Text, "Say why") {
		t.Errorf("resolved without a reason: %q", v.trust.status.Text)
	}
	test.Type(v.trust.reason, "confirmed with the chief on the department's switchboard")
	test.Tap(v.trust.resolveBtn)
	if v.save.Disabled() {
		t.Fatalf("still blocked after resolving: %q", v.trust.Block.Text)
	}
	v.decision.SetSelected("challenge")
	test.Tap(v.save)
	if k := store.last(); k.Status != app.StatusAwaitingApproval {
		t.Fatalf("challenge: %s", k.Status)
	}
	v.trust.approver.SetSelected("Ben Okafor")
	test.Type(v.trust.backNote, "narrow instead")
	test.Tap(v.trust.backBtn)
	k := store.last()
	if k.Status != app.StatusInReview || k.Draft == nil || k.Draft.Outcome != app.Challenge || k.Approval.State != app.ApprovalSentBack {
		t.Fatalf("sent back: %s %+v", k.Status, k.Approval)
	}
	if v.decision.Selected != "challenge" || !strings.Contains(v.trust.approvalState.Text, "narrow instead") {
		t.Errorf("pane after sending back: %q, %q", v.decision.Selected, v.trust.approvalState.Text)
	}
}
