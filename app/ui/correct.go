package ui

import (
	"context"
	"fmt"
	"strconv"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/warrantdesk/warrantdesk/app"
)

// editor is the correction dialog for one thing read from the order: a
// field, the process type, the targets (add, remove, change kind), the
// data asked for, the legal basis or the gag. It opens over the window
// with the cursor in its first box; what was read is kept beside the
// correction, "The order states none" clears a wrong value, and "Back to
// the value read" removes the correction.
type editor struct {
	v     *CaseView
	name  string
	hint  *widget.Label
	value func() (app.Edit, error) // the edit the dialog holds
	first fyne.Focusable
	dlg   *dialog.CustomDialog

	entry    *keyEntry          // a field's value
	kind     *widget.Select     // the process type
	rows     *fyne.Container    // the targets' rows
	targets  []*targetRow       // …and their widgets
	cats     *widget.CheckGroup // the data categories
	lines    *keyEntry          // the legal basis, one a line
	ordered  *widget.Check      // the gag
	asked    *widget.Check
	until    *keyEntry
	days     *keyEntry
	gagBasis *keyEntry
}

type targetRow struct {
	kind  *widget.Select
	value *keyEntry
	row   fyne.CanvasObject
}

// openEditor opens the correction dialog for name on the case shown.
func openEditor(v *CaseView, name string) {
	c := v.c
	e := &editor{v: v, name: name}
	e.hint = widget.NewLabel(fmt.Sprintf("The order reads: %s. What was read is kept beside your correction.", orNone(readText(c, name))))
	e.hint.Wrapping = fyne.TextWrapWord
	var body fyne.CanvasObject
	switch name {
	case app.FieldProcessType:
		body = e.processType(c)
	case app.FieldTargets:
		body = e.targetList(c)
	case app.FieldDataCategories:
		body = e.categories(c)
	case app.FieldLegalBasis:
		body = e.basis(c)
	case app.FieldNondisclosure:
		body = e.gag(c)
	default:
		body = e.field(c, name)
	}
	buttons := container.NewHBox(
		widget.NewButtonWithIcon("Save", theme.ConfirmIcon(), e.save),
		widget.NewButton("The order states none", func() { e.store(app.Edit{Field: name, Clear: true}) }),
		widget.NewButton("Back to the value read", func() { e.store(app.Edit{Field: name, Revert: true}) }),
		widget.NewButton("Cancel", e.close),
	)
	content := container.NewVBox(e.hint, body, buttons)
	v.fields.lastField = name
	v.editor = e
	if v.Window == nil {
		return // a view without a window (a test of the pane alone)
	}
	e.dlg = dialog.NewCustomWithoutButtons("Correct "+app.FieldLabel(name), content, v.Window)
	e.dlg.Resize(fyne.NewSize(560, content.MinSize().Height+60))
	e.dlg.Show()
	if e.first != nil {
		v.Window.Canvas().Focus(e.first)
	}
}

// CloseEditor closes the correction editor, if one is open.
func (v *CaseView) CloseEditor() {
	if v.editor != nil {
		v.editor.close()
	}
}

// readText is what the order reads for name, in words.
func readText(c *app.Case, name string) string {
	ex := &c.Order.Extraction
	switch name {
	case app.FieldProcessType:
		return ex.ProcessType.Label()
	case app.FieldTargets:
		var vs []string
		for _, t := range ex.Targets {
			vs = append(vs, t.Kind.Label()+" "+t.Value)
		}
		return strings.Join(vs, "; ")
	case app.FieldDataCategories:
		return dataText(ex.DataCategories)
	case app.FieldLegalBasis:
		return strings.Join(ex.LegalBasis, "; ")
	case app.FieldNondisclosure:
		return ex.Nondisclosure.Describe()
	}
	return ex.Field(name)
}

