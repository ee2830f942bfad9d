package ui

import (
	"context"
	"slices"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/widget"

	"github.com/warrantdesk/warrantdesk/app"
)

// addTrust puts the trust record into the decision pane: the verification
// entry, the checks to resolve and the second reviewer under the form, and
// the reason a disclosing Save is disabled beside the Save buttons.
func (p *decisionPane) addTrust(service TrustService) {
	if service == nil {
		return
	}
	p.trust = NewTrustPane(TrustPaneParams{Service: service, Run: p.v.run, Reviewer: p.reviewer, OnChanged: p.v.onTrustChanged})
	heading := func(s string) fyne.CanvasObject {
		return widget.NewLabelWithStyle(s, fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	}
	p.form.Add(heading("Requester verified"))
	p.form.Add(p.trust.Verify)
	p.form.Add(heading("Blocking checks"))
	p.form.Add(p.trust.Resolve)
	p.form.Add(heading("Second reviewer"))
	p.form.Add(p.trust.Approval)
	p.foot.Objects = slices.Insert(p.foot.Objects, 2, fyne.CanvasObject(p.trust.Block))
}

// showTrust fills the trust record for the shown case and its checks.
func (p *decisionPane) showTrust() {
	if p.trust == nil || p.v.c == nil {
		return
	}
	p.trust.Show(p.v.c, p.v.findings)
	p.gate()
}

// gate disables Save while the decision in the pane would disclose with a
// blocking check open; the reason stands beside the buttons. The service
// refuses the same decision, so a Save pressed before the checks land is
// refused with the reason too.
func (p *decisionPane) gate() {
	if p.trust == nil || p.v.c == nil {
		return
	}
	if p.v.c.Decided() || p.v.c.Status == app.StatusSplit {
		p.trust.Block.SetText("")
		return
	}
	blocked := p.trust.Gate(p.pane()) != nil
	for _, b := range []*widget.Button{p.save, p.next} {
		if blocked {
			b.Disable()
		} else {
			b.Enable()
		}
	}
}

// onTrustChanged takes the case as stored after a verification,
// resolution or approval: the view shows it, its checks run again, and
// after an approval or a sending back the pane shows the decision as it
// now stands.
func (v *CaseView) onTrustChanged(c *app.Case) {
	answered := approvalState(v.c) != approvalState(c)
	*v.c = *c
	if v.onChange != nil {
		v.onChange(v.c)
	}
	v.render()
	if answered {
		v.decide.fill(v.c)
	}
	v.Recheck()
}

// awaitingNote tells that the decision waits for a second reviewer.
func awaitingNote(c *app.Case) string {
	if c.Status != app.StatusAwaitingApproval || c.Approval == nil {
		return ""
	}
	return " — awaiting a second reviewer's approval (" + c.Approval.Reason + ")"
}

// approvalState is the case's two-person state, "" when it has none.
func approvalState(c *app.Case) app.ApprovalState {
	if c.Approval == nil {
		return ""
	}
	return c.Approval.State
}

// SetReviewer makes name, one of the settings' reviewers, the one the
// decision pane records under on cases nobody has written on yet.
func (v *CaseView) SetReviewer(name string) {
	p := v.decide
	p.working = name
	c := v.c
	if slices.Contains(p.who.Options, name) && (c == nil || !c.Decided() && (c.Draft == nil || c.Draft.Reviewer == "")) {
		p.filling = true
		p.who.SetSelected(name)
		p.filling = false
	}
}

// reviewerPref is where the desk remembers who was working (a name from
// the settings' list; no case data).
const reviewerPref = "reviewer"

// askReviewer asks who is working, from the settings' reviewers, offering
// the one who worked last, and remembers the answer. With no list there is
// nothing to ask: main's default stands.
func (d *Desk) askReviewer(s SettingsService) {
	Once(d.Case.run, s.Settings, func(st app.Settings, err error) {
		if err == nil { // loadSettings says when they cannot be read
			d.askFrom(st.Reviewers)
		}
	})
}

func (d *Desk) askFrom(reviewers []string) {
	if len(reviewers) == 0 || d.window == nil {
		return
	}
	last := ""
	if d.prefs != nil {
		last = d.prefs.String(reviewerPref)
	}
	pick := widget.NewSelect(reviewers, nil)
	if name, err := (app.Settings{Reviewers: reviewers}).Reviewer(last); err == nil {
		pick.SetSelected(name)
		d.Case.SetReviewer(name)
	}
	dialog.ShowCustomConfirm("Who is working?", "Start", "Later", container.NewVBox(
		widget.NewLabel("Decisions, verifications and approvals are recorded under this name."), pick),
		func(ok bool) {
			if ok && pick.Selected != "" {
				if d.prefs != nil {
					d.prefs.SetString(reviewerPref, pick.Selected)
				}
				d.Case.SetReviewer(pick.Selected)
			}
		}, d.window)
}

// exportDraftMemo writes the memo of a decision awaiting approval into the
// memo folder, marked as a draft, for the second reviewer to read.
func (v *CaseView) exportDraftMemo(ctx context.Context, id string) (string, error) {
	dm, ok := v.memos.(DraftMemoExporter)
	if !ok {
		return "", app.Errorf(app.EBLOCKED, "this decision awaits a second reviewer's approval: its memo is final only once approved")
	}
	return dm.ExportDraftMemoToFolder(ctx, id, "pdf")
}

// DraftMemoExporter writes a memo marked as a draft while its decision
// awaits approval; app/casework implements it.
type DraftMemoExporter interface {
	ExportDraftMemoToFolder(ctx context.Context, id, format string) (string, error)
}
