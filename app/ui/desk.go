package ui

import (
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/driver/desktop"

	"github.com/warrantdesk/warrantdesk/app"
)

// DeskStore is what the desk needs from the store.
type DeskStore interface {
	CaseLister
	CaseStore
}

// Desk is the reviewer's window: the queue beside the case view.
type Desk struct {
	Queue *Queue
	Case  *CaseView
	root  fyne.CanvasObject
}

// NewDesk builds the desk on store.
func NewDesk(store DeskStore, run Runner, now func() time.Time, reviewer string) *Desk {
	d := &Desk{}
	d.Case = NewCaseView(store, run, now, reviewer, func(*app.Case) { d.Queue.list.Refresh() })
	d.Queue = NewQueue(store, run, now, d.Case.Show)
	split := container.NewHSplit(d.Queue.Content(), d.Case.Content())
	split.Offset = 0.45
	d.root = split
	return d
}

// Content is the desk's root object.
func (d *Desk) Content() fyne.CanvasObject { return d.root }

// Run opens the desk window on a and blocks until it is closed. icon may be
// nil.
func Run(a fyne.App, store DeskStore, reviewer string, icon []byte) {
	if icon != nil {
		a.SetIcon(fyne.NewStaticResource("icon.png", icon))
	}
	w := a.NewWindow("WarrantDesk")
	d := NewDesk(store, GoRunner, time.Now, reviewer)
	w.SetContent(d.Content())
	w.Canvas().AddShortcut(&desktop.CustomShortcut{KeyName: fyne.KeyF, Modifier: fyne.KeyModifierShortcutDefault}, func(fyne.Shortcut) {
		d.Queue.FocusSearch(w.Canvas())
	})
	w.Resize(fyne.NewSize(1280, 800))
	d.Queue.Refresh()
	w.ShowAndRun()
}
