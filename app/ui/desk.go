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

// DeskStore is what the desk needs from the store.
type DeskStore interface {
	CaseLister
	CaseStore
	app.SettingsStore
}

// Desk is the reviewer's window: the queue beside the case view, with
// imports above the queue.
type Desk struct {
	Queue  *Queue
	Case   *CaseView
	Import *ImportPane
	root   fyne.CanvasObject
}

// NewDesk builds the desk on store; importFn may be nil (no importing),
// and renderer too (no page images).
func NewDesk(store DeskStore, renderer PageRenderer, importFn ImportFunc, run Runner, now func() time.Time, reviewer string) *Desk {
	d := &Desk{}
	d.Case = NewCaseView(store, renderer, run, now, reviewer, func(c *app.Case, next bool) {
		d.Queue.list.Refresh()
		if next && !d.Queue.SelectNextOpen(c) {
			d.Case.status.SetText(d.Case.status.Text + " — no open case left")
		}
	})
	d.Queue = NewQueue(store, run, now, d.Case.Show)
	left := d.Queue.Content()
	if importFn != nil {
		d.Import = NewImportPane(importFn, run, d.Queue.Refresh)
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

// Run opens the desk window on a and blocks until it is closed. icon and
// renderer may be nil. Orders come in by dropping files or folders
// anywhere on the window, or with Import (Ctrl+O). Closing the window keeps
// the decision being written as a draft and stops an import between files:
// what was imported stays.
// exportMemo writes a case's memo to a path (format from its extension);
// nil hides Export memo.
func Run(a fyne.App, store DeskStore, renderer PageRenderer, importFn ImportFunc, exportMemo func(ctx context.Context, c *app.Case, path string) error, reviewer string, icon []byte) {
	if icon != nil {
		a.SetIcon(fyne.NewStaticResource("icon.png", icon))
	}
	w := a.NewWindow("WarrantDesk")
	d := NewDesk(store, renderer, importFn, GoRunner, time.Now, reviewer)
	w.SetContent(d.Content())
	d.AddShortcuts(w)
	if d.Import != nil {
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
	if exportMemo != nil {
		d.Case.OnExportMemo = func(c *app.Case) {
			showExportMemo(w, c, d.Case.status.SetText, exportMemo)
		}
		d.shortcut(w, fyne.KeyM, fyne.KeyModifierShortcutDefault, d.Case.ExportMemo)
	}
	d.Queue.AddAction("Stats", func() {
		s := NewStatsView(store, GoRunner, time.Now)
		s.Refresh()
		dl := dialog.NewCustom("Statistics (transparency report)", "Close", s.Content(), w)
		dl.Resize(fyne.NewSize(640, 620))
		dl.Show()
	})
	d.Queue.AddAction("Settings", func() {
		f := NewSettingsForm(store, GoRunner, func(s app.Settings) {
			d.Case.Settings = s
			if d.Case.c != nil && d.Case.pages != nil {
				d.Case.runChecks(false)
			}
		})
		dl := dialog.NewCustom("Settings", "Close", f.Content(), w)
		dl.Resize(fyne.NewSize(620, 560))
		dl.Show()
	})
	GoRunner(func() {
		s, err := store.Settings(context.Background())
		if err == nil {
			fyne.Do(func() { d.Case.Settings = s })
		}
	})
	showKeys := func() { dialog.ShowInformation("Keyboard", KeysHelp, w) }
	d.shortcut(w, fyne.KeyF1, 0, showKeys)
	d.Queue.AddAction("Keys", showKeys)
	w.SetCloseIntercept(func() {
		if d.Import != nil {
			d.Import.onCancel()
		}
		d.Case.KeepDraft(w.Close)
	})
	w.Resize(fyne.NewSize(1280, 800))
	d.Queue.Refresh()
	w.ShowAndRun()
}

// AddShortcuts puts the desk's keyboard shortcuts (KeysHelp) on w.
func (d *Desk) AddShortcuts(w fyne.Window) {
	ctrl := fyne.KeyModifierShortcutDefault
	d.shortcut(w, fyne.KeyF, ctrl, func() { d.Queue.FocusSearch(w.Canvas()) })
	d.shortcut(w, fyne.KeyL, ctrl, func() { d.Queue.FocusList(w.Canvas()) })
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
	w.Canvas().AddShortcut(&desktop.CustomShortcut{KeyName: key, Modifier: mod}, func(fyne.Shortcut) { do() })
}

// KeysHelp lists the desk's shortcuts (F1). Every action is also a button
// reachable with Tab and pressed with Space.
const KeysHelp = `Ctrl+F	search cases (as you type)
Ctrl+L	go to the queue; ↑ ↓ move, Space opens a case
Ctrl+O	import orders (or drop files and folders on the window)
Ctrl+1 … 4	Fields, Text, Decision, History
Ctrl+E	correct the field last looked at
Ctrl+G	find in the order's text
Ctrl+PageDown / PageUp	next / previous page
Ctrl+= / Ctrl+-	zoom the page in / out
Ctrl+S	save the decision
Ctrl+M	export the decision memo (PDF, DOCX or Markdown by the name's extension)
Ctrl+Enter	save the decision and go to the next open case
Tab, Shift+Tab	move between fields, checkboxes and buttons
F1	this list`
