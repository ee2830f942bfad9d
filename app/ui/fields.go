package ui

import (
	"fmt"
	"slices"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/warrantdesk/warrantdesk/app"
)

// fieldsPane is the Fields tab: the checks raised, then everything read
// from the order — process type, fields, targets, data asked for, legal
// basis, non-disclosure — each with its evidence on tap and a correction
// button, and the warnings to check. Its rows are made afresh for every
// case and every change: nothing shown can belong to another case.
type fieldsPane struct {
	v      *CaseView
	checks *widget.Label
	rows   *fyne.Container // the rows of the case shown
	notes  *widget.Label
	scroll *container.Scroll
	root   fyne.CanvasObject
	// lastField is the field the reviewer last looked at (Ctrl+E).
	lastField string
	// values holds each row's value by name (a field's, or
	// "target:VALUE").
	values map[string]*valueCell
}

// valueCell is a value that can be tapped for its evidence: a button under
// a label that wraps, so a long value (an issuing court) never widens the
// pane.
type valueCell struct {
	Button *widget.Button
	Label  *widget.Label
	root   fyne.CanvasObject
}

func newFieldsPane(v *CaseView) *fieldsPane {
	f := &fieldsPane{v: v, values: map[string]*valueCell{}}
	f.checks = widget.NewLabel("")
	f.checks.Wrapping = fyne.TextWrapWord
	f.rows = container.NewVBox()
	f.notes = widget.NewLabel("")
	f.notes.Wrapping = fyne.TextWrapWord
	// Scrolling both ways: no row can widen the pane past the page's share.
	f.scroll = container.NewScroll(container.NewVBox(f.checks, widget.NewSeparator(), f.rows, widget.NewSeparator(), f.notes))
	f.root = f.scroll
	return f
}

// render lays out c's rows afresh, from the top.
func (f *fieldsPane) render(c *app.Case) {
	f.lastField = ""
	f.values = map[string]*valueCell{}
	var cells []fyne.CanvasObject
	add := func(label string, value fyne.CanvasObject) {
		l := widget.NewLabelWithStyle(label, fyne.TextAlignTrailing, fyne.TextStyle{Bold: true})
		cells = append(cells, l, value)
	}
	add("Process type", f.row(app.FieldProcessType, f.valueButton(app.FieldProcessType, f.processText(c), nil).root))
	// What the order asks for first — its number, its targets and the data
	// — then the rest of what was read.
	fields := app.FieldNames()
	if _, ok := c.Order.Extraction.Fields[app.FieldCaseNumber]; ok || c.Corrected(app.FieldCaseNumber) {
		add(app.Capitalized(app.FieldLabel(app.FieldCaseNumber)), f.fieldRow(c, app.FieldCaseNumber))
	}
	add("Targets", f.targetRows(c))
	add("Data requested", f.row(app.FieldDataCategories, f.valueButton(app.FieldDataCategories, f.listText(c, app.FieldDataCategories, dataText(c.DataCategories())), nil).root))
	for _, name := range fields[1:] {
		_, read := c.Order.Extraction.Fields[name]
		if !read && !c.Corrected(name) && !(name == app.FieldDeadline && f.hasDue(c)) {
			continue
		}
		add(app.Capitalized(app.FieldLabel(name)), f.fieldRow(c, name))
	}
	add("Legal basis", f.row(app.FieldLegalBasis, f.valueButton(app.FieldLegalBasis, f.listText(c, app.FieldLegalBasis, strings.Join(c.LegalBasis(), "; ")), nil).root))
	nd := c.Order.Extraction.Nondisclosure
	add("Non-disclosure", f.row(app.FieldNondisclosure, f.valueButton(app.FieldNondisclosure, f.listText(c, app.FieldNondisclosure, c.Nondisclosure().Describe()), func() {
		f.v.showEvidence(nd.Page, nd.Snippet, "", fmt.Sprintf("Non-disclosure — page %d:\n“%s”", nd.Page, nd.Snippet))
	}).root))
	if missing := f.missing(c); len(missing) > 0 && c.Status != app.StatusDecided {
		sel := widget.NewSelect(missing, func(s string) {
			for _, name := range app.FieldNames() {
				if app.Capitalized(app.FieldLabel(name)) == s {
					f.v.Edit(name)
				}
			}
		})
		sel.PlaceHolder = "Add a field…"
		add("Missing", sel)
	}
	f.rows.Objects = []fyne.CanvasObject{container.New(layout.NewFormLayout(), cells...)}
	f.notes.SetText(warningsText(c.Order.Extraction.Warnings))
	if !f.v.checked {
		f.checksLoading()
	}
	// The rows changed size: lay the whole tab out again, from the top.
	f.scroll.Content.Refresh()
	f.scroll.ScrollToTop()
}

