package ui

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/warrantdesk/warrantdesk/app"
	"github.com/warrantdesk/warrantdesk/app/search"
)

// CaseLister is what the queue needs from the store: the cases'
// summaries, most urgent first, to list, and a whole case when one is
// opened.
type CaseLister interface {
	Summaries(ctx context.Context) ([]app.Summary, error)
	Case(ctx context.Context, id string) (*app.Case, error)
}

// Indexer gives the search index of the cases listed (their summaries),
// their details and their orders' text, brought up to date with the store
// (app/casework implements it: the index is kept with the store, so a
// launch reads it rather than every case's text).
type Indexer interface {
	SearchIndex(ctx context.Context, sums []app.Summary) (*search.Index, error)
}

// AlertSource gives the critical findings of the checks that need no text
// for every open case of those listed (their summaries), for the queue's
// ⛔ (app/casework implements it: they are kept with the store, so a
// launch reads them rather than every open case).
type AlertSource interface {
	OpenAlertsOf(ctx context.Context, sums []app.Summary) (map[string][]app.Finding, error)
}

// Queue is the list of cases, most urgent first, with a search box over
// case details (fuzzy) and the orders' text (by word), and a filter.
type Queue struct {
	store    CaseLister
	indexer  Indexer
	alerts   AlertSource
	run      Runner
	now      func() time.Time
	all      []*app.Summary // most urgent first
	cases    []*app.Summary // shown: the matches the filter keeps
	index    *search.Index
	byID     map[string]*app.Summary // all, by ID: what a match names
	list     *widget.List
	status   *widget.Label
	search   *keyEntry
	actions  *fyne.Container
	root     fyne.CanvasObject
	onSelect func(c *app.Case)
	load     *Task
	find     *Task
	flagging *Task // the ⛔ flags, after the list
	indexing *Task // the search index, after the list
	open     *Task // the whole case picked
	filter   *widget.Select
	found    []*app.Summary // the latest search's matches, before the filter
	// matched holds, per case ID, where the latest search matched in the
	// case's details, and inText the words it matched in its text.
	matched map[string]search.Match
	inText  map[string][]string
	// result is the latest search's, for the rows of cases found but
	// not ranked.
	result *search.Result
	// flags holds, per case ID, the most serious text-free finding.
	flags map[string]app.Finding
	// settled is the latest load's: what it runs behind the list.
	settled *settling
	query   string
	// damaged names the cases that could not be read (they are left out).
	damaged error
	// EmptyText is the status when there are no cases at all: what to do
	// first.
	EmptyText string
}

// loadingText is the status until the cases are in.
const loadingText = "Loading cases…"

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
	// Index gives the search index of the cases and their text, kept
	// with the store; nil indexes the cases' details as loaded.
	Index Indexer
	// Alerts flags cases in the queue (⛔); nil flags none.
	Alerts AlertSource
	Run    Runner
	Now    func() time.Time
	// Keys are the window's shortcuts, which the search box hands up.
	Keys *Keys
	// OnSelect is called (on the UI goroutine) when the reviewer picks a
	// case; it may be nil.
	OnSelect func(c *app.Case)
}

// NewQueue builds the queue screen; call Refresh to load it. It shows the
// open cases first: the filter starts on Open.
func NewQueue(p QueueParams) *Queue {
	q := &Queue{store: p.Cases, indexer: p.Index, alerts: p.Alerts, run: p.Run, now: p.Now, onSelect: p.OnSelect, load: NewTask(p.Run), find: NewTask(p.Run), flagging: NewTask(p.Run), indexing: NewTask(p.Run), open: NewTask(p.Run),
		EmptyText: "No cases yet. Import an order with: warrantdesk import FILE.pdf — or try: warrantdesk demo"}
	q.status = widget.NewLabel(loadingText)
	q.status.Truncation = fyne.TextTruncateEllipsis
	q.search = newKeyEntry(p.Keys)
	q.search.SetPlaceHolder("Search cases and their text (Ctrl+F)")
	q.search.OnChanged = q.onSearch
	// Enter or ↓ in the search box goes to the results, the first one
	// opened.
	q.search.OnSubmitted = func(string) { q.focusResults() }
	q.search.onDown = q.focusResults
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
			q.openCase(q.cases[id].ID)
		}
	}
	q.actions = container.NewHBox()
	opts := []string{FilterOpen, FilterDueSoon, FilterDecided, FilterAll}
	for _, t := range app.ProcessTypes() {
		opts = append(opts, app.Capitalized(t.Label()))
	}
	q.filter = widget.NewSelect(opts, func(string) { q.applyFilter() })
	q.filter.Selected = FilterOpen
	// The filter sits beside the search box and the actions get a row of
	// their own, so neither widens the queue. The top comes first among
	// the objects so that Tab goes from the search box to the list.
	top := container.NewVBox(q.actions, container.NewBorder(nil, nil, nil, q.filter, q.search), q.status)
	q.root = container.New(layout.NewBorderLayout(top, nil, nil, nil), top, q.list)
	return q
}

