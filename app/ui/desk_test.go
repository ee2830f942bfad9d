package ui

import (
	"context"
	"image/color"
	"maps"
	"math"
	"reflect"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/warrantdesk/warrantdesk/app"
	"github.com/warrantdesk/warrantdesk/app/casework"
	"github.com/warrantdesk/warrantdesk/app/memo"
	"github.com/warrantdesk/warrantdesk/assets"
)

// memStore is an in-memory app.Store under the real casework service in
// screen tests. Cases made from real PDFs (realCase) have their original
// and pages; the others get one page of text and no original. Like a real
// store it hands out copies, and saved records every write.
type memStore struct {
	mu       sync.Mutex
	cases    []*app.Case
	saved    []*app.Case
	pdfs     map[string][]byte
	pages    map[string][]app.PageText
	words    map[string]string
	settings app.Settings
}

func (m *memStore) TextIndex(context.Context) (map[string]string, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	return maps.Clone(m.words), nil
}

func (m *memStore) SaveTextIndex(_ context.Context, id, words string) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	if m.words == nil {
		m.words = map[string]string{}
	}
	m.words[id] = words
	return nil
}

func (m *memStore) Original(_ context.Context, id string) ([]byte, error) {
	if b, ok := m.pdfs[id]; ok {
		return b, nil
	}
	return nil, app.Errorf(app.ENOTFOUND, "no original for case %s", id)
}

func (m *memStore) Settings(context.Context) (app.Settings, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	return m.settings, nil
}

func (m *memStore) SaveSettings(_ context.Context, s app.Settings) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	m.settings = s
	return nil
}

func (m *memStore) last() *app.Case {
	m.mu.Lock()
	defer m.mu.Unlock()
	if len(m.saved) == 0 {
		return nil
	}
	return m.saved[len(m.saved)-1]
}

func (m *memStore) Cases(context.Context) ([]*app.Case, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	out := make([]*app.Case, len(m.cases))
	for i, c := range m.cases {
		cp := *c
		out[i] = &cp
	}
	return out, nil
}

func (m *memStore) Case(_ context.Context, id string) (*app.Case, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	for _, c := range m.cases {
		if c.ID == id {
			cp := *c
			return &cp, nil
		}
	}
	return nil, app.Errorf(app.ENOTFOUND, "no case %s", id)
}

func (m *memStore) CreateCase(_ context.Context, c *app.Case, original []byte, pages []app.PageText) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	for _, k := range m.cases {
		// Like the store: one order of a bundle is told apart by its pages.
		if k.Order.SHA256 == c.Order.SHA256 && reflect.DeepEqual(k.Order.Part, c.Order.Part) {
			return &app.Error{Code: app.ECONFLICT, Message: "already imported", Err: &app.DuplicateError{CaseID: k.ID}}
		}
	}
	if m.pdfs == nil {
		m.pdfs, m.pages = map[string][]byte{}, map[string][]app.PageText{}
	}
	cp := *c
	m.cases = append(m.cases, &cp)
	m.pdfs[c.ID], m.pages[c.ID] = original, pages
	if m.words == nil {
		m.words = map[string]string{}
	}
	m.words[c.ID] = app.IndexWords(pages)
	return nil
}

func (m *memStore) Close() error { return nil }

func (m *memStore) Pages(_ context.Context, id string) ([]app.PageText, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	if p, ok := m.pages[id]; ok {
		return p, nil
	}
	// A page of the case's own words, so no test can pass on another
	// case's text.
	for _, c := range m.cases {
		if c.ID == id {
			text := strings.ToUpper(c.Order.Extraction.ProcessType.Label()) + "\nCase No. " + c.CaseNumber()
			for _, t := range c.Order.Extraction.Targets {
				text += "\nAccount: " + t.Value
			}
			return []app.PageText{{Number: 1, Text: text, Source: app.SourceText}}, nil
		}
	}
	return nil, app.Errorf(app.ENOTFOUND, "no case %s", id)
}

func (m *memStore) UpdateCaseText(ctx context.Context, c *app.Case, pages []app.PageText) error {
	m.mu.Lock()
	if m.pages == nil {
		m.pages = map[string][]app.PageText{}
	}
	m.pages[c.ID] = pages
	m.mu.Unlock()
	m.SaveTextIndex(ctx, c.ID, app.IndexWords(pages))
	return m.UpdateCase(ctx, c)
}

