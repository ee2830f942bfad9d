package casework

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/warrantdesk/warrantdesk/app"
	"github.com/warrantdesk/warrantdesk/app/extract"
	"github.com/warrantdesk/warrantdesk/app/intake"
	"github.com/warrantdesk/warrantdesk/app/report"
	"github.com/warrantdesk/warrantdesk/app/sampleorders"
	"github.com/warrantdesk/warrantdesk/assets"
	"github.com/warrantdesk/warrantdesk/storage"
)

// matterDesk is a service on a real store with a clock the test moves, so
// orders can arrive weeks apart.
type matterDesk struct {
	t   *testing.T
	s   *Service
	db  *storage.DB
	now time.Time
	dir string
}

func newMatterDesk(t *testing.T, start time.Time) *matterDesk {
	t.Helper()
	db, err := storage.Open(t.TempDir(), testStore)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	d := &matterDesk{t: t, db: db, now: start, dir: t.TempDir()}
	clock := func() time.Time { return d.now }
	im := &intake.Importer{Reader: inProcess{}, Extractor: extract.New(), Now: clock}
	d.s = New(Params{Store: db, Importer: im, MemoTemplate: assets.MemoTemplate, MemoFonts: memoFonts(), Now: clock, Letters: assets.LetterTemplate})
	return d
}

// arrive imports one generated order at the desk's time and returns its
// case.
func (d *matterDesk) arrive(o sampleorders.Order) *app.Case {
	d.t.Helper()
	f := filepath.Join(d.dir, o.Name+".pdf")
	if err := os.WriteFile(f, o.PDF, 0o600); err != nil {
		d.t.Fatal(err)
	}
	out := d.s.Import(context.Background(), []string{f}, ImportOptions{}, nil)
	if len(out) != 1 || len(out[0].Created()) != 1 {
		d.t.Fatalf("import %s: %+v", o.Name, out)
	}
	c, err := d.s.Case(context.Background(), out[0].CaseIDs[0])
	if err != nil {
		d.t.Fatal(err)
	}
	return c
}

func (d *matterDesk) decide(id string, dec app.Decision) {
	d.t.Helper()
	if dec.Reviewer == "" {
		dec.Reviewer = "Rita Reviewer"
	}
	if _, err := d.s.Decide(context.Background(), id, dec); err != nil {
		d.t.Fatal(err)
	}
}

