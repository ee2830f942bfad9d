package ui

import (
	"fmt"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/warrantdesk/warrantdesk/app"
)

// textPane is the Text tab: the order's text, read-only, with a find box
// whose hits are marked in the text and listed by page; picking a hit
// shows it on the page.
type textPane struct {
	v       *CaseView
	find    *keyEntry
	status  *widget.Label
	results *widget.List
	text    *widget.RichText
	hits    []textHit
	pages   []app.PageText
	root    fyne.CanvasObject
}

// textHit is one line of the text that matches the find box.
type textHit struct {
	page int
	line string
}

func newTextPane(v *CaseView) *textPane {
	t := &textPane{v: v}
	t.find = newKeyEntry(v.keys)
	t.find.SetPlaceHolder("Find in the text (Ctrl+G)")
	t.find.OnChanged = t.onFind
	t.find.OnSubmitted = func(string) { t.pick(0) }
	t.find.onDown = func() { t.pick(0) }
	t.status = widget.NewLabel("")
	t.status.Truncation = fyne.TextTruncateEllipsis
	t.results = widget.NewList(
		func() int { return len(t.hits) },
		func() fyne.CanvasObject {
			l := widget.NewLabel("")
			l.Truncation = fyne.TextTruncateEllipsis
			return l
		},
		func(id widget.ListItemID, o fyne.CanvasObject) {
			h := t.hits[id]
			o.(*widget.Label).SetText(fmt.Sprintf("p.%d  %s", h.page, app.Clip(h.line, 120)))
		},
	)
	t.results.OnSelected = func(id widget.ListItemID) {
		if id < len(t.hits) {
			h := t.hits[id]
			v.showEvidence(h.page, h.line, strings.TrimSpace(t.find.Text), fmt.Sprintf("Found on page %d:\n“%s”", h.page, h.line))
		}
	}
	t.text = widget.NewRichText()
	t.text.Wrapping = fyne.TextWrapWord
	split := container.NewVSplit(container.NewVScroll(t.text), t.results)
	split.Offset = 0.7
	t.root = container.NewBorder(container.NewVBox(t.find, t.status), nil, nil, nil, split)
	return t
}

// reset empties the pane for a case whose text is loading.
func (t *textPane) reset() {
	t.pages, t.hits = nil, nil
	t.text.Segments = []widget.RichTextSegment{&widget.TextSegment{Text: "Loading the text…"}}
	t.text.Refresh()
	t.results.Refresh()
	t.status.SetText("")
}

func (t *textPane) failed(err error) {
	t.text.Segments = []widget.RichTextSegment{&widget.TextSegment{Text: "Could not load the text: " + app.ErrorMessage(err)}}
	t.text.Refresh()
}

func (t *textPane) show(pages []app.PageText) {
	t.pages = pages
	t.onFind(t.find.Text)
}

// pick shows the i-th hit (Enter or ↓ in the find box).
func (t *textPane) pick(i int) {
	if i < len(t.hits) {
		t.results.Select(i)
		if c := fyne.CurrentApp().Driver().CanvasForObject(t.results); c != nil {
			c.Focus(t.results)
		}
	}
}

// Text is the order's text as shown.
func (t *textPane) Text() string {
	var b strings.Builder
	for _, s := range t.text.Segments {
		b.WriteString(s.Textual())
	}
	return b.String()
}

// onFind lists the lines of the text that contain the find box's words
// (all of them, any case) and marks them in the text.
func (t *textPane) onFind(q string) {
	t.hits = nil
	words := strings.Fields(strings.ToLower(q))
	var segs []widget.RichTextSegment
	for _, p := range t.pages {
		segs = append(segs, &widget.TextSegment{Text: fmt.Sprintf("— page %d (%s) —", p.Number, sourceLabel(p)), Style: widget.RichTextStyleStrong})
		var plain []string
		flush := func() {
			if len(plain) > 0 {
				segs = append(segs, &widget.TextSegment{Text: strings.Join(plain, "\n"), Style: widget.RichTextStyleParagraph})
				plain = nil
			}
		}
		for _, line := range strings.Split(p.Text, "\n") {
			if matchesAll(line, words) {
				t.hits = append(t.hits, textHit{p.Number, strings.TrimSpace(line)})
				flush()
				segs = append(segs, &widget.TextSegment{Text: line, Style: widget.RichTextStyle{ColorName: theme.ColorNamePrimary, TextStyle: fyne.TextStyle{Bold: true}}})
				continue
			}
			plain = append(plain, line)
		}
		flush()
	}
	t.text.Segments = segs
	t.text.Refresh()
	switch {
	case len(words) == 0:
		t.status.SetText("")
	case len(t.hits) == 0:
		t.status.SetText(fmt.Sprintf("“%s” is not in the text", strings.TrimSpace(q)))
	default:
		t.status.SetText(fmt.Sprintf("%s with “%s” (marked) — Enter or ↓ goes to them", app.Plural(len(t.hits), "line"), strings.TrimSpace(q)))
	}
	t.results.UnselectAll()
	t.results.Refresh()
}

func matchesAll(line string, words []string) bool {
	if len(words) == 0 {
		return false
	}
	l := strings.ToLower(line)
	for _, w := range words {
		if !strings.Contains(l, w) {
			return false
		}
	}
	return true
}

// sourceLabel says where a page's text came from, in words.
func sourceLabel(p app.PageText) string {
	switch {
	case p.Source == app.SourceOCR:
		return "read by OCR"
	case p.OCRLayer:
		return "the scanner's OCR layer"
	case p.Source == app.SourceNone:
		return "no text: needs OCR"
	}
	return "text layer"
}
