package ui

import (
	"fyne.io/fyne/v2"
)

// lastFolderKey is where Fyne's file dialogs remember the last folder
// opened, in plaintext, in the app's preferences file: a folder named
// after a case, or the folder of a sealed order, would be left outside the
// encrypted store.
const lastFolderKey = "fyne:fileDialogLastFolder"

// keepNoFolders returns the app with preferences that never keep the last
// folder (its dialogs then open in the home folder each time), and makes
// it the current app, which Fyne's dialogs ask for their preferences. A
// folder kept by an earlier version is removed.
func keepNoFolders(a fyne.App) fyne.App {
	a.Preferences().RemoveValue(lastFolderKey)
	p := &privateApp{App: a, prefs: forgetfulPrefs{a.Preferences()}}
	fyne.SetCurrentApp(p)
	return p
}

type privateApp struct {
	fyne.App
	prefs fyne.Preferences
}

func (a *privateApp) Preferences() fyne.Preferences { return a.prefs }

// forgetfulPrefs are the app's preferences less the last folder.
type forgetfulPrefs struct{ fyne.Preferences }

func (p forgetfulPrefs) SetString(key, value string) {
	if key != lastFolderKey {
		p.Preferences.SetString(key, value)
	}
}

func (p forgetfulPrefs) String(key string) string {
	if key == lastFolderKey {
		return ""
	}
	return p.Preferences.String(key)
}

func (p forgetfulPrefs) StringWithFallback(key, fallback string) string {
	if key == lastFolderKey {
		return fallback
	}
	return p.Preferences.StringWithFallback(key, fallback)
}
