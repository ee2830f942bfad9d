package ui

import (
	"context"
	"fmt"
	"slices"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"

	"github.com/warrantdesk/warrantdesk/app"
)

// TrustService is what the decision pane's trust record needs: the
// settings' reviewers, and the use cases that record a verification,
// resolve a blocking check and answer for the two-person rule.
// *casework.Service implements it.
type TrustService interface {
	Settings(ctx context.Context) (app.Settings, error)
	RecordVerification(ctx context.Context, id string, v app.Verification) (*app.Case, error)
	Resolve(ctx context.Context, id, rule, reason, by string) (*app.Case, error)
	Approve(ctx context.Context, id, by string) (*app.Case, error)
	SendBack(ctx context.Context, id, by, note string) (*app.Case, error)
}

// TrustPaneParams are what a trust pane works with.
type TrustPaneParams struct {
	Service TrustService
	Run     Runner
	// Reviewer returns who is working: the verification and resolutions
	// are recorded under that name.
	Reviewer func() string
	// OnChanged is called on the UI goroutine with the case as stored
	// after the pane changed it.
	OnChanged func(c *app.Case)
}

// TrustPane is the decision pane's trust record: the verification record
// entry, the blocking checks to resolve, the reason a disclosing Save is
// disabled, and the second reviewer's approve / send back.
type TrustPane struct {
	service   TrustService
	run       Runner
	reviewer  func() string
	onChanged func(c *app.Case)

	c        *app.Case
	findings []app.Finding

	method, outcome *widget.Select
	contact, vnote  *widget.Entry
	record          *widget.Button
	recorded        *widget.Label

	rule       *widget.Select
	reason     *widget.Entry
	resolveBtn *widget.Button

	// Block says why a disclosing decision cannot be saved; it stands
	// beside the disabled Save buttons.
	Block *widget.Label

	approvalState       *widget.Label
	approver            *widget.Select
	backNote            *widget.Entry
	approveBtn, backBtn *widget.Button
	approvalBox         *fyne.Container
	status              *widget.Label

	// Verify, Resolve and Approval are the pane's parts, for the decision
	// form.
	Verify, Resolve, Approval fyne.CanvasObject
}

// NewTrustPane builds an empty trust pane.
func NewTrustPane(p TrustPaneParams) *TrustPane {
	t := &TrustPane{service: p.Service, run: p.Run, reviewer: p.Reviewer, onChanged: p.OnChanged}
	var methods, outcomes []string
	for _, m := range app.VerifyMethods() {
		methods = append(methods, string(m))
	}
	for _, o := range app.VerifyOutcomes() {
		outcomes = append(outcomes, string(o))
	}
	t.method = widget.NewSelect(methods, nil)
	t.method.PlaceHolder = "How verified…"
	t.contact = widget.NewEntry()
	t.contact.SetPlaceHolder("Number called, portal or channel (from an independent source)")
	t.outcome = widget.NewSelect(outcomes, nil)
	t.outcome.SetSelected(string(app.VerifyConfirmed))
	t.vnote = widget.NewEntry()
	t.vnote.SetPlaceHolder("Note (whom you spoke to)")
	t.record = widget.NewButton("Record verification", t.onRecord)
	t.recorded = widget.NewLabel("No verification recorded.")
	t.recorded.Wrapping = fyne.TextWrapWord
	t.Verify = container.NewVBox(t.recorded, t.method, t.contact, t.outcome, t.vnote, t.record)

	t.rule = widget.NewSelect(nil, nil)
	t.rule.PlaceHolder = "Blocking check…"
	t.reason = widget.NewEntry()
	t.reason.SetPlaceHolder("Why it is resolved (goes on the memo)")
	t.resolveBtn = widget.NewButton("Resolve check", t.onResolve)
	t.Resolve = container.NewVBox(t.rule, t.reason, t.resolveBtn)

	t.Block = widget.NewLabel("")
	t.Block.Wrapping = fyne.TextWrapWord
	t.Block.Importance = widget.DangerImportance

	t.approvalState = widget.NewLabel("")
	t.approvalState.Wrapping = fyne.TextWrapWord
	t.approver = widget.NewSelect(nil, nil)
	t.approver.PlaceHolder = "Second reviewer…"
	t.backNote = widget.NewEntry()
	t.backNote.SetPlaceHolder("Note for sending back")
	t.approveBtn = widget.NewButton("Approve", t.onApprove)
	t.approveBtn.Importance = widget.HighImportance
	t.backBtn = widget.NewButton("Send back", t.onSendBack)
	t.approvalBox = container.NewVBox(t.approver, t.backNote, container.NewHBox(t.approveBtn, t.backBtn))
	t.status = widget.NewLabel("")
	t.status.Wrapping = fyne.TextWrapWord
	t.Approval = container.NewVBox(t.approvalState, t.approvalBox, t.status)
	return t
}