func (m *memStore) UpdateCase(_ context.Context, c *app.Case) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	cp, kept := *c, *c
	m.saved = append(m.saved, &cp)
	for i, k := range m.cases {
		if k.ID == c.ID {
			m.cases[i] = &kept
		}
	}
	return nil
}

// service is the real casework service on store, on the tests' clock.
func service(store app.Store) *casework.Service {
	return casework.New(casework.Params{Store: store, Now: func() time.Time { return now }, MemoTemplate: assets.MemoTemplate,
		MemoFonts: memo.Fonts{Regular: assets.FontRegular, Bold: assets.FontBold, Fallback: assets.FontFallback}})
}

func deskCases() []*app.Case {
	w := sampleCase("2:25-mj-00002", app.SearchWarrant, "2025-06-20", false, app.StatusNew)
	w.Order.Extraction.Fields[app.FieldIssuedDate] = app.Field{Value: "2025-06-06", Page: 1, Snippet: "Date and time issued: 06/06/2025 2:15 pm", Confidence: 0.95}
	w.Order.Extraction.Fields[app.FieldJudge] = app.Field{Value: "Jane Q. Smith", Page: 1, Snippet: "Printed name and title: Jane Q. Smith", Confidence: 0.5}
	w.Order.Extraction.Warnings = []string{`judge: "Jane Q. Smith" is uncertain (confidence 0.50); check it against page 1`}
	n := sampleCase("NSL-25-000001", app.NSL, "", false, app.StatusNew)
	n.Order.Extraction.Targets = []app.Target{{Kind: app.TargetEmail, Value: "mallory@example.net", Page: 2}}
	return []*app.Case{w, n}
}

// reviewers is the Settings list the desk tests decide under.
var reviewers = app.Settings{Reviewers: []string{"R. Reviewer", "S. Second"}}

func showDesk(t *testing.T, store *memStore) (*Desk, fyne.Window) {
	t.Helper()
	test.NewTempApp(t)
	if store.settings.Reviewers == nil {
		store.settings.Reviewers = reviewers.Reviewers
	}
	svc := service(store)
	d := NewDesk(DeskParams{Service: svc, Alerts: svc, Memos: svc, Actions: svc, Stats: svc, Settings: svc, Text: svc, Run: inline, Now: func() time.Time { return now }})
	w := test.NewTempWindow(t, d.Content())
	w.Resize(fyne.NewSize(1280, 800))
	d.SetWindow(w)
	d.loadSettings(svc)
	d.Queue.Refresh()
	return d, w
}

// open shows the case with the given case number, whatever the filter.
func open(t *testing.T, d *Desk, number string) *CaseView {
	t.Helper()
	d.Queue.filter.SetSelected(FilterAll)
	for i, c := range d.Queue.cases {
		if c.CaseNumber() == number {
			d.Queue.list.Select(i)
			return d.Case
		}
	}
	t.Fatalf("no case %s in the queue", number)
	return nil
}

// shown is every text the Fields tab shows, for checks that nothing of
// another case is on screen.
func fieldsText(v *CaseView) string {
	var b strings.Builder
	for _, o := range test.LaidOutObjects(v.fields.root) {
		switch w := o.(type) {
		case *widget.Button:
			b.WriteString(w.Text + "\n")
		case *widget.Label:
			b.WriteString(w.Text + "\n")
		}
	}
	return b.String()
}

func TestDesk_SearchFindsATargetAsYouType(t *testing.T) {
	d, w := showDesk(t, &memStore{cases: deskCases()})
	test.Type(d.Queue.search, "mallory")
	if len(d.Queue.cases) != 1 || d.Queue.cases[0].CaseNumber() != "NSL-25-000001" {
		t.Fatalf("search shows %d cases", len(d.Queue.cases))
	}
	if !strings.Contains(d.Queue.status.Text, `1 of 2 cases match “mallory”`) {
		t.Errorf("status %q", d.Queue.status.Text)
	}
	test.AssertRendersToMarkup(t, "desk/search.xml", w.Canvas())
	d.Queue.search.SetText("")
	if len(d.Queue.cases) != 2 {
		t.Errorf("clearing the search shows %d cases", len(d.Queue.cases))
	}
}

