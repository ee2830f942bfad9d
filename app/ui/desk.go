package ui

import (
	"slices"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/widget"

	"github.com/warrantdesk/warrantdesk/app"
)

// DeskService is what the desk's queue and case view need done.
type DeskService interface {
	CaseLister
	CaseService
	TrustService
}

// Casework is everything the desk window asks for: the use cases it shares
// with the command line. *casework.Service implements it.
type Casework interface {
	DeskService
	Importer
	StatsSource
	SettingsService
	MemoExporter
	CaseActions
	AlertSource
	Indexer
}

// Desk is the reviewer's window: the queue (with imports above it) beside
// the case view, and a status line at the foot that says what was just
// done.
type Desk struct {
	Queue  *Queue
	Case   *CaseView
	Import *ImportPane
	Keys   *Keys
	// Status is the window's status line: what was saved, where the
	// reviewer went.
	Status *widget.Label
	split  *container.Split
	// next says, once the case Save & next went to is read, which it is.
	next   func(c *app.Case)
	root   fyne.CanvasObject
	window fyne.Window
	// places are the folders the picker offers (recent imports first).
	places []string
	prefs  fyne.Preferences
	// matters, notify and run are DeskParams' (deskmatters.go).
	matters MatterDesk
	notify  Notifier
	run     Runner
}

// DeskParams are what a desk works with.
type DeskParams struct {
	Service DeskService
	// Importer brings orders in from the window; nil leaves importing out.
	Importer Importer
	// Actions runs OCR on a stored case and splits bundles; nil leaves
	// them out. Memos writes memos into the memo folder; nil leaves Export
	// memo out. Alerts flags cases in the queue; nil flags none.
	Actions  CaseActions
	Memos    MemoExporter
	Alerts   AlertSource
	Renderer PageRenderer
	Run      Runner
	Now      func() time.Time
	// Reviewer is offered when Settings lists no reviewer ("" for none).
	Reviewer string
	// Prefs keeps the panes' widths between runs (no case data); nil
	// keeps nothing.
	Prefs fyne.Preferences
	// Stats, Settings and Security open from the queue's buttons; nil
	// leaves each out. DefaultMemoFolder is shown while Settings names
	// none.
	Stats             StatsSource
	Settings          SettingsService
	Security          SecurityService
	DefaultMemoFolder string
	// Index is the queue's search index, the orders' text with the
	// cases' details; nil indexes the details of the cases loaded.
	Index Indexer
	// Lock locks the desk (Ctrl+L): the gate's, nil where there is none.
	Lock func()
	// Matters gives the case view its Matter tab and Settings the matter
	// settings; Notify raises a desktop notification for an emergency
	// imported while the desk is open (fyne.App). Nil leaves each out.
	Matters MatterDesk
	Notify  Notifier
}

// Preference keys for the panes' widths.
const (
	prefQueueSplit = "desk.queue-split"
	prefCaseSplit  = "desk.case-split"
)

// NewDesk builds the desk.
func NewDesk(p DeskParams) *Desk {
	d := &Desk{Keys: NewKeys(), prefs: p.Prefs, matters: p.Matters, notify: p.Notify, run: p.Run}
	var matters MatterService
	if p.Matters != nil {
		matters = p.Matters
	}
	d.Status = widget.NewLabel("")
	d.Status.Truncation = fyne.TextTruncateEllipsis
	d.Case = NewCaseView(CaseViewParams{Service: p.Service, Trust: p.Service, Actions: p.Actions, Memos: p.Memos, Renderer: p.Renderer, Run: p.Run,
		Keys: d.Keys, Reviewer: p.Reviewer, OnSaved: d.onSaved, OnChange: func(c *app.Case) { d.Queue.Changed(c) },
		OnSplit: func(ids []string) {
			d.Status.SetText("Split into " + app.Plural(len(ids), "case") + "; the first is open.")
			if len(ids) > 0 {
				d.Queue.RefreshAndSelect(ids[0])
			}
		},
		Matters: matters, Now: p.Now, OnMatterChange: func() { d.Queue.Refresh() }})
	d.Queue = NewQueue(QueueParams{Cases: p.Service, Index: p.Index, Alerts: p.Alerts, Run: p.Run, Now: p.Now, Keys: d.Keys, OnSelect: d.opened})
	left := d.Queue.Content()
	if p.Importer != nil {
		d.Import = NewImportPane(ImportPaneParams{Importer: p.Importer, Run: p.Run, OnDone: func(created []string) {
			first := ""
			if len(created) > 0 {
				first = created[0]
				d.Status.SetText("Imported " + app.Plural(len(created), "new case") + "; the first is open.")
			}
			d.Queue.RefreshAndSelect(first)
			d.afterImport(created)
		}})
		left = container.NewBorder(d.Import.Content(), nil, nil, nil, left)
		d.Queue.EmptyText = "No cases yet. Drop PDF orders or folders anywhere on this window, or press Ctrl+O to import. To try WarrantDesk on sample orders: warrantdesk demo"
	}
	d.split = container.NewHSplit(left, d.Case.Content())
	d.split.Offset = 0.27
	d.Case.split.Offset = 0.38
	if d.prefs != nil {
		d.split.Offset = d.prefs.FloatWithFallback(prefQueueSplit, d.split.Offset)
		d.Case.split.Offset = d.prefs.FloatWithFallback(prefCaseSplit, d.Case.split.Offset)
	}
	d.root = container.NewBorder(nil, container.NewVBox(widget.NewSeparator(), d.Status), nil, nil, d.split)
	d.bindKeys(p.Lock)
	d.addActions(p)
	return d
}

