package ui

import (
	"path/filepath"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
)

// MatterDesk is what the desk needs for matters: the matter pane's work,
// the matter settings, and the clock of a case just imported.
// *casework.Service implements it.
type MatterDesk interface {
	MatterService
	MatterSettingsService
	ClockSource
}

// stampedPath names a file in dir after name with the time before its
// extension: letter-x.pdf → letter-x-20261201-1330.pdf.
func stampedPath(dir, name string) string {
	ext := filepath.Ext(name)
	return filepath.Join(dir, strings.TrimSuffix(name, ext)+"-"+timeStamp()+ext)
}

// afterImport raises a desktop notification for each emergency among the
// cases just imported, off the UI goroutine.
func (d *Desk) afterImport(created []string) {
	if d.notify == nil || d.matters == nil || len(created) == 0 {
		return
	}
	n, src := d.notify, d.matters
	d.run(func() { NotifyEmergencies(n, src, created) })
}

// settingsContent is the Settings dialog's content: the settings form, and
// the matter settings beside it when the desk keeps matters.
func (d *Desk) settingsContent(general fyne.CanvasObject) fyne.CanvasObject {
	if d.matters == nil {
		return general
	}
	f := NewMatterSettingsForm(MatterSettingsFormParams{Service: d.matters, Run: d.run})
	return container.NewAppTabs(
		container.NewTabItem("General", general),
		container.NewTabItem("Matters and letters", f.Content()),
	)
}