// AddAction puts a button above the search box.
func (q *Queue) AddAction(label string, do func()) {
	q.actions.Add(widget.NewButton(label, do))
}

// Content is the screen's root object.
func (q *Queue) Content() fyne.CanvasObject { return q.root }

// FocusSearch puts the cursor in the search box.
func (q *Queue) FocusSearch(c fyne.Canvas) { c.Focus(q.search) }

// FocusList puts the keyboard in the list: arrows move, Space opens.
func (q *Queue) FocusList(c fyne.Canvas) { c.Focus(q.list) }

// focusResults opens the first case shown and puts the keyboard in the
// list.
func (q *Queue) focusResults() {
	if len(q.cases) == 0 {
		return
	}
	q.list.Select(0)
	if c := fyne.CurrentApp().Driver().CanvasForObject(q.list); c != nil {
		c.Focus(q.list)
	}
}

// Refresh reloads the cases from the store off the UI goroutine.
func (q *Queue) Refresh() { q.RefreshAndSelect("") }

type loadedCases struct {
	cases   []*app.Summary
	byID    map[string]*app.Summary
	damaged error // the cases that could not be read, if any
	// snapshot is a copy for the search index to be brought up to date
	// against behind the list: cases may change in place meanwhile
	// (Changed).
	snapshot []app.Summary
}

// RefreshAndSelect reloads the cases and then opens the case with the given
// ID (none for ""), clearing the search and the filter if they hide it: an
// import shows the first case it made. The list comes from the summaries:
// no whole case is read but the one opened. The search index (kept with
// the store, brought up to date with the summaries) and the ⛔ flags come
// after, without holding the list up.
func (q *Queue) RefreshAndSelect(id string) {
	Start(q.load, func(ctx context.Context) (loadedCases, error) {
		sums, err := q.store.Summaries(ctx)
		// A damaged case is left out and named; the rest of the queue
		// works.
		if _, damaged := app.Damaged(err); err != nil && !damaged {
			return loadedCases{}, err
		}
		// Made here, off the UI goroutine: at 100,000 cases the map and
		// the copy took a sixth of a second there. The copy is made on
		// another core meanwhile (both only read sums).
		l := loadedCases{cases: make([]*app.Summary, len(sums)), byID: make(map[string]*app.Summary, len(sums)), damaged: err}
		copied := make(chan []app.Summary)
		go func() { copied <- slices.Clone(sums) }()
		for i := range sums {
			l.cases[i] = &sums[i]
			l.byID[sums[i].ID] = &sums[i]
		}
		l.snapshot = <-copied
		return l, nil
	}, func(l loadedCases, err error) {
		if err != nil {
			q.status.SetText("Could not load cases: " + app.ErrorMessage(err))
			return
		}
		q.all, q.byID, q.damaged = l.cases, l.byID, l.damaged
		q.onSearch(q.search.Text)
		if id != "" {
			q.selectID(id)
		}
		q.settled = newSettling(2)
		q.loadIndex(l.snapshot, q.settled)
		q.loadFlags(l.snapshot, q.settled)
	})
}