// row is a value with its correction button, which a decided case lacks.
func (f *fieldsPane) row(name string, value fyne.CanvasObject) fyne.CanvasObject {
	if f.v.c.Status == app.StatusDecided {
		return value
	}
	edit := widget.NewButtonWithIcon("", theme.DocumentCreateIcon(), func() { f.v.Edit(name) })
	return container.NewBorder(nil, nil, nil, edit, value)
}

// valueButton shows a value that can be tapped for its evidence.
func (f *fieldsPane) valueButton(name, text string, tapped func()) *valueCell {
	c := &valueCell{Label: widget.NewLabel(text)}
	c.Button = widget.NewButton("", func() {
		f.lastField = name
		if tapped != nil {
			tapped()
		}
	})
	c.Button.Importance = widget.LowImportance
	c.Label.Wrapping = fyne.TextWrapWord
	c.root = container.NewStack(c.Button, c.Label)
	f.values[name] = c
	return c
}

// Text is the value as shown.
func (c *valueCell) Text() string { return c.Label.Text }

// mark makes the value stand out: uncertain (warning) or flagged (danger).
func (c *valueCell) mark(importance widget.Importance) {
	c.Label.Importance = importance
	c.Label.TextStyle.Bold = true
	c.Label.Refresh()
}

func (f *fieldsPane) processText(c *app.Case) string {
	t := app.Capitalized(c.ProcessType().Label())
	if k, ok := c.Corrections[app.FieldProcessType]; ok {
		return fmt.Sprintf("✎ %s   (read: %s)", t, app.ProcessType(k.Extracted).Label())
	}
	return t
}

// listText is what a list or the gag shows: as corrected, with what was
// read beside it.
func (f *fieldsPane) listText(c *app.Case, name, value string) string {
	if k, ok := c.Corrections[name]; ok {
		if k.Cleared {
			return fmt.Sprintf("✎ none   (read: %s)", orNone(k.Extracted))
		}
		return fmt.Sprintf("✎ %s   (read: %s)", orNone(value), orNone(k.Extracted))
	}
	return orNone(value)
}

func (f *fieldsPane) hasDue(c *app.Case) bool {
	_, ok := c.Due()
	return ok
}

// fieldRow shows a field's value with its confidence (tap for its evidence
// on the page), a correction beside the value read, and for the deadline
// the due time and its rule.
func (f *fieldsPane) fieldRow(c *app.Case, name string) fyne.CanvasObject {
	fd := c.Order.Extraction.Fields[name]
	text := fd.Value
	uncertain := fd.Value != "" && (fd.Confidence < lowConfidence || contested(c, name))
	if uncertain {
		text = "⚠ " + text
	}
	if fd.Computed {
		text += " (computed)"
	}
	if fd.Value != "" {
		text = fmt.Sprintf("%s   %.0f%%", text, fd.Confidence*100)
	}
	if k, ok := c.Corrections[name]; ok {
		value := k.Value
		if k.Cleared {
			value = "none"
		}
		text = fmt.Sprintf("✎ %s   (read: %s)", value, orNone(fd.Value))
		uncertain = false
	}
	if name == app.FieldDeadline {
		if d, ok := c.Due(); ok {
			text = fmt.Sprintf("%s — %s", d.At.Format("2006-01-02 15:04"), d.Basis)
		}
	}
	b := f.valueButton(name, text, func() {
		label := app.Capitalized(app.FieldLabel(name))
		msg := fmt.Sprintf("%s — page %d, confidence %.0f%%:\n“%s”", label, fd.Page, fd.Confidence*100, fd.Snippet)
		if fd.Page == 0 {
			msg = label + " was not read from the order."
		}
		if k, ok := c.Corrections[name]; ok {
			msg += fmt.Sprintf("\nCorrected to “%s” by %s on %s.", orNone(k.Value), k.By, k.At.Local().Format("2006-01-02 15:04"))
		}
		f.v.showEvidence(fd.Page, fd.Snippet, fd.Value, msg)
	})
	if uncertain {
		b.mark(widget.WarningImportance)
	}
	return f.row(name, b.root)
}

