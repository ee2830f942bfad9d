package ui

import (
	"fmt"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"

	"github.com/warrantdesk/warrantdesk/app"
)

// historyPane is the History tab: every change to the case, newest first,
// in words.
type historyPane struct {
	list *widget.Label
	root fyne.CanvasObject
}

func newHistoryPane() *historyPane {
	h := &historyPane{list: widget.NewLabel("")}
	h.list.Wrapping = fyne.TextWrapWord
	h.root = container.NewVScroll(h.list)
	return h
}

func (h *historyPane) render(c *app.Case) {
	var b strings.Builder
	for i := len(c.History) - 1; i >= 0; i-- {
		e := c.History[i]
		fmt.Fprintf(&b, "%s  %s — %s", e.At.Local().Format("2006-01-02 15:04"), e.Actor, e.Action)
		if e.Detail != "" {
			fmt.Fprintf(&b, ": %s", historyDetail(e.Detail))
		}
		b.WriteString("\n")
	}
	for _, d := range c.Superseded {
		fmt.Fprintf(&b, "\nSuperseded decision: %s by %s on %s", d.Outcome.Label(), d.Reviewer, d.DecidedAt.Local().Format("2006-01-02 15:04"))
	}
	h.list.SetText(orNone(b.String()))
}

// historyDetail says an event's detail in words: entries written before
// the display names existed name fields by their codes ("issued_date: …").
func historyDetail(s string) string {
	if name, rest, ok := strings.Cut(s, ": "); ok && !strings.Contains(name, " ") && app.FieldLabel(name) != name {
		return app.FieldLabel(name) + ": " + rest
	}
	if code, rest, ok := strings.Cut(s, " (was "); ok && app.Outcome(code).Label() != code {
		return app.Outcome(code).Label() + " (was " + rest
	}
	return s
}