func (e *editor) field(c *app.Case, name string) fyne.CanvasObject {
	e.entry = newKeyEntry(e.v.keys)
	e.entry.SetText(c.Value(name))
	if name == app.FieldIssuedDate || name == app.FieldDeadline || name == app.FieldDateRangeStart || name == app.FieldDateRangeEnd {
		e.entry.SetPlaceHolder("YYYY-MM-DD")
	}
	e.entry.OnSubmitted = func(string) { e.save() }
	e.first = e.entry
	e.value = func() (app.Edit, error) { return app.Edit{Field: name, Value: e.entry.Text}, nil }
	return e.entry
}

func (e *editor) processType(c *app.Case) fyne.CanvasObject {
	var opts []string
	for _, t := range app.ProcessTypes() {
		opts = append(opts, app.Capitalized(t.Label()))
	}
	e.kind = widget.NewSelect(opts, nil)
	e.kind.SetSelected(app.Capitalized(c.ProcessType().Label()))
	e.first = e.kind
	e.value = func() (app.Edit, error) {
		for _, t := range app.ProcessTypes() {
			if app.Capitalized(t.Label()) == e.kind.Selected {
				return app.Edit{Field: app.FieldProcessType, Value: string(t)}, nil
			}
		}
		return app.Edit{}, app.Errorf(app.EINVALID, "choose a process type")
	}
	return e.kind
}

func (e *editor) targetList(c *app.Case) fyne.CanvasObject {
	e.rows = container.NewVBox()
	for _, t := range c.Targets() {
		e.addTarget(t)
	}
	if len(e.targets) == 0 {
		e.addTarget(app.Target{Kind: app.TargetEmail})
	}
	e.first = e.targets[0].value
	e.value = func() (app.Edit, error) {
		var ts []app.Target
		for _, r := range e.targets {
			ts = append(ts, app.Target{Kind: kindNamed(r.kind.Selected), Value: r.value.Text})
		}
		return app.Edit{Field: app.FieldTargets, Targets: ts}, nil
	}
	add := widget.NewButtonWithIcon("Add a target", theme.ContentAddIcon(), func() {
		r := e.addTarget(app.Target{Kind: app.TargetEmail})
		if e.v.Window != nil {
			e.v.Window.Canvas().Focus(r.value)
		}
	})
	return container.NewVBox(e.rows, add)
}

// addTarget adds a row for t to the targets' editor.
func (e *editor) addTarget(t app.Target) *targetRow {
	var kinds []string
	for _, k := range app.TargetKinds() {
		kinds = append(kinds, app.Capitalized(k.Label()))
	}
	r := &targetRow{kind: widget.NewSelect(kinds, nil), value: newKeyEntry(e.v.keys)}
	r.kind.SetSelected(app.Capitalized(t.Kind.Label()))
	r.value.SetText(t.Value)
	r.value.OnSubmitted = func(string) { e.save() }
	remove := widget.NewButtonWithIcon("", theme.DeleteIcon(), func() { e.removeTarget(r) })
	r.row = container.NewBorder(nil, nil, r.kind, remove, r.value)
	e.targets = append(e.targets, r)
	e.rows.Add(r.row)
	return r
}

func (e *editor) removeTarget(r *targetRow) {
	for i, o := range e.targets {
		if o == r {
			e.targets = append(e.targets[:i], e.targets[i+1:]...)
		}
	}
	e.rows.Remove(r.row)
}

func kindNamed(label string) app.TargetKind {
	for _, k := range app.TargetKinds() {
		if app.Capitalized(k.Label()) == label {
			return k
		}
	}
	return app.TargetOther
}

func (e *editor) categories(c *app.Case) fyne.CanvasObject {
	var opts, on []string
	for _, d := range app.DataCategories() {
		opts = append(opts, app.Capitalized(app.DataLabel(d)))
	}
	for _, d := range c.DataCategories() {
		on = append(on, app.Capitalized(app.DataLabel(d)))
	}
	e.cats = widget.NewCheckGroup(opts, nil)
	e.cats.SetSelected(on)
	e.value = func() (app.Edit, error) {
		var list []string
		for _, d := range app.DataCategories() {
			for _, s := range e.cats.Selected {
				if s == app.Capitalized(app.DataLabel(d)) {
					list = append(list, d)
				}
			}
		}
		return app.Edit{Field: app.FieldDataCategories, List: list}, nil
	}
	return e.cats
}