// targetRows lists the targets as corrected, each tappable for its
// evidence and flagged when a check concerns it (an enterprise customer's
// account), with one button to correct the list.
func (f *fieldsPane) targetRows(c *app.Case) fyne.CanvasObject {
	box := container.NewVBox()
	if k, ok := c.Corrections[app.FieldTargets]; ok {
		note := widget.NewLabel(fmt.Sprintf("✎ corrected by %s (read: %s)", k.By, orNone(k.Extracted)))
		note.Wrapping = fyne.TextWrapWord
		box.Add(note)
	}
	flagged := flaggedTargets(f.v.findings)
	for _, t := range c.Targets() {
		text := fmt.Sprintf("%s %s", t.Kind.Label(), t.Value)
		if t.Page > 0 {
			text += fmt.Sprintf("  (p.%d)", t.Page)
		} else {
			text += "  (entered by the reviewer)"
		}
		if fl, ok := flagged[t.Value]; ok {
			text = "⛔ " + text + " — " + fl
		}
		t := t
		b := f.valueButton("target:"+t.Value, text, func() {
			msg := fmt.Sprintf("Target %s — page %d:\n“%s”", t.Value, t.Page, orNone(t.Snippet))
			if t.Page == 0 {
				msg = "Target " + t.Value + " was entered by the reviewer."
			}
			f.v.showEvidence(t.Page, t.Snippet, t.Value, msg)
		})
		if _, ok := flagged[t.Value]; ok {
			b.mark(widget.DangerImportance)
		}
		box.Add(b.root)
	}
	if len(c.Targets()) == 0 {
		box.Add(widget.NewLabel("The order names no target."))
	}
	return f.row(app.FieldTargets, box)
}

// flaggedTargets says, per target a finding names, what it suggests.
func flaggedTargets(fs []app.Finding) map[string]string {
	out := map[string]string{}
	for _, fd := range fs {
		for _, t := range fd.Targets {
			out[t] = "suggested: " + fd.Suggests.Label()
		}
	}
	return out
}

// missing lists the fields the extractor did not find, which the reviewer
// can add by hand.
func (f *fieldsPane) missing(c *app.Case) []string {
	var out []string
	for _, name := range app.FieldNames() {
		if _, ok := c.Order.Extraction.Fields[name]; !ok && !c.Corrected(name) {
			out = append(out, app.Capitalized(app.FieldLabel(name)))
		}
	}
	return out
}

func (f *fieldsPane) checksLoading() { f.checks.SetText("Checks: running…") }

// showChecks lists the checks raised on the shown case, most serious
// first, and re-marks the targets they concern.
func (f *fieldsPane) showChecks(fs []app.Finding, err error) {
	if err != nil {
		f.checks.SetText("Checks could not run: " + app.ErrorMessage(err))
		return
	}
	f.checks.SetText(findingsText(fs))
	if c := f.v.c; c != nil && len(flaggedTargets(fs)) > 0 {
		keep := f.lastField
		f.renderTargetsOnly(c)
		f.lastField = keep
	}
}

// renderTargetsOnly lays the rows out again so flagged targets show, and
// keeps the scroll where it is.
func (f *fieldsPane) renderTargetsOnly(c *app.Case) {
	off := f.scroll.Offset
	f.render(c)
	f.checks.SetText(findingsText(f.v.findings))
	f.scroll.Offset = off
	f.scroll.Refresh()
}

// contested reports whether a warning names the field (the extractor found
// conflicting values, or doubts it).
func contested(c *app.Case, name string) bool {
	return slices.ContainsFunc(c.Order.Extraction.Warnings, func(w string) bool { return strings.HasPrefix(w, name+":") })
}

// findingsText lists the checks raised on a case, most serious first.
func findingsText(fs []app.Finding) string {
	if len(fs) == 0 {
		return "Checks: none raised."
	}
	mark := map[string]string{app.SeverityCritical: "⛔", app.SeverityWarning: "⚠", app.SeverityInfo: "ℹ"}
	var b strings.Builder
	b.WriteString("Checks (their suggestions are made in Decision):")
	for _, f := range fs {
		fmt.Fprintf(&b, "\n%s %s\n    Basis: %s", mark[f.Severity], f.Message, f.Basis)
	}
	return b.String()
}

func dataText(cats []string) string {
	out := make([]string, len(cats))
	for i, c := range cats {
		out[i] = app.DataLabel(c)
	}
	return strings.Join(out, ", ")
}

func orNone(s string) string {
	if s == "" {
		return "—"
	}
	return s
}

func warningsText(ws []string) string {
	if len(ws) == 0 {
		return "Tap a value to see where it was read on the page."
	}
	return "To check:\n• " + strings.Join(ws, "\n• ") + "\n\nTap a value to see where it was read on the page."
}