func TestDesk_CaseViewShowsFieldsEvidenceAndText(t *testing.T) {
	d, w := showDesk(t, &memStore{cases: deskCases()})
	v := open(t, d, "2:25-mj-00002")
	if !strings.Contains(v.title.Text, "2:25-mj-00002") {
		t.Fatalf("title %q", v.title.Text)
	}
	if !strings.Contains(v.text.Text(), "SEARCH WARRANT") {
		t.Errorf("text not loaded: %q", v.text.Text())
	}
	// The uncertain judge stands out, and tapping it quotes its evidence
	// above the page.
	judge := v.fields.values[app.FieldJudge]
	if judge == nil || !strings.HasPrefix(judge.Text(), "⚠ Jane Q. Smith") || judge.Label.Importance != widget.WarningImportance {
		t.Fatalf("judge field %+v", judge)
	}
	test.Tap(judge.Button)
	if c := v.Page.Caption(); !strings.Contains(c, "page 1, confidence 50%") || !strings.Contains(c, "Printed name and title: Jane Q. Smith") {
		t.Errorf("evidence %q", c)
	}
	// Without an original the page view says so rather than hanging.
	if !strings.Contains(v.Page.label.Text, "not available") {
		t.Errorf("page label %q", v.Page.label.Text)
	}
	test.AssertRendersToMarkup(t, "desk/case.xml", w.Canvas())
}

// The first row of Fields showed the first case's value on every later
// case (Fyne's Form reuses its rows): every case is laid out afresh.
func TestDesk_EveryCaseShowsOnlyItsOwnValues(t *testing.T) {
	cases := deskCases()
	e := sampleCase("2026-230314", app.EmergencyRequest, "", true, app.StatusNew)
	e.Order.Extraction.Targets = []app.Target{{Kind: app.TargetPhone, Value: "+15555550142", Page: 1}}
	epoc := sampleCase("NL/2026/38586", app.EPOC, "", false, app.StatusNew)
	epoc.Order.Extraction.Targets = []app.Target{{Kind: app.TargetEmail, Value: "piet@example.nl", Page: 1}}
	bare := &app.Case{ID: app.NewCaseID(), Status: app.StatusNew, CreatedAt: now, Order: app.Order{FileName: "letter.pdf", Pages: 1,
		Extraction: app.Extraction{ProcessType: app.InformalRequest, Targets: []app.Target{{Kind: app.TargetUsername, Value: "only_mine", Page: 1}}}}}
	all := append(cases, e, epoc, bare)
	d, _ := showDesk(t, &memStore{cases: all, settings: app.Settings{EnterpriseDomains: []string{"example.nl"}}})
	numbers := map[*app.Case]string{}
	for _, c := range all {
		numbers[c] = c.CaseNumber()
		if numbers[c] == "" {
			numbers[c] = c.Targets()[0].Value
		}
	}
	for round := 0; round < 2; round++ {
		for _, c := range []*app.Case{e, epoc, bare, cases[0], cases[1], e} {
			d.Queue.filter.SetSelected(FilterAll)
			i := slices.IndexFunc(d.Queue.cases, func(k *app.Case) bool { return k.ID == c.ID })
			d.Queue.list.Select(i)
			v := d.Case
			text := fieldsText(v) + v.title.Text + v.text.Text()
			if !strings.Contains(text, numbers[c]) {
				t.Errorf("case %s: its own value is not shown:\n%s", numbers[c], text)
			}
			for other, n := range numbers {
				if other != c && n != "" && strings.Contains(text, n) {
					t.Errorf("case %s shows %s, of another case:\n%s", numbers[c], n, text)
				}
			}
			for _, tg := range c.Targets() {
				if v.fields.values["target:"+tg.Value] == nil {
					t.Errorf("case %s: target %s is not a row", numbers[c], tg.Value)
				}
			}
			if len(v.fields.values) == 0 || v.Tab() != TabFields || v.fields.scroll.Offset.Y != 0 || v.Page.ZoomLevel() != 1 {
				t.Errorf("case %s opened on tab %d, scrolled %v, zoom %v", numbers[c], v.Tab(), v.fields.scroll.Offset, v.Page.ZoomLevel())
			}
			// The enterprise check names its target and flags it.
			if c == epoc && !strings.Contains(v.fields.values["target:piet@example.nl"].Text(), "⛔") {
				t.Errorf("the enterprise target is not flagged: %q", v.fields.values["target:piet@example.nl"].Text())
			}
			if c != epoc && strings.Contains(v.fields.checks.Text, "piet@example.nl") {
				t.Errorf("case %s shows another case's checks: %q", numbers[c], v.fields.checks.Text)
			}
		}
	}
}

