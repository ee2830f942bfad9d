package ui

import (
	"context"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/driver/desktop"

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
	// ExportMemo writes a case's memo to path (format "" takes it from
	// the path's extension).
	ExportMemo(ctx context.Context, id, path, format string, force bool) error
}

// Desk is the reviewer's window: the queue beside the case view, with
// imports above the queue.
type Desk struct {
	Queue  *Queue
	Case   *CaseView
	Import *ImportPane
	root   fyne.CanvasObject
	// keys are the shortcuts the desk put on its window, taken off again
	// when it locks (RemoveShortcuts).
	keys []fyne.Shortcut
}

// DeskParams are what a desk works with.
type DeskParams struct {
	Service DeskService
	// Importer brings orders in from the window; nil leaves importing out.
	Importer Importer
	// Renderer draws the pages; nil: no page images.
	Renderer PageRenderer
	Run      Runner
	Now      func() time.Time
	Reviewer string
}

// NewDesk builds the desk.
func NewDesk(p DeskParams) *Desk {
	d := &Desk{}
	d.Case = NewCaseView(CaseViewParams{Service: p.Service, Trust: p.Service, Renderer: p.Renderer, Run: p.Run, Reviewer: p.Reviewer,
		OnSaved: func(c *app.Case, next bool) {
			d.Queue.Redraw()
			if next && !d.Queue.SelectNextOpen(c) {
				d.Case.SetStatus(d.Case.Status() + " — no open case left")
			}
		}})
	d.Queue = NewQueue(QueueParams{Cases: p.Service, Run: p.Run, Now: p.Now, OnSelect: d.Case.Show})
	left := d.Queue.Content()
	if p.Importer != nil {
		d.Import = NewImportPane(ImportPaneParams{Importer: p.Importer, Run: p.Run, OnDone: func(created []string) {
			first := ""
			if len(created) > 0 {
				first = created[0]
			}
			d.Queue.RefreshAndSelect(first)
		}})
		left = container.NewBorder(d.Import.Content(), nil, nil, nil, left)
		d.Queue.EmptyText = "No cases yet. Drop PDF orders or folders anywhere on this window, or press Ctrl+O to import. To try WarrantDesk on sample orders: warrantdesk demo"
	}
	split := container.NewHSplit(left, d.Case.Content())
	split.Offset = 0.28
	d.root = split
	return d
}

// Content is the desk's root object.
func (d *Desk) Content() fyne.CanvasObject { return d.root }

// Params are what the desktop app works with, built once by main.
type Params struct {
	App     fyne.App
	Service Casework
	// Renderer draws the pages the reviewer looks at; nil: no page images.
	Renderer PageRenderer
	// Reviewer is the name decisions are recorded under by default.
	Reviewer string
	// Icon is the window's (PNG); nil for Fyne's.
	Icon []byte
	// LockRequest is the file `warrantdesk lock` writes to lock the desk
	// ("" for none).
	LockRequest string
}

// Run opens the desk window and blocks until it is closed. Orders come in
// by dropping files or folders anywhere on the window, or with Import
// (Ctrl+O). Closing the window keeps the decision being written as a draft
// and stops an import between files: what was imported stays.
func Run(p Params) {
	if p.Icon != nil {
		p.App.SetIcon(fyne.NewStaticResource("icon.png", p.Icon))
	}
	p.App = keepNoFolders(p.App)
	w := p.App.NewWindow("WarrantDesk")
	var d *Desk
	open := func() (lock func(done func())) {
		d = openDesk(w, p)
		return func(done func()) {
			// A decision being written is kept before the key goes.
			d.Case.KeepDraft(func() {
				d.RemoveShortcuts(w)
				w.SetOnDropped(nil)
				d = nil
				done()
			})
		}
	}
	w.SetCloseIntercept(func() {
		if d == nil {
			w.Close()
			return
		}
		if d.Import != nil {
			d.Import.Cancel()
		}
		d.Case.KeepDraft(w.Close)
	})
	w.Resize(fyne.NewSize(1280, 800))
	if vault, ok := p.Service.(Vault); ok {
		g := NewGate(GateParams{Window: w, Vault: vault, Run: GoRunner, Open: open, LockRequest: p.LockRequest})
		g.Start()
		defer g.Stop()
	} else {
		open()
	}
	w.ShowAndRun()
}

// openDesk puts a new desk on the open store into w.
func openDesk(w fyne.Window, p Params) *Desk {
	d := NewDesk(DeskParams{Service: p.Service, Importer: p.Service, Renderer: p.Renderer, Run: GoRunner, Now: time.Now, Reviewer: p.Reviewer})
	w.SetContent(d.Content())
	d.AddShortcuts(w)
	d.addImport(w)
	d.addMemoExport(w, p.Service)
	d.Queue.AddAction("Stats", func() {
		s := NewStatsView(StatsViewParams{Source: p.Service, Run: GoRunner, Now: time.Now})
		s.Refresh()
		dl := dialog.NewCustom("Statistics (transparency report)", "Close", s.Content(), w)
		dl.Resize(fyne.NewSize(640, 620))
		dl.Show()
	})
	d.Queue.AddAction("Settings", func() {
		f := NewSettingsForm(SettingsFormParams{Service: p.Service, Run: GoRunner, OnSaved: func(app.Settings) { d.Case.Recheck() }})
		dl := dialog.NewCustom("Settings", "Close", f.Content(), w)
		dl.Resize(fyne.NewSize(620, 560))
		dl.Show()
	})
	addSecurity(w, d, p.Service)
	showKeys := func() { dialog.ShowInformation("Keyboard", KeysHelp, w) }
	d.shortcut(w, fyne.KeyF1, 0, showKeys)
	d.Queue.AddAction("Keys", showKeys)
	d.Queue.AddAction("About", func() { ShowAbout(w) })
	d.Queue.Refresh()
	// Asked at each unlock too: the lock is where one reviewer hands the
	// desk to another.
	d.askReviewer(w, p.App.Preferences(), p.Service, GoRunner)
	return d
}

