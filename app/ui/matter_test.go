package ui

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"github.com/warrantdesk/warrantdesk/app"
	"github.com/warrantdesk/warrantdesk/app/casework"
	"github.com/warrantdesk/warrantdesk/app/memo"
	"github.com/warrantdesk/warrantdesk/assets"
)

// matterMem is memStore with what matters add: files by ID and the
// matter settings.
type matterMem struct {
	memStore
	fmu   sync.Mutex
	files map[string][]byte
	ms    app.MatterSettings
}

func (m *matterMem) SaveCaseFile(ctx context.Context, c *app.Case, id string, data []byte) error {
	m.fmu.Lock()
	if m.files == nil {
		m.files = map[string][]byte{}
	}
	m.files[id] = data
	m.fmu.Unlock()
	return m.UpdateCase(ctx, c)
}

func (m *matterMem) CaseFile(_ context.Context, id string) ([]byte, error) {
	m.fmu.Lock()
	defer m.fmu.Unlock()
	if b, ok := m.files[id]; ok {
		return b, nil
	}
	return nil, app.Errorf(app.ENOTFOUND, "no file %s", id)
}

func (m *matterMem) PurgeCase(ctx context.Context, c *app.Case, _ []string) error {
	return m.UpdateCase(ctx, c)
}

func (m *matterMem) MatterSettings(context.Context) (app.MatterSettings, error) { return m.ms, nil }

func (m *matterMem) SaveMatterSettings(_ context.Context, s app.MatterSettings) error {
	m.ms = s
	return nil
}

// matterCases are a preservation and, three weeks later, the warrant for
// the same account, with fixed IDs so the screens render the same.
func matterCases() []*app.Case {
	pres := sampleCase("2025-FBI-000123", app.Preservation2703f, "", false, app.StatusNew)
	pres.ID = "aaaa1111000000000000000000000001"
	pres.Order.ImportedAt = now.AddDate(0, 0, -21)
	pres.Order.Extraction.Fields[app.FieldJurisdiction] = app.Field{Value: "US-federal"}
	w := sampleCase("2:25-mj-00042", app.SearchWarrant, "2025-06-20", false, app.StatusNew)
	w.ID = "bbbb2222000000000000000000000002"
	w.Order.ImportedAt = now.Add(-2 * time.Hour)
	w.Order.Extraction.Fields[app.FieldJurisdiction] = app.Field{Value: "US-federal"}
	w.Order.Extraction.Prior = []app.PriorRef{{Kind: app.PriorPreservation, Numbers: []string{"2025-FBI-000123"}, Page: 1, Snippet: "preserved under 18 U.S.C. § 2703(f)"}}
	return []*app.Case{pres, w}
}

func showMatter(t *testing.T, store *matterMem) (*MatterView, *casework.Service, fyne.Window) {
	t.Helper()
	test.NewTempApp(t)
	s := casework.New(casework.Params{Store: store, Now: func() time.Time { return now }, Letters: assets.LetterTemplate,
		MemoFonts: memoFonts()})
	v := NewMatterView(MatterViewParams{Service: s, Run: inline, Now: func() time.Time { return now }, Reviewer: "R. Reviewer", Local: time.UTC})
	w := test.NewTempWindow(t, v.Content())
	w.Resize(fyne.NewSize(900, 1000))
	return v, s, w
}