func TestDesk_DecideRecordsWhoAndWhen(t *testing.T) {
	store := &memStore{cases: deskCases()}
	d, _ := showDesk(t, store)
	v := open(t, d, "2:25-mj-00002")
	p := v.decide
	test.Tap(p.save)
	if v.Status() != "Choose a decision first." || len(store.saved) != 0 {
		t.Fatalf("saved without a decision: %q", v.Status())
	}
	// The reviewer comes from Settings' list, never the login name.
	if !reflect.DeepEqual(p.who.Options, reviewers.Reviewers) || p.who.Selected != "R. Reviewer" {
		t.Errorf("reviewers %q, chosen %q", p.who.Options, p.who.Selected)
	}
	p.outcome.SetSelected(app.Capitalized(app.Narrow.Label()))
	p.grounds.SetSelected([]string{app.GroundWarrant})
	test.Type(p.more, "date range wider than the investigation")
	test.Type(p.note, "Produce subscriber records only.")
	test.Tap(p.save)
	if len(store.saved) != 1 {
		t.Fatalf("%d saves: %q", len(store.saved), v.Status())
	}
	c := store.saved[0]
	if c.Status != app.StatusDecided || c.Decision.Outcome != app.Narrow || c.Decision.Reviewer != "R. Reviewer" || len(c.Decision.Grounds) != 2 || !c.Decision.DecidedAt.Equal(now) {
		t.Errorf("decision %+v", c.Decision)
	}
	if c.Decision.Grounds[0] != app.GroundWarrant || c.Decision.Grounds[1] != "date range wider than the investigation" {
		t.Errorf("grounds %q", c.Decision.Grounds)
	}
	// The warrant names one target; narrowing produces for it by default,
	// and notice defaults to notify (no gag).
	if len(c.Decision.Targets) != 1 || !c.Decision.Targets[0].Produce || c.Decision.Notice != app.NoticeNotify {
		t.Errorf("targets %+v, notice %q", c.Decision.Targets, c.Decision.Notice)
	}
	if n := len(c.History); n == 0 || c.History[n-1].Action != "decided" || c.History[n-1].Actor != "R. Reviewer" {
		t.Errorf("history %+v", c.History)
	}
	if !strings.HasPrefix(v.Status(), "Saved: 2:25-mj-00002 — comply in part (narrowed), by R. Reviewer") {
		t.Errorf("status %q", v.Status())
	}
	// Decided means decided: read-only until reopened.
	if !p.outcome.Disabled() || !p.note.Disabled() || p.decided.Hidden || editButtons(v) != 0 {
		t.Errorf("a decided case can still be edited (%d correction buttons)", editButtons(v))
	}
	test.Tap(p.save)
	if len(store.saved) != 1 {
		t.Error("a decided case was saved again")
	}
	v.Reopen("a second look")
	if c := store.last(); c.Status != app.StatusInReview || c.Draft == nil || c.Draft.Outcome != app.Narrow || c.History[len(c.History)-1].Action != "reopened" {
		t.Fatalf("reopen: %+v", c)
	}
	if p.outcome.Disabled() || p.outcome.Selected != app.Capitalized(app.Narrow.Label()) {
		t.Error("the reopened case's decision is not the draft")
	}
	// Save & next moves to the next open case, on its fields, and says so
	// at the foot of the window.
	p.outcome.SetSelected(app.Capitalized(app.Comply.Label()))
	p.grounds.SetSelected(nil)
	test.Tap(p.next)
	if !strings.Contains(v.title.Text, "NSL-25-000001") || v.Tab() != TabFields {
		t.Errorf("Save & next showed %q on tab %d", v.title.Text, v.Tab())
	}
	if s := d.Status.Text; !strings.Contains(s, "Saved: 2:25-mj-00002 — comply") || !strings.Contains(s, "now: NSL · NSL-25-000001") {
		t.Errorf("no feedback: %q", s)
	}
	// The decided case has left Open, which the queue starts on, and the
	// count follows the filter.
	d.Queue.filter.SetSelected(FilterOpen)
	if len(d.Queue.cases) != 1 || d.Queue.status.Text != "1 open of 2 cases, most urgent first" {
		t.Errorf("open: %d, %q", len(d.Queue.cases), d.Queue.status.Text)
	}
}

