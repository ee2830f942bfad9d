package ui

import (
	"context"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"

	"github.com/warrantdesk/warrantdesk/app"
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
	Correct(ctx context.Context, id string, e app.Edit, by string) (*app.Case, error)
	Reopen(ctx context.Context, id, by, reason string) (*app.Case, error)
	Settings(ctx context.Context) (app.Settings, error)
}

// lowConfidence marks a field the reviewer must check.
const lowConfidence = 0.6

// Tabs of the case view, in order (Ctrl+1 … Ctrl+4; TabMatter, Ctrl+5,
// after them).
const (
	TabFields = iota
	TabText
	TabDecision
	TabHistory
)

// CaseView shows one case: its fields, checks and targets beside the
// rendered page with their evidence marked, its text, the decision pane
// and its history. It coordinates the panes, each in its own file
// (fields.go, text.go, decision.go, history.go, pageview.go): every case
// is laid out afresh when shown, and every change goes to the service and
// comes back as the case stored, after which the checks run again.
type CaseView struct {
	service  CaseService
	run      Runner
	keys     *Keys
	actions  CaseActions
	onSaved  func(c *app.Case, next bool)
	onChange func(c *app.Case)
	// Window is where dialogs (the correction editor, Reopen) open; the
	// desk sets it.
	Window fyne.Window

	// c is the case shown, read when the queue opened it; each change
	// stored is told to the queue (OnChange), which lists summaries.
	c        *app.Case
	pages    []app.PageText
	findings []app.Finding
	// checked is set once the checks of the case shown have run.
	checked bool
	// parts are the orders the case's file bundles (more than one: it can
	// be split).
	parts []app.PageRange

	load   *Task // the case's text, checks and parts
	checks *Task // the checks run again after a change
	// editor is the correction dialog open, if any.
	editor  *editor
	memos   MemoExporter
	onSplit func(ids []string)
	// memo is the memo last written for the case shown ("Open memo").
	memo string
	busy *widget.Label // what a slow action on the case is doing

	title   *widget.Label
	bar     *fyne.Container // the case's actions beside the title
	Page    *PageView
	fields  *fieldsPane
	text    *textPane
	decide  *decisionPane
	history *historyPane
	tabs    *container.AppTabs
	// matter is the Matter tab's pane (casematter.go); nil without a
	// matter service. onMatterChange is told when it changed a case.
	matter         *MatterView
	onMatterChange func()
	split          *container.Split
	root           fyne.CanvasObject
}

// CaseActions are the slower things a reviewer can ask for on a case
// besides deciding it; app/casework implements them. Nil leaves their
// buttons out.
type CaseActions interface {
	RunOCR(ctx context.Context, id string, progress func(done, total int)) (*app.Case, error)
	SplitBundle(ctx context.Context, id string) ([]string, error)
	BundleParts(ctx context.Context, id string) ([]app.PageRange, error)
}

// CaseViewParams are what a case view works with.
type CaseViewParams struct {
	Service CaseService
	// Actions runs OCR and splits bundles; nil leaves them out.
	Actions CaseActions
	// Renderer draws the pages; nil: the page view says images are
	// unavailable.
	Renderer PageRenderer
	Run      Runner
	// Keys are the window's shortcuts, which the view's text boxes hand
	// up; nil when the view stands alone.
	Keys *Keys
	// Reviewer is the name decisions are recorded under until the
	// reviewer picks one from Settings' list; "" leaves the choice open.
	Reviewer string
	// OnSaved is called (on the UI goroutine) after a decision is stored,
	// with next set for "Save & next"; it may be nil.
	OnSaved func(c *app.Case, next bool)
	// OnChange is called (on the UI goroutine) after any change to the
	// shown case is stored, and when it is split; it may be nil.
	OnChange func(c *app.Case)
	// OnSplit is called with the new cases when the shown case's file was
	// split into them; it may be nil.
	OnSplit func(ids []string)
	// Memos writes memos into the memo folder; nil leaves Export memo out.
	Memos MemoExporter
	// Matters is the Matter tab's work (casematter.go); nil leaves the
	// tab out. OnMatterChange is called when it changed a case (a link,
	// a clock, a letter); Now is its clock (time.Now if nil).
	Matters        MatterService
	OnMatterChange func()
	Now            func() time.Time
	// Trust records verifications, resolutions and approvals; nil leaves
	// the trust record out of the decision pane.
	Trust TrustService
}

