package ui

import (
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// orderExtensions are the files the picker offers: what the importer
// reads as an order.
var orderExtensions = []string{".pdf", ".txt", ".eml", ".md"}

// Picker chooses what to import, in the window: a folder typed or pasted
// into its path box (Enter goes there) or browsed, its subfolders and its
// orders only (PDF, text and e-mail files), several files chosen at once
// (Space or a tap ticks one; Ctrl+A all), or the whole folder. It starts
// in the folder orders last came from. Fyne's own file dialog takes one
// file and no folder, and keeps the last folder in the app's plaintext
// preferences; this keeps nothing: the recent folders live in the store.
type Picker struct {
	dir     string
	path    *keyEntry
	list    *widget.List
	entries []pickEntry
	chosen  map[string]bool
	status  *widget.Label
	pick    *widget.Button
	places  *widget.Select
	onPick  func(paths []string)
	dlg     dialog.Dialog
	root    fyne.CanvasObject
}

type pickEntry struct {
	name string
	dir  bool
}

// PickerParams are what a picker works with.
type PickerParams struct {
	// Start is the folder shown first; Places are offered beside it
	// (recent import folders, home, documents, downloads).
	Start  string
	Places []string
	Keys   *Keys
	// OnPick gets the files and folders chosen (on the UI goroutine).
	OnPick func(paths []string)
}

// NewPicker builds a picker showing p.Start.
func NewPicker(p PickerParams) *Picker {
	k := &Picker{chosen: map[string]bool{}, onPick: p.OnPick}
	k.path = newKeyEntry(p.Keys)
	k.path.SetPlaceHolder("Folder (type or paste a path, Enter goes there)")
	k.path.OnSubmitted = func(s string) { k.Open(expandHome(s)) }
	k.path.onDown = func() {
		if c := fyne.CurrentApp().Driver().CanvasForObject(k.list); c != nil && len(k.entries) > 0 {
			c.Focus(k.list)
		}
	}
	k.list = widget.NewList(
		func() int { return len(k.entries) },
		func() fyne.CanvasObject {
			l := widget.NewLabel("")
			l.Truncation = fyne.TextTruncateEllipsis
			return container.NewBorder(nil, nil, widget.NewIcon(theme.FolderIcon()), nil, l)
		},
		func(id widget.ListItemID, o fyne.CanvasObject) {
			e := k.entries[id]
			box := o.(*fyne.Container)
			icon, label := box.Objects[1].(*widget.Icon), box.Objects[0].(*widget.Label)
			switch {
			case e.dir:
				icon.SetResource(theme.FolderIcon())
				label.SetText(e.name + string(filepath.Separator))
			case k.chosen[filepath.Join(k.dir, e.name)]:
				icon.SetResource(theme.CheckButtonCheckedIcon())
				label.SetText(e.name)
			default:
				icon.SetResource(theme.CheckButtonIcon())
				label.SetText(e.name)
			}
		},
	)
	k.list.OnSelected = func(id widget.ListItemID) {
		k.list.Unselect(id)
		if id < len(k.entries) {
			k.activate(k.entries[id])
		}
	}
	k.status = widget.NewLabel("")
	k.status.Truncation = fyne.TextTruncateEllipsis
	k.pick = widget.NewButtonWithIcon("Import the files ticked", theme.ConfirmIcon(), k.importChosen)
	k.pick.Importance = widget.HighImportance
	whole := widget.NewButton("Import this whole folder", func() { k.done([]string{k.dir}) })
	up := widget.NewButtonWithIcon("", theme.MoveUpIcon(), func() { k.Open(filepath.Dir(k.dir)) })
	all := widget.NewButton("Tick all", k.ChooseAll)
	k.places = widget.NewSelect(p.Places, func(s string) {
		if s != "" {
			k.Open(s)
		}
	})
	k.places.PlaceHolder = "Recent and usual folders…"
	top := container.NewVBox(container.NewBorder(nil, nil, up, nil, k.path), k.places)
	bottom := container.NewVBox(k.status, container.NewHBox(k.pick, whole, all))
	k.root = container.NewBorder(top, bottom, nil, nil, k.list)
	k.Open(p.Start)
	return k
}

// Content is the picker's root object.
func (k *Picker) Content() fyne.CanvasObject { return k.root }

// Show opens the picker as a dialog over w, the cursor in its path box.
func (k *Picker) Show(w fyne.Window) {
	k.dlg = dialog.NewCustom("Import orders", "Cancel", k.root, w)
	k.dlg.Resize(fyne.NewSize(min(w.Canvas().Size().Width-40, 760), min(w.Canvas().Size().Height-40, 560)))
	k.dlg.Show()
	w.Canvas().Focus(k.path)
}

// Dir is the folder shown.
func (k *Picker) Dir() string { return k.dir }

// Entries are the names shown: subfolders (ending in the separator) first,
// then the orders.
func (k *Picker) Entries() []string {
	out := make([]string, len(k.entries))
	for i, e := range k.entries {
		out[i] = e.name
		if e.dir {
			out[i] += string(filepath.Separator)
		}
	}
	return out
}

// Open shows dir's subfolders and orders; the files ticked elsewhere stay
// ticked.
func (k *Picker) Open(dir string) {
	dir = filepath.Clean(dir)
	items, err := os.ReadDir(dir)
	if err != nil {
		k.status.SetText(fmt.Sprintf("Cannot open %s: %s", dir, readDirReason(err)))
		return
	}
	k.dir = dir
	k.path.SetText(dir)
	k.entries = nil
	var files []pickEntry
	for _, it := range items {
		name := it.Name()
		if strings.HasPrefix(name, ".") {
			continue
		}
		isDir := it.IsDir()
		if it.Type()&os.ModeSymlink != 0 {
			if st, err := os.Stat(filepath.Join(dir, name)); err == nil {
				isDir = st.IsDir()
			}
		}
		switch {
		case isDir:
			k.entries = append(k.entries, pickEntry{name, true})
		case slices.Contains(orderExtensions, strings.ToLower(filepath.Ext(name))):
			files = append(files, pickEntry{name, false})
		}
	}
	k.entries = append(k.entries, files...)
	k.list.Refresh()
	k.list.ScrollToTop()
	k.showCount()
}

func readDirReason(err error) string {
	switch {
	case os.IsNotExist(err):
		return "no such folder"
	case os.IsPermission(err):
		return "permission denied"
	}
	return "not a folder WarrantDesk can read"
}

// activate goes into a folder, or ticks (and unticks) a file.
func (k *Picker) activate(e pickEntry) {
	path := filepath.Join(k.dir, e.name)
	if e.dir {
		k.Open(path)
		return
	}
	k.chosen[path] = !k.chosen[path]
	if !k.chosen[path] {
		delete(k.chosen, path)
	}
	k.list.Refresh()
	k.showCount()
}

// Choose ticks the named file of the folder shown.
func (k *Picker) Choose(name string) {
	for _, e := range k.entries {
		if e.name == name && !e.dir {
			k.activate(e)
		}
	}
}

// ChooseAll ticks every order in the folder shown.
func (k *Picker) ChooseAll() {
	for _, e := range k.entries {
		if !e.dir {
			k.chosen[filepath.Join(k.dir, e.name)] = true
		}
	}
	k.list.Refresh()
	k.showCount()
}

// showCount says how many orders the folder holds and how many are
// ticked.
func (k *Picker) showCount() {
	n := 0
	for _, e := range k.entries {
		if !e.dir {
			n++
		}
	}
	msg := fmt.Sprintf("%d orders here (PDF, text and e-mail files)", n)
	if len(k.chosen) > 0 {
		msg += fmt.Sprintf(" · %d ticked", len(k.chosen))
	}
	k.status.SetText(msg)
	if len(k.chosen) == 0 {
		k.pick.Disable()
	} else {
		k.pick.Enable()
	}
}

func (k *Picker) importChosen() {
	var paths []string
	for p := range k.chosen {
		paths = append(paths, p)
	}
	slices.Sort(paths)
	k.done(paths)
}

// Import imports the files ticked (or, with none ticked, nothing).
func (k *Picker) Import() { k.importChosen() }

func (k *Picker) done(paths []string) {
	if len(paths) == 0 {
		return
	}
	if k.dlg != nil {
		k.dlg.Hide()
	}
	if k.onPick != nil {
		k.onPick(paths)
	}
}

// expandHome turns a leading ~ into the home folder, as a shell does.
func expandHome(p string) string {
	p = strings.TrimSpace(p)
	if p == "~" || strings.HasPrefix(p, "~"+string(filepath.Separator)) {
		if home, err := os.UserHomeDir(); err == nil {
			return filepath.Join(home, p[1:])
		}
	}
	return p
}

// usualFolders are the folders orders are commonly saved in: home,
// documents, downloads, desktop, where they exist.
func usualFolders() []string {
	home, err := os.UserHomeDir()
	if err != nil {
		return nil
	}
	out := []string{home}
	for _, d := range []string{"Documents", "Downloads", "Desktop"} {
		if st, err := os.Stat(filepath.Join(home, d)); err == nil && st.IsDir() {
			out = append(out, filepath.Join(home, d))
		}
	}
	return out
}
