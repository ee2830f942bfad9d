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
	"github.com/warrantdesk/warrantdesk/app/search"
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

// Queue is the list of cases, most urgent first, with a search box over
// case numbers, authorities, agencies, agents and targets.
type Queue struct {
	store    CaseLister
	run      Runner
	now      func() time.Time
	all      []*app.Case // most urgent first
	cases    []*app.Case // shown: all, or the search's matches
	index    *search.Index
	list     *widget.List
	status   *widget.Label
	search   *widget.Entry
	actions  *fyne.Container
	root     fyne.CanvasObject
	onSelect func(c *app.Case)
	// seq numbers searches, so a slow one that finishes after a newer
	// keystroke is dropped.
	seq    int
	filter *widget.Select
	found  []*app.Case // the latest search's matches, before the filter
}

// Filters the queue offers, besides one per process type.
const (
	FilterOpen    = "Open"
	FilterDueSoon = "Due within 7 days"
	FilterDecided = "Decided"
	FilterAll     = "All"
)

// NewQueue builds the queue screen; call Refresh to load it. onSelect is
// called (on the UI goroutine) when the reviewer picks a case; it may be nil.
func NewQueue(store CaseLister, run Runner, now func() time.Time, onSelect func(c *app.Case)) *Queue {
	q := &Queue{store: store, run: run, now: now, onSelect: onSelect}
	q.status = widget.NewLabel("Loading cases…")
	q.search = widget.NewEntry()
	q.search.SetPlaceHolder("Search case numbers, courts, agencies, agents, targets (Ctrl+F)")
	q.search.OnChanged = q.onSearch
	q.list = widget.NewList(
		func() int { return len(q.cases) },
		func() fyne.CanvasObject { return widget.NewLabel("") },
		func(id widget.ListItemID, o fyne.CanvasObject) {
			o.(*widget.Label).SetText(q.rowText(q.cases[id]))
		},
	)
	q.list.OnSelected = func(id widget.ListItemID) {
		if q.onSelect != nil && id < len(q.cases) {
			q.onSelect(q.cases[id])
		}
	}
	q.actions = container.NewHBox()
	opts := []string{FilterOpen, FilterDueSoon, FilterDecided, FilterAll}
	for _, t := range app.ProcessTypes {
		opts = append(opts, string(t))
	}
	q.filter = widget.NewSelect(opts, func(string) { q.applyFilter() })
	q.filter.Selected = FilterAll
	q.actions.Add(q.filter)
	q.root = container.NewBorder(container.NewVBox(q.actions, q.search, q.status), nil, nil, nil, q.list)
	return q
}

// AddAction puts a button beside the search box.
func (q *Queue) AddAction(label string, do func()) {
	q.actions.Add(widget.NewButton(label, do))
}

// Content is the screen's root object.
func (q *Queue) Content() fyne.CanvasObject { return q.root }

// FocusSearch puts the cursor in the search box.
func (q *Queue) FocusSearch(c fyne.Canvas) { c.Focus(q.search) }

// Refresh reloads the cases from the store off the UI goroutine.
func (q *Queue) Refresh() {
	q.run(func() {
		cases, err := q.store.Cases(context.Background())
		var ix *search.Index
		if err == nil {
			app.SortByUrgency(cases)
			ix = search.NewIndex(cases)
		}
		fyne.Do(func() { q.show(cases, ix, err) })
	})
}

func (q *Queue) show(cases []*app.Case, ix *search.Index, err error) {
	if err != nil {
		q.status.SetText("Could not load cases: " + app.ErrorMessage(err))
		return
	}
	q.all, q.index = cases, ix
	q.onSearch(q.search.Text)
}

// onSearch filters the list as the reviewer types. Matching runs off the UI
// goroutine (at 100,000 cases one keystroke's search takes a tenth of a
// second, docs/PERFORMANCE.md); a result older than the latest keystroke is
// dropped.
func (q *Queue) onSearch(text string) {
	q.seq++
	seq := q.seq
	if strings.TrimSpace(text) == "" || q.index == nil {
		q.showMatches(q.all, "")
		return
	}
	ix, total := q.index, len(q.all)
	q.run(func() {
		matches := ix.Find(text)
		found := make([]*app.Case, len(matches))
		for i, m := range matches {
			found[i] = m.Case
		}
		fyne.Do(func() {
			if seq != q.seq {
				return
			}
			q.showMatches(found, fmt.Sprintf("%d of %d cases match %q", len(found), total, text))
		})
	})
}

// showMatches shows the cases that match the filter, with status; an empty
// status describes the whole queue.
func (q *Queue) showMatches(cases []*app.Case, status string) {
	q.found = cases
	if status == "" {
		switch len(q.all) {
		case 0:
			status = "No cases yet. Import an order with: warrantdesk import FILE.pdf — or try: warrantdesk demo"
		case 1:
			status = "1 case"
		default:
			status = fmt.Sprintf("%d cases, most urgent first", len(q.all))
		}
	}
	q.status.SetText(status)
	q.applyFilter()
}

// applyFilter narrows the latest matches to the chosen filter.
func (q *Queue) applyFilter() {
	keep := q.keep()
	q.cases = q.cases[:0:0]
	for _, c := range q.found {
		if keep(c) {
			q.cases = append(q.cases, c)
		}
	}
	q.list.UnselectAll()
	q.list.Refresh()
}

func (q *Queue) keep() func(c *app.Case) bool {
	now := q.now()
	switch sel := q.filter.Selected; sel {
	case FilterOpen:
		return func(c *app.Case) bool { return c.Status != app.StatusDecided }
	case FilterDecided:
		return func(c *app.Case) bool { return c.Status == app.StatusDecided }
	case FilterDueSoon:
		return func(c *app.Case) bool {
			d, ok := c.Deadline()
			return c.Status != app.StatusDecided && (c.Order.Extraction.Emergency || ok && d.Before(now.AddDate(0, 0, 7)))
		}
	case FilterAll, "":
		return func(*app.Case) bool { return true }
	default:
		return func(c *app.Case) bool { return string(c.Order.Extraction.ProcessType) == sel }
	}
}

// SelectNextOpen selects the first open case after c in the list (or the
// first open one), for "Save & next"; it reports whether there was one.
func (q *Queue) SelectNextOpen(c *app.Case) bool {
	start := 0
	for i, k := range q.cases {
		if k.ID == c.ID {
			start = i + 1
		}
	}
	for n := 0; n < len(q.cases); n++ {
		i := (start + n) % len(q.cases)
		if k := q.cases[i]; k.Status != app.StatusDecided && k.ID != c.ID {
			q.list.Select(i)
			return true
		}
	}
	return false
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

func plural(n int, noun string) string {
	if n == 1 {
		return "1 " + noun
	}
	return fmt.Sprintf("%d %ss", n, noun)
}
