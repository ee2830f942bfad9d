package app

import (
	"errors"
	"strings"
	"testing"
	"time"
)

func TestCase_DueOneRuleForEveryView(t *testing.T) {
	received := time.Date(2026, 3, 2, 9, 30, 0, 0, time.Local)
	mk := func(kind ProcessType, deadline Field, emergency bool) *Case {
		c := &Case{CreatedAt: received, Order: Order{ImportedAt: received, Extraction: Extraction{ProcessType: kind, Emergency: emergency, Fields: map[string]Field{}}}}
		if deadline.Value != "" {
			c.Order.Extraction.Fields[FieldDeadline] = deadline
		}
		return c
	}
	day := func(d Due) string { return d.At.Format(time.DateOnly) }
	// An EPOC whose deadline the extractor computed from the issue date:
	// the Regulation's 10 days from receipt govern, and say so.
	c := mk(EPOC, Field{Value: "2026-02-20", Computed: true, Snippet: "within 10 days"}, false)
	d, ok := c.Due()
	if !ok || day(d) != "2026-03-12" || !strings.Contains(d.Basis, "10 days from receipt on 2026-03-02") || !strings.Contains(d.Basis, "2023/1543") {
		t.Errorf("EPOC: %v %+v", ok, d)
	}
	if dl, _ := c.Deadline(); dl.Format(time.DateOnly) != "2026-03-12" {
		t.Errorf("Deadline disagrees with Due: %v", dl)
	}
	// In an emergency, 8 hours from receipt.
	d, _ = mk(EPOC, Field{}, true).Due()
	if !d.At.Equal(received.Add(8*time.Hour)) || !strings.Contains(d.Basis, "8 hours") {
		t.Errorf("emergency EPOC: %+v", d)
	}
	// A date the order states governs; a correction governs over it.
	c = mk(EPOC, Field{Value: "2026-03-05", Page: 2}, false)
	if d, _ = c.Due(); day(d) != "2026-03-05" || !strings.Contains(d.Basis, "stated in the order (page 2)") {
		t.Errorf("stated: %+v", d)
	}
	c.Apply(Edit{Field: FieldDeadline, Value: "2026-03-09"}, "R. Reviewer", received)
	if d, _ = c.Due(); day(d) != "2026-03-09" || d.Basis != "corrected by R. Reviewer" {
		t.Errorf("corrected: %+v", d)
	}
	// Cleared: only the law's period is left.
	c.Apply(Edit{Field: FieldDeadline, Clear: true}, "R", received)
	if d, _ = c.Due(); day(d) != "2026-03-12" {
		t.Errorf("cleared: %+v", d)
	}
	// A UK OPO: 7 days from service.
	if d, _ = mk(OverseasProductionOrder, Field{}, false).Due(); day(d) != "2026-03-09" || !strings.Contains(d.Basis, "Overseas Production Orders") {
		t.Errorf("OPO: %+v", d)
	}
	// Other process: a computed deadline stands, with its words.
	if d, ok = mk(GrandJurySubpoena, Field{Value: "2026-03-16", Computed: true, Snippet: "within 14 days"}, false).Due(); !ok || day(d) != "2026-03-16" || !strings.Contains(d.Basis, "within 14 days") {
		t.Errorf("computed: %+v", d)
	}
	if _, ok = mk(SearchWarrant, Field{}, false).Due(); ok {
		t.Error("a due time without any deadline")
	}
}

func TestDisplayNames_EveryCodeHasWords(t *testing.T) {
	check := func(kind, code string) {
		if _, ok := displayNames[nameKey{kind, code}]; !ok {
			t.Errorf("no display name for %s %q", kind, code)
		}
	}
	for _, p := range ProcessTypes() {
		check(NameProcessType, string(p))
	}
	for _, o := range Outcomes() {
		check(NameOutcome, string(o))
	}
	for _, o := range TargetOutcomes() {
		check(NameTargetOutcome, string(o))
	}
	for _, n := range Notices() {
		check(NameNotice, string(n))
	}
	for _, s := range []Status{StatusNew, StatusInReview, StatusDecided, StatusSplit} {
		check(NameStatus, string(s))
	}
	for _, f := range CorrectableNames() {
		check(NameField, f)
	}
	for _, k := range TargetKinds() {
		check(NameTargetKind, string(k))
	}
	for _, d := range DataCategories() {
		check(NameData, d)
	}
	if CourtOrder2703d.Label() != "§ 2703(d) order" || NoData.Label() != "no data" || FieldLabel(FieldIssuedDate) != "issued" || DisplayName(NameField, "new_thing") != "new thing" {
		t.Error("labels")
	}
	if Capitalized("§ 2703(d) order") != "§ 2703(d) order" || Capitalized("comply") != "Comply" || Capitalized("") != "" {
		t.Error("Capitalized")
	}
	if Plural(1, "order") != "1 order" || Plural(2, "page") != "2 pages" || Plural(0, "match", "matches") != "0 matches" {
		t.Error("Plural")
	}
}

func TestIndexWords(t *testing.T) {
	ix := IndexWords([]PageText{{Text: "Subscriber records for JANE.DOE@example.com,\nfrom 2025-01-01"}, {Text: "subscriber"}})
	for _, w := range []string{" subscriber ", " janedoeexamplecom ", " 20250101 ", " records "} {
		if !strings.Contains(ix, w) {
			t.Errorf("%q not in %q", w, ix)
		}
	}
	if strings.Count(ix, "subscriber") != 1 || IndexWords(nil) != "" {
		t.Errorf("index %q", ix)
	}
}

func TestSettings_ReviewersAndMemoFolder(t *testing.T) {
	s := Settings{Reviewers: []string{" Ana  Lima ", "ana lima", "", "B. Ortiz"}}.WithImportFolder("/srv/orders/in")
	n, err := s.Normalised()
	if err != nil || len(n.Reviewers) != 2 || n.Reviewers[0] != "Ana Lima" || n.ImportFolders[0] != "/srv/orders/in" {
		t.Fatalf("%+v %v", n, err)
	}
	for _, bad := range []string{"memos", "/srv/orders/in/memos", "/srv/orders/in"} {
		s.MemoFolder = bad
		if _, err := s.Normalised(); !errors.Is(err, ErrMemoFolder) {
			t.Errorf("memo folder %q accepted: %v", bad, err)
		}
	}
	s.MemoFolder = "/srv/orders/inbox-memos/"
	if n, err = s.Normalised(); err != nil || n.MemoFolder != "/srv/orders/inbox-memos" {
		t.Errorf("a folder beside the import folder: %+v %v", n, err)
	}
	for i := 0; i < 20; i++ {
		s = s.WithImportFolder("/f/" + string(rune('a'+i)))
	}
	if len(s.ImportFolders) != maxImportFolders || s.ImportFolders[0] != "/f/t" {
		t.Errorf("recent folders %v", s.ImportFolders)
	}
}