func TestDesk_Filters(t *testing.T) {
	cases := deskCases()
	cases[1].Status = app.StatusDecided
	d, _ := showDesk(t, &memStore{cases: cases})
	if d.Queue.filter.Selected != FilterOpen || len(d.Queue.cases) != 1 {
		t.Errorf("the queue starts on %q with %d cases", d.Queue.filter.Selected, len(d.Queue.cases))
	}
	for filter, want := range map[string]int{FilterOpen: 1, FilterDecided: 1, FilterAll: 2, "NSL": 1, "Wiretap order": 0} {
		d.Queue.filter.SetSelected(filter)
		if len(d.Queue.cases) != want {
			t.Errorf("filter %q shows %d cases, want %d", filter, len(d.Queue.cases), want)
		}
	}
	if !slices.Contains(d.Queue.filter.Options, "§ 2703(d) order") || slices.Contains(d.Queue.filter.Options, "court_order_2703d") {
		t.Errorf("filters %q", d.Queue.filter.Options)
	}
}

func TestDesk_PerTargetOutcomesAndDelayedNotice(t *testing.T) {
	cases := deskCases()
	n := cases[1]
	until := "2026-06-01"
	n.Order.Extraction.Targets = append(n.Order.Extraction.Targets, app.Target{Kind: app.TargetPhone, Value: "+15555550100", Page: 2})
	n.Order.Extraction.Nondisclosure = app.Nondisclosure{Ordered: true, Until: &until}
	store := &memStore{cases: cases}
	d, _ := showDesk(t, store)
	v := open(t, d, "NSL-25-000001")
	p := v.decide
	// The gag's end is suggested as the date notice may be given.
	if p.notice.Selected != app.Capitalized(app.NoticeDelayed.Label()) || p.after.Text != until {
		t.Fatalf("notice %q after %q", p.notice.Selected, p.after.Text)
	}
	p.outcome.SetSelected(app.Capitalized(app.Comply.Label()))
	if p.perTgt[0].Selected != "Produce" || p.perTgt[1].Selected != "Produce" {
		t.Fatal("comply does not produce for every target by default")
	}
	// The phone number is not the subscriber's: no data for it.
	p.perTgt[1].SetSelected(app.Capitalized(app.TargetNoData.Label()))
	p.outcome.SetSelected(app.Capitalized(app.Narrow.Label()))
	if p.perTgt[1].Selected != "No data" {
		t.Error("changing the outcome overrode the reviewer's per-target choice")
	}
	test.Tap(p.save)
	got := store.last().Decision
	want := []app.TargetDecision{{Target: "mallory@example.net", Produce: true, Outcome: app.TargetProduce}, {Target: "+15555550100", Produce: false, Outcome: app.TargetNoData}}
	if !reflect.DeepEqual(got.Targets, want) || got.Notice != app.NoticeDelayed || got.NoticeAfter != until {
		t.Errorf("decision %+v", got)
	}
}

func TestDesk_EnterpriseAccountSuggestsRedirectAndTheQueueFlagsIt(t *testing.T) {
	cases := deskCases()
	n := cases[1]
	n.Order.Extraction.Targets = []app.Target{{Kind: app.TargetEmail, Value: "cfo@acme.com", Page: 2}, {Kind: app.TargetEmail, Value: "x@example.net", Page: 2}}
	store := &memStore{cases: cases, settings: app.Settings{EnterpriseDomains: []string{"acme.com"}}}
	d, _ := showDesk(t, store)
	d.Queue.filter.SetSelected(FilterAll)
	var row string
	for _, c := range d.Queue.cases {
		if c.ID == n.ID {
			row = richText(d.Queue.row(c))
		}
	}
	if !strings.HasPrefix(row, "⛔ redirect to the customer") {
		t.Errorf("queue row %q", row)
	}
	v := open(t, d, "NSL-25-000001")
	p := v.decide
	if !strings.Contains(v.fields.checks.Text, "cfo@acme.com belongs to an enterprise customer") {
		t.Fatalf("checks %q", v.fields.checks.Text)
	}
	if !slices.Contains(p.grounds.Selected, app.GroundEnterprise) || p.perTgt[0].Selected != "Redirect to the customer" || p.perTgt[1].Selected != "" {
		t.Errorf("suggested grounds %q, targets %q %q", p.grounds.Selected, p.perTgt[0].Selected, p.perTgt[1].Selected)
	}
	// A suggestion is not a change: leaving the case stores no draft.
	open(t, d, "2:25-mj-00002")
	if len(store.saved) != 0 {
		t.Errorf("suggesting saved a draft: %+v", store.last().Draft)
	}
	open(t, d, "NSL-25-000001")
	// The other account is produced: the case's outcome follows the
	// targets — compliance in part.
	p.perTgt[1].SetSelected("Produce")
	if p.outcome.Selected != app.Capitalized(app.Narrow.Label()) || !strings.Contains(p.derived.Text, "Follows the targets") {
		t.Errorf("outcome %q (%q)", p.outcome.Selected, p.derived.Text)
	}
	test.Tap(p.save)
	got := store.last().Decision
	if got == nil || got.Outcome != app.Narrow || got.For("cfo@acme.com") != app.TargetRedirect || !got.Produces("x@example.net") {
		t.Errorf("decision %+v", got)
	}
	// Picking the case's outcome keeps the redirect suggested for the
	// customer's account.
	cases[0].Order.Extraction.Targets = []app.Target{{Kind: app.TargetEmail, Value: "ceo@acme.com", Page: 1}, {Kind: app.TargetEmail, Value: "y@example.net", Page: 1}}
	store.cases[0].Order.Extraction.Targets = cases[0].Order.Extraction.Targets
	d.Queue.Refresh()
	v = open(t, d, "2:25-mj-00002")
	p = v.decide
	p.outcome.SetSelected(app.Capitalized(app.Comply.Label()))
	if p.perTgt[0].Selected != "Redirect to the customer" || p.perTgt[1].Selected != "Produce" {
		t.Errorf("after choosing comply: %q %q", p.perTgt[0].Selected, p.perTgt[1].Selected)
	}
}

