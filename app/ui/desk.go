package ui

import (
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
}

// Desk is the reviewer's window: the queue beside the case view, with
// imports above the queue.
type Desk struct {
	Queue  *Queue
	Case   *CaseView
	Import *ImportPane
	root   fyne.CanvasObject
}

// NewDesk builds the desk on store; importFn may be nil (no importing).
func NewDesk(store DeskStore, importFn ImportFunc, run Runner, now func() time.Time, reviewer string) *Desk {
	d := &Desk{}
	d.Case = NewCaseView(store, run, now, reviewer, func(c *app.Case, next bool) {
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
	}
	split := container.NewHSplit(left, d.Case.Content())
	split.Offset = 0.45
	d.root = split
	return d
}

// Content is the desk's root object.
func (d *Desk) Content() fyne.CanvasObject { return d.root }

// Run opens the desk window on a and blocks until it is closed. icon may be
// nil. Orders come in by dropping files or folders anywhere on the window,
// or with Import (Ctrl+O).
func Run(a fyne.App, store DeskStore, importFn ImportFunc, reviewer string, icon []byte) {
	if icon != nil {
		a.SetIcon(fyne.NewStaticResource("icon.png", icon))
	}
	w := a.NewWindow("WarrantDesk")
	d := NewDesk(store, importFn, GoRunner, time.Now, reviewer)
	w.SetContent(d.Content())
	w.Canvas().AddShortcut(&desktop.CustomShortcut{KeyName: fyne.KeyF, Modifier: fyne.KeyModifierShortcutDefault}, func(fyne.Shortcut) {
		d.Queue.FocusSearch(w.Canvas())
	})
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
		w.Canvas().AddShortcut(&desktop.CustomShortcut{KeyName: fyne.KeyO, Modifier: fyne.KeyModifierShortcutDefault}, func(fyne.Shortcut) { openDialog() })
		d.Queue.AddAction("Import… (Ctrl+O)", openDialog)
	}
	w.Canvas().AddShortcut(&desktop.CustomShortcut{KeyName: fyne.KeyReturn, Modifier: fyne.KeyModifierShortcutDefault}, func(fyne.Shortcut) {
		d.Case.Save(true)
	})
	showKeys := func() { dialog.ShowInformation("Keyboard", KeysHelp, w) }
	w.Canvas().AddShortcut(&desktop.CustomShortcut{KeyName: fyne.KeyF1}, func(fyne.Shortcut) { showKeys() })
	d.Queue.AddAction("Keys (F1)", showKeys)
	w.Resize(fyne.NewSize(1280, 800))
	d.Queue.Refresh()
	w.ShowAndRun()
}

// KeysHelp lists the desk's shortcuts (F1).
const KeysHelp = `Ctrl+F	search cases (as you type)
Ctrl+O	import orders (or drop files and folders on the window)
↑ ↓, Enter	move in the queue, open a case
Tab	move between fields, decision and buttons
Ctrl+Enter	save the decision and go to the next open case
F1	this list`
