package ui

import (
	"context"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/widget"

	"github.com/warrantdesk/warrantdesk/app"
)

// addTrust puts the trust record into the decision pane: the verification
// entry, the checks to resolve and the second reviewer in the form, and
// the reason a disclosing Save is disabled beside the Save buttons.
func (v *CaseView) addTrust(service TrustService, form *widget.Form, saveBar *fyne.Container) {
	if service == nil {
		return
	}
	v.trust = NewTrustPane(TrustPaneParams{Service: service, Run: v.run, Reviewer: v.whoIsWorking, OnChanged: v.onTrustChanged})
	form.Append("Verified", v.trust.Verify)
	form.Append("Resolve", v.trust.Resolve)
	form.Append("Approval", v.trust.Approval)
	saveBar.Objects = append([]fyne.CanvasObject{saveBar.Objects[0], v.trust.Block}, saveBar.Objects[1:]...)
}

// whoIsWorking is the reviewer the pane records under.
func (v *CaseView) whoIsWorking() string {
	if who := strings.TrimSpace(v.who.Text); who != "" {
		return who
	}
	return v.reviewer
}

// showTrust fills the trust pane for the shown case and its checks.
func (v *CaseView) showTrust() {
	if v.trust == nil || v.c == nil {
		return
	}
	v.trust.Show(v.c, v.findings)
	v.gate()
}

// gate disables Save while the decision in the pane would disclose with a
// blocking check open; the reason stands beside the buttons.
func (v *CaseView) gate() {
	if v.trust == nil || v.c == nil {
		return
	}
	blocked := v.trust.Gate(v.pane()) != nil
	for _, b := range []*widget.Button{v.save, v.saveNext} {
		if blocked {
			b.Disable()
		} else {
			b.Enable()
		}
	}
}

// onTrustChanged takes the case as stored after a verification,
// resolution or approval: its checks run again, and after an approval or
// a sending back the pane shows the decision as it now stands.
func (v *CaseView) onTrustChanged(c *app.Case) {
	decided := approvalState(v.c) != approvalState(c)
	*v.c = *c
	v.render()
	if decided {
		v.fill()
	}
	v.Recheck()
	if v.onSaved != nil && decided {
		v.onSaved(v.c, false)
	}
}

// awaitingNote tells, after a save, that the decision waits for a second
// reviewer.
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

// SetReviewer makes name the reviewer decisions are recorded under by
// default.
func (v *CaseView) SetReviewer(name string) {
	v.reviewer = name
	if v.c == nil || v.c.Decision == nil && (v.c.Draft == nil || v.c.Draft.Reviewer == "") {
		v.who.SetText(name)
	}
}

// reviewerPref is where the desk remembers who was working.
const reviewerPref = "reviewer"

// askReviewer asks who is working when the settings list reviewers,
// offering the one who worked last, and remembers the answer; with no
// list it takes the remembered name, if any, as it is.
func (d *Desk) askReviewer(w fyne.Window, prefs fyne.Preferences, settings SettingsService, run Runner) {
	last := prefs.String(reviewerPref)
	run(func() {
		s, err := settings.Settings(context.Background())
		fyne.Do(func() {
			if err != nil || len(s.Reviewers) == 0 {
				if last != "" {
					d.Case.SetReviewer(last)
				}
				return
			}
			pick := widget.NewSelect(s.Reviewers, nil)
			if name, err := s.Reviewer(last); err == nil {
				pick.SetSelected(name)
			}
			dialog.ShowCustomConfirm("Who is working?", "Start", "Later", container.NewVBox(
				widget.NewLabel("Decisions, verifications and approvals are recorded under this name."), pick),
				func(ok bool) {
					if ok && pick.Selected != "" {
						prefs.SetString(reviewerPref, pick.Selected)
						d.Case.SetReviewer(pick.Selected)
					}
				}, w)
		})
	})
}