// loadIndex brings the search index up to date with the cases listed, then
// runs the search typed meanwhile.
func (q *Queue) loadIndex(sums []app.Summary, settled *settling) {
	if q.indexer == nil {
		docs := make([]search.Doc, len(sums))
		for i := range sums {
			docs[i] = search.SummaryDoc(sums[i])
		}
		q.index = search.NewIndexOf(docs)
		settled.end()
		return
	}
	Start(q.indexing, func(ctx context.Context) (*search.Index, error) {
		return q.indexer.SearchIndex(ctx, sums)
	}, func(ix *search.Index, err error) {
		if err != nil {
			app.LogError(err) // the list works; search waits for the next load
			settled.end()
			return
		}
		q.index = ix
		// Searches read every text until the posting lists are built.
		go func() {
			ix.Prepare()
			settled.end()
		}()
		if q.query != "" {
			q.onSearch(q.search.Text)
		}
	})
}

// loadFlags gets the ⛔ flags of the cases listed.
func (q *Queue) loadFlags(sums []app.Summary, settled *settling) {
	if q.alerts == nil {
		settled.end()
		return
	}
	Start(q.flagging, func(ctx context.Context) (map[string]app.Finding, error) {
		found, err := q.alerts.OpenAlertsOf(ctx, sums)
		flags := map[string]app.Finding{}
		for cid, fs := range found {
			if len(fs) > 0 && fs[0].Severity == app.SeverityCritical {
				flags[cid] = fs[0]
			}
		}
		return flags, err
	}, func(flags map[string]app.Finding, err error) {
		settled.end()
		if err != nil {
			app.LogError(err) // the flags are a help: the queue works without them
			return
		}
		q.flags = flags
		q.list.Refresh()
	})
}

// openCase reads the case with the given ID and opens it.
func (q *Queue) openCase(id string) {
	Start(q.open, func(ctx context.Context) (*app.Case, error) {
		return q.store.Case(ctx, id)
	}, func(c *app.Case, err error) {
		if err != nil {
			q.status.SetText("Could not open the case: " + app.ErrorMessage(err))
			return
		}
		q.onSelect(c)
	})
}

