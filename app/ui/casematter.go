package ui

import (
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
)

// TabMatter is the case view's Matter tab (Ctrl+5), there when the desk
// has a matter service.
const TabMatter = TabHistory + 1

// addMatterTab puts the matter pane (matter.go) in the case view as its
// last tab. It loads the matter of the case shown when the tab is chosen,
// not on every case opened: a matter is worked out from every case.
func (v *CaseView) addMatterTab(p CaseViewParams) {
	if p.Matters == nil {
		return
	}
	now := p.Now
	if now == nil {
		now = time.Now
	}
	v.matter = NewMatterView(MatterViewParams{Service: p.Matters, Run: p.Run, Now: now, Reviewer: p.Reviewer})
	v.matter.OnChanged = func() {
		if v.onMatterChange != nil {
			v.onMatterChange()
		}
	}
	v.matter.OnPickFile = v.pickCorrespondence
	v.matter.OnSaveFile = v.letterPath
	tab := container.NewTabItem("Matter", v.matter.Content())
	v.tabs.Append(tab)
	v.tabs.OnSelected = func(t *container.TabItem) {
		if t == tab {
			v.showMatter()
		}
	}
}

// showMatter loads the shown case's matter into the Matter tab, under the
// reviewer the decision pane names.
func (v *CaseView) showMatter() {
	if v.matter == nil || v.c == nil {
		return
	}
	if who := v.who(); who != "" {
		v.matter.reviewer = who
	}
	v.matter.Show(v.c.ID)
}

// pickCorrespondence asks for the file to log on the matter.
func (v *CaseView) pickCorrespondence(done func(path string)) {
	if v.Window == nil {
		return
	}
	dialog.NewFileOpen(func(r fyne.URIReadCloser, err error) {
		if err != nil || r == nil {
			return
		}
		path := r.URI().Path()
		r.Close()
		done(path)
	}, v.Window).Show()
}

// letterPath asks for the folder a letter goes into and names it there,
// with the time, so it never lands on another file: Fyne's save dialog
// would open (and so empty) a file before the desk could confirm it.
func (v *CaseView) letterPath(name string, done func(path string)) {
	if v.Window == nil {
		return
	}
	dialog.NewFolderOpen(func(dir fyne.ListableURI, err error) {
		if err != nil || dir == nil {
			return
		}
		done(stampedPath(dir.Path(), name))
	}, v.Window).Show()
}
