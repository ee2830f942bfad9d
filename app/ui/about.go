package ui

import (
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/widget"

	"github.com/warrantdesk/warrantdesk/app/version"
	"github.com/warrantdesk/warrantdesk/assets"
)

// About shows which WarrantDesk this is (the line a bug report needs) and
// the licences of everything built into it, which the security team and
// the licences themselves ask to be shown with the program.
type About struct {
	version *widget.Label
	notices *widget.List
	lines   []string
	root    fyne.CanvasObject
}

// NewAbout builds the About view over the third-party notices text.
func NewAbout(notices string) *About {
	a := &About{lines: strings.Split(strings.TrimRight(notices, "\n"), "\n")}
	a.version = &widget.Label{Text: version.String(), Selectable: true, Wrapping: fyne.TextWrapWord}
	title := &widget.Label{Text: "WarrantDesk", TextStyle: fyne.TextStyle{Bold: true}}
	intro := &widget.Label{Text: "Reviews legal process offline. It is built from the software below, each part under its own licence.", Wrapping: fyne.TextWrapWord}
	// A list, not one label: the notices run to thousands of lines, and
	// only the visible ones are laid out.
	a.notices = widget.NewList(
		func() int { return len(a.lines) },
		func() fyne.CanvasObject {
			return &widget.Label{TextStyle: fyne.TextStyle{Monospace: true}, Truncation: fyne.TextTruncateEllipsis}
		},
		func(i widget.ListItemID, o fyne.CanvasObject) { o.(*widget.Label).SetText(a.lines[i]) },
	)
	a.notices.HideSeparators = true
	a.root = container.NewBorder(container.NewVBox(title, a.version, intro), nil, nil, nil, a.notices)
	return a
}

// Content is the view's root object.
func (a *About) Content() fyne.CanvasObject { return a.root }

// ShowAbout opens the About dialog on w.
func ShowAbout(w fyne.Window) {
	d := dialog.NewCustom("About WarrantDesk", "Close", NewAbout(assets.Notices).Content(), w)
	d.Resize(fyne.NewSize(760, 620))
	d.Show()
}