// Show fills the pane from c and the checks raised on it.
func (t *TrustPane) Show(c *app.Case, findings []app.Finding) {
	t.c, t.findings = c, findings
	t.status.SetText("")
	if v := c.Verification; v != nil {
		t.recorded.SetText("Verified: " + v.Describe())
	} else {
		t.recorded.SetText("No verification recorded.")
	}
	open := openRules(c, findings)
	t.rule.Options = open
	t.rule.ClearSelected()
	t.reason.SetText("")
	if len(open) == 0 {
		t.rule.Disable()
		t.resolveBtn.Disable()
	} else {
		t.rule.Enable()
		t.resolveBtn.Enable()
	}
	t.showApproval()
}

// showApproval shows the two-person rule's state and, while a decision
// awaits approval, the second reviewers who may give it.
func (t *TrustPane) showApproval() {
	a := t.c.Approval
	if a == nil {
		t.approvalState.SetText("Second reviewer: not required so far.")
		t.approvalBox.Hide()
		return
	}
	switch a.State {
	case app.ApprovalApproved:
		t.approvalState.SetText(fmt.Sprintf("Approved by %s (decided by %s; required for %s).", a.Reviewer, a.DecidedBy, a.Reason))
	case app.ApprovalSentBack:
		t.approvalState.SetText(fmt.Sprintf("Sent back by %s: %s", a.Reviewer, a.Note))
	default:
		t.approvalState.SetText(fmt.Sprintf("Awaiting a second reviewer's approval (%s); decided by %s. The memo is a draft until then.", a.Reason, a.DecidedBy))
	}
	if a.State != app.ApprovalPending {
		t.approvalBox.Hide()
		return
	}
	t.approvalBox.Show()
	decider := a.DecidedBy
	t.run(func() {
		s, err := t.service.Settings(context.Background())
		fyne.Do(func() {
			if err != nil {
				t.status.SetText("The reviewers list could not be read: " + app.ErrorMessage(err))
				return
			}
			var others []string
			for _, r := range s.Reviewers {
				if !strings.EqualFold(r, decider) {
					others = append(others, r)
				}
			}
			t.approver.Options = others
			t.approver.ClearSelected()
			if len(others) == 0 {
				t.status.SetText("Add a second reviewer to the reviewers list in Settings to approve this decision.")
			}
		})
	})
}

// Gate returns why d cannot be saved as it stands (a disclosing decision
// with a blocking check open), or nil, and shows it beside Save.
func (t *TrustPane) Gate(d app.Decision) error {
	if t.c == nil {
		t.Block.SetText("")
		return nil
	}
	err := t.c.CheckDisclosure(d, t.findings)
	if err != nil {
		t.Block.SetText("Save is disabled for a disclosing decision: " + app.ErrorMessage(err) + ".")
	} else {
		t.Block.SetText("")
	}
	return err
}

func (t *TrustPane) onRecord() {
	if t.c == nil {
		return
	}
	v := app.Verification{Method: app.VerifyMethod(t.method.Selected), Contact: t.contact.Text, Outcome: app.VerifyOutcome(t.outcome.Selected), Note: t.vnote.Text, By: t.reviewer()}
	if err := v.Validate(); err != nil {
		t.recorded.SetText(app.ErrorMessage(err))
		return
	}
	id := t.c.ID
	t.change(func() (*app.Case, error) { return t.service.RecordVerification(context.Background(), id, v) }, func() {
		t.method.ClearSelected()
		t.contact.SetText("")
		t.vnote.SetText("")
	})
}

func (t *TrustPane) onResolve() {
	if t.c == nil || t.rule.Selected == "" {
		return
	}
	id, rule, reason, by := t.c.ID, t.rule.Selected, t.reason.Text, t.reviewer()
	t.change(func() (*app.Case, error) { return t.service.Resolve(context.Background(), id, rule, reason, by) }, nil)
}

func (t *TrustPane) onApprove() {
	if t.c == nil || t.approver.Selected == "" {
		t.status.SetText("Pick the second reviewer first.")
		return
	}
	id, by := t.c.ID, t.approver.Selected
	t.change(func() (*app.Case, error) { return t.service.Approve(context.Background(), id, by) }, nil)
}

func (t *TrustPane) onSendBack() {
	if t.c == nil || t.approver.Selected == "" {
		t.status.SetText("Pick the second reviewer first.")
		return
	}
	id, by, note := t.c.ID, t.approver.Selected, t.backNote.Text
	t.change(func() (*app.Case, error) { return t.service.SendBack(context.Background(), id, by, note) }, func() { t.backNote.SetText("") })
}

// change runs do off the UI goroutine and lands its case, or its error.
func (t *TrustPane) change(do func() (*app.Case, error), after func()) {
	id := t.c.ID
	t.run(func() {
		c, err := do()
		fyne.Do(func() {
			if t.c == nil || t.c.ID != id {
				return // the reviewer moved on; the queue shows the change
			}
			if err != nil {
				t.status.SetText(app.ErrorMessage(err))
				return
			}
			if after != nil {
				after()
			}
			if t.onChanged != nil {
				t.onChanged(c)
			}
		})
	})
}

// openRules lists the blocking checks a reviewer may still resolve.
func openRules(c *app.Case, findings []app.Finding) []string {
	var out []string
	for _, f := range findings {
		if f.Blocking && f.Unblock == app.UnblockResolve && c.ResolutionOf(f.Rule) == nil && !slices.Contains(out, f.Rule) {
			out = append(out, f.Rule)
		}
	}
	return out
}