// A preservation letter, then three weeks later the warrant for the same
// accounts: the desk proposes the link, the reviewer confirms it, and the
// matter has one timeline and runs on the warrant's clock; the
// preservation's hold gives way to it.
func TestMatter_PreservationThenWarrantBecomeOneMatter(t *testing.T) {
	ctx := context.Background()
	start := time.Date(2026, 1, 5, 15, 0, 0, 0, time.UTC)
	d := newMatterDesk(t, start)
	orders, err := sampleorders.GenerateMatter(sampleorders.MatterUSPreservation, 7, start, 21)
	if err != nil {
		t.Fatal(err)
	}
	pres := d.arrive(orders[0])
	d.decide(pres.ID, app.Decision{Outcome: app.Preserve})
	if k, _ := d.s.Clock(ctx, pres.ID); k.Kind != app.ClockHold || !k.Due.Equal(pres.ReceivedAt().AddDate(0, 0, 90)) {
		t.Fatalf("the preservation's hold: %+v", k)
	}

	d.now = start.AddDate(0, 0, 21).Add(3 * time.Hour)
	warrant := d.arrive(orders[1])
	m, err := d.s.Matter(ctx, warrant.ID)
	if err != nil {
		t.Fatal(err)
	}
	if len(m.Cases) != 1 || len(m.Proposals) != 1 || m.Proposals[0].Cases[0] != pres.ID {
		t.Fatalf("the link is not proposed: %+v", m.Proposals)
	}
	reasons := strings.Join(m.Proposals[0].Reasons, "; ")
	if !strings.Contains(reasons, "both name") || !strings.Contains(reasons, "cites its number "+pres.CaseNumber()) {
		t.Errorf("reasons %q", reasons)
	}
	if len(m.Flags) != 0 {
		t.Errorf("a preservation the desk has seen is flagged: %+v", m.Flags)
	}

	if _, err := d.s.Link(ctx, warrant.ID, pres.ID, ""); app.ErrorCode(err) != app.EINVALID {
		t.Errorf("a link without who made it: %v", err)
	}
	moved, err := d.s.Link(ctx, warrant.ID, pres.ID, "Rita Reviewer")
	if err != nil || len(moved) != 1 || moved[0].MatterID() != pres.ID {
		t.Fatalf("link: %v %v", moved, err)
	}
	m, _ = d.s.Matter(ctx, pres.ID)
	if len(m.Cases) != 2 || m.Cases[0].ID != pres.ID || len(m.Proposals) != 0 {
		t.Fatalf("the matter: %d cases, proposals %+v", len(m.Cases), m.Proposals)
	}
	if m.Governing != warrant.ID || m.Clocks[pres.ID].State != app.ClockSuperseded || m.Clocks[pres.ID].SupersededBy != warrant.ID {
		t.Errorf("the matter runs on %s; the preservation's clock: %+v", m.Governing, m.Clocks[pres.ID])
	}
	// The warrant's date is when the officers must execute it, not the
	// provider's deadline: its clock is the team's for process that states
	// none, counted from receipt.
	wk := m.Clocks[warrant.ID]
	if stated := warrant.Value(app.FieldDeadline); stated != "" {
		t.Errorf("an execute-by date read as the provider's deadline: %s", stated)
	}
	if want := warrant.ReceivedAt().AddDate(0, 0, app.DefaultRoutineDays); !wk.Due.Equal(want) || wk.State != app.ClockRunning {
		t.Errorf("the warrant's clock is due %v (%s), want %v", wk.Due, wk.State, want)
	}
	var kinds []string
	for _, e := range m.Timeline {
		kinds = append(kinds, e.Kind+":"+app.ShortID(e.Case))
	}
	if !slices.IsSortedFunc(m.Timeline, func(a, b app.TimelineEntry) int { return a.At.Compare(b.At) }) ||
		kinds[0] != "received:"+pres.ShortID() || !slices.Contains(kinds, "received:"+warrant.ShortID()) || !slices.Contains(kinds, "deadline:"+warrant.ShortID()) {
		t.Errorf("timeline %v", kinds)
	}
	if found := slices.ContainsFunc(m.Timeline, func(e app.TimelineEntry) bool { return strings.HasPrefix(e.What, "linked") && e.By == "Rita Reviewer" }); !found {
		t.Error("the link is not on the timeline with who made it")
	}

	// Unlinked, the two are never proposed again.
	if _, err := d.s.Unlink(ctx, warrant.ID, "", "Rita Reviewer"); err != nil {
		t.Fatal(err)
	}
	if m, _ := d.s.Matter(ctx, warrant.ID); len(m.Cases) != 1 || len(m.Proposals) != 0 {
		t.Errorf("after unlinking: %d cases, proposals %+v", len(m.Cases), m.Proposals)
	}
}

// A warrant that refers to a preservation the desk has never seen is
// flagged.
func TestMatter_UnseenPreservationIsFlagged(t *testing.T) {
	d := newMatterDesk(t, time.Date(2026, 2, 2, 9, 0, 0, 0, time.UTC))
	orders, _ := sampleorders.GenerateMatter(sampleorders.MatterUnseenHold, 3, d.now, 0)
	w := d.arrive(orders[0])
	m, err := d.s.Matter(context.Background(), w.ID)
	if err != nil || len(m.Flags) != 1 || m.Flags[0].Rule != "preservation-not-seen" {
		t.Fatalf("flags %+v %v", m.Flags, err)
	}
}

