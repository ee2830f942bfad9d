package ui

import (
	"context"
	"image/color"
	"math"
	"os"
	"path/filepath"
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
	"github.com/warrantdesk/warrantdesk/app/extract"
	"github.com/warrantdesk/warrantdesk/app/intake"
	"github.com/warrantdesk/warrantdesk/app/pdftext"
	"github.com/warrantdesk/warrantdesk/app/sampleorders"
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
	settings app.Settings
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
		if k.Order.SHA256 == c.Order.SHA256 {
			return &app.Error{Code: app.ECONFLICT, Message: "already imported", Err: &app.DuplicateError{CaseID: k.ID}}
		}
	}
	if m.pdfs == nil {
		m.pdfs, m.pages = map[string][]byte{}, map[string][]app.PageText{}
	}
	cp := *c
	m.cases = append(m.cases, &cp)
	m.pdfs[c.ID], m.pages[c.ID] = original, pages
	return nil
}

func (m *memStore) Close() error { return nil }

func (m *memStore) Pages(_ context.Context, id string) ([]app.PageText, error) {
	if p, ok := m.pages[id]; ok {
		return p, nil
	}
	return []app.PageText{{Number: 1, Text: "SEARCH AND SEIZURE WARRANT\nCase No. 2:25-mj-00002", Source: app.SourceText}}, nil
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
	return casework.New(casework.Params{Store: store, Now: func() time.Time { return now }})
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
	d := NewDesk(DeskParams{Service: service(store), Run: inline, Now: func() time.Time { return now }, Reviewer: "R. Reviewer"})
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
	judge := fieldButton(v, "Judge")
	if judge == nil || !strings.HasPrefix(judge.Text, "⚠ Jane Q. Smith") || judge.Importance != widget.WarningImportance {
		t.Fatalf("judge field %+v", judge)
	}
	test.Tap(judge)
	if !strings.Contains(v.evidence.Text, "page 1, confidence 50%") || !strings.Contains(v.evidence.Text, "Printed name and title: Jane Q. Smith") {
		t.Errorf("evidence %q", v.evidence.Text)
	}
	// Without an original the page view says so rather than hanging.
	if !strings.Contains(v.Page.label.Text, "not available") {
		t.Errorf("page label %q", v.Page.label.Text)
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
	v.grounds.SetSelected([]string{app.GroundWarrant})
	test.Type(v.more, "date range wider than the investigation")
	test.Type(v.note, "Produce subscriber records only.")
	test.Tap(v.save)
	if len(store.saved) != 1 {
		t.Fatalf("%d saves", len(store.saved))
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
	var created []string
	fake := importerFunc(func(ctx context.Context, progress func(int, int, app.ImportOutcome)) {
		gotCtx = ctx
		progress(1, 2, app.ImportOutcome{File: "a.pdf", CaseIDs: []string{"3fa8ee16aaaabbbbccccddddeeeeffff"}})
		progress(2, 2, app.ImportOutcome{File: "b.pdf", Err: app.Errorf(app.EUNREADABLE, "could not read PDF: gave up after 10 s")})
	})
	p := NewImportPane(ImportPaneParams{Importer: fake, Run: inline, OnDone: func(ids []string) { done++; created = ids }})
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
	if len(created) != 1 || created[0] != "3fa8ee16aaaabbbbccccddddeeeeffff" {
		t.Errorf("the pane reported new cases %q", created)
	}
}

func TestImportPane_OCRMissing_SaidOnceWithTheInstallCommand(t *testing.T) {
	test.NewTempApp(t)
	missing := &app.Error{Code: app.EINVALID, Message: "OCR needs Tesseract; install it with: sudo apt-get install tesseract-ocr"}
	scan := func(file string) app.ImportOutcome {
		return app.ImportOutcome{File: file, CaseIDs: []string{"3fa8ee16aaaabbbbccccddddeeeeffff"}, NeedsOCR: true, OCRMissing: missing}
	}
	fake := importerFunc(func(_ context.Context, progress func(int, int, app.ImportOutcome)) {
		progress(1, 2, scan("a.pdf"))
		progress(2, 2, scan("b.pdf"))
	})
	p := NewImportPane(ImportPaneParams{Importer: fake, Run: inline})
	test.NewTempWindow(t, p.Content())
	if p.ocrMissing.Visible() {
		t.Fatal("the OCR notice shows before any scan came in")
	}
	p.Start([]string{"/scans"})
	p.Start([]string{"/more-scans"}) // a second import in the same session
	if !p.ocrMissing.Visible() || strings.Count(p.ocrMissing.Text, "sudo apt-get install tesseract-ocr") != 1 {
		t.Fatalf("OCR notice %q (visible %v)", p.ocrMissing.Text, p.ocrMissing.Visible())
	}
	// Each file's own line stays short: the command is said once, above.
	if strings.Contains(p.log.Text, "apt-get") || strings.Count(p.log.Text, "(needs OCR)") != 2 {
		t.Errorf("log %q", p.log.Text)
	}
}

// importerFunc is an Importer that reports what a test makes up.
type importerFunc func(ctx context.Context, progress func(int, int, app.ImportOutcome))

func (f importerFunc) Import(ctx context.Context, _ []string, _ casework.ImportOptions, progress func(int, int, app.ImportOutcome)) []app.ImportOutcome {
	f(ctx, progress)
	return nil
}

// fieldButton finds the value button of a field row in the case view.
func fieldButton(v *CaseView, label string) *widget.Button {
	for _, it := range v.fields.Items {
		if it.Text != label {
			continue
		}
		for _, o := range it.Widget.(*fyne.Container).Objects {
			if b, ok := o.(*widget.Button); ok && b.Text != "" {
				return b
			}
		}
	}
	return nil
}

func TestDesk_PerTargetDecisionsAndDelayedNotice(t *testing.T) {
	cases := deskCases()
	n := cases[1]
	until := "2026-06-01"
	n.Order.Extraction.Targets = append(n.Order.Extraction.Targets, app.Target{Kind: app.TargetPhone, Value: "+15555550100", Page: 2})
	n.Order.Extraction.Nondisclosure = app.Nondisclosure{Ordered: true, Until: &until}
	store := &memStore{cases: cases}
	d, _ := showDesk(t, store)
	d.Queue.list.Select(1)
	v := d.Case
	// The gag's end is suggested as the date notice may be given.
	if v.notice.Selected != noticeLabels[app.NoticeDelayed] || v.noticeAfter.Text != until {
		t.Fatalf("notice %q after %q", v.notice.Selected, v.noticeAfter.Text)
	}
	v.decision.SetSelected("comply")
	if !v.targets[0].Checked || !v.targets[1].Checked {
		t.Fatal("comply does not produce for every target by default")
	}
	test.Tap(v.targets[1]) // the phone number is not the subscriber's: withhold it
	v.decision.SetSelected("narrow")
	if v.targets[1].Checked {
		t.Error("changing the outcome overrode the reviewer's per-target choice")
	}
	test.Tap(v.save)
	got := store.last().Decision
	want := []app.TargetDecision{{Target: "mallory@example.net", Produce: true}, {Target: "+15555550100", Produce: false}}
	if !reflect.DeepEqual(got.Targets, want) || got.Notice != app.NoticeDelayed || got.NoticeAfter != until {
		t.Errorf("decision %+v", got)
	}
	v.noticeAfter.SetText("June 1")
	test.Tap(v.save)
	if !strings.Contains(v.status.Text, "YYYY-MM-DD") {
		t.Errorf("a bad date was accepted: %q", v.status.Text)
	}
}

func TestDesk_CorrectionKeptBesideTheExtractedValue(t *testing.T) {
	store := &memStore{cases: deskCases()}
	d, w := showDesk(t, store)
	d.Queue.list.Select(0)
	v := d.Case
	test.Tap(fieldButton(v, "Judge"))
	v.EditSelected()
	if !v.editBox.Visible() || v.editText.Text != "Jane Q. Smith" {
		t.Fatalf("editor visible %v with %q", v.editBox.Visible(), v.editText.Text)
	}
	v.editText.SetText("Jane Q. Smithers")
	test.Type(v.editText, "\n")
	v.saveCorrection(v.editText.Text)
	c := store.last()
	k := c.Corrections[app.FieldJudge]
	if k.Value != "Jane Q. Smithers" || k.Extracted != "Jane Q. Smith" || k.By != "R. Reviewer" || c.Order.Extraction.Field(app.FieldJudge) != "Jane Q. Smith" {
		t.Fatalf("correction %+v, extraction %q", k, c.Order.Extraction.Field(app.FieldJudge))
	}
	if c.Status != app.StatusInReview || c.History[len(c.History)-1].Action != "corrected" {
		t.Errorf("status %s, history %+v", c.Status, c.History)
	}
	if b := fieldButton(v, "Judge"); b == nil || !strings.Contains(b.Text, "✎ Jane Q. Smithers") || !strings.Contains(b.Text, "read: Jane Q. Smith") {
		t.Errorf("judge row %+v", b)
	}
	test.AssertRendersToMarkup(t, "desk/corrected.xml", w.Canvas())
	// A date that is not a date is refused, and nothing is stored.
	saves := len(store.saved)
	v.editField(app.FieldDeadline)
	v.saveCorrection("next Friday")
	if len(store.saved) != saves || !strings.Contains(v.editHint.Text, "YYYY-MM-DD") {
		t.Errorf("bad date: %d saves, hint %q", len(store.saved)-saves, v.editHint.Text)
	}
	// Going back to the extracted value removes the correction.
	v.editField(app.FieldJudge)
	v.saveCorrection("")
	if _, ok := store.last().Corrections[app.FieldJudge]; ok {
		t.Error("the correction was not removed")
	}
}

func TestDesk_DraftKeptWhenMovingOnOrClosing(t *testing.T) {
	store := &memStore{cases: deskCases()}
	d, _ := showDesk(t, store)
	d.Queue.list.Select(0)
	v := d.Case
	// Opening and leaving a case without writing anything stores nothing.
	d.Queue.list.Select(1)
	if len(store.saved) != 0 {
		t.Fatalf("%d saves without a change", len(store.saved))
	}
	v.decision.SetSelected("clarify")
	test.Type(v.note, "Ask which account is meant.")
	d.Queue.list.Select(0)
	c := store.last()
	if c == nil || c.Draft == nil || c.Draft.Outcome != app.Clarify || c.Draft.Note != "Ask which account is meant." || c.Status != app.StatusInReview || c.Decision != nil {
		t.Fatalf("draft not kept: %+v", c)
	}
	// Coming back shows the draft.
	d.Queue.list.Select(1)
	if v.decision.Selected != "clarify" || v.note.Text != "Ask which account is meant." {
		t.Errorf("draft not shown: %q %q", v.decision.Selected, v.note.Text)
	}
	// Closing the window (its close intercept) keeps what is being written.
	v.note.SetText(v.note.Text + " Then decide.")
	closed := false
	v.KeepDraft(func() { closed = true })
	if !closed || !strings.HasSuffix(store.last().Draft.Note, "Then decide.") {
		t.Errorf("closing lost the draft: closed %v, %+v", closed, store.last().Draft)
	}
}

func TestDesk_SearchHighlightsMatchedCharacters(t *testing.T) {
	d, _ := showDesk(t, &memStore{cases: deskCases()})
	test.Type(d.Queue.search, "mallory")
	segs := d.Queue.row(d.Queue.cases[0])
	var bold []string
	for _, s := range segs {
		if ts, ok := s.(*widget.TextSegment); ok && ts.Style.TextStyle.Bold && ts.Style.ColorName == theme.ColorNamePrimary {
			bold = append(bold, ts.Text)
		}
	}
	// The target is not in the row: it is added, with the match marked.
	if strings.Join(bold, "") != "mallory" || !strings.Contains(richText(segs), "target: mallory@example.net") {
		t.Errorf("highlighted %q in %q", bold, richText(segs))
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
	d.Queue.list.Select(0)
	v := d.Case
	test.Type(v.find, "case no")
	if len(v.hits) != 1 || v.hits[0].page != 1 || v.hits[0].line != "Case No. 2:25-mj-00002" {
		t.Fatalf("hits %+v", v.hits)
	}
	if !strings.Contains(v.findStatus.Text, "1 line") {
		t.Errorf("status %q", v.findStatus.Text)
	}
	v.find.SetText("subpoena")
	if len(v.hits) != 0 || !strings.Contains(v.findStatus.Text, "not in the text") {
		t.Errorf("hits %+v, status %q", v.hits, v.findStatus.Text)
	}
}

func TestDesk_FitsALaptopScreenAndBothThemesAreReadable(t *testing.T) {
	store := &memStore{cases: deskCases()}
	d, _ := showDesk(t, store)
	d.Queue.list.Select(0)
	// 1280×800 at scale 1; a 4K screen at Fyne's scale 2 gives 1920×1080.
	if m := d.Content().MinSize(); m.Width > 1280 || m.Height > 800 {
		t.Errorf("the desk needs %v, more than a 1280×800 screen", m)
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

func TestDesk_ChecksShownAndGroundsSuggested(t *testing.T) {
	cases := deskCases()
	cases[1].Order.Extraction.Targets[0].Value = "cfo@acme.com"
	store := &memStore{cases: cases, settings: app.Settings{EnterpriseDomains: []string{"acme.com"}}}
	d, _ := showDesk(t, store)
	d.Queue.list.Select(1)
	v := d.Case
	if !strings.Contains(v.checks.Text, "cfo@acme.com belongs to an enterprise customer") {
		t.Fatalf("checks %q", v.checks.Text)
	}
	if !slices.Contains(v.grounds.Selected, app.GroundEnterprise) {
		t.Errorf("suggested grounds %q", v.grounds.Selected)
	}
	// A suggestion is not a change: leaving the case stores no draft.
	d.Queue.list.Select(0)
	if len(store.saved) != 0 {
		t.Errorf("suggesting grounds saved a draft: %+v", store.last().Draft)
	}
	// Export memo asks for a decision first.
	var exported *app.Case
	v.OnExportMemo = func(c *app.Case) { exported = c }
	v.ExportMemo()
	if exported != nil || !strings.Contains(v.status.Text, "Save a decision first") {
		t.Errorf("memo of an undecided case: %v %q", exported, v.status.Text)
	}
	v.decision.SetSelected("redirect")
	test.Tap(v.save)
	v.ExportMemo()
	if exported == nil || exported.Decision.Outcome != app.Redirect {
		t.Errorf("memo not exported for the decided case: %+v", exported)
	}
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
	if !strings.Contains(s.chart.Objects[0].(*widget.Label).Text, "1 orders decided") || !strings.Contains(s.table.Text, "search_warrant") {
		t.Errorf("stats: %q / %q", s.chart.Objects[0].(*widget.Label).Text, s.table.Text)
	}
	test.AssertRendersToMarkup(t, "stats/year.xml", w.Canvas())
	var saved app.Settings
	f := NewSettingsForm(SettingsFormParams{Service: service(store), Run: inline, OnSaved: func(s app.Settings) { saved = s }})
	f.domains.SetText("Acme.com\n@example.org, acme.com")
	f.names.SetText("Example Mail Inc.")
	test.Tap(f.saveButton)
	if !reflect.DeepEqual(saved.EnterpriseDomains, []string{"acme.com", "example.org"}) || store.settings.ProviderNames[0] != "Example Mail Inc." {
		t.Errorf("settings saved %+v", store.settings)
	}
}

// inProcess reads PDFs in the test's process: the tests' orders are
// generated, not hostile, and the worker binary is main's.
type inProcess struct{}

func (inProcess) ReadText(_ context.Context, pdf []byte) (*app.Document, error) {
	return pdftext.ReadPages(pdf)
}

func TestDesk_ImportOpensTheFirstNewCase(t *testing.T) {
	orders, err := sampleorders.Generate(5, 2)
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	for _, o := range orders {
		os.WriteFile(filepath.Join(dir, o.Name+".pdf"), o.PDF, 0o600)
	}
	store := &memStore{cases: deskCases()}
	im := &intake.Importer{Reader: inProcess{}, Extractor: extract.New(), Now: func() time.Time { return now }}
	svc := casework.New(casework.Params{Store: store, Importer: im, Now: func() time.Time { return now }})
	test.NewTempApp(t)
	d := NewDesk(DeskParams{Service: svc, Importer: svc, Run: inline, Now: func() time.Time { return now }, Reviewer: "R. Reviewer"})
	test.NewTempWindow(t, d.Content()).Resize(fyne.NewSize(1280, 800))
	d.Queue.Refresh()
	// A filter that hides new cases: the import shows its case all the same.
	d.Queue.filter.SetSelected(FilterDecided)
	d.Import.Start([]string{dir})
	if len(d.Queue.all) != 4 || !strings.Contains(d.Import.count.Text, "Done: 2 files") {
		t.Fatalf("%d cases after the import; %q", len(d.Queue.all), d.Import.count.Text)
	}
	// The folder's files are imported in name order; the first is shown.
	first := orders[0]
	if orders[1].Name < first.Name {
		first = orders[1]
	}
	if want := first.Truth.Fields["case_number"]; d.Case.c == nil || d.Case.c.CaseNumber() != want || !strings.Contains(d.Case.title.Text, want) {
		t.Errorf("showing %q after importing %s", d.Case.title.Text, want)
	}
	if !strings.Contains(d.Import.log.Text, "new case ") {
		t.Errorf("import log %q", d.Import.log.Text)
	}
}