// addImport lets files and folders dropped on w, or picked with Import…
// (Ctrl+O), be imported.
func (d *Desk) addImport(w fyne.Window) {
	if d.Import == nil {
		return
	}
	w.SetOnDropped(func(_ fyne.Position, uris []fyne.URI) {
		var paths []string
		for _, u := range uris {
			paths = append(paths, u.Path())
		}
		d.Import.Start(paths)
	})
	openDialog := func() {
		dialog.ShowFileOpen(func(r fyne.URIReadCloser, err error) {
			if err != nil || r == nil {
				return
			}
			path := r.URI().Path()
			r.Close()
			d.Import.Start([]string{path})
		}, w)
	}
	d.shortcut(w, fyne.KeyO, fyne.KeyModifierShortcutDefault, openDialog)
	d.Queue.AddAction("Import…", openDialog)
}

// addMemoExport lets the shown case's memo be written where the reviewer
// picks (Export memo…, Ctrl+M), in the format the name's extension says.
func (d *Desk) addMemoExport(w fyne.Window, service Casework) {
	d.Case.OnExportMemo = func(c *app.Case) {
		// The desk asks before it replaces a file, so the service may.
		showExportMemo(w, c, d.Case.SetStatus, func(ctx context.Context, path string) error {
			return service.ExportMemo(ctx, c.ID, path, "", true)
		})
	}
	d.shortcut(w, fyne.KeyM, fyne.KeyModifierShortcutDefault, d.Case.ExportMemo)
}

// AddShortcuts puts the desk's keyboard shortcuts (KeysHelp) on w.
func (d *Desk) AddShortcuts(w fyne.Window) {
	ctrl := fyne.KeyModifierShortcutDefault
	d.shortcut(w, fyne.KeyF, ctrl, func() { d.Queue.FocusSearch(w.Canvas()) })
	d.shortcut(w, fyne.KeyF6, 0, func() { d.Queue.FocusList(w.Canvas()) })
	d.shortcut(w, fyne.KeyG, ctrl, func() { d.Case.FocusFind(w.Canvas()) })
	d.shortcut(w, fyne.KeyReturn, ctrl, func() { d.Case.Save(true) })
	d.shortcut(w, fyne.KeyS, ctrl, func() { d.Case.Save(false) })
	for i, k := range []fyne.KeyName{fyne.Key1, fyne.Key2, fyne.Key3, fyne.Key4} {
		d.shortcut(w, k, ctrl, func() { d.Case.SelectTab(i) })
	}
	d.shortcut(w, fyne.KeyPageDown, ctrl, func() { d.Case.Page.Turn(1) })
	d.shortcut(w, fyne.KeyPageUp, ctrl, func() { d.Case.Page.Turn(-1) })
	d.shortcut(w, fyne.KeyEqual, ctrl, func() { d.Case.Page.Zoom(0.25) })
	d.shortcut(w, fyne.KeyMinus, ctrl, func() { d.Case.Page.Zoom(-0.25) })
	d.shortcut(w, fyne.KeyE, ctrl, func() { d.Case.EditSelected() })
}

func (d *Desk) shortcut(w fyne.Window, key fyne.KeyName, mod fyne.KeyModifier, do func()) {
	s := &desktop.CustomShortcut{KeyName: key, Modifier: mod}
	d.keys = append(d.keys, s)
	w.Canvas().AddShortcut(s, func(fyne.Shortcut) { do() })
}

// KeysHelp lists the desk's shortcuts (F1). Every action is also a button
// reachable with Tab and pressed with Space.
const KeysHelp = `Ctrl+F	search cases (as you type)
F6	go to the queue; ↑ ↓ move, Space opens a case
Ctrl+O	import orders (or drop files and folders on the window)
Ctrl+1 … 4	Fields, Text, Decision, History
Ctrl+E	correct the field last looked at
Ctrl+G	find in the order's text
Ctrl+PageDown / PageUp	next / previous page
Ctrl+= / Ctrl+-	zoom the page in / out
Ctrl+S	save the decision
Ctrl+M	export the decision memo (PDF, DOCX or Markdown by the name's extension)
Ctrl+Enter	save the decision and go to the next open case
Ctrl+L	lock the desk (it also locks after the idle time set under Security)
Tab, Shift+Tab	move between fields, checkboxes and buttons
F1	this list`
