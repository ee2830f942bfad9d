package ui

import (
	"context"
	"fmt"
	"reflect"
	"slices"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/warrantdesk/warrantdesk/app"
	"github.com/warrantdesk/warrantdesk/app/review"
)

// CaseService is what the case view needs done: a case's text and checks,
// and the changes a reviewer makes. Each change returns the case as stored;
// app/casework implements it.
type CaseService interface {
	OriginalStore
	Pages(ctx context.Context, id string) ([]app.PageText, error)
	Findings(ctx context.Context, c *app.Case) ([]app.Finding, error)
	Decide(ctx context.Context, id string, d app.Decision) (*app.Case, error)
	SaveDraft(ctx context.Context, id string, d app.Decision, by string) (*app.Case, error)
	Correct(ctx context.Context, id, field, value, by string) (*app.Case, error)
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

// Tabs of the case view, in order (Ctrl+1 … Ctrl+4).
const (
	TabFields = iota
	TabText
	TabDecision
	TabHistory
)

// CaseView shows one case: its fields with their evidence on the rendered
// page, its text, the decision pane and its history.
type CaseView struct {
	service  CaseService
	run      Runner
	reviewer string
	// trust is the decision pane's trust record (casetrust.go); nil
	// without a TrustService.
	trust   *TrustPane
	onSaved func(c *app.Case, next bool)

	c *app.Case
	// shown is the decision pane as it was filled for c, to tell whether
	// the reviewer changed anything that must be kept as a draft.
	shown   app.Decision
	filling bool
	// targetsTouched is set once the reviewer ticks a target, after which
	// changing the outcome no longer resets the per-target choices.
	targetsTouched bool
	pages          []app.PageText
	findings       []app.Finding
	checks         *widget.Label
	// OnExportMemo, when set, exports the shown case's memo (the desk
	// asks where); the button is hidden without it.
	OnExportMemo func(c *app.Case)
	memoButton   *widget.Button

	title    *widget.Label
	fields   *widget.Form
	evidence *widget.Label
	editBox  *fyne.Container
	editName string
	// lastField is the field the reviewer last looked at (Ctrl+E).
	lastField string
	editHint  *widget.Label
	editText  *widget.Entry

	Page        *PageView
	text        *widget.Entry
	find        *widget.Entry
	findStatus  *widget.Label
	findResults *widget.List
	hits        []textHit

	decision    *widget.Select
	grounds     *widget.CheckGroup
	more        *widget.Entry
	targetBox   *fyne.Container
	targets     []*widget.Check
	notice      *widget.Select
	noticeAfter *widget.Entry
	note        *widget.Entry
	who         *widget.Entry
	save        *widget.Button
	saveNext    *widget.Button
	status      *widget.Label
	history     *widget.Label
	details     *fyne.Container // fields and evidence, re-laid out per case
	tabs        *container.AppTabs
	root        fyne.CanvasObject
}

// textHit is one line of the text that matches the find box.
type textHit struct {
	page int
	line string
}

var noticeLabels = map[app.Notice]string{
	app.NoticeNotify:  "Notify the user",
	app.NoticeDelayed: "Delayed by a non-disclosure order",
	app.NoticeNone:    "Not notified",
}

// CaseViewParams are what a case view works with.
type CaseViewParams struct {
	Service CaseService
	// Renderer draws the pages; nil: the page view says images are
	// unavailable.
	Renderer PageRenderer
	Run      Runner
	// Reviewer is the name decisions are recorded under unless the
	// reviewer types another.
	Reviewer string
	// OnSaved is called (on the UI goroutine) after a decision is stored,
	// with next set for "Save & next"; it may be nil.
	OnSaved func(c *app.Case, next bool)
	// Trust records verifications, resolutions and approvals; nil leaves
	// the trust record out of the decision pane.
	Trust TrustService
}

// NewCaseView builds an empty case view.
func NewCaseView(p CaseViewParams) *CaseView {
	v := &CaseView{service: p.Service, run: p.Run, reviewer: p.Reviewer, onSaved: p.OnSaved}
	reviewer := p.Reviewer
	v.title = widget.NewLabelWithStyle("Select a case in the queue", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	v.title.Wrapping = fyne.TextWrapWord
	v.fields = widget.NewForm()
	v.checks = widget.NewLabel("")
	v.checks.Wrapping = fyne.TextWrapWord
	v.evidence = widget.NewLabel("")
	v.evidence.Wrapping = fyne.TextWrapWord
	v.editHint = widget.NewLabel("")
	v.editHint.Wrapping = fyne.TextWrapWord
	v.editText = widget.NewEntry()
	v.editText.OnSubmitted = func(string) { v.saveCorrection(v.editText.Text) }
	v.editBox = container.NewVBox(v.editHint, v.editText, container.NewHBox(
		widget.NewButton("Save correction", func() { v.saveCorrection(v.editText.Text) }),
		widget.NewButton("Use the extracted value", func() { v.saveCorrection("") }),
		widget.NewButton("Cancel", func() { v.editBox.Hide() }),
	))
	v.editBox.Hide()
	v.Page = NewPageView(PageViewParams{Originals: p.Service, Renderer: p.Renderer, Run: p.Run})

	v.text = widget.NewMultiLineEntry()
	v.text.Wrapping = fyne.TextWrapWord
	v.find = widget.NewEntry()
	v.find.SetPlaceHolder("Find in the text (Ctrl+G)")
	v.find.OnChanged = v.onFind
	v.findStatus = widget.NewLabel("")
	v.findResults = widget.NewList(
		func() int { return len(v.hits) },
		func() fyne.CanvasObject { return widget.NewLabel("") },
		func(id widget.ListItemID, o fyne.CanvasObject) {
			h := v.hits[id]
			o.(*widget.Label).SetText(fmt.Sprintf("p.%d  %s", h.page, app.Clip(h.line, 90)))
		},
	)
	v.findResults.OnSelected = func(id widget.ListItemID) {
		if id < len(v.hits) {
			v.showEvidence(v.hits[id].page, v.hits[id].line, strings.TrimSpace(v.find.Text))
		}
	}

	var outcomes []string
	for _, o := range app.Outcomes() {
		outcomes = append(outcomes, string(o))
	}
	v.decision = widget.NewSelect(outcomes, func(string) {
		v.defaultTargets()
		if !v.filling {
			v.gate()
		}
	})
	v.decision.PlaceHolder = "Decision…"
	v.grounds = widget.NewCheckGroup(app.Grounds(), nil)
	v.more = widget.NewEntry()
	v.more.SetPlaceHolder("Other grounds, separated by ;")
	v.targetBox = container.NewVBox()
	var notices []string
	for _, n := range app.Notices() {
		notices = append(notices, noticeLabels[n])
	}
	v.notice = widget.NewSelect(notices, nil)
	v.notice.PlaceHolder = "User notice…"
	v.noticeAfter = widget.NewEntry()
	v.noticeAfter.SetPlaceHolder("Notify from (YYYY-MM-DD), when delayed")
	v.note = widget.NewMultiLineEntry()
	v.note.SetPlaceHolder("Rationale")
	v.note.SetMinRowsVisible(4)
	v.who = widget.NewEntry()
	v.who.SetText(reviewer)
	v.status = widget.NewLabel("")
	v.status.Wrapping = fyne.TextWrapWord
	v.save = widget.NewButton("Save decision", func() { v.onSave(false) })
	v.saveNext = widget.NewButton("Save & next (Ctrl+Enter)", func() { v.onSave(true) })
	v.saveNext.Importance = widget.HighImportance
	v.memoButton = widget.NewButton("Export memo… (Ctrl+M)", func() { v.ExportMemo() })
	v.memoButton.Hide()
	decide := widget.NewForm(
		widget.NewFormItem("Decision", v.decision),
		widget.NewFormItem("Per target", v.targetBox),
		widget.NewFormItem("User notice", container.NewVBox(v.notice, v.noticeAfter)),
		widget.NewFormItem("Grounds", container.NewVBox(v.grounds, v.more)),
		widget.NewFormItem("Rationale", v.note),
		widget.NewFormItem("Reviewer", v.who),
	)
	saveBar := container.NewVBox(widget.NewSeparator(), container.NewHBox(v.saveNext, v.save, v.memoButton), v.status)
	v.addTrust(p.Trust, decide, saveBar)
	v.history = widget.NewLabel("")
	v.history.Wrapping = fyne.TextWrapWord

	v.details = container.NewVBox(v.checks, v.fields, v.editBox, widget.NewSeparator(), v.evidence)
	textTab := container.NewBorder(container.NewVBox(v.find, v.findStatus), nil, nil, nil,
		container.NewVSplit(v.text, v.findResults))
	v.tabs = container.NewAppTabs(
		container.NewTabItem("Fields", container.NewVScroll(v.details)),
		container.NewTabItem("Text", textTab),
		container.NewTabItem("Decision", container.NewBorder(nil, saveBar, nil, nil, container.NewVScroll(decide))),
		container.NewTabItem("History", container.NewVScroll(v.history)),
	)
	split := container.NewHSplit(v.tabs, v.Page.Content())
	split.Offset = 0.4
	v.root = container.NewBorder(v.title, nil, nil, nil, split)
	v.setEnabled(false)
	return v
}

// Content is the view's root object.
func (v *CaseView) Content() fyne.CanvasObject { return v.root }

// SelectTab shows one of the tabs (TabFields …).
func (v *CaseView) SelectTab(i int) {
	if i >= 0 && i < len(v.tabs.Items) {
		v.tabs.SelectIndex(i)
	}
}

// FocusFind shows the text tab with the cursor in its find box.
func (v *CaseView) FocusFind(c fyne.Canvas) {
	v.SelectTab(TabText)
	c.Focus(v.find)
}

func (v *CaseView) setEnabled(on bool) {
	for _, w := range []fyne.Disableable{v.decision, v.grounds, v.more, v.notice, v.noticeAfter, v.note, v.who, v.save, v.saveNext} {
		if on {
			w.Enable()
		} else {
			w.Disable()
		}
	}
}

// Show displays c and loads its text off the UI goroutine. A decision
// being written on the case shown before is kept as its draft.
func (v *CaseView) Show(c *app.Case) {
	v.KeepDraft(nil)
	v.c, v.lastField = c, ""
	v.render()
	v.fill()
	v.status.SetText("")
	v.setEnabled(true)
	v.Page.ShowCase(c)
	v.text.SetText("Loading the text…")
	v.pages, v.hits = nil, nil
	v.findResults.Refresh()
	v.findStatus.SetText("")
	id, shown := c.ID, *c // a copy: the runner must not read what the UI changes
	v.run(func() {
		ctx := context.Background()
		pages, err := v.service.Pages(ctx, id)
		var findings []app.Finding
		var checkErr error
		if err == nil {
			findings, checkErr = v.service.Findings(ctx, &shown)
		}
		fyne.Do(func() {
			if v.c == nil || v.c.ID != id {
				return // the reviewer moved on
			}
			if err != nil {
				v.text.SetText("Could not load the text: " + app.ErrorMessage(err))
				return
			}
			v.pages = pages
			v.Page.SetPages(pages)
			v.showChecks(findings, checkErr, true)
			v.text.SetText(pagesText(pages))
			v.onFind(v.find.Text)
		})
	})
}

// Recheck runs the review checks on the shown case again (the settings
// changed).
func (v *CaseView) Recheck() {
	if v.c == nil || v.pages == nil {
		return
	}
	id, shown := v.c.ID, *v.c
	v.run(func() {
		findings, err := v.service.Findings(context.Background(), &shown)
		fyne.Do(func() {
			if v.c != nil && v.c.ID == id {
				v.showChecks(findings, err, false)
			}
		})
	})
}

// showChecks shows the checks raised on the shown case; with prefill, an
// undecided case without a draft gets the grounds they suggest ticked (a
// suggestion, not a change: nothing is saved until the reviewer acts).
func (v *CaseView) showChecks(findings []app.Finding, err error, prefill bool) {
	if err != nil {
		v.checks.SetText("Checks could not run: " + app.ErrorMessage(err))
		return
	}
	v.findings = findings
	v.checks.SetText(findingsText(v.findings))
	v.showTrust()
	if prefill && v.c.Decision == nil && v.c.Draft == nil {
		v.filling = true
		v.grounds.SetSelected(review.Grounds(v.findings))
		v.filling = false
		v.shown = v.pane()
	}
}

// SetStatus shows a line under the decision pane's buttons.
func (v *CaseView) SetStatus(text string) { v.status.SetText(text) }

// Status is the line under the decision pane's buttons.
func (v *CaseView) Status() string { return v.status.Text }

// ExportMemo asks the desk to export the shown case's memo, once decided.
func (v *CaseView) ExportMemo() {
	if v.c == nil || v.OnExportMemo == nil {
		return
	}
	if v.c.Decision == nil {
		v.status.SetText("Save a decision first: the memo records it.")
		v.SelectTab(TabDecision)
		return
	}
	v.OnExportMemo(v.c)
}

// render lays out the case's title, fields and history.
func (v *CaseView) render() {
	c := v.c
	ex := &c.Order.Extraction
	head := c.Title() + " · " + statusLabel(c.Status)
	if ex.Emergency {
		head = "EMERGENCY · " + head
	}
	v.title.SetText(head)
	v.checks.SetText("Checks: loading the text…")
	if v.OnExportMemo != nil {
		v.memoButton.Show()
	}
	v.fields.Items = nil
	for _, name := range app.FieldNames() {
		f, ok := ex.Fields[name]
		_, corrected := c.Corrections[name]
		if !ok && !corrected {
			continue
		}
		v.fields.Append(fieldLabels[name], v.fieldRow(name, f))
	}
	targets := make([]string, len(ex.Targets))
	for i, t := range ex.Targets {
		targets[i] = fmt.Sprintf("%s %s (p.%d)", t.Kind, t.Value, t.Page)
	}
	v.fields.Append("Targets", widget.NewLabel(orNone(strings.Join(targets, "\n"))))
	v.fields.Append("Data", widget.NewLabel(orNone(strings.Join(ex.DataCategories, ", "))))
	basis := widget.NewLabel(orNone(strings.Join(ex.LegalBasis, "; ")))
	basis.Wrapping = fyne.TextWrapWord
	v.fields.Append("Legal basis", basis)
	nd := widget.NewButton(orNone(ex.Nondisclosure.Describe()), func() {
		n := ex.Nondisclosure
		if n.Page > 0 {
			v.showEvidence(n.Page, n.Snippet, "")
			v.evidence.SetText(fmt.Sprintf("Non-disclosure — page %d:\n“%s”", n.Page, n.Snippet))
		}
	})
	nd.Alignment, nd.Importance = widget.ButtonAlignLeading, widget.LowImportance
	v.fields.Append("Non-disclosure", nd)
	add := widget.NewSelect(v.missingFields(), func(s string) {
		for name, label := range fieldLabels {
			if label == s {
				v.editField(name)
			}
		}
	})
	add.PlaceHolder = "Add a field the order has but was not read…"
	v.fields.Append("Missing", add)
	v.evidence.SetText(warningsText(ex.Warnings))
	v.editBox.Hide()
	v.details.Refresh()
	var h strings.Builder
	for i := len(c.History) - 1; i >= 0; i-- {
		e := c.History[i]
		fmt.Fprintf(&h, "%s  %s  %s %s\n", e.At.Local().Format("2006-01-02 15:04"), e.Actor, e.Action, e.Detail)
	}
	v.history.SetText(orNone(h.String()))
}

// missingFields lists the fields the extractor did not find, which the
// reviewer can add by hand.
func (v *CaseView) missingFields() []string {
	var out []string
	for _, name := range app.FieldNames() {
		if _, ok := v.c.Order.Extraction.Fields[name]; !ok {
			if _, ok := v.c.Corrections[name]; !ok {
				out = append(out, fieldLabels[name])
			}
		}
	}
	return out
}

// fieldRow shows a value with its confidence (tap for its evidence on the
// page) and a button to correct it. Uncertain or contested values stand
// out; a correction shows beside the value read.
func (v *CaseView) fieldRow(name string, f app.Field) fyne.CanvasObject {
	label := f.Value
	uncertain := f.Confidence < lowConfidence || v.contested(name)
	if uncertain {
		label = "⚠ " + label
	}
	if f.Computed {
		label += " (computed)"
	}
	text := fmt.Sprintf("%s   %.0f%%", label, f.Confidence*100)
	if k, ok := v.c.Corrections[name]; ok {
		text = fmt.Sprintf("✎ %s   (read: %s)", k.Value, orNone(f.Value))
		uncertain = false
	}
	b := widget.NewButton(text, func() {
		v.lastField = name
		note := v.showEvidence(f.Page, f.Snippet, f.Value)
		msg := fmt.Sprintf("%s — page %d, confidence %.0f%%:\n“%s”", fieldLabels[name], f.Page, f.Confidence*100, f.Snippet)
		if f.Page == 0 {
			msg = fieldLabels[name] + " was entered by the reviewer."
		}
		if k, ok := v.c.Corrections[name]; ok {
			msg += fmt.Sprintf("\nCorrected to “%s” by %s on %s.", k.Value, k.By, k.At.Local().Format("2006-01-02 15:04"))
		}
		if note != "" {
			msg += "\n" + note
		}
		v.evidence.SetText(msg)
	})
	b.Alignment = widget.ButtonAlignLeading
	b.Importance = widget.LowImportance
	if uncertain {
		b.Importance = widget.WarningImportance
	}
	edit := widget.NewButtonWithIcon("", theme.DocumentCreateIcon(), func() { v.editField(name) })
	return container.NewBorder(nil, nil, nil, edit, b)
}

// contested reports whether a warning names the field (the extractor found
// conflicting values, or doubts it).
func (v *CaseView) contested(name string) bool {
	for _, w := range v.c.Order.Extraction.Warnings {
		if strings.HasPrefix(w, name+":") {
			return true
		}
	}
	return false
}

func (v *CaseView) showEvidence(page int, snippet, value string) string {
	if page <= 0 {
		return ""
	}
	return v.Page.ShowEvidence(page, snippet, value)
}

// EditSelected opens the correction box for the field last looked at, or
// the case number.
func (v *CaseView) EditSelected() {
	if v.lastField == "" {
		v.lastField = app.FieldCaseNumber
	}
	v.editField(v.lastField)
}

// editField opens the correction box for a field.
func (v *CaseView) editField(name string) {
	if v.c == nil {
		return
	}
	v.editName = name
	read := v.c.Order.Extraction.Field(name)
	hint := fmt.Sprintf("Correct %s — the order reads “%s”. The value read is kept beside yours.", fieldLabels[name], orNone(read))
	if strings.HasSuffix(name, "date") || name == app.FieldDeadline || strings.HasPrefix(name, "date_range") {
		hint += " Dates as YYYY-MM-DD."
	}
	v.editHint.SetText(hint)
	v.editText.SetText(v.c.Value(name))
	v.editBox.Show()
	v.SelectTab(TabFields)
	if c := fyne.CurrentApp().Driver().CanvasForObject(v.editText); c != nil {
		c.Focus(v.editText)
	}
}

// saveCorrection stores the reviewer's value for the field being edited
// ("" goes back to the extracted value).
func (v *CaseView) saveCorrection(value string) {
	if v.c == nil || v.editName == "" {
		return
	}
	id, name := v.c.ID, v.editName
	who := strings.TrimSpace(v.who.Text)
	if who == "" {
		who = v.reviewer
	}
	v.run(func() {
		c, err := v.service.Correct(context.Background(), id, name, value, who)
		fyne.Do(func() {
			if v.c == nil || v.c.ID != id {
				return // the reviewer moved on; the queue shows the change
			}
			if err != nil {
				v.editHint.SetText(app.ErrorMessage(err))
				return
			}
			*v.c = *c
			v.render()
			v.evidence.SetText(fmt.Sprintf("Saved the correction of %s.", fieldLabels[name]))
		})
	})
}

// fill puts the case's draft, or its decision, or suggestions into the
// decision pane.
func (v *CaseView) fill() {
	v.filling = true
	defer func() { v.filling = false }()
	c := v.c
	d := c.Draft
	if d == nil {
		d = c.Decision
	}
	if d == nil {
		n, after := app.DefaultNotice(c.Order.Extraction.Nondisclosure)
		d = &app.Decision{Notice: n, NoticeAfter: after, Reviewer: v.reviewer}
	}
	if d.Outcome == "" {
		v.decision.ClearSelected()
	} else {
		v.decision.SetSelected(string(d.Outcome))
	}
	var known, other []string
	for _, g := range d.Grounds {
		if slices.Contains(app.Grounds(), g) {
			known = append(known, g)
		} else {
			other = append(other, g)
		}
	}
	v.grounds.SetSelected(known)
	v.more.SetText(strings.Join(other, "; "))
	v.targets = nil
	v.targetBox.RemoveAll()
	for _, t := range c.Order.Extraction.Targets {
		ch := widget.NewCheck(fmt.Sprintf("produce: %s %s", t.Kind, t.Value), func(bool) {
			if !v.filling {
				v.targetsTouched = true
				v.gate()
			}
		})
		ch.SetChecked(d.Outcome != "" && d.Produces(t.Value))
		v.targets = append(v.targets, ch)
		v.targetBox.Add(ch)
	}
	if len(v.targets) == 0 {
		v.targetBox.Add(widget.NewLabel("The order names no target."))
	}
	v.targetsTouched = len(d.Targets) > 0
	if d.Notice == "" {
		v.notice.ClearSelected()
	} else {
		v.notice.SetSelected(noticeLabels[d.Notice])
	}
	v.noticeAfter.SetText(d.NoticeAfter)
	v.note.SetText(d.Note)
	who := d.Reviewer
	if who == "" {
		who = v.reviewer
	}
	v.who.SetText(who)
	v.shown = v.pane()
	v.gate()
}

// defaultTargets follows the outcome with the per-target choices until the
// reviewer sets them.
func (v *CaseView) defaultTargets() {
	if v.filling || v.targetsTouched || v.c == nil {
		return
	}
	d := app.Decision{Outcome: app.Outcome(v.decision.Selected)}
	v.filling = true
	for i, t := range v.c.Order.Extraction.Targets {
		v.targets[i].SetChecked(d.Produces(t.Value))
	}
	v.filling = false
}

// pane reads the decision pane (without when).
func (v *CaseView) pane() app.Decision {
	d := app.Decision{Outcome: app.Outcome(v.decision.Selected), Note: v.note.Text, Reviewer: strings.TrimSpace(v.who.Text)}
	d.Grounds = append(d.Grounds, v.grounds.Selected...)
	for _, g := range strings.Split(v.more.Text, ";") {
		if g = strings.TrimSpace(g); g != "" {
			d.Grounds = append(d.Grounds, g)
		}
	}
	if v.c != nil {
		for i, t := range v.c.Order.Extraction.Targets {
			d.Targets = append(d.Targets, app.TargetDecision{Target: t.Value, Produce: v.targets[i].Checked})
		}
	}
	for n, label := range noticeLabels {
		if label == v.notice.Selected {
			d.Notice = n
		}
	}
	d.NoticeAfter = strings.TrimSpace(v.noticeAfter.Text)
	return d
}

// KeepDraft stores what the reviewer has written but not saved on the
// shown case as its draft, then calls done (on the UI goroutine; done may
// be nil). Nothing is written when nothing changed.
func (v *CaseView) KeepDraft(done func()) {
	if v.c == nil || v.filling {
		if done != nil {
			done()
		}
		return
	}
	d := v.pane()
	if reflect.DeepEqual(d, v.shown) {
		if done != nil {
			done()
		}
		return
	}
	who := d.Reviewer
	if who == "" {
		who = v.reviewer
	}
	orig := v.c
	id := orig.ID
	v.shown = d
	v.run(func() {
		c, err := v.service.SaveDraft(context.Background(), id, d, who)
		fyne.Do(func() {
			if err == nil {
				*orig = *c
			} else {
				v.status.SetText("The draft could not be kept: " + app.ErrorMessage(err))
			}
			if done != nil {
				done()
			}
		})
	})
}

// Save stores the decision as shown; with next, the desk then moves to the
// next open case.
func (v *CaseView) Save(next bool) { v.onSave(next) }

func (v *CaseView) onSave(next bool) {
	if v.c == nil {
		return
	}
	d := v.pane()
	// Checked here too, so the reviewer is told at once, before any wait.
	if err := d.Validate(); err != nil {
		v.status.SetText(app.ErrorMessage(err))
		v.SelectTab(TabDecision)
		return
	}
	// The shown case changes only once the store has the decision.
	orig := v.c
	id := orig.ID
	v.save.Disable()
	v.saveNext.Disable()
	v.status.SetText("Saving…")
	v.run(func() {
		c, err := v.service.Decide(context.Background(), id, d)
		fyne.Do(func() {
			v.save.Enable()
			v.saveNext.Enable()
			if err != nil {
				v.status.SetText("Not saved: " + app.ErrorMessage(err))
				return
			}
			*orig = *c
			if v.c != orig {
				return // the reviewer moved on; the queue shows the change
			}
			v.shown = v.pane()
			v.render()
			v.status.SetText(fmt.Sprintf("Saved: %s by %s at %s", d.Outcome, d.Reviewer, c.Decision.DecidedAt.Format("15:04")) + awaitingNote(c))
			v.showTrust()
			if v.onSaved != nil {
				v.onSaved(v.c, next)
			}
		})
	})
}

// onFind lists the lines of the text that contain the find box's words
// (all of them, any case); picking one shows it on the page.
func (v *CaseView) onFind(q string) {
	v.hits = nil
	words := strings.Fields(strings.ToLower(q))
	if len(words) > 0 {
		for _, p := range v.pages {
			for _, line := range strings.Split(p.Text, "\n") {
				l := strings.ToLower(line)
				all := true
				for _, w := range words {
					all = all && strings.Contains(l, w)
				}
				if all {
					v.hits = append(v.hits, textHit{p.Number, strings.TrimSpace(line)})
				}
			}
		}
	}
	switch {
	case len(words) == 0:
		v.findStatus.SetText("")
	case len(v.hits) == 0:
		v.findStatus.SetText(fmt.Sprintf("“%s” is not in the text", strings.TrimSpace(q)))
	default:
		v.findStatus.SetText(fmt.Sprintf("%s with “%s” — pick one to see it on the page", plural(len(v.hits), "line"), strings.TrimSpace(q)))
	}
	v.findResults.UnselectAll()
	v.findResults.Refresh()
}

func orNone(s string) string {
	if s == "" {
		return "—"
	}
	return s
}

func warningsText(ws []string) string {
	if len(ws) == 0 {
		return "Tap a field to see where it was found on the page."
	}
	return "To check:\n• " + strings.Join(ws, "\n• ") + "\n\nTap a field to see where it was found on the page."
}

func pagesText(pages []app.PageText) string {
	var b strings.Builder
	for _, p := range pages {
		fmt.Fprintf(&b, "— page %d (%s) —\n%s\n\n", p.Number, p.Source, p.Text)
	}
	return b.String()
}

// statusLabel says a status in words.
func statusLabel(s app.Status) string { return strings.ReplaceAll(string(s), "_", " ") }
