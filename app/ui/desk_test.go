package ui

import (
	"context"
	"strings"
	"sync"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"github.com/warrantdesk/warrantdesk/app"
)

// memStore is an in-memory DeskStore for screen tests.
type memStore struct {
	mu    sync.Mutex
	cases []*app.Case
	saved []*app.Case
}

func (m *memStore) Cases(context.Context) ([]*app.Case, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	return append([]*app.Case{}, m.cases...), nil
}

func (m *memStore) Pages(context.Context, string) ([]app.PageText, error) {
	return []app.PageText{{Number: 1, Text: "SEARCH AND SEIZURE WARRANT\nCase No. 2:25-mj-00002", Source: app.SourceText}}, nil
}

func (m *memStore) UpdateCase(_ context.Context, c *app.Case) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	cp := *c
	m.saved = append(m.saved, &cp)
	return nil
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

func showDesk(t *testing.T, store *memStore) (*Desk, fyne.Window) {
	t.Helper()
	test.NewTempApp(t)
	d := NewDesk(store, nil, inline, func() time.Time { return now }, "R. Reviewer")
	w := test.NewTempWindow(t, d.Content())
	w.Resize(fyne.NewSize(1280, 800))
	d.Queue.Refresh()
	return d, w
}

func TestDesk_SearchFindsATargetAsYouType(t *testing.T) {
	d, w := showDesk(t, &memStore{cases: deskCases()})
	test.Type(d.Queue.search, "mallory")
	if len(d.Queue.cases) != 1 || d.Queue.cases[0].CaseNumber() != "NSL-25-000001" {
		t.Fatalf("search shows %d cases", len(d.Queue.cases))
	}
	if !strings.Contains(d.Queue.status.Text, `1 of 2 cases match "mallory"`) {
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
	d.Queue.list.Select(0)
	v := d.Case
	if !strings.Contains(v.title.Text, "2:25-mj-00002") {
		t.Fatalf("title %q", v.title.Text)
	}
	if !strings.Contains(v.text.Text, "SEARCH AND SEIZURE WARRANT") {
		t.Errorf("text not loaded: %q", v.text.Text)
	}
	// The uncertain judge stands out, and tapping it shows its evidence.
	var judge *widget.Button
	for _, it := range v.fields.Items {
		if it.Text == "Judge" {
			judge = it.Widget.(*widget.Button)
		}
	}
	if judge == nil || !strings.HasPrefix(judge.Text, "⚠ Jane Q. Smith") || judge.Importance != widget.WarningImportance {
		t.Fatalf("judge field %+v", judge)
	}
	test.Tap(judge)
	if !strings.Contains(v.evidence.Text, "page 1, confidence 50%") || !strings.Contains(v.evidence.Text, "Printed name and title: Jane Q. Smith") {
		t.Errorf("evidence %q", v.evidence.Text)
	}
	test.AssertRendersToMarkup(t, "desk/case.xml", w.Canvas())
}

func TestDesk_DecideRecordsWhoAndWhen(t *testing.T) {
	store := &memStore{cases: deskCases()}
	d, _ := showDesk(t, store)
	d.Queue.list.Select(0)
	v := d.Case
	test.Tap(v.save)
	if v.status.Text != "Choose a decision first." || len(store.saved) != 0 {
		t.Fatalf("saved without a decision: %q", v.status.Text)
	}
	v.decision.SetSelected("narrow")
	test.Type(v.grounds, "overbroad date range; no content without a warrant")
	test.Type(v.note, "Produce subscriber records only.")
	test.Tap(v.save)
	if len(store.saved) != 1 {
		t.Fatalf("%d saves", len(store.saved))
	}
	c := store.saved[0]
	if c.Status != app.StatusDecided || c.Decision.Outcome != app.Narrow || c.Decision.Reviewer != "R. Reviewer" || len(c.Decision.Grounds) != 2 || !c.Decision.DecidedAt.Equal(now) {
		t.Errorf("decision %+v", c.Decision)
	}
	if n := len(c.History); n == 0 || c.History[n-1].Action != "decided" || c.History[n-1].Actor != "R. Reviewer" {
		t.Errorf("history %+v", c.History)
	}
	if !strings.HasPrefix(v.status.Text, "Saved: narrow by R. Reviewer") {
		t.Errorf("status %q", v.status.Text)
	}
	// Save & next moves to the next open case.
	v.decision.SetSelected("comply")
	test.Tap(v.saveNext)
	if !strings.Contains(v.title.Text, "NSL-25-000001") {
		t.Errorf("Save & next showed %q", v.title.Text)
	}
}

func TestDesk_Filters(t *testing.T) {
	cases := deskCases()
	cases[1].Status = app.StatusDecided
	d, _ := showDesk(t, &memStore{cases: cases})
	for filter, want := range map[string]int{FilterOpen: 1, FilterDecided: 1, FilterAll: 2, string(app.NSL): 1, string(app.WiretapOrder): 0} {
		d.Queue.filter.SetSelected(filter)
		if len(d.Queue.cases) != want {
			t.Errorf("filter %q shows %d cases, want %d", filter, len(d.Queue.cases), want)
		}
	}
}

func TestImportPane_ProgressOutcomesAndCancel(t *testing.T) {
	test.NewTempApp(t)
	done := 0
	var gotCtx context.Context
	fake := func(ctx context.Context, paths []string, progress func(int, int, ImportResult)) {
		gotCtx = ctx
		progress(1, 2, ImportResult{File: "a.pdf", Result: "new case 3fa8ee16"})
		progress(2, 2, ImportResult{File: "b.pdf", Result: "could not read PDF: gave up after 10 s", Failed: true})
	}
	p := NewImportPane(fake, inline, func() { done++ })
	w := test.NewTempWindow(t, p.Content())
	w.Resize(fyne.NewSize(600, 300))
	p.Start([]string{"/orders"})
	if done != 1 || p.bar.Value != 1 || !strings.Contains(p.count.Text, "Done: 2 files, 1 could not be imported") {
		t.Errorf("after import: done %d, bar %v, count %q", done, p.bar.Value, p.count.Text)
	}
	if !strings.Contains(p.log.Text, "b.pdf: could not read PDF: gave up after 10 s") {
		t.Errorf("log %q", p.log.Text)
	}
	test.AssertRendersToMarkup(t, "import/done.xml", w.Canvas())
	if gotCtx.Err() == nil {
		t.Error("the import's context was not released")
	}
}
