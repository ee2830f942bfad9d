package ui

import (
	"context"
	"fmt"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/warrantdesk/warrantdesk/app"
	"github.com/warrantdesk/warrantdesk/app/report"
)

// StatsSource counts the decisions of a period (zero times are unbounded).
type StatsSource interface {
	Stats(ctx context.Context, from, to time.Time) (report.Stats, error)
}

// StatsView shows transparency-report statistics for a period, with a bar
// chart of the categories.
type StatsView struct {
	source StatsSource
	count  *Task
	now    func() time.Time
	period *widget.Select
	chart  *fyne.Container
	table  *widget.Label
	root   fyne.CanvasObject
}

// Periods the statistics view offers.
const (
	PeriodMonth = "This month"
	PeriodYear  = "This year"
	PeriodLast  = "Last 12 months"
	PeriodAll   = "All time"
)

// StatsViewParams are what a statistics view works with.
type StatsViewParams struct {
	Source StatsSource
	Run    Runner
	Now    func() time.Time
}

// NewStatsView builds the view; call Refresh to fill it.
func NewStatsView(p StatsViewParams) *StatsView {
	s := &StatsView{source: p.Source, count: NewTask(p.Run), now: p.Now}
	s.period = widget.NewSelect([]string{PeriodMonth, PeriodYear, PeriodLast, PeriodAll}, func(string) { s.Refresh() })
	s.period.Selected = PeriodYear
	s.chart = container.NewVBox()
	s.table = widget.NewLabel("")
	s.root = container.NewBorder(s.period, nil, nil, nil, container.NewVScroll(container.NewVBox(s.chart, widget.NewSeparator(), s.table)))
	return s
}

// Content is the view's root object.
func (s *StatsView) Content() fyne.CanvasObject { return s.root }

func (s *StatsView) span() (time.Time, time.Time) {
	now := s.now()
	today := time.Date(now.Year(), now.Month(), now.Day(), 0, 0, 0, 0, time.UTC)
	switch s.period.Selected {
	case PeriodMonth:
		return time.Date(now.Year(), now.Month(), 1, 0, 0, 0, 0, time.UTC), today
	case PeriodYear:
		return time.Date(now.Year(), 1, 1, 0, 0, 0, 0, time.UTC), today
	case PeriodLast:
		return today.AddDate(-1, 0, 1), today
	}
	return time.Time{}, time.Time{}
}

// Refresh counts off the UI goroutine and shows the result; a count asked
// for before the latest (another period chosen) is dropped.
func (s *StatsView) Refresh() {
	from, to := s.span()
	Start(s.count, func(ctx context.Context) (report.Stats, error) {
		return s.source.Stats(ctx, from, to)
	}, func(st report.Stats, err error) {
		if _, damaged := app.Damaged(err); err != nil && !damaged {
			s.table.SetText("Could not count: " + app.ErrorMessage(err))
			return
		}
		s.show(st)
		if err != nil {
			s.table.SetText(s.table.Text + "\n\nNot counted: " + app.ErrorMessage(err))
		}
	})
}

func (s *StatsView) show(st report.Stats) {
	s.chart.RemoveAll()
	s.chart.Add(widget.NewLabelWithStyle(fmt.Sprintf("%s decided, naming %s; %d open", app.Plural(st.Decided, "order"), app.Plural(st.Accounts, "account"), st.Open), fyne.TextAlignLeading, fyne.TextStyle{Bold: true}))
	most := 1
	for _, v := range st.ByCategory {
		most = max(most, v)
	}
	for _, cat := range report.Categories() {
		n := st.ByCategory[cat]
		bar := canvas.NewRectangle(theme.Color(theme.ColorNamePrimary))
		bar.SetMinSize(fyne.NewSize(float32(n)/float32(most)*300+1, 14))
		label := widget.NewLabel(fmt.Sprintf("%s: %d", cat, n))
		s.chart.Add(container.NewBorder(nil, nil, container.NewCenter(bar), nil, label))
	}
	var b strings.Builder
	for _, sec := range []struct {
		title, kind string
		m           map[string]int
	}{{"By process type", app.NameProcessType, st.ByType}, {"By jurisdiction", "", st.ByJurisdiction}, {"By decision", app.NameOutcome, st.ByDecision}, {"By data requested", app.NameData, st.ByData}} {
		fmt.Fprintf(&b, "%s\n", sec.title)
		for _, k := range report.Keys(sec.m) {
			name := k
			if sec.kind != "" && k != "unknown" {
				name = app.DisplayName(sec.kind, k)
			}
			fmt.Fprintf(&b, "   %5d  %s\n", sec.m[k], name)
		}
		b.WriteString("\n")
	}
	s.table.SetText(b.String())
}