// A clarification pauses the clock and the answer resumes it; a new
// deadline replaces it; each change says who, when, and the clock before
// and after.
func TestMatter_ClarificationPausesAndTheAnswerResumes(t *testing.T) {
	ctx := context.Background()
	start := time.Date(2026, 3, 10, 8, 0, 0, 0, time.UTC)
	d := newMatterDesk(t, start.AddDate(0, 0, -20))
	orders, _ := sampleorders.GenerateMatter(sampleorders.MatterEUPreservation, 11, start.AddDate(0, 0, -20), 20)
	pr := d.arrive(orders[0])
	d.decide(pr.ID, app.Decision{Outcome: app.Preserve})
	d.now = start
	epoc := d.arrive(orders[1])
	m, _ := d.s.Matter(ctx, epoc.ID)
	if len(m.Proposals) != 1 || m.Proposals[0].Cases[0] != pr.ID || !slices.Contains(m.Proposals[0].Reasons, "cites its number "+pr.CaseNumber()) || len(m.Flags) != 0 {
		t.Fatalf("the EPOC-PR is not proposed: %+v, flags %+v", m.Proposals, m.Flags)
	}
	if _, err := d.s.Link(ctx, epoc.ID, pr.ID, "Rita Reviewer"); err != nil {
		t.Fatal(err)
	}
	if m, _ := d.s.Matter(ctx, pr.ID); m.Governing != epoc.ID || m.Clocks[pr.ID].State != app.ClockSuperseded {
		t.Errorf("the EPOC-PR's hold did not give way: %+v", m.Clocks[pr.ID])
	}
	k, _ := d.s.Clock(ctx, epoc.ID)
	if k.Kind != app.ClockRespond || !k.Due.Equal(start.In(k.Location()).AddDate(0, 0, 10)) || k.Zone != "Europe/Berlin" {
		t.Fatalf("the EPOC's clock: %s %v %s", k.Basis, k.Due, k.Zone)
	}
	d.decide(epoc.ID, app.Decision{Outcome: app.Clarify, Grounds: []string{app.GroundIDs}, Note: "Which of the two accounts is the suspect's?"})

	d.now = start.Add(26 * time.Hour)
	out := filepath.Join(d.dir, "clarification.pdf")
	it, err := d.s.WriteLetter(ctx, epoc.ID, app.LetterClarification, out, "", "Rita Reviewer", false)
	if err != nil {
		t.Fatal(err)
	}
	if b, _ := os.ReadFile(out); !bytes.HasPrefix(b, []byte("%PDF-")) || it.SHA256 == "" || it.Direction != app.DirectionOut {
		t.Fatalf("the letter: %+v", it)
	}
	k, _ = d.s.Clock(ctx, epoc.ID)
	if k.State != app.ClockPaused || !k.PausedSince.Equal(d.now) || !strings.Contains(k.PauseReason, "clarification asked") {
		t.Fatalf("after the clarification: %s", k.Describe())
	}
	left := k.Left

	// The answer comes in two days later, by e-mail.
	d.now = d.now.Add(48 * time.Hour)
	mail := filepath.Join(d.dir, "answer.eml")
	os.WriteFile(mail, []byte("From: prosecutor@example.de\r\nSubject: =?utf-8?q?Re:_Kl=C3=A4rung?=\r\nDate: Thu, 12 Mar 2026 10:02:00 +0100\r\n\r\nThe first account.\r\n"), 0o600)
	in, err := d.s.AddCorrespondence(ctx, epoc.ID, mail, app.DirectionIn, "", "Rita Reviewer")
	if err != nil {
		t.Fatal(err)
	}
	if in.Subject != "Re: Klärung" || in.Date.UTC().Hour() != 9 || in.Kind != app.KindEmail {
		t.Errorf("the e-mail as logged: %+v", in)
	}
	k, _ = d.s.Clock(ctx, epoc.ID)
	if k.State != app.ClockRunning || k.Left != left || k.Paused != 48*time.Hour {
		t.Errorf("after the answer: %s, left %v (was %v), paused %v", k.Describe(), k.Left, left, k.Paused)
	}
	if len(k.Changes) != 2 || k.Changes[0].Action != app.ClockPause || k.Changes[1].Action != app.ClockResume ||
		k.Changes[1].By != "Rita Reviewer" || !strings.HasPrefix(k.Changes[1].Old, "paused") || !strings.HasPrefix(k.Changes[1].New, "running") {
		t.Errorf("changes %+v", k.Changes)
	}
	_, data, err := d.s.CorrespondenceFile(ctx, epoc.ID, in.ID)
	if err != nil || !bytes.Contains(data, []byte("The first account.")) {
		t.Errorf("the stored e-mail: %v", err)
	}

	// The authority sets a new deadline.
	newDue := d.now.Add(30 * time.Hour)
	_, k, err = d.s.ChangeClock(ctx, epoc.ID, app.ClockChange{Action: app.ClockDeadline, Due: &newDue, By: "Rita Reviewer", Reason: "prosecutor's e-mail"})
	if err != nil || !k.Due.Equal(newDue) || len(k.Changes) != 3 {
		t.Fatalf("a new deadline: %v %v", k.Describe(), err)
	}
	if _, _, err := d.s.ChangeClock(ctx, epoc.ID, app.ClockChange{Action: app.ClockResume, By: "R"}); app.ErrorCode(err) != app.EINVALID {
		t.Errorf("resuming a running clock: %v", err)
	}
	c, _ := d.s.Case(ctx, epoc.ID)
	var clockEvents int
	for _, e := range c.History {
		if strings.HasPrefix(e.Action, "clock ") {
			clockEvents++
		}
	}
	if clockEvents != 3 {
		t.Errorf("%d clock events in the history", clockEvents)
	}
}

