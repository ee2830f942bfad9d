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
}

// lastFolderKey is the preference Fyne's file dialogs keep the last
// folder in, in plaintext; the desk uses none of them, and removes what an
// older version left.
const lastFolderKey = "fyne:fileDialogLastFolder"

// Run opens the desk window and blocks until it is closed. Orders come in
// by dropping files or folders anywhere on the window, or with Import
// (Ctrl+O). Closing the window keeps the decision being written as a draft
// and stops an import between files: what was imported stays.
func Run(p Params) {
	if p.Icon != nil {
		p.App.SetIcon(fyne.NewStaticResource("icon.png", p.Icon))
	}
	prefs := p.App.Preferences()
	prefs.RemoveValue(lastFolderKey)
	w := p.App.NewWindow("WarrantDesk")
	d := NewDesk(DeskParams{Service: p.Service, Importer: p.Service, Actions: p.Service, Memos: p.Service, Alerts: p.Service,
		Stats: p.Service, Settings: p.Service, DefaultMemoFolder: p.DefaultMemoFolder,
		Renderer: p.Renderer, Run: GoRunner, Now: time.Now, Reviewer: p.Reviewer, Prefs: prefs})
	w.SetContent(d.Content())
	d.SetWindow(w)
	w.SetOnDropped(func(_ fyne.Position, uris []fyne.URI) {
		var paths []string
		for _, u := range uris {
			paths = append(paths, u.Path())
		}
		d.Import.Start(paths)
	})
	w.SetCloseIntercept(func() {
		if d.Import != nil {
			d.Import.Cancel()
		}
		d.SavePanes()
		d.Case.KeepDraft(w.Close)
	})
	w.Resize(fyne.NewSize(1280, 800))
	d.loadSettings(p.Service)
	Once(GoRunner, p.Service.IndexText, func(n int, err error) {
		if err != nil {
			app.LogError(err)
		}
		d.Queue.Refresh() // with every case's text searchable
	})
	w.Show()
	fitToScreen(w, fyne.NewSize(1280, 800))
	p.App.Run()
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
