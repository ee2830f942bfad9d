package ui

import (
	"slices"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"
)

// groundList is the grounds checklist: a box and a wrapped label each, so
// the long names of grounds fit a narrow pane (a CheckGroup keeps each on
// one line, as wide as the longest).
type groundList struct {
	options  []string
	checks   []*widget.Check
	Selected []string
	// OnChanged is called when the reviewer ticks or unticks a ground.
	OnChanged func([]string)
	root      *fyne.Container
	setting   bool
}

func newGroundList(options []string, changed func([]string)) *groundList {
	g := &groundList{options: options, OnChanged: changed, root: container.NewVBox()}
	for _, o := range options {
		o := o
		c := widget.NewCheck("", nil)
		c.OnChanged = func(on bool) {
			if g.setting {
				return
			}
			g.Selected = slices.DeleteFunc(g.Selected, func(s string) bool { return s == o })
			if on {
				g.Selected = g.ordered(append(g.Selected, o))
			}
			if g.OnChanged != nil {
				g.OnChanged(g.Selected)
			}
		}
		l := widget.NewLabel(o)
		l.Wrapping = fyne.TextWrapWord
		g.checks = append(g.checks, c)
		g.root.Add(container.NewBorder(nil, nil, c, nil, l))
	}
	return g
}

// ordered keeps the grounds in the checklist's order.
func (g *groundList) ordered(in []string) []string {
	var out []string
	for _, o := range g.options {
		if slices.Contains(in, o) {
			out = append(out, o)
		}
	}
	return out
}

// SetSelected ticks exactly the grounds given and tells OnChanged.
func (g *groundList) SetSelected(sel []string) {
	g.setting = true
	g.Selected = g.ordered(sel)
	for i, o := range g.options {
		g.checks[i].SetChecked(slices.Contains(sel, o))
	}
	g.setting = false
	if g.OnChanged != nil {
		g.OnChanged(g.Selected)
	}
}

// Disable and Enable make the checklist read-only or editable.
func (g *groundList) Disable() {
	for _, c := range g.checks {
		c.Disable()
	}
}

// Enable makes the checklist editable.
func (g *groundList) Enable() {
	for _, c := range g.checks {
		c.Enable()
	}
}

// Disabled reports whether the checklist is read-only.
func (g *groundList) Disabled() bool { return len(g.checks) > 0 && g.checks[0].Disabled() }