// Suggested grounds went into the memo whatever the outcome: a comply
// drops the suggestions that argue against it, and a ground the reviewer
// keeps against the outcome is flagged before it is saved.
func TestDesk_GroundsAgainstTheOutcomeAreFlaggedBeforeSaving(t *testing.T) {
	cases := deskCases()
	delete(cases[0].Order.Extraction.Fields, app.FieldDeadline)
	cases[0].Order.Extraction.DataCategories = []string{app.DataNonContent}
	store := &memStore{cases: cases}
	d, _ := showDesk(t, store)
	v := open(t, d, "2:25-mj-00002")
	p := v.decide
	if !slices.Contains(p.grounds.Selected, app.GroundRange) {
		t.Fatalf("no-date-range not suggested: %q (%q)", p.grounds.Selected, v.fields.checks.Text)
	}
	p.outcome.SetSelected(app.Capitalized(app.Comply.Label()))
	if slices.Contains(p.grounds.Selected, app.GroundRange) {
		t.Errorf("a comply keeps the suggested %q", p.grounds.Selected)
	}
	// Ticked by the reviewer: flagged, and saved only on a second press.
	p.grounds.SetSelected([]string{app.GroundRange})
	if !strings.Contains(p.against.Text, "argues against “comply”") {
		t.Errorf("no warning: %q", p.against.Text)
	}
	test.Tap(p.save)
	if len(store.saved) != 0 || !strings.Contains(v.Status(), "Save again to keep them") {
		t.Fatalf("saved at once: %q", v.Status())
	}
	test.Tap(p.save)
	if c := store.last(); c == nil || c.Decision == nil || !slices.Contains(c.Decision.Grounds, app.GroundRange) {
		t.Errorf("the second save did not keep the reviewer's choice: %+v", c)
	}
}

func TestDesk_DraftKeptWhenMovingOnOrClosing(t *testing.T) {
	store := &memStore{cases: deskCases()}
	d, _ := showDesk(t, store)
	v := open(t, d, "2:25-mj-00002")
	// Opening and leaving a case without writing anything stores nothing.
	open(t, d, "NSL-25-000001")
	if len(store.saved) != 0 {
		t.Fatalf("%d saves without a change", len(store.saved))
	}
	p := v.decide
	p.outcome.SetSelected(app.Capitalized(app.Clarify.Label()))
	test.Type(p.note, "Ask which account is meant.")
	open(t, d, "2:25-mj-00002")
	c := store.last()
	if c == nil || c.Draft == nil || c.Draft.Outcome != app.Clarify || c.Draft.Note != "Ask which account is meant." || c.Status != app.StatusInReview || c.Decision != nil {
		t.Fatalf("draft not kept: %+v", c)
	}
	// Coming back shows the draft.
	open(t, d, "NSL-25-000001")
	if p.outcome.Selected != app.Capitalized(app.Clarify.Label()) || p.note.Text != "Ask which account is meant." {
		t.Errorf("draft not shown: %q %q", p.outcome.Selected, p.note.Text)
	}
	// Closing the window (its close intercept) keeps what is being written.
	p.note.SetText(p.note.Text + " Then decide.")
	closed := false
	v.KeepDraft(func() { closed = true })
	if !closed || !strings.HasSuffix(store.last().Draft.Note, "Then decide.") {
		t.Errorf("closing lost the draft: closed %v, %+v", closed, store.last().Draft)
	}
}