// Each letter renders as PDF and DOCX, is logged with its SHA-256, and is
// refused where the case does not call for it.
func TestMatter_LettersRenderAndAreLogged(t *testing.T) {
	ctx := context.Background()
	start := time.Date(2026, 4, 1, 10, 0, 0, 0, time.UTC)
	d := newMatterDesk(t, start)
	if _, err := d.s.SaveMatterSettings(ctx, app.MatterSettings{Sender: app.LetterSender{Organisation: "Example Mail Inc.", Address: "1 Main St; Springfield", Signatory: "Lee Counsel", Title: "Legal Director", Email: "legal@example.com"}}); err != nil {
		t.Fatal(err)
	}
	orders, _ := sampleorders.GenerateMatter(sampleorders.MatterEUPreservation, 5, start.AddDate(0, 0, -20), 20)
	epoc := d.arrive(orders[1])
	if _, err := d.s.WriteLetter(ctx, epoc.ID, app.LetterNonExecution, filepath.Join(d.dir, "x.pdf"), "", "R", false); app.ErrorCode(err) != app.EINVALID {
		t.Errorf("a form before any decision: %v", err)
	}
	d.decide(epoc.ID, app.Decision{Outcome: app.Reject, Grounds: []string{"data_not_held", app.GroundForeign}, Note: "The accounts were closed before the order arrived."})
	for _, f := range []string{"annex.pdf", "annex.docx"} {
		if _, err := d.s.WriteLetter(ctx, epoc.ID, app.LetterNonExecution, filepath.Join(d.dir, f), "", "Rita Reviewer", false); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := d.s.WriteLetter(ctx, epoc.ID, app.LetterProduction, filepath.Join(d.dir, "p.pdf"), "", "R", false); app.ErrorCode(err) != app.EINVALID {
		t.Errorf("a production letter for a rejection: %v", err)
	}
	if _, err := d.s.WriteLetter(ctx, epoc.ID, app.LetterRejection, filepath.Join(d.dir, "r.odt"), "", "R", false); app.ErrorCode(err) != app.EINVALID {
		t.Errorf("a letter as .odt: %v", err)
	}
	m, _ := d.s.Matter(ctx, epoc.ID)
	if len(m.Items) != 2 || m.Items[0].Letter != app.LetterNonExecution || m.Items[1].Format != "docx" {
		t.Errorf("logged %+v", m.Items)
	}
	if _, err := exec.LookPath("pdftotext"); err != nil {
		t.Skip("pdftotext not installed: the text of the form is not checked")
	}
	text := pdfText(t, filepath.Join(d.dir, "annex.pdf"))
	for _, want := range []string{"SECTION A", "SECTION B", "SECTION C", "SECTION D", "SECTION E", "SECTION F", "SECTION G", "SECTION H",
		"☒ European Production Order Certificate", epoc.CaseNumber(), "☒ the data requested is not stored", "☐ it is incomplete",
		"☒ compliance would conflict", "Title of the law", "[to be completed]", "The data requested are not preserved", "Lee Counsel", "Example Mail Inc."} {
		if !strings.Contains(text, want) {
			t.Errorf("the Annex III form lacks %q", want)
		}
	}
}

func pdfText(t *testing.T, path string) string {
	t.Helper()
	out, err := exec.Command("pdftotext", "-enc", "UTF-8", "-layout", path, "-").Output()
	if err != nil {
		t.Fatal(err)
	}
	return strings.Join(strings.Fields(string(out)), " ")
}

// Purging keeps the decision record, the memo's hash (its export's audit
// entry) and the history, and removes the original, the text and the
// values.
func TestMatter_PurgeKeepsTheRecord(t *testing.T) {
	ctx := context.Background()
	start := time.Date(2026, 1, 5, 15, 0, 0, 0, time.UTC)
	d := newMatterDesk(t, start)
	orders, _ := sampleorders.GenerateMatter(sampleorders.MatterUSPreservation, 9, start, 7)
	pres := d.arrive(orders[0])
	d.decide(pres.ID, app.Decision{Outcome: app.Preserve})
	d.now = start.AddDate(0, 0, 7)
	w := d.arrive(orders[1])
	if _, err := d.s.Link(ctx, w.ID, pres.ID, "R"); err != nil {
		t.Fatal(err)
	}
	if _, err := d.s.Purge(ctx, true, "R"); app.ErrorCode(err) != app.EINVALID {
		t.Errorf("purge with no retention set: %v", err)
	}
	if _, err := d.s.SaveMatterSettings(ctx, app.MatterSettings{Retention: app.RetentionSettings{ContentDays: 45, RecordDays: 30}}); app.ErrorCode(err) != app.EINVALID {
		t.Errorf("a record kept shorter than the content: %v", err)
	}
	d.s.SaveMatterSettings(ctx, app.MatterSettings{Retention: app.RetentionSettings{ContentDays: 45, RecordDays: 3650}})
	d.decide(w.ID, app.Decision{Outcome: app.Comply})
	memo := filepath.Join(d.dir, "memo.pdf")
	if err := d.s.ExportMemo(ctx, w.ID, memo, "", false); err != nil {
		t.Fatal(err)
	}
	if steps, _ := d.s.Purge(ctx, true, "R"); len(steps) != 0 {
		t.Errorf("an open or fresh matter would be purged: %+v", steps)
	}
	d.now = d.now.AddDate(0, 0, 46)
	steps, err := d.s.Purge(ctx, true, "R")
	if err != nil || len(steps) != 2 || steps[0].Stage != app.PurgeContent {
		t.Fatalf("dry run: %+v %v", steps, err)
	}
	if _, err := d.s.Original(ctx, w.ID); err != nil {
		t.Fatal("a dry run removed the original")
	}
	stats, _ := d.s.Stats(ctx, time.Time{}, time.Time{})
	if _, err := d.s.Purge(ctx, false, "R"); err != nil {
		t.Fatal(err)
	}
	c, _ := d.s.Case(ctx, w.ID)
	if _, err := d.s.Original(ctx, w.ID); app.ErrorCode(err) != app.ENOTFOUND {
		t.Errorf("the original is still there: %v", err)
	}
	if _, err := d.s.Pages(ctx, w.ID); app.ErrorCode(err) != app.ENOTFOUND {
		t.Errorf("the text is still there: %v", err)
	}
	if len(c.Order.Extraction.Targets) != 0 || c.Value(app.FieldAgentName) != "" || c.Decision == nil || c.Decision.Outcome != app.Comply ||
		c.Purged == nil || c.CaseNumber() == "" || c.History[len(c.History)-1].Action != "purged" {
		t.Errorf("after the purge: %+v", c)
	}
	after, _ := d.s.Stats(ctx, time.Time{}, time.Time{})
	if after.Accounts != stats.Accounts || after.ByCategory[report.Category(c)] != stats.ByCategory[report.Category(c)] || after.Matters.Decided != 1 {
		t.Errorf("statistics changed with the purge: %+v → %+v", stats, after)
	}
	if steps, _ := d.s.Purge(ctx, true, "R"); len(steps) != 0 {
		t.Errorf("purged twice: %+v", steps)
	}
	if s, _ := d.s.Seen(ctx, orders[0].Truth.Targets[0].Value); len(s.Cases) != 0 {
		t.Errorf("a purged case still names its targets: %+v", s)
	}
	// Each purge is in the trail, the memo's export stays there, and the
	// store (compacted after the purge) verifies.
	memoData, _ := os.ReadFile(memo)
	memoSum := sha256.Sum256(memoData)
	var purged, memos, compacted int
	d.db.EachAudit(ctx, func(e app.AuditEntry) error {
		switch {
		case e.Action == "purged" && strings.Contains(e.Detail, "deleted from the store: the original, the page text"):
			purged++
		case e.Action == app.AuditMemoExport && e.Case == w.ID && e.OutputSHA256 == hex.EncodeToString(memoSum[:]):
			memos++
		case e.Action == app.AuditCompact:
			compacted++
		}
		return nil
	})
	if purged != 2 || memos != 1 || compacted != 1 {
		t.Errorf("the trail: %d purges, %d memo exports, %d compactions", purged, memos, compacted)
	}
	if rep, err := d.db.Verify(ctx, nil); err != nil || !rep.OK() {
		t.Errorf("verify after the purge: %+v %v", rep, err)
	}
}

// Seen finds an identifier however it is written, in every case.
func TestMatter_SeenAcrossCases(t *testing.T) {
	ctx := context.Background()
	start := time.Date(2024, 6, 1, 12, 0, 0, 0, time.UTC)
	d := newMatterDesk(t, start)
	orders, _ := sampleorders.GenerateMatter(sampleorders.MatterUSPreservation, 21, start, 400)
	a := d.arrive(orders[0])
	d.now = start.AddDate(1, 1, 0)
	b := d.arrive(orders[1])
	tg := a.Order.Extraction.Targets[0]
	query := strings.ToUpper(tg.Value)
	if tg.Kind == app.TargetPhone {
		query = "(" + tg.Value[2:5] + ") " + tg.Value[5:8] + "-" + tg.Value[8:]
	}
	s, err := d.s.Seen(ctx, query)
	if err != nil || len(s.Cases) != 2 || s.Cases[0].Case != a.ID || s.Cases[1].Case != b.ID || len(s.Matters) != 2 {
		t.Fatalf("seen %q: %+v %v", query, s, err)
	}
	if s, _ := d.s.Seen(ctx, "nobody@example.invalid"); len(s.Cases) != 0 {
		t.Errorf("an unknown identifier: %+v", s)
	}
	if _, err := d.s.Seen(ctx, "  "); app.ErrorCode(err) != app.EINVALID {
		t.Errorf("an empty identifier: %v", err)
	}
}

// A pipe named as correspondence is refused, not waited on.
func TestMatter_CorrespondenceIsARegularFile(t *testing.T) {
	d := newMatterDesk(t, time.Date(2026, 2, 2, 9, 0, 0, 0, time.UTC))
	orders, _ := sampleorders.GenerateMatter(sampleorders.MatterUnseenHold, 3, d.now, 0)
	w := d.arrive(orders[0])
	fifo := filepath.Join(d.dir, "pipe.eml")
	if err := mkfifo(fifo); err != nil {
		t.Skip("no FIFOs here")
	}
	if _, err := d.s.AddCorrespondence(context.Background(), w.ID, fifo, app.DirectionIn, "", "R"); app.ErrorCode(err) != app.EINVALID {
		t.Errorf("a FIFO: %v", err)
	}
	if _, err := d.s.AddCorrespondence(context.Background(), w.ID, d.dir, app.DirectionIn, "", "R"); app.ErrorCode(err) != app.EINVALID {
		t.Errorf("a folder: %v", err)
	}
}
