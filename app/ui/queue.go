package ui

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
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
	// matched holds, per case ID, where the latest search matched, so the
	// row can highlight the matched characters.
	matched map[string]search.Match
	// EmptyText is the status when there are no cases at all: what to do
	// first.
	EmptyText string
}

// Filters the queue offers, besides one per process type.
const (
	FilterOpen    = "Open"
	FilterDueSoon = "Due within 7 days"
	FilterDecided = "Decided"
	FilterAll     = "All"
)

// QueueParams are what a queue works with.
type QueueParams struct {
	Cases CaseLister
	Run   Runner
	Now   func() time.Time
	// OnSelect is called (on the UI goroutine) when the reviewer picks a
	// case; it may be nil.
	OnSelect func(c *app.Case)
}

// NewQueue builds the queue screen; call Refresh to load it.
func NewQueue(p QueueParams) *Queue {
	q := &Queue{store: p.Cases, run: p.Run, now: p.Now, onSelect: p.OnSelect,
		EmptyText: "No cases yet. Import an order with: warrantdesk import FILE.pdf — or try: warrantdesk demo"}
	q.status = widget.NewLabel("Loading cases…")
	q.search = widget.NewEntry()
	q.search.SetPlaceHolder("Search (Ctrl+F)")
	q.search.OnChanged = q.onSearch
	q.list = widget.NewList(
		func() int { return len(q.cases) },
		func() fyne.CanvasObject {
			// Two lines from the start, so the list sizes its rows for
			// two.
			r := widget.NewRichText(&widget.TextSegment{Text: "-", Style: widget.RichTextStyleParagraph},
				&widget.TextSegment{Text: "-", Style: widget.RichTextStyleInline})
			r.Truncation = fyne.TextTruncateEllipsis
			return r
		},
		func(id widget.ListItemID, o fyne.CanvasObject) {
			r := o.(*widget.RichText)
			r.Segments = q.row(q.cases[id])
			r.Refresh()
		},
	)
	q.list.OnSelected = func(id widget.ListItemID) {
		if q.onSelect != nil && id < len(q.cases) {
			q.onSelect(q.cases[id])
		}
	}
	q.actions = container.NewHBox()
	opts := []string{FilterOpen, FilterDueSoon, FilterDecided, FilterAll}
	for _, t := range app.ProcessTypes() {
		opts = append(opts, string(t))
	}
	q.filter = widget.NewSelect(opts, func(string) { q.applyFilter() })
	q.filter.Selected = FilterAll
	// The filter sits beside the search box and the actions get a row of
	// their own, so neither widens the queue past a third of a laptop
	// screen.
	q.root = container.NewBorder(container.NewVBox(q.actions, container.NewBorder(nil, nil, nil, q.filter, q.search), q.status), nil, nil, nil, q.list)
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

// FocusList puts the keyboard in the list: arrows move, Space opens.
func (q *Queue) FocusList(c fyne.Canvas) { c.Focus(q.list) }

// Refresh reloads the cases from the store off the UI goroutine.
func (q *Queue) Refresh() { q.RefreshAndSelect("") }

// RefreshAndSelect reloads the cases and then opens the case with the given
// ID (none for ""), clearing the search and the filter if they hide it: an
// import shows the first case it made.
func (q *Queue) RefreshAndSelect(id string) {
	q.run(func() {
		cases, err := q.store.Cases(context.Background())
		var ix *search.Index
		if _, damaged := app.Damaged(err); err == nil || damaged {
			app.SortByUrgency(cases)
			ix = search.NewIndex(cases)
		}
		fyne.Do(func() {
			q.show(cases, ix, err)
			if err == nil && id != "" {
				q.selectID(id)
			}
		})
	})
}

// selectID opens the case with the given ID in the list.
func (q *Queue) selectID(id string) {
	at := func() int {
		return slices.IndexFunc(q.cases, func(c *app.Case) bool { return c.ID == id })
	}
	if at() < 0 {
		q.filter.SetSelected(FilterAll)
		q.search.SetText("") // shows every case at once: no search runs
	}
	if i := at(); i >= 0 {
		q.list.Select(i)
		q.list.ScrollTo(i)
	}
}

// Redraw shows again the rows of cases that changed in place (a decision
// saved).
func (q *Queue) Redraw() { q.list.Refresh() }

func (q *Queue) show(cases []*app.Case, ix *search.Index, err error) {
	if _, damaged := app.Damaged(err); err != nil && !damaged {
		q.status.SetText("Could not load cases: " + app.ErrorMessage(err))
		return
	}
	q.all, q.index = cases, ix
	q.onSearch(q.search.Text)
	if err != nil {
		// The rest of the queue works; the reviewer is told which cases
		// are missing from it.
		q.status.SetText(q.status.Text + " · " + app.ErrorMessage(err))
	}
}

// onSearch filters the list as the reviewer types. Matching runs off the UI
// goroutine (at 100,000 cases one keystroke's search takes a tenth of a
// second, docs/PERFORMANCE.md); a result older than the latest keystroke is
// dropped.
func (q *Queue) onSearch(text string) {
	q.seq++
	seq := q.seq
	if strings.TrimSpace(text) == "" || q.index == nil {
		q.matched = nil
		q.showMatches(q.all, "")
		return
	}
	ix, total := q.index, len(q.all)
	q.run(func() {
		matches := ix.Find(text)
		found := make([]*app.Case, len(matches))
		where := make(map[string]search.Match, len(matches))
		for i, m := range matches {
			found[i] = m.Case
			where[m.Case.ID] = m
		}
		fyne.Do(func() {
			if seq != q.seq {
				return
			}
			q.matched = where
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
			status = q.EmptyText
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

// row describes a case in two lines: type, case number, countdown and
// status; then the authority and targets. The countdown is red under 24
// hours; characters the search matched are highlighted, and a match in a
// field the row does not show (a target, an agent) is added to it.
func (q *Queue) row(c *app.Case) []widget.RichTextSegment {
	ex := &c.Order.Extraction
	m, searched := q.matched[c.ID]
	r := &rowText{match: m, searched: searched, first: true}
	plain := widget.RichTextStyleInline
	if ex.Emergency {
		r.part("", "EMERGENCY", alarm)
	}
	r.part("", ex.ProcessType.Label(), widget.RichTextStyle{Inline: true, TextStyle: fyne.TextStyle{Bold: true}})
	if n := c.CaseNumber(); n != "" {
		r.part(app.FieldCaseNumber, n, plain)
	} else {
		r.part("file", c.Order.FileName, plain)
	}
	if d, ok := c.Deadline(); ok && c.Status != app.StatusDecided {
		r.part("", q.countdown(d), q.deadlineStyle(d))
	}
	r.part("", statusLabel(c.Status), plain)
	// The first line ends here: a segment that is not inline ends a
	// paragraph.
	r.segs = append(r.segs, &widget.TextSegment{Style: widget.RichTextStyleParagraph})
	r.first = true
	r.part("", plural(len(ex.Targets), "target"), plain)
	a := c.Value(app.FieldIssuingAuthority)
	// A match the row does not otherwise show comes before the authority,
	// which is long and the first to be cut.
	if searched && !r.marked && !(m.Field == app.FieldIssuingAuthority && m.Text == a) {
		r.sep()
		r.segs = append(r.segs, &widget.TextSegment{Text: searchLabels[m.Field] + ": ", Style: plain})
		r.segs = append(r.segs, highlighted(m.Text, m.Matched)...)
	}
	if a != "" {
		r.part(app.FieldIssuingAuthority, a, plain)
	}
	return r.segs
}

// countdown says when a deadline falls, for the row.
func (q *Queue) countdown(d time.Time) string {
	cd := Countdown(d, q.now())
	if !strings.HasPrefix(cd, "overdue") {
		cd = "due " + cd
	}
	return cd
}

// deadlineStyle is the alarm under 24 hours, plain otherwise.
func (q *Queue) deadlineStyle(d time.Time) widget.RichTextStyle {
	if DueWithinADay(d, q.now()) {
		return alarm
	}
	return widget.RichTextStyleInline
}

// rowText builds a row's segments, parts separated by " · ", the part the
// search matched highlighted.
type rowText struct {
	segs     []widget.RichTextSegment
	match    search.Match
	searched bool
	first    bool // no part yet on this line
	marked   bool // the match is in a part shown
}

func (r *rowText) sep() {
	if !r.first {
		r.segs = append(r.segs, &widget.TextSegment{Text: " · ", Style: widget.RichTextStyleInline})
	}
	r.first = false
}

// part adds s, from the named field ("" for none), highlighted when it is
// what the search matched.
func (r *rowText) part(field, s string, style widget.RichTextStyle) {
	r.sep()
	if r.searched && field != "" && r.match.Field == field && r.match.Text == s {
		r.segs = append(r.segs, highlighted(s, r.match.Matched)...)
		r.marked = true
		return
	}
	r.segs = append(r.segs, &widget.TextSegment{Text: s, Style: style})
}

// alarm is how the queue shows what cannot wait: bold, in the theme's
// error colour (readable in light and dark themes).
var alarm = widget.RichTextStyle{Inline: true, ColorName: theme.ColorNameError, TextStyle: fyne.TextStyle{Bold: true}}

var searchLabels = map[string]string{
	app.FieldCaseNumber: "case number", app.FieldIssuingAuthority: "issued by", app.FieldAgency: "agency",
	app.FieldAgentName: "agent", app.FieldJudge: "judge", app.FieldRecipient: "addressed to",
	"target": "target", "file": "file",
}

// highlighted splits s into segments, the matched bytes bold in the
// theme's primary colour.
func highlighted(s string, matched []int) []widget.RichTextSegment {
	hit := map[int]bool{}
	for _, i := range matched {
		hit[i] = true
	}
	strong := widget.RichTextStyle{Inline: true, ColorName: theme.ColorNamePrimary, TextStyle: fyne.TextStyle{Bold: true}}
	var segs []widget.RichTextSegment
	var cur strings.Builder
	curHit := false
	flush := func() {
		if cur.Len() == 0 {
			return
		}
		st := widget.RichTextStyleInline
		if curHit {
			st = strong
		}
		segs = append(segs, &widget.TextSegment{Text: cur.String(), Style: st})
		cur.Reset()
	}
	for i, r := range s {
		if hit[i] != curHit {
			flush()
			curHit = hit[i]
		}
		cur.WriteRune(r)
	}
	flush()
	return segs
}

// DueWithinADay reports whether a deadline (a date, due at its end) is
// less than 24 hours away or already past.
func DueWithinADay(deadline, now time.Time) bool {
	return dueAt(deadline, now).Sub(now) < 24*time.Hour
}

func dueAt(deadline, now time.Time) time.Time {
	return time.Date(deadline.Year(), deadline.Month(), deadline.Day(), 23, 59, 59, 0, now.Location())
}

// Countdown says how long until a deadline (a date, due at its end), or how
// long ago it passed.
func Countdown(deadline, now time.Time) string {
	d := dueAt(deadline, now).Sub(now)
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