func TestDesk_SearchHighlightsTheWordsTypedAndFindsTheText(t *testing.T) {
	cases := deskCases()
	words := map[string]string{cases[0].ID: app.IndexWords([]app.PageText{{Text: "all records of the account including cell-site location"}})}
	d, w := showDesk(t, &memStore{cases: cases, words: words})
	test.Type(d.Queue.search, "mallory")
	segs := d.Queue.row(d.Queue.cases[0])
	var bold []string
	for _, s := range segs {
		if ts, ok := s.(*widget.TextSegment); ok && ts.Style.TextStyle.Bold && ts.Style.ColorName == theme.ColorNamePrimary {
			bold = append(bold, ts.Text)
		}
	}
	// The target is not in the row: it is added, with the match marked in
	// one run.
	if len(bold) != 1 || bold[0] != "mallory" || !strings.Contains(richText(segs), "target: mallory@example.net") {
		t.Errorf("highlighted %q in %q", bold, richText(segs))
	}
	// A word of the order's text finds its case.
	d.Queue.search.SetText("cell site")
	if len(d.Queue.cases) != 1 || d.Queue.cases[0].ID != cases[0].ID || !strings.Contains(richText(d.Queue.row(d.Queue.cases[0])), "in the text: cell site") {
		t.Fatalf("text search: %d cases", len(d.Queue.cases))
	}
	// Enter opens the first result, the keyboard in the list.
	w.Canvas().Focus(d.Queue.search)
	d.Queue.search.TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn})
	if d.Case.Case() == nil || d.Case.Case().ID != cases[0].ID || w.Canvas().Focused() != d.Queue.list {
		t.Errorf("Enter did not reach the results: focus %T", w.Canvas().Focused())
	}
	// Tab goes from the search box to the list, past the filter.
	w.Canvas().Focus(d.Queue.search)
	test.FocusNext(w.Canvas())
	test.FocusNext(w.Canvas())
	if w.Canvas().Focused() != d.Queue.list {
		t.Errorf("Tab from the search box reaches %T, not the list", w.Canvas().Focused())
	}
}

func richText(segs []widget.RichTextSegment) string {
	var b strings.Builder
	for _, s := range segs {
		b.WriteString(s.Textual())
	}
	return b.String()
}

func TestQueue_CountdownRedUnder24Hours(t *testing.T) {
	test.NewTempApp(t)
	q := NewQueue(QueueParams{Cases: fakeStore{}, Run: inline, Now: func() time.Time { return now }})
	red := func(c *app.Case) bool {
		for _, s := range q.row(c) {
			if ts, ok := s.(*widget.TextSegment); ok && ts.Style.ColorName == theme.ColorNameError && strings.Contains(ts.Text, "due") || strings.Contains(s.Textual(), "overdue") {
				return true
			}
		}
		return false
	}
	for deadline, want := range map[string]bool{"2025-06-09": true, "2025-06-08": true, "2025-06-10": false, "2025-06-20": false} {
		c := sampleCase("1", app.SearchWarrant, deadline, false, app.StatusNew)
		if got := red(c); got != want {
			t.Errorf("deadline %s at %s: red %v, want %v (%q)", deadline, now, got, want, richText(q.row(c)))
		}
	}
}

func TestDesk_FindInTheText(t *testing.T) {
	store := &memStore{cases: deskCases()}
	d, _ := showDesk(t, store)
	v := open(t, d, "2:25-mj-00002")
	test.Type(v.text.find, "case no")
	if len(v.text.hits) != 1 || v.text.hits[0].page != 1 || v.text.hits[0].line != "Case No. 2:25-mj-00002" {
		t.Fatalf("hits %+v", v.text.hits)
	}
	if !strings.Contains(v.text.status.Text, "1 line") {
		t.Errorf("status %q", v.text.status.Text)
	}
	v.text.find.SetText("subpoena")
	if len(v.text.hits) != 0 || !strings.Contains(v.text.status.Text, "not in the text") {
		t.Errorf("hits %+v, status %q", v.text.hits, v.text.status.Text)
	}
	// The order's text is read-only: no text box holds it.
	for _, o := range test.LaidOutObjects(v.text.root) {
		if e, ok := o.(*keyEntry); ok && e != v.text.find {
			t.Error("the order's text is in an editable box")
		}
	}
}

