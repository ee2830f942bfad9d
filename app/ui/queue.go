package ui

import (
	"context"
	"fmt"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"

	"github.com/warrantdesk/warrantdesk/app"
)

// CaseLister is what the queue needs from the store.
type CaseLister interface {
	Cases(ctx context.Context) ([]*app.Case, error)
}

// Runner starts slow work off the UI goroutine. Tests pass one that runs the
// work inline so a screen can be checked without waiting.
type Runner func(work func())

// GoRunner runs work in a new goroutine.
func GoRunner(work func()) { go work() }

// Queue is the list of cases, most urgent first.
type Queue struct {
	store  CaseLister
	run    Runner
	now    func() time.Time
	cases  []*app.Case
	list   *widget.List
	status *widget.Label
	root   fyne.CanvasObject
}

// NewQueue builds the queue screen; call Refresh to load it.
func NewQueue(store CaseLister, run Runner, now func() time.Time) *Queue {
	q := &Queue{store: store, run: run, now: now}
	q.status = widget.NewLabel("Loading cases…")
	q.list = widget.NewList(
		func() int { return len(q.cases) },
		func() fyne.CanvasObject { return widget.NewLabel("") },
		func(id widget.ListItemID, o fyne.CanvasObject) {
			o.(*widget.Label).SetText(q.rowText(q.cases[id]))
		},
	)
	q.root = container.NewBorder(q.status, nil, nil, nil, q.list)
	return q
}

// Content is the screen's root object.
func (q *Queue) Content() fyne.CanvasObject { return q.root }

// Refresh reloads the cases from the store off the UI goroutine.
func (q *Queue) Refresh() {
	q.run(func() {
		cases, err := q.store.Cases(context.Background())
		if err == nil {
			app.SortByUrgency(cases)
		}
		fyne.Do(func() { q.show(cases, err) })
	})
}

func (q *Queue) show(cases []*app.Case, err error) {
	if err != nil {
		q.status.SetText("Could not load cases: " + app.ErrorMessage(err))
		return
	}
	q.cases = cases
	switch len(cases) {
	case 0:
		q.status.SetText("No cases yet. Import an order with: warrantdesk import FILE.pdf")
	case 1:
		q.status.SetText("1 case")
	default:
		q.status.SetText(fmt.Sprintf("%d cases, most urgent first", len(cases)))
	}
	q.list.Refresh()
}

func (q *Queue) rowText(c *app.Case) string {
	ex := &c.Order.Extraction
	parts := []string{string(ex.ProcessType)}
	if n := c.CaseNumber(); n != "" {
		parts = append(parts, n)
	} else {
		parts = append(parts, c.Order.FileName)
	}
	if a := ex.Field(app.FieldIssuingAuthority); a != "" {
		parts = append(parts, a)
	}
	parts = append(parts, plural(len(ex.Targets), "target"))
	if d, ok := c.Deadline(); ok {
		if cd := Countdown(d, q.now()); strings.HasPrefix(cd, "overdue") {
			parts = append(parts, cd)
		} else {
			parts = append(parts, "due "+cd)
		}
	}
	if ex.Emergency {
		parts = append([]string{"EMERGENCY"}, parts...)
	}
	parts = append(parts, string(c.Status))
	return strings.Join(parts, " · ")
}

// Countdown says how long until a deadline (a date, due at its end), or how
// long ago it passed.
func Countdown(deadline, now time.Time) string {
	end := time.Date(deadline.Year(), deadline.Month(), deadline.Day(), 23, 59, 59, 0, now.Location())
	d := end.Sub(now)
	past := d < 0
	if past {
		d = -d
	}
	var s string
	switch {
	case d >= 48*time.Hour:
		s = fmt.Sprintf("%d days", int(d.Hours()/24))
	case d >= time.Hour:
		s = fmt.Sprintf("%d h", int(d.Hours()))
	default:
		s = fmt.Sprintf("%d min", int(d.Minutes()))
	}
	if past {
		return "overdue by " + s
	}
	return "in " + s
}

// Run opens the desk window on a, showing the queue, and blocks until the
// window is closed. icon may be nil.
func Run(a fyne.App, store CaseLister, icon []byte) {
	if icon != nil {
		a.SetIcon(fyne.NewStaticResource("icon.png", icon))
	}
	w := a.NewWindow("WarrantDesk")
	q := NewQueue(store, GoRunner, time.Now)
	w.SetContent(q.Content())
	w.Resize(fyne.NewSize(1100, 700))
	q.Refresh()
	w.ShowAndRun()
}

func plural(n int, noun string) string {
	if n == 1 {
		return "1 " + noun
	}
	return fmt.Sprintf("%d %ss", n, noun)
}