func TestMatterView_ProposesTheLinkAndConfirmsIt(t *testing.T) {
	store := &matterMem{memStore: memStore{cases: matterCases()}}
	v, s, w := showMatter(t, store)
	v.Show("bbbb2222000000000000000000000002")
	if !strings.Contains(v.title.Text, "Matter bbbb2222 — 1 case(s), open") || len(v.proposals.Objects) != 1 {
		t.Fatalf("title %q, %d proposals", v.title.Text, len(v.proposals.Objects))
	}
	test.AssertRendersToMarkup(t, "matter/proposed.xml", w.Canvas())
	test.Tap(findButton(v.proposals, "Link"))
	m, _ := s.Matter(context.Background(), "aaaa1111000000000000000000000001")
	if len(m.Cases) != 2 || m.Governing != "bbbb2222000000000000000000000002" {
		t.Fatalf("after Link: %d cases, governing %s", len(m.Cases), m.Governing)
	}
	if !strings.Contains(v.title.Text, "2 case(s)") || !strings.Contains(v.status.Text, "Linked") || !strings.Contains(v.timeline.Text, "linked") {
		t.Errorf("after Link: %q %q", v.title.Text, v.status.Text)
	}
	test.AssertRendersToMarkup(t, "matter/linked.xml", w.Canvas())
}

func TestMatterView_PausesAndResumesTheClock(t *testing.T) {
	store := &matterMem{memStore: memStore{cases: matterCases()}}
	v, _, w := showMatter(t, store)
	v.Show("bbbb2222000000000000000000000002")
	if v.pause.Disabled() || !v.resume.Disabled() {
		t.Fatalf("a running clock: pause %v, resume %v", v.pause.Disabled(), v.resume.Disabled())
	}
	test.Tap(v.pause)
	if !strings.Contains(v.status.Text, "say why the clock pauses") {
		t.Errorf("a pause without a reason: %q", v.status.Text)
	}
	test.Type(v.pauseReason, "clarification asked")
	test.Tap(v.pause)
	if !strings.Contains(v.caseClock.Text, "paused since") || !v.pause.Disabled() || v.resume.Disabled() {
		t.Fatalf("after Pause: %q", v.caseClock.Text)
	}
	test.AssertRendersToMarkup(t, "matter/paused.xml", w.Canvas())
	test.Tap(v.resume)
	if !strings.Contains(v.caseClock.Text, "running") || !strings.Contains(v.caseClock.Text, "R. Reviewer resume") {
		t.Errorf("after Resume: %q", v.caseClock.Text)
	}
	// A hold can be extended, not paused.
	v.Show("aaaa1111000000000000000000000001")
	if !v.pause.Disabled() || v.extend.Disabled() {
		t.Errorf("a hold: pause %v, extend %v", v.pause.Disabled(), v.extend.Disabled())
	}
}

func TestMatterView_WritesALetterAndLogsAFile(t *testing.T) {
	cases := matterCases()
	cases[1].Decide(app.Decision{Outcome: app.Comply, Reviewer: "R", DecidedAt: now})
	store := &matterMem{memStore: memStore{cases: cases}}
	v, s, _ := showMatter(t, store)
	dir := t.TempDir()
	letter := filepath.Join(dir, "letter.pdf")
	v.OnSaveFile = func(name string, done func(string)) {
		if name != "production-2-25-mj-00042-bbbb2222.pdf" {
			t.Errorf("suggested %q", name)
		}
		done(letter)
	}
	mail := filepath.Join(dir, "answer.eml")
	os.WriteFile(mail, []byte("Subject: Re: records\r\nDate: Mon, 9 Jun 2025 11:00:00 +0000\r\n\r\nThanks.\r\n"), 0o600)
	v.OnPickFile = func(done func(string)) { done(mail) }
	v.Show("bbbb2222000000000000000000000002")
	v.letterKind.SetSelected(string(app.LetterNonExecution))
	if !v.writeLetter.Disabled() || !strings.Contains(v.letterWhy.Text, "Annex III form answers an EPOC") {
		t.Errorf("a form for a warrant: %v %q", v.writeLetter.Disabled(), v.letterWhy.Text)
	}
	v.letterKind.SetSelected(string(app.LetterProduction))
	if v.writeLetter.Disabled() {
		t.Fatalf("production letter disabled: %q", v.letterWhy.Text)
	}
	test.Tap(v.writeLetter)
	if b, err := os.ReadFile(letter); err != nil || !strings.HasPrefix(string(b), "%PDF-") {
		t.Fatalf("no letter written: %v (%s)", err, v.status.Text)
	}
	test.Tap(v.logFile)
	m, _ := s.Matter(context.Background(), "bbbb2222000000000000000000000002")
	if len(m.Items) != 2 || m.Items[1].Subject != "Re: records" && m.Items[0].Subject != "Re: records" || len(v.items.Objects) != 2 {
		t.Errorf("logged %+v, shown %d", m.Items, len(v.items.Objects))
	}
}