func TestDesk_FitsALaptopScreenAndBothThemesAreReadable(t *testing.T) {
	store := &memStore{cases: deskCases()}
	d, _ := showDesk(t, store)
	open(t, d, "2:25-mj-00002")
	// 1280×800 at scale 1; a 4K screen at Fyne's scale 2 gives 1920×1080;
	// the laptop at Fyne scale 1.5 has 853×533 units.
	if m := d.Content().MinSize(); m.Width > 853 || m.Height > 533 {
		t.Errorf("the desk needs %v, more than a 1280×800 screen at scale 1.5", m)
	}
	for _, variant := range []fyne.ThemeVariant{theme.VariantLight, theme.VariantDark} {
		th := theme.DefaultTheme()
		bg := th.Color(theme.ColorNameBackground, variant)
		for _, name := range []fyne.ThemeColorName{theme.ColorNameForeground, theme.ColorNameError, theme.ColorNamePrimary} {
			if r := contrast(th.Color(name, variant), bg); r < 3 {
				t.Errorf("variant %d: %s on the background has contrast %.1f, below 3:1", variant, name, r)
			}
		}
	}
}

// contrast is the WCAG contrast ratio of two colours.
func contrast(a, b color.Color) float64 {
	lum := func(c color.Color) float64 {
		r, g, bl, _ := c.RGBA()
		ch := func(v uint32) float64 {
			x := float64(v) / 0xffff
			if x <= 0.03928 {
				return x / 12.92
			}
			return math.Pow((x+0.055)/1.055, 2.4)
		}
		return 0.2126*ch(r) + 0.7152*ch(g) + 0.0722*ch(bl)
	}
	la, lb := lum(a), lum(b)
	if la < lb {
		la, lb = lb, la
	}
	return (la + 0.05) / (lb + 0.05)
}

func TestStatsAndSettingsViews(t *testing.T) {
	cases := deskCases()
	cases[0].Decide(app.Decision{Outcome: app.Comply, Reviewer: "R", DecidedAt: now})
	store := &memStore{cases: cases}
	test.NewTempApp(t)
	s := NewStatsView(StatsViewParams{Source: service(store), Run: inline, Now: func() time.Time { return now }})
	w := test.NewTempWindow(t, s.Content())
	w.Resize(fyne.NewSize(640, 600))
	s.Refresh()
	if !strings.Contains(s.chart.Objects[0].(*widget.Label).Text, "1 order decided") || !strings.Contains(s.table.Text, "search warrant") || strings.Contains(s.table.Text, "search_warrant") {
		t.Errorf("stats: %q / %q", s.chart.Objects[0].(*widget.Label).Text, s.table.Text)
	}
	test.AssertRendersToMarkup(t, "stats/year.xml", w.Canvas())
	var saved app.Settings
	f := NewSettingsForm(SettingsFormParams{Service: service(store), Run: inline, DefaultMemoFolder: "/home/r/Documents/WarrantDesk memos", OnSaved: func(s app.Settings) { saved = s }})
	f.domains.SetText("Acme.com\n@example.org, acme.com")
	f.names.SetText("Example Mail Inc.")
	f.reviewers.SetText("Ana Lima\n ana lima \nB. Ortiz")
	test.Tap(f.saveButton)
	if !reflect.DeepEqual(saved.EnterpriseDomains, []string{"acme.com", "example.org"}) || store.settings.ProviderNames[0] != "Example Mail Inc." || !reflect.DeepEqual(store.settings.Reviewers, []string{"Ana Lima", "B. Ortiz"}) {
		t.Errorf("settings saved %+v", store.settings)
	}
	// Hints say what goes in a box; none looks like a value entered.
	if f.domains.PlaceHolder == "" || strings.Contains(f.domains.PlaceHolder, "acme") || strings.Contains(f.state.PlaceHolder, "CA") {
		t.Errorf("placeholders %q %q", f.domains.PlaceHolder, f.state.PlaceHolder)
	}
	f.memoFolder.SetText("memos")
	test.Tap(f.saveButton)
	if !strings.Contains(f.status.Text, "full path") {
		t.Errorf("a relative memo folder: %q", f.status.Text)
	}
}

// editButtons counts the correction buttons in the Fields tab.
func editButtons(v *CaseView) int {
	n := 0
	for _, o := range test.LaidOutObjects(v.fields.root) {
		if b, ok := o.(*widget.Button); ok && b.Icon == theme.DocumentCreateIcon() {
			n++
		}
	}
	return n
}

// textOf is a button's label, for finding one among the case's actions.
func textOf(o fyne.CanvasObject) string {
	if b, ok := o.(*widget.Button); ok {
		return b.Text
	}
	return ""
}
