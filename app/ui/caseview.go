package ui

import (
	"context"
	"fmt"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"

	"github.com/warrantdesk/warrantdesk/app"
)

// CaseStore is what the case view needs from the store.
type CaseStore interface {
	Pages(ctx context.Context, id string) ([]app.PageText, error)
	UpdateCase(ctx context.Context, c *app.Case) error
}

// fieldLabels names the fields as a reviewer reads them.
var fieldLabels = map[string]string{
	app.FieldCaseNumber: "Case number", app.FieldIssuedDate: "Issued", app.FieldDeadline: "Deadline",
	app.FieldIssuingAuthority: "Issued by", app.FieldJudge: "Judge", app.FieldAgency: "Agency",
	app.FieldAgentName: "Agent", app.FieldAgentEmail: "Agent e-mail", app.FieldAgentPhone: "Agent phone",
	app.FieldRecipient: "Addressed to", app.FieldDateRangeStart: "Data from", app.FieldDateRangeEnd: "Data to",
	app.FieldJurisdiction: "Jurisdiction",
}

// lowConfidence marks a field the reviewer must check.
const lowConfidence = 0.6

// CaseView shows one case: its fields with their evidence, its text, and
// the decision pane.
type CaseView struct {
	store    CaseStore
	run      Runner
	now      func() time.Time
	reviewer string
	onSaved  func(c *app.Case, next bool)

	c        *app.Case
	title    *widget.Label
	fields   *widget.Form
	evidence *widget.Label
	text     *widget.Entry
	decision *widget.Select
	grounds  *widget.Entry
	note     *widget.Entry
	who      *widget.Entry
	save     *widget.Button
	saveNext *widget.Button
	status   *widget.Label
	details  *fyne.Container // fields and evidence, re-laid out per case
	root     fyne.CanvasObject
}