func TestMatterSettingsForm_SavesOrSaysWhy(t *testing.T) {
	test.NewTempApp(t)
	store := &matterMem{}
	s := casework.New(casework.Params{Store: store, Now: func() time.Time { return now }})
	f := NewMatterSettingsForm(MatterSettingsFormParams{Service: s, Run: inline})
	w := test.NewTempWindow(t, f.Content())
	w.Resize(fyne.NewSize(800, 1100))
	test.Type(f.emergencyHours, "2")
	test.Type(f.contentDays, "45")
	test.Type(f.recordDays, "3650")
	test.Type(f.sender["organisation"], "Example Mail Inc.")
	test.Type(f.contacts, "Acme Corp. | @Acme.com | Jordan Legal | legal@acme.example")
	test.Tap(f.save)
	if f.status.Text != "Saved." || store.ms.Clocks.EmergencyHours != 2 || store.ms.Retention.RecordDays != 3650 || store.ms.LegalContacts[0].Domains[0] != "acme.com" {
		t.Fatalf("saved %+v: %q", store.ms, f.status.Text)
	}
	test.AssertRendersToMarkup(t, "matter/settings.xml", w.Canvas())
	f.recordDays.SetText("30")
	test.Tap(f.save)
	if !strings.HasPrefix(f.status.Text, "Not saved: the decision record") || store.ms.Retention.RecordDays != 3650 {
		t.Errorf("a record kept shorter than the content: %q", f.status.Text)
	}
	f.routineDays.SetText("two weeks")
	test.Tap(f.save)
	if !strings.Contains(f.status.Text, "whole numbers") {
		t.Errorf("words for a number: %q", f.status.Text)
	}
}

type notes struct{ sent []*fyne.Notification }

func (n *notes) SendNotification(x *fyne.Notification) { n.sent = append(n.sent, x) }

// An emergency that arrives raises a desktop notification that says how
// long is left, and nothing of the case.
func TestNotifyEmergencies(t *testing.T) {
	test.NewTempApp(t)
	em := sampleCase("2025-000003", app.EmergencyRequest, "", true, app.StatusNew)
	em.Order.ImportedAt = now
	em.Order.Extraction.Targets = []app.Target{{Kind: app.TargetEmail, Value: "victim@example.com"}}
	routine := sampleCase("2:25-mj-00002", app.SearchWarrant, "2025-06-20", false, app.StatusNew)
	store := &matterMem{memStore: memStore{cases: []*app.Case{em, routine}}}
	s := casework.New(casework.Params{Store: store, Now: func() time.Time { return now }})
	n := &notes{}
	NotifyEmergencies(n, s, []string{routine.ID, em.ID})
	if len(n.sent) != 1 {
		t.Fatalf("%d notifications", len(n.sent))
	}
	body := n.sent[0].Content
	if !strings.Contains(body, "answer by") || !strings.Contains(body, "3h 0m left") || strings.Contains(body, "2025-000003") || strings.Contains(body, "victim") {
		t.Errorf("notification %q", body)
	}
}

// findButton finds the button labelled text under o.
func findButton(o fyne.CanvasObject, text string) *widget.Button {
	switch x := o.(type) {
	case *widget.Button:
		if x.Text == text {
			return x
		}
	case *fyne.Container:
		for _, c := range x.Objects {
			if b := findButton(c, text); b != nil {
				return b
			}
		}
	}
	return nil
}

func memoFonts() memo.Fonts {
	return memo.Fonts{Regular: assets.FontRegular, Bold: assets.FontBold, Fallback: assets.FontFallback}
}
