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

// findingsText lists the checks raised on a case, most serious first.
func findingsText(fs []app.Finding) string {
	if len(fs) == 0 {
		return "Checks: none raised."
	}
	mark := map[string]string{app.SeverityCritical: "⛔", app.SeverityWarning: "⚠", app.SeverityInfo: "ℹ"}
	var b strings.Builder
	b.WriteString("Checks (suggested grounds are ticked in Decision):")
	for _, f := range fs {
		fmt.Fprintf(&b, "\n%s %s\n    Basis: %s", mark[f.Severity], f.Message, f.Basis)
	}
	return b.String()
}

// StatsSource counts the decisions of a period (zero times are unbounded).
type StatsSource interface {
	Stats(ctx context.Context, from, to time.Time) (report.Stats, error)
}

// StatsView shows transparency-report statistics for a period, with a bar
// chart of the categories.
type StatsView struct {
	source StatsSource
	run    Runner
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
	s := &StatsView{source: p.Source, run: p.Run, now: p.Now}
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

// Refresh counts off the UI goroutine and shows the result.
func (s *StatsView) Refresh() {
	from, to := s.span()
	s.run(func() {
		st, err := s.source.Stats(context.Background(), from, to)
		fyne.Do(func() {
			if _, damaged := app.Damaged(err); err != nil && !damaged {
				s.table.SetText("Could not count: " + app.ErrorMessage(err))
				return
			}
			s.show(st)
			if err != nil {
				s.table.SetText(s.table.Text + "\n\nNot counted: " + app.ErrorMessage(err))
			}
		})
	})
}

func (s *StatsView) show(st report.Stats) {
	s.chart.RemoveAll()
	s.chart.Add(widget.NewLabelWithStyle(fmt.Sprintf("%d orders decided, naming %d accounts; %d open", st.Decided, st.Accounts, st.Open), fyne.TextAlignLeading, fyne.TextStyle{Bold: true}))
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
		title string
		m     map[string]int
	}{{"By process type", st.ByType}, {"By jurisdiction", st.ByJurisdiction}, {"By decision", st.ByDecision}, {"By data requested", st.ByData}} {
		fmt.Fprintf(&b, "%s\n", sec.title)
		for _, k := range report.Keys(sec.m) {
			fmt.Fprintf(&b, "   %5d  %s\n", sec.m[k], k)
		}
		b.WriteString("\n")
	}
	s.table.SetText(b.String())
}

// SettingsService keeps the settings; SaveSettings returns them as stored
// (normalised) or says why they are refused.
type SettingsService interface {
	Settings(ctx context.Context) (app.Settings, error)
	SaveSettings(ctx context.Context, s app.Settings) (app.Settings, error)
}

// SettingsForm edits the enterprise customer list and the provider's own
// names, one per line.
type SettingsForm struct {
	service           SettingsService
	run               Runner
	domains, accounts *widget.Entry
	names, state      *widget.Entry
	status            *widget.Label
	onSaved           func(app.Settings)
	root              fyne.CanvasObject
	saveButton        *widget.Button
}

// SettingsFormParams are what a settings form works with.
type SettingsFormParams struct {
	Service SettingsService
	Run     Runner
	// OnSaved is called with what was stored; it may be nil.
	OnSaved func(app.Settings)
}

// NewSettingsForm builds the form and loads the settings off the UI
// goroutine.
func NewSettingsForm(p SettingsFormParams) *SettingsForm {
	f := &SettingsForm{service: p.Service, run: p.Run, onSaved: p.OnSaved}
	store, run := p.Service, p.Run
	entry := func(hint string) *widget.Entry {
		e := widget.NewMultiLineEntry()
		e.SetPlaceHolder(hint)
		e.SetMinRowsVisible(4)
		return e
	}
	f.domains = entry("acme.com\nexample.org")
	f.accounts = entry("account IDs or user names")
	f.names = entry("Example Mail Inc.")
	f.state = widget.NewEntry()
	f.state.SetPlaceHolder("CA")
	f.status = widget.NewLabel("Loading…")
	f.saveButton = widget.NewButton("Save settings", f.save)
	f.root = container.NewVBox(
		widget.NewLabel("Orders naming these are flagged so you can redirect them to the enterprise customer."),
		widget.NewForm(
			widget.NewFormItem("Enterprise domains", f.domains),
			widget.NewFormItem("Enterprise accounts", f.accounts),
			widget.NewFormItem("Our names", f.names),
			widget.NewFormItem("Our US state", f.state),
		),
		container.NewHBox(f.saveButton, f.status),
	)
	run(func() {
		s, err := store.Settings(context.Background())
		fyne.Do(func() {
			if err != nil {
				f.status.SetText("Could not load: " + app.ErrorMessage(err))
				return
			}
			f.fill(s)
			f.status.SetText("")
		})
	})
	return f
}

// Content is the form's root object.
func (f *SettingsForm) Content() fyne.CanvasObject { return f.root }

// fill shows s in the form.
func (f *SettingsForm) fill(s app.Settings) {
	f.domains.SetText(strings.Join(s.EnterpriseDomains, "\n"))
	f.accounts.SetText(strings.Join(s.EnterpriseAccounts, "\n"))
	f.names.SetText(strings.Join(s.ProviderNames, "\n"))
	f.state.SetText(s.ProviderState)
}

// save stores what the form says; the lists are one entry a line (domains
// and accounts also by commas; names may have commas in them).
func (f *SettingsForm) save() {
	list := func(e *widget.Entry, seps string) []string {
		return strings.FieldsFunc(e.Text, func(r rune) bool { return strings.ContainsRune(seps, r) })
	}
	in := app.Settings{EnterpriseDomains: list(f.domains, "\n,"), EnterpriseAccounts: list(f.accounts, "\n,"), ProviderNames: list(f.names, "\n"), ProviderState: f.state.Text}
	f.status.SetText("Saving…")
	f.run(func() {
		s, err := f.service.SaveSettings(context.Background(), in)
		fyne.Do(func() {
			if err != nil {
				f.status.SetText("Not saved: " + app.ErrorMessage(err))
				return
			}
			f.fill(s)
			f.status.SetText("Saved.")
			if f.onSaved != nil {
				f.onSaved(s)
			}
		})
	})
}