// NewCaseView builds an empty case view. onSaved is called (on the UI
// goroutine) after a decision is stored, with next set for "Save & next".
func NewCaseView(store CaseStore, run Runner, now func() time.Time, reviewer string, onSaved func(c *app.Case, next bool)) *CaseView {
	v := &CaseView{store: store, run: run, now: now, reviewer: reviewer, onSaved: onSaved}
	v.title = widget.NewLabelWithStyle("Select a case in the queue", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	v.fields = widget.NewForm()
	v.evidence = widget.NewLabel("")
	v.evidence.Wrapping = fyne.TextWrapWord
	v.text = widget.NewMultiLineEntry()
	v.text.Wrapping = fyne.TextWrapWord
	outcomes := make([]string, len(app.Outcomes))
	for i, o := range app.Outcomes {
		outcomes[i] = string(o)
	}
	v.decision = widget.NewSelect(outcomes, nil)
	v.decision.PlaceHolder = "Decision…"
	v.grounds = widget.NewEntry()
	v.grounds.SetPlaceHolder("Grounds, separated by ;")
	v.note = widget.NewMultiLineEntry()
	v.note.SetPlaceHolder("Rationale")
	v.who = widget.NewEntry()
	v.who.SetText(reviewer)
	v.status = widget.NewLabel("")
	v.save = widget.NewButton("Save decision", func() { v.onSave(false) })
	v.saveNext = widget.NewButton("Save & next (Ctrl+Enter)", func() { v.onSave(true) })
	v.saveNext.Importance = widget.HighImportance
	decide := widget.NewForm(
		widget.NewFormItem("Decision", v.decision),
		widget.NewFormItem("Grounds", v.grounds),
		widget.NewFormItem("Rationale", v.note),
		widget.NewFormItem("Reviewer", v.who),
	)
	v.details = container.NewVBox(v.fields, widget.NewSeparator(), v.evidence)
	tabs := container.NewAppTabs(
		container.NewTabItem("Fields", container.NewVScroll(v.details)),
		container.NewTabItem("Text", v.text),
		container.NewTabItem("Decision", container.NewVBox(decide, container.NewHBox(v.saveNext, v.save, v.status))),
	)
	v.root = container.NewBorder(v.title, nil, nil, nil, tabs)
	v.setEnabled(false)
	return v
}

// Content is the view's root object.
func (v *CaseView) Content() fyne.CanvasObject { return v.root }

func (v *CaseView) setEnabled(on bool) {
	for _, w := range []fyne.Disableable{v.decision, v.grounds, v.note, v.who, v.save, v.saveNext} {
		if on {
			w.Enable()
		} else {
			w.Disable()
		}
	}
}

// Show displays c and loads its text off the UI goroutine.
func (v *CaseView) Show(c *app.Case) {
	v.c = c
	ex := &c.Order.Extraction
	number := c.CaseNumber()
	if number == "" {
		number = c.Order.FileName
	}
	head := fmt.Sprintf("%s · %s · %s", ex.ProcessType, number, c.Status)
	if ex.Emergency {
		head = "EMERGENCY · " + head
	}
	v.title.SetText(head)
	v.fields.Items = nil
	for _, name := range app.FieldNames {
		f, ok := ex.Fields[name]
		if !ok {
			continue
		}
		v.fields.Append(fieldLabels[name], v.fieldButton(name, f))
	}
	targets := make([]string, len(ex.Targets))
	for i, t := range ex.Targets {
		targets[i] = fmt.Sprintf("%s %s (p.%d)", t.Kind, t.Value, t.Page)
	}
	v.fields.Append("Targets", widget.NewLabel(orNone(strings.Join(targets, "\n"))))
	v.fields.Append("Data", widget.NewLabel(orNone(strings.Join(ex.DataCategories, ", "))))
	v.fields.Append("Legal basis", widget.NewLabel(orNone(strings.Join(ex.LegalBasis, "; "))))
	v.fields.Append("Non-disclosure", widget.NewLabel(ndoText(ex.Nondisclosure)))
	v.evidence.SetText(warningsText(ex.Warnings))
	v.details.Refresh()
	v.text.SetText("Loading the text…")
	if d := c.Decision; d != nil {
		v.decision.SetSelected(string(d.Outcome))
		v.grounds.SetText(strings.Join(d.Grounds, "; "))
		v.note.SetText(d.Note)
		v.who.SetText(d.Reviewer)
	} else {
		v.decision.ClearSelected()
		v.grounds.SetText("")
		v.note.SetText("")
		v.who.SetText(v.reviewer)
	}
	v.status.SetText("")
	v.setEnabled(true)
	id := c.ID
	v.run(func() {
		pages, err := v.store.Pages(context.Background(), id)
		fyne.Do(func() {
			if v.c == nil || v.c.ID != id {
				return // the reviewer moved on
			}
			if err != nil {
				v.text.SetText("Could not load the text: " + app.ErrorMessage(err))
				return
			}
			v.text.SetText(pagesText(pages))
		})
	})
}

// fieldButton shows a value with its confidence; tapping it shows the
// evidence. Uncertain values are marked.
func (v *CaseView) fieldButton(name string, f app.Field) fyne.CanvasObject {
	label := f.Value
	if f.Confidence < lowConfidence {
		label = "⚠ " + label
	}
	if f.Computed {
		label += " (computed)"
	}
	b := widget.NewButton(fmt.Sprintf("%s   %.0f%%", label, f.Confidence*100), func() {
		v.evidence.SetText(fmt.Sprintf("%s — page %d, confidence %.0f%%:\n“%s”", fieldLabels[name], f.Page, f.Confidence*100, f.Snippet))
	})
	b.Alignment = widget.ButtonAlignLeading
	if f.Confidence < lowConfidence {
		b.Importance = widget.WarningImportance
	} else {
		b.Importance = widget.LowImportance
	}
	return b
}

// Save stores the decision as shown; with next, the desk then moves to the
// next open case.
func (v *CaseView) Save(next bool) { v.onSave(next) }

func (v *CaseView) onSave(next bool) {
	if v.c == nil {
		return
	}
	outcome, err := app.ParseOutcome(v.decision.Selected)
	if err != nil {
		v.status.SetText("Choose a decision first.")
		return
	}
	who := strings.TrimSpace(v.who.Text)
	if who == "" {
		v.status.SetText("Enter the reviewer's name.")
		return
	}
	var grounds []string
	for _, g := range strings.Split(v.grounds.Text, ";") {
		if g = strings.TrimSpace(g); g != "" {
			grounds = append(grounds, g)
		}
	}
	// Work on a copy: the shown case changes only once the store has it.
	c := *v.c
	now := v.now()
	c.Decide(app.Decision{Outcome: outcome, Grounds: grounds, Note: v.note.Text, Reviewer: who, DecidedAt: now})
	v.save.Disable()
	v.saveNext.Disable()
	v.status.SetText("Saving…")
	v.run(func() {
		err := v.store.UpdateCase(context.Background(), &c)
		fyne.Do(func() {
			v.save.Enable()
			v.saveNext.Enable()
			if err != nil {
				v.status.SetText("Not saved: " + app.ErrorMessage(err))
				return
			}
			*v.c = c
			v.status.SetText(fmt.Sprintf("Saved: %s by %s at %s", outcome, who, now.Format("15:04")))
			if v.onSaved != nil {
				v.onSaved(v.c, next)
			}
		})
	})
}

func orNone(s string) string {
	if s == "" {
		return "—"
	}
	return s
}

func ndoText(nd app.Nondisclosure) string {
	switch {
	case nd.Ordered && nd.Until != nil:
		return "ordered until " + *nd.Until
	case nd.Ordered && nd.Days > 0:
		return fmt.Sprintf("ordered for %d days", nd.Days)
	case nd.Ordered:
		return "ordered, no end stated"
	case nd.Requested:
		return "requested, not ordered"
	}
	return "—"
}

func warningsText(ws []string) string {
	if len(ws) == 0 {
		return "Tap a field to see where it was found."
	}
	return "To check:\n• " + strings.Join(ws, "\n• ") + "\n\nTap a field to see where it was found."
}

func pagesText(pages []app.PageText) string {
	var b strings.Builder
	for _, p := range pages {
		fmt.Fprintf(&b, "— page %d (%s) —\n%s\n\n", p.Number, p.Source, p.Text)
	}
	return b.String()
}