// addActions puts the desk's buttons above the queue: import, statistics,
// settings and the keys sheet (short labels: the queue stays narrow).
func (d *Desk) addActions(p DeskParams) {
	if d.Import != nil {
		d.Queue.AddAction("Import…", d.ShowPicker)
	}
	if p.Stats != nil {
		d.Queue.AddAction("Stats", func() {
			if d.window == nil {
				return
			}
			s := NewStatsView(StatsViewParams{Source: p.Stats, Run: p.Run, Now: p.Now})
			s.Refresh()
			dl := dialog.NewCustom("Statistics (transparency report)", "Close", s.Content(), d.window)
			dl.Resize(fyne.NewSize(640, 620))
			dl.Show()
		})
	}
	if p.Settings != nil {
		d.Queue.AddAction("Settings", func() {
			if d.window == nil {
				return
			}
			f := NewSettingsForm(SettingsFormParams{Service: p.Settings, Run: p.Run, DefaultMemoFolder: p.DefaultMemoFolder, OnSaved: func(s app.Settings) {
				d.SetReviewers(s.Reviewers)
				d.SetPlaces(s.ImportFolders)
				d.Case.Recheck()
				d.Queue.Refresh() // the flags follow the enterprise lists
			}})
			dl := dialog.NewCustom("Settings", "Close", d.settingsContent(f.Content()), d.window)
			dl.Resize(fyne.NewSize(640, 700))
			dl.Show()
		})
	}
	if p.Security != nil {
		d.Queue.AddAction("Security", func() {
			if d.window == nil {
				return
			}
			dl := dialog.NewCustom("Security", "Close", NewSecurityForm(SecurityFormParams{Service: p.Security, Run: p.Run, Window: d.window}).Content(), d.window)
			dl.Resize(fyne.NewSize(600, 520))
			dl.Show()
		})
	}
	d.Queue.AddAction("Keys", d.ShowKeys)
	d.Queue.AddAction("About", func() {
		if d.window != nil {
			ShowAbout(d.window)
		}
	})
}

// Content is the desk's root object.
func (d *Desk) Content() fyne.CanvasObject { return d.root }

// SetWindow puts the desk in w: its shortcuts work there and its dialogs
// open over it. Escape closes the correction editor wherever the focus is
// in it (a text box hands Escape up).
func (d *Desk) SetWindow(w fyne.Window) {
	d.window = w
	d.Case.Window = w
	d.Keys.escape = d.Case.CloseEditor
	d.Keys.Attach(w.Canvas())
}

// RemoveShortcuts takes the desk's shortcuts off w (it is locking).
func (d *Desk) RemoveShortcuts(w fyne.Window) { d.Keys.Detach(w.Canvas()) }

// SetReviewers offers the reviewers the settings list.
func (d *Desk) SetReviewers(names []string) { d.Case.decide.setReviewers(names) }

// SetPlaces gives the picker its recent import folders.
func (d *Desk) SetPlaces(recent []string) { d.places = recent }

// onSaved redraws the queue after a decision and, for Save & next, opens
// the next open case at the top of its fields, saying so at the foot.
func (d *Desk) onSaved(c *app.Case, next bool) {
	d.Queue.Changed(c)
	msg := d.Case.Status()
	if !next {
		d.Status.SetText(msg)
		return
	}
	// The next case is read from the store before it shows.
	d.next = func(c *app.Case) { d.Status.SetText(msg + " — now: " + c.Title()) }
	if !d.Queue.SelectNextOpen(c) {
		d.next = nil
		d.Status.SetText(msg + " — no open case left")
	}
}

// opened shows the case the queue opened, and what Save & next says of it.
func (d *Desk) opened(c *app.Case) {
	d.Case.Show(c)
	if d.next != nil {
		d.next(c)
		d.next = nil
	}
}

// SavePanes remembers the panes' widths for the next start.
func (d *Desk) SavePanes() {
	if d.prefs != nil {
		d.prefs.SetFloat(prefQueueSplit, d.split.Offset)
		d.prefs.SetFloat(prefCaseSplit, d.Case.split.Offset)
	}
}