// selectID opens the case with the given ID in the list.
func (q *Queue) selectID(id string) {
	at := func() int {
		return slices.IndexFunc(q.cases, func(c *app.Summary) bool { return c.ID == id })
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

// Changed shows a change stored to a case (a correction, a decision): its
// row, the count, and while a search is typed the search again, so the
// case is found by what it says now (the service indexed it as it stored
// it).
func (q *Queue) Changed(c *app.Case) {
	if k := q.byID[c.ID]; k != nil {
		*k = app.Summarize(c)
	}
	if q.query != "" {
		q.onSearch(q.search.Text)
		return
	}
	q.Redraw()
}

// Redraw shows again the rows of cases that changed in place (a decision
// saved), and the count.
func (q *Queue) Redraw() {
	q.showStatus()
	q.list.Refresh()
}

// Shown are the cases the queue lists, in order.
func (q *Queue) Shown() []*app.Summary { return q.cases }

// searchResult is one search's matches: in the details, then in the text.
type searchResult struct {
	found   []*app.Summary
	matched map[string]search.Match
	inText  map[string][]string
	result  *search.Result
}

// onSearch filters the list as the reviewer types: fuzzy over the cases'
// details, then by word over their text. Matching runs off the UI
// goroutine (at 100,000 cases one keystroke's search takes a tenth of a
// second, docs/PERFORMANCE.md); a result older than the latest keystroke is
// dropped.
func (q *Queue) onSearch(text string) {
	q.query = strings.TrimSpace(text)
	if q.query == "" || q.index == nil {
		q.find.Stop()
		q.matched, q.inText, q.result = nil, nil, nil
		q.showMatches(q.all)
		if q.query != "" {
			// Searched once the index is up to date (loadIndex).
			q.status.SetText("Getting the search ready…")
		}
		return
	}
	ix, all, byID, query := q.index, q.all, q.byID, q.query
	Start(q.find, func(ctx context.Context) (searchResult, error) {
		r := searchResult{matched: map[string]search.Match{}}
		// A page ranked best first; the other cases found follow, most
		// urgent first (their matches are worked out as their rows show).
		res, err := ix.FindTop(ctx, query, search.Page)
		if err != nil {
			return r, err // a newer keystroke's search runs instead
		}
		r.result = res
		for _, m := range res.Top {
			if c := byID[m.ID]; c != nil {
				r.found = append(r.found, c)
				r.matched[m.ID] = m
			}
		}
		r.found = append(r.found, res.Others(all)...)
		if r.inText, err = ix.FindText(ctx, query); err != nil {
			return r, err
		}
		// The text's matches after the details', most urgent first.
		for _, c := range all {
			if _, ok := r.inText[c.ID]; ok {
				if _, ok := r.matched[c.ID]; !ok && !res.Found(c.ID) {
					r.found = append(r.found, c)
				}
			}
		}
		return r, nil
	}, func(r searchResult, err error) {
		if err != nil {
			return
		}
		q.matched, q.inText, q.result = r.matched, r.inText, r.result
		q.showMatches(r.found)
	})
}

// showMatches shows the cases that match the filter.
func (q *Queue) showMatches(cases []*app.Summary) {
	q.found = cases
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
	q.showStatus()
	q.list.UnselectAll()
	q.list.Refresh()
}

// showStatus says how many cases the list shows, of how many, under which
// filter and search.
func (q *Queue) showStatus() {
	if len(q.all) == 0 {
		q.status.SetText(q.EmptyText)
		return
	}
	keep := q.keep()
	n := 0
	for _, c := range q.cases {
		if keep(c) {
			n++
		}
	}
	filter := strings.ToLower(q.filter.Selected)
	var s string
	switch {
	case q.query != "":
		s = fmt.Sprintf("%d of %s match “%s”", len(q.found), app.Plural(len(q.all), "case"), q.query)
		if q.filter.Selected != FilterAll {
			s += fmt.Sprintf(" · %d %s", n, filter)
		}
	case q.filter.Selected == FilterAll:
		s = app.Plural(len(q.all), "case") + ", most urgent first"
	default:
		s = fmt.Sprintf("%d %s of %s, most urgent first", n, filter, app.Plural(len(q.all), "case"))
	}
	if q.damaged != nil {
		// The rest of the queue works; the reviewer is told which cases
		// are missing from it.
		s += " · " + app.ErrorMessage(q.damaged)
	}
	q.status.SetText(s)
}

func (q *Queue) keep() func(c *app.Summary) bool {
	now := q.now()
	switch sel := q.filter.Selected; sel {
	case FilterOpen:
		return func(c *app.Summary) bool { return !c.Closed() }
	case FilterDecided:
		return func(c *app.Summary) bool { return c.Status == app.StatusDecided }
	case FilterDueSoon:
		return func(c *app.Summary) bool {
			d, ok := c.Due()
			return !c.Closed() && (c.Emergency || ok && d.Before(now.AddDate(0, 0, 7)))
		}
	case FilterAll, "":
		return func(*app.Summary) bool { return true }
	default:
		return func(c *app.Summary) bool { return app.Capitalized(c.ProcessType.Label()) == sel }
	}
}

// SelectNextOpen selects the first open case after c in the whole queue's
// order (or the first open one), whatever the filter shows, for "Save &
// next"; it reports whether there was one.
func (q *Queue) SelectNextOpen(c *app.Case) bool {
	if k := q.byID[c.ID]; k != nil {
		*k = app.Summarize(c) // decided: it leaves the Open list
	}
	// A decided case leaves the Open list at once.
	q.applyFilter()
	start := 0
	for i, k := range q.cases {
		if k.ID == c.ID {
			start = i + 1
		}
	}
	if !slices.ContainsFunc(q.cases, func(k *app.Summary) bool { return k.ID == c.ID }) {
		// c left the list: the next case is the one that took its place.
		start = q.placeOf(c.ID)
	}
	for n := 0; n < len(q.cases); n++ {
		i := (start + n) % len(q.cases)
		if k := q.cases[i]; !k.Closed() && k.ID != c.ID {
			q.list.Select(i)
			q.list.ScrollTo(i)
			return true
		}
	}
	return false
}

// placeOf is where case id would stand in the list shown: the index of the first
// case shown after it in the whole queue.
func (q *Queue) placeOf(id string) int {
	after := false
	for _, k := range q.all {
		if k.ID == id {
			after = true
			continue
		}
		if after {
			if i := slices.Index(q.cases, k); i >= 0 {
				return i
			}
		}
	}
	return 0
}

// row describes a case in two lines: what cannot wait (⛔ a critical
// check, EMERGENCY), type, case number and countdown; then status, targets
// and authority. The countdown is red under 24 hours; characters the
// search matched are highlighted, and a match in a field the row does not
// show (a target, an agent, the order's text) is added to it.
func (q *Queue) row(c *app.Summary) []widget.RichTextSegment {
	m, searched := q.matchOf(c.ID)
	words, inText := q.inText[c.ID]
	r := &rowText{match: m, searched: searched, first: true}
	plain := widget.RichTextStyleInline
	if f, ok := q.flags[c.ID]; ok {
		r.part("", "⛔ "+flagLabel(f), alarm)
	}
	if c.Emergency {
		r.part("", "EMERGENCY", alarm)
	}
	r.part("", app.Capitalized(c.ProcessType.Label()), widget.RichTextStyle{Inline: true, TextStyle: fyne.TextStyle{Bold: true}})
	if n := c.CaseNumber; n != "" {
		r.part(app.FieldCaseNumber, n, plain)
	} else {
		r.part("file", c.FileName, plain)
	}
	if d, ok := c.Due(); ok && !c.Closed() {
		r.part("", q.countdown(d), q.deadlineStyle(d))
	}
	// The first line ends here: a segment that is not inline ends a
	// paragraph.
	r.segs = append(r.segs, &widget.TextSegment{Style: widget.RichTextStyleParagraph})
	r.first = true
	r.part("", c.Status.Label(), plain)
	r.part("", app.Plural(len(c.Targets), "target"), plain)
	a := c.Authority
	// A match the row does not otherwise show comes before the authority,
	// which is long and the first to be cut.
	if searched && !r.marked && !(m.Field == app.FieldIssuingAuthority && m.Text == a) {
		r.sep()
		r.segs = append(r.segs, &widget.TextSegment{Text: searchLabels[m.Field] + ": ", Style: plain})
		r.segs = append(r.segs, highlighted(m.Text, m.Matched)...)
	} else if inText && !searched {
		r.sep()
		r.segs = append(r.segs, &widget.TextSegment{Text: "in the text: ", Style: plain},
			&widget.TextSegment{Text: strings.Join(words, " "), Style: strongMatch})
	}
	if a != "" {
		r.part(app.FieldIssuingAuthority, a, plain)
	}
	return r.segs
}

// matchOf is where the latest search matched the case with the given ID:
// for a case found but not on the ranked page, worked out for its row
// only, as it is drawn.
func (q *Queue) matchOf(id string) (search.Match, bool) {
	m, ok := q.matched[id]
	if !ok && q.result != nil {
		if m, ok = q.result.MatchOf(id, q.query); ok {
			q.matched[id] = m
		}
	}
	return m, ok
}

// flagLabel names a critical finding in a word or two for the row.
func flagLabel(f app.Finding) string {
	if f.Suggests != "" {
		return f.Suggests.Label()
	}
	return strings.ReplaceAll(f.Rule, "-", " ")
}

// countdown says when a due time falls, for the row.
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

// strongMatch is how matched characters stand out: bold, in the theme's
// primary colour.
var strongMatch = widget.RichTextStyle{Inline: true, ColorName: theme.ColorNamePrimary, TextStyle: fyne.TextStyle{Bold: true}}

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
	strong := strongMatch
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

// DueWithinADay reports whether a due time is less than 24 hours away or
// already past.
func DueWithinADay(due, now time.Time) bool { return due.Sub(now) < 24*time.Hour }

// Countdown says how long until a due time, or how long ago it passed.
func Countdown(due, now time.Time) string {
	d := due.Sub(now)
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