// NewCaseView builds an empty case view.
func NewCaseView(p CaseViewParams) *CaseView {
	v := &CaseView{service: p.Service, run: p.Run, keys: p.Keys, actions: p.Actions, onSaved: p.OnSaved, onChange: p.OnChange,
		load: NewTask(p.Run), checks: NewTask(p.Run)}
	v.title = widget.NewLabelWithStyle("Select a case in the queue", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	v.title.Truncation = fyne.TextTruncateEllipsis
	v.bar = container.NewHBox()
	v.busy = widget.NewLabel("")
	v.Page = NewPageView(PageViewParams{Originals: p.Service, Renderer: p.Renderer, Run: p.Run})
	v.fields = newFieldsPane(v)
	v.text = newTextPane(v)
	v.decide = newDecisionPane(v, p.Reviewer)
	v.decide.addTrust(p.Trust)
	v.history = newHistoryPane()
	v.tabs = container.NewAppTabs(
		container.NewTabItem("Fields", v.fields.root),
		container.NewTabItem("Text", v.text.root),
		container.NewTabItem("Decision", v.decide.root),
		container.NewTabItem("History", v.history.root),
	)
	v.split = container.NewHSplit(v.tabs, v.Page.Content())
	v.split.Offset = 0.4
	v.root = container.NewBorder(container.NewBorder(nil, nil, nil, v.bar, v.title), nil, nil, nil, v.split)
	v.onSplit, v.memos, v.onMatterChange = p.OnSplit, p.Memos, p.OnMatterChange
	v.addMatterTab(p)
	v.decide.setEnabled(false)
	return v
}

// Content is the view's root object.
func (v *CaseView) Content() fyne.CanvasObject { return v.root }

// Case is the case shown, or nil.
func (v *CaseView) Case() *app.Case { return v.c }

// SelectTab shows one of the tabs (TabFields …).
func (v *CaseView) SelectTab(i int) {
	if i >= 0 && i < len(v.tabs.Items) {
		v.tabs.SelectIndex(i)
	}
}

// Tab is the index of the tab shown.
func (v *CaseView) Tab() int { return v.tabs.SelectedIndex() }

// FocusFind shows the text tab with the cursor in its find box.
func (v *CaseView) FocusFind(c fyne.Canvas) {
	v.SelectTab(TabText)
	c.Focus(v.text.find)
}

// FocusDecision shows the decision pane with the keyboard on the outcome
// (← → choose it).
func (v *CaseView) FocusDecision(c fyne.Canvas) {
	v.SelectTab(TabDecision)
	if !v.decide.outcome.Disabled() {
		c.Focus(v.decide.outcome)
	}
}

// Show displays c, laid out afresh, and loads its text, checks and parts
// off the UI goroutine. A decision being written on the case shown before
// is kept as its draft.
func (v *CaseView) Show(c *app.Case) {
	v.KeepDraft(nil)
	v.c, v.pages, v.findings, v.checked, v.parts, v.memo = c, nil, nil, false, nil, ""
	v.busy.SetText("")
	v.checks.Stop()
	v.Page.ShowCase(c)
	v.render()
	v.decide.fill(c)
	v.decide.setStatus("")
	v.text.reset()
	v.SelectTab(TabFields)
	id, shown := c.ID, *c // a copy: the runner must not read what the UI changes
	type loaded struct {
		pages    []app.PageText
		findings []app.Finding
		checkErr error
		parts    []app.PageRange
	}
	Start(v.load, func(ctx context.Context) (loaded, error) {
		var l loaded
		var err error
		if l.pages, err = v.service.Pages(ctx, id); err != nil {
			return l, err
		}
		l.findings, l.checkErr = v.service.Findings(ctx, &shown)
		if v.actions != nil && shown.Order.Part == nil && shown.Status != app.StatusSplit {
			l.parts, _ = v.actions.BundleParts(ctx, id) // a convenience: no button if it fails
		}
		return l, nil
	}, func(l loaded, err error) {
		if err != nil {
			v.text.failed(err)
			v.fields.showChecks(nil, err)
			return
		}
		v.pages, v.parts = l.pages, l.parts
		v.Page.SetPages(l.pages)
		v.text.show(l.pages)
		v.landChecks(l.findings, l.checkErr, true)
		v.renderBar()
	})
}

// render lays out what the case holds: title, actions, fields, history
// and whether it can be changed.
func (v *CaseView) render() {
	c := v.c
	head := app.Capitalized(c.Title()) + " · " + c.Status.Label()
	if c.Emergency() {
		head = "EMERGENCY · " + head
	}
	v.title.SetText(head)
	v.renderBar()
	v.fields.render(c)
	v.history.render(c)
	v.decide.setReadOnly(c)
}

// Recheck runs the review checks on the shown case again, off the UI
// goroutine (a correction was stored, the settings changed).
func (v *CaseView) Recheck() {
	if v.c == nil {
		return
	}
	shown := *v.c
	v.fields.checksLoading()
	Start(v.checks, func(ctx context.Context) ([]app.Finding, error) {
		return v.service.Findings(ctx, &shown)
	}, func(fs []app.Finding, err error) { v.landChecks(fs, err, true) })
}

// landChecks shows the checks raised and lets the decision pane suggest
// what they suggest (a suggestion, not a change: nothing is saved until the
// reviewer acts).
func (v *CaseView) landChecks(fs []app.Finding, err error, suggest bool) {
	if err != nil {
		v.fields.showChecks(nil, err)
		return
	}
	v.findings, v.checked = fs, true
	v.fields.showChecks(fs, nil)
	v.decide.showTrust()
	if suggest {
		v.decide.suggest(fs)
	}
}

// who is the reviewer changes are recorded under.
func (v *CaseView) who() string { return v.decide.reviewer() }

// commit stores a change made to the shown case off the UI goroutine, then
// shows the case as stored and runs the checks again; failed, when set, is
// told why it was not stored (else the decision pane's status line is).
func (v *CaseView) commit(change func(ctx context.Context, id string) (*app.Case, error), done func(c *app.Case), failed func(err error)) {
	if v.c == nil {
		return
	}
	orig := v.c
	id := orig.ID
	Once(v.run, func(ctx context.Context) (*app.Case, error) { return change(ctx, id) }, func(c *app.Case, err error) {
		if err != nil {
			if failed != nil {
				failed(err)
			} else {
				v.decide.setStatus("Not saved: " + app.ErrorMessage(err))
			}
			return
		}
		*orig = *c
		if v.onChange != nil {
			v.onChange(orig)
		}
		if v.c != orig {
			return // the reviewer moved on; the queue shows the change
		}
		v.render()
		v.Recheck()
		if done != nil {
			done(orig)
		}
	})
}

// KeepDraft stores what the reviewer has written but not saved on the
// shown case as its draft, then calls done (on the UI goroutine; done may
// be nil). Nothing is written when nothing changed.
func (v *CaseView) KeepDraft(done func()) {
	d, changed := v.decide.unsaved()
	if v.c == nil || !changed {
		if done != nil {
			done()
		}
		return
	}
	orig := v.c
	id, who := orig.ID, d.Reviewer
	v.decide.kept(d)
	Once(v.run, func(ctx context.Context) (*app.Case, error) {
		return v.service.SaveDraft(ctx, id, d, who)
	}, func(c *app.Case, err error) {
		if err == nil {
			*orig = *c
		} else {
			v.decide.setStatus("The draft could not be kept: " + app.ErrorMessage(err))
		}
		if done != nil {
			done()
		}
	})
}

// Save stores the decision as shown; with next, the desk then moves to the
// next open case.
func (v *CaseView) Save(next bool) { v.decide.saveDecision(next) }

// SetStatus shows a line under the decision pane's buttons.
func (v *CaseView) SetStatus(text string) { v.decide.setStatus(text) }

// Status is the line under the decision pane's buttons.
func (v *CaseView) Status() string { return v.decide.status.Text }

// EditSelected opens the correction editor for the field last looked at,
// or the case number.
func (v *CaseView) EditSelected() {
	name := v.fields.lastField
	if name == "" {
		name = app.FieldCaseNumber
	}
	v.Edit(name)
}

// Edit opens the correction editor for name (a field, or FieldTargets …).
func (v *CaseView) Edit(name string) {
	if v.c == nil {
		return
	}
	if v.c.Decided() {
		v.decide.setStatus("This case is decided: reopen it to correct anything.")
		v.SelectTab(TabDecision)
		return
	}
	openEditor(v, name)
}

// showEvidence marks where something was read and quotes it above the
// page; it returns a note when the place could not be marked.
func (v *CaseView) showEvidence(page int, snippet, value, caption string) {
	if page <= 0 {
		v.Page.SetCaption(caption)
		return
	}
	if note := v.Page.ShowEvidence(page, snippet, value); note != "" {
		caption += "\n" + note
	}
	v.Page.SetCaption(caption)
}