func (d *Desk) canvas() fyne.Canvas {
	if d.window == nil {
		return nil
	}
	return d.window.Canvas()
}

// focus runs do with the window's canvas, when the desk has a window.
func (d *Desk) focus(do func(c fyne.Canvas)) func() {
	return func() {
		if c := d.canvas(); c != nil {
			do(c)
		}
	}
}

// bindKeys sets the desk's shortcuts: the keys sheet (F1) lists them in
// this order. lock, when set, locks the desk (Ctrl+L).
func (d *Desk) bindKeys(lock func()) {
	k, ctrl, shift := d.Keys, fyne.KeyModifierShortcutDefault, fyne.KeyModifierShift
	k.Add(fyne.KeyF, ctrl, "Ctrl+F", "search cases and the orders' text (Enter or ↓ goes to the results)", d.focus(d.Queue.FocusSearch))
	k.Add(fyne.KeyF6, 0, "F6", "go to the queue (↑ ↓ move, Space opens)", d.focus(d.Queue.FocusList))
	k.Add(fyne.KeyO, ctrl, "Ctrl+O", "import orders: files and folders (or drop them on the window)", d.ShowPicker)
	tabs := []string{"Fields", "Text", "Decision", "History"}
	if d.Case.matter != nil {
		tabs = append(tabs, "Matter")
	}
	for i, name := range tabs {
		key := []fyne.KeyName{fyne.Key1, fyne.Key2, fyne.Key3, fyne.Key4, fyne.Key5}[i]
		k.Add(key, ctrl, "Ctrl+"+string(key), "the "+name+" tab", func() { d.Case.SelectTab(i) })
	}
	k.Add(fyne.KeyD, ctrl, "Ctrl+D", "the decision (← → choose it, Tab onwards)", d.focus(d.Case.FocusDecision))
	k.Add(fyne.KeyE, ctrl, "Ctrl+E", "correct the value last looked at", d.Case.EditSelected)
	k.Add(fyne.KeyG, ctrl, "Ctrl+G", "find in the order's text", d.focus(d.Case.FocusFind))
	k.Add(fyne.KeyPageDown, ctrl, "Ctrl+PageDown", "next page", func() { d.Case.Page.Turn(1) })
	k.Add(fyne.KeyPageUp, ctrl, "Ctrl+PageUp", "previous page", func() { d.Case.Page.Turn(-1) })
	k.Add(fyne.KeyEqual, ctrl, "Ctrl+=", "zoom the page in", func() { d.Case.Page.Zoom(0.25) })
	k.Add(fyne.KeyMinus, ctrl, "Ctrl+-", "zoom the page out", func() { d.Case.Page.Zoom(-0.25) })
	k.Add(fyne.Key0, ctrl, "Ctrl+0", "the page's whole width", d.Case.Page.Fit)
	k.Add(fyne.KeyS, ctrl, "Ctrl+S", "save the decision", func() { d.Case.Save(false) })
	k.Add(fyne.KeyReturn, ctrl, "Ctrl+Enter", "save the decision and open the next open case", func() { d.Case.Save(true) })
	k.Add(fyne.KeyM, ctrl, "Ctrl+M", "write the decision memo into the memo folder", d.Case.ExportMemo)
	k.Add(fyne.KeyR, ctrl|shift, "Ctrl+Shift+R", "reopen a decided case (recorded)", d.Case.AskReopen)
	if lock != nil {
		k.Add(fyne.KeyL, ctrl, "Ctrl+L", "lock the desk (it also locks after the idle time set under Security)", lock)
	}
	k.Add(fyne.KeyF1, 0, "F1", "this sheet", d.ShowKeys)
	k.Note("Tab, Shift+Tab", "move between boxes, lists, checkboxes and buttons; Space presses or ticks")
}

// ShowKeys shows the keys sheet.
func (d *Desk) ShowKeys() {
	if d.window != nil {
		dialog.ShowCustom("Keyboard", "Close", d.Keys.Sheet(), d.window)
	}
}

// ShowPicker opens the import picker, in the folder orders last came from.
func (d *Desk) ShowPicker() {
	if d.Import == nil || d.window == nil {
		return
	}
	d.Picker().Show(d.window)
}

// Picker builds the import picker the desk opens (Ctrl+O).
func (d *Desk) Picker() *Picker {
	places := slices.Clone(d.places)
	for _, f := range usualFolders() {
		if !slices.Contains(places, f) {
			places = append(places, f)
		}
	}
	start := ""
	if len(places) > 0 {
		start = places[0]
	}
	return NewPicker(PickerParams{Start: start, Places: places, Keys: d.Keys, OnPick: d.Import.Start})
}