func (e *editor) basis(c *app.Case) fyne.CanvasObject {
	e.lines = newMultiLineKeyEntry(e.v.keys)
	e.lines.SetText(strings.Join(c.LegalBasis(), "\n"))
	e.lines.SetPlaceHolder("One provision a line, such as 18 U.S.C. § 2703(d)")
	e.lines.SetMinRowsVisible(3)
	e.first = e.lines
	e.value = func() (app.Edit, error) {
		return app.Edit{Field: app.FieldLegalBasis, List: strings.Split(e.lines.Text, "\n")}, nil
	}
	return e.lines
}

func (e *editor) gag(c *app.Case) fyne.CanvasObject {
	nd := c.Nondisclosure()
	e.ordered = widget.NewCheck("Ordered: the provider may not tell the user", nil)
	e.ordered.SetChecked(nd.Ordered)
	e.asked = widget.NewCheck("Asked for only, not ordered", nil)
	e.asked.SetChecked(nd.Requested)
	e.until, e.days, e.gagBasis = newKeyEntry(e.v.keys), newKeyEntry(e.v.keys), newKeyEntry(e.v.keys)
	e.until.SetPlaceHolder("Until YYYY-MM-DD")
	if nd.Until != nil {
		e.until.SetText(*nd.Until)
	}
	e.days.SetPlaceHolder("Or for how many days")
	if nd.Days > 0 {
		e.days.SetText(strconv.Itoa(nd.Days))
	}
	e.gagBasis.SetPlaceHolder("Basis, such as 18 U.S.C. § 2705(b)")
	e.gagBasis.SetText(nd.Basis)
	e.first = e.ordered
	e.value = func() (app.Edit, error) {
		g := app.Nondisclosure{Ordered: e.ordered.Checked, Requested: e.asked.Checked && !e.ordered.Checked, Basis: strings.TrimSpace(e.gagBasis.Text)}
		if u := strings.TrimSpace(e.until.Text); u != "" {
			g.Until = &u
		}
		if d := strings.TrimSpace(e.days.Text); d != "" {
			n, err := strconv.Atoi(d)
			if err != nil || n < 0 {
				return app.Edit{}, app.Errorf(app.EINVALID, "the number of days is a whole number, not %q", d)
			}
			g.Days = n
		}
		return app.Edit{Field: app.FieldNondisclosure, Nondisclosure: &g}, nil
	}
	return container.NewVBox(e.ordered, e.asked, e.until, e.days, e.gagBasis)
}

// save stores what the dialog holds.
func (e *editor) save() {
	ed, err := e.value()
	if err != nil {
		e.hint.SetText(app.ErrorMessage(err))
		return
	}
	e.store(ed)
}

// store sends the edit to the service; the dialog closes once it is
// stored, and stays with the reason when it is refused.
func (e *editor) store(ed app.Edit) {
	v := e.v
	who := v.who()
	if who == "" {
		e.hint.SetText("Choose the reviewer in Decision first: a correction records who made it.")
		return
	}
	v.commit(func(ctx context.Context, id string) (*app.Case, error) {
		return v.service.Correct(ctx, id, ed, who)
	}, func(*app.Case) {
		e.close()
		v.Page.SetCaption("Saved the correction of " + app.FieldLabel(e.name) + ". The checks run again.")
	}, func(err error) { e.hint.SetText(app.ErrorMessage(err)) })
}

func (e *editor) close() {
	if e.dlg != nil {
		e.dlg.Hide()
	}
	if e.v.editor == e {
		e.v.editor = nil
	}
}
