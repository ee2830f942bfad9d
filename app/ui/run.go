package ui

import (
	"time"

	"fyne.io/fyne/v2"

	"github.com/warrantdesk/warrantdesk/app"
)

// Params are what the desktop app works with, built once by main.
type Params struct {
	App     fyne.App
	Service Casework
	// Renderer draws the pages the reviewer looks at; nil: no page images.
	Renderer PageRenderer
	// Reviewer is offered when Settings lists no reviewer (main passes
	// WARRANTDESK_REVIEWER; never the login name, which on a shared or
	// server machine is "root").
	Reviewer string
	// DefaultMemoFolder is where memos go until Settings names another.
	DefaultMemoFolder string
	// Icon is the window's (PNG); nil for Fyne's.
	Icon []byte
	// LockRequest is the file `warrantdesk lock` writes to lock the desk
	// ("" for none).
	LockRequest string
}

// Run opens the desk window and blocks until it is closed. An encrypted
// store's desk stands behind its gate (the lock screen, Gate). Orders come
// in by dropping files or folders anywhere on the window, or with Import
// (Ctrl+O). Closing the window keeps the decision being written as a draft
// and stops an import between files: what was imported stays.
func Run(p Params) {
	if p.Icon != nil {
		p.App.SetIcon(fyne.NewStaticResource("icon.png", p.Icon))
	}
	p.App = keepNoFolders(p.App)
	w := p.App.NewWindow("WarrantDesk")
	var d *Desk
	var gate *Gate
	open := func() (lock func(done func())) {
		var lockNow func()
		if gate != nil {
			lockNow = func() { gate.Lock("on demand") }
		}
		d = openDesk(w, p, lockNow)
		return func(done func()) {
			// A decision being written is kept before the key goes.
			d.Case.KeepDraft(func() {
				d.SavePanes()
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
		d.SavePanes()
		d.Case.KeepDraft(w.Close)
	})
	w.Resize(fyne.NewSize(1280, 800))
	if vault, ok := p.Service.(Vault); ok {
		gate = NewGate(GateParams{Window: w, Vault: vault, Run: GoRunner, Open: open, LockRequest: p.LockRequest})
		gate.Start()
		defer gate.Stop()
	} else {
		open()
	}
	w.Show()
	fitToScreen(w, fyne.NewSize(1280, 800))
	p.App.Run()
}

// openDesk puts a new desk on the open store into w; lock locks it
// (Ctrl+L), nil where there is no gate.
func openDesk(w fyne.Window, p Params, lock func()) *Desk {
	var security SecurityService
	if s, ok := p.Service.(SecurityService); ok {
		security = s
	}
	var matters MatterDesk
	if m, ok := p.Service.(MatterDesk); ok {
		matters = m
	}
	d := NewDesk(DeskParams{Service: p.Service, Importer: p.Service, Actions: p.Service, Memos: p.Service, Alerts: p.Service,
		Stats: p.Service, Settings: p.Service, Security: security, Index: p.Service, DefaultMemoFolder: p.DefaultMemoFolder,
		Renderer: p.Renderer, Run: GoRunner, Now: time.Now, Reviewer: p.Reviewer, Prefs: p.App.Preferences(), Lock: lock,
		Matters: matters, Notify: p.App})
	w.SetContent(d.Content())
	d.SetWindow(w)
	w.SetOnDropped(func(_ fyne.Position, uris []fyne.URI) {
		var paths []string
		for _, u := range uris {
			paths = append(paths, u.Path())
		}
		d.Import.Start(paths)
	})
	d.loadSettings(p.Service)
	// Asked at each unlock too: the lock is where one reviewer hands the
	// desk to another.
	d.askReviewer(p.Service)
	d.Queue.Refresh()
	return d
}

// loadSettings gives the desk the reviewers and the recent import folders.
func (d *Desk) loadSettings(s SettingsService) {
	Once(d.Case.run, s.Settings, func(st app.Settings, err error) {
		if err != nil {
			d.Status.SetText("Could not read the settings: " + app.ErrorMessage(err))
			return
		}
		d.SetReviewers(st.Reviewers)
		d.SetPlaces(st.ImportFolders)
	})
}
