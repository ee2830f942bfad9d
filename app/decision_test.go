package app

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"log/slog"
	"strings"
	"testing"
)

func TestDecision_Validate(t *testing.T) {
	ok := Decision{Outcome: Narrow, Reviewer: "R. Reviewer", Notice: NoticeDelayed, NoticeAfter: "2027-01-31"}
	if err := ok.Validate(); err != nil {
		t.Fatalf("a complete decision: %v", err)
	}
	for name, tc := range map[string]struct {
		change func(d *Decision)
		want   error
	}{
		"no outcome":               {func(d *Decision) { d.Outcome = "" }, ErrNoOutcome},
		"unknown outcome":          {func(d *Decision) { d.Outcome = "maybe" }, ErrNoOutcome},
		"outcome not as stored":    {func(d *Decision) { d.Outcome = "Comply" }, ErrNoOutcome},
		"no reviewer":              {func(d *Decision) { d.Reviewer = "  " }, ErrNoReviewer},
		"unknown notice":           {func(d *Decision) { d.Notice = "later" }, ErrNoticeKind},
		"notice date not a date":   {func(d *Decision) { d.NoticeAfter = "June 1" }, ErrNoticeDate},
		"notice date, not delayed": {func(d *Decision) { d.Notice = NoticeNotify }, ErrNoticeDate},
	} {
		d := ok
		tc.change(&d)
		err := d.Validate()
		if !errors.Is(err, tc.want) || ErrorCode(err) != EINVALID || ErrorMessage(err) == "" {
			t.Errorf("%s: %v", name, err)
		}
	}
}

func TestCase_ChooseTargets(t *testing.T) {
	c := &Case{Order: Order{Extraction: Extraction{Targets: []Target{{Value: "a@example.com"}, {Value: "+15555550100"}}}}}
	if got, err := c.ChooseTargets(Comply, nil, nil); got != nil || err != nil {
		t.Errorf("nothing chosen: %v %v", got, err)
	}
	got, err := c.ChooseTargets(Comply, nil, []string{" A@Example.com "})
	if err != nil || len(got) != 2 || got[0].Produce || !got[1].Produce {
		t.Errorf("withhold one on comply: %+v %v", got, err)
	}
	got, err = c.ChooseTargets(Reject, []string{"+15555550100"}, nil)
	if err != nil || got[0].Produce || !got[1].Produce {
		t.Errorf("produce one on reject: %+v %v", got, err)
	}
	if _, err := c.ChooseTargets(Comply, []string{"nobody@example.org"}, nil); !errors.Is(err, ErrTargetNamed) || ErrorCode(err) != EINVALID {
		t.Errorf("a target the order does not name: %v", err)
	}
}

func TestSettings_Normalised(t *testing.T) {
	s, err := Settings{
		EnterpriseDomains:  []string{" Acme.com", "@acme.com", "", "example.org"},
		EnterpriseAccounts: []string{"CFO", "cfo"},
		ProviderNames:      []string{"Example  Mail Inc. ", "example mail inc.", " "},
		ProviderState:      " ca ",
	}.Normalised()
	if err != nil {
		t.Fatal(err)
	}
	if fmt.Sprint(s.EnterpriseDomains) != "[acme.com example.org]" || fmt.Sprint(s.EnterpriseAccounts) != "[cfo]" ||
		fmt.Sprint(s.ProviderNames) != "[Example Mail Inc.]" || s.ProviderState != "CA" {
		t.Errorf("normalised %+v", s)
	}
	for _, bad := range []string{"ZZ", "California", "C"} {
		if _, err := (Settings{ProviderState: bad}).Normalised(); !errors.Is(err, ErrProviderState) || ErrorCode(err) != EINVALID {
			t.Errorf("state %q: %v", bad, err)
		}
	}
}

func TestCase_TitleReferenceAndFileStem(t *testing.T) {
	c := &Case{ID: "3fa8ee16aaaabbbbccccddddeeeeffff", Order: Order{FileName: "scan 7.pdf", Extraction: Extraction{
		ProcessType: CourtOrder2703d, Fields: map[string]Field{FieldCaseNumber: {Value: "1:25-ec-00004 / A"}}}}}
	if c.Title() != "§ 2703(d) order · 1:25-ec-00004 / A" {
		t.Errorf("title %q", c.Title())
	}
	if c.FileStem() != "1-25-ec-00004---A-3fa8ee16" {
		t.Errorf("stem %q", c.FileStem())
	}
	c.Order.Extraction.Fields = nil
	if c.Reference() != "scan 7.pdf" || c.FileStem() != "3fa8ee16" {
		t.Errorf("without a number: %q %q", c.Reference(), c.FileStem())
	}
	c.Order.Extraction.Fields = map[string]Field{FieldCaseNumber: {Value: strings.Repeat("9", 200)}}
	if n := len(c.FileStem()); n != maxStem+9 {
		t.Errorf("a long number makes a stem of %d characters", n)
	}
	if ProcessType("").Label() != "unknown process" || CourtOrder2703d.Name() != "court order under 18 U.S.C. § 2703(d)" || SearchWarrant.Name() != "search warrant" {
		t.Errorf("labels %q %q %q", ProcessType("").Label(), CourtOrder2703d.Name(), SearchWarrant.Name())
	}
}

func TestContractTablesAreCopies(t *testing.T) {
	Outcomes()[0] = "changed"
	FieldNames()[0] = "changed"
	Grounds()[0] = "changed"
	ProcessTypes()[0] = "changed"
	Notices()[0] = "changed"
	if Outcomes()[0] != Comply || FieldNames()[0] != FieldCaseNumber || Grounds()[0] != GroundValid || ProcessTypes()[0] != SearchWarrant || Notices()[0] != NoticeNotify {
		t.Error("a caller changed a contract table for everyone")
	}
}

func TestErrorMessage_UnknownErrorsAreInternalAndLogged(t *testing.T) {
	var log bytes.Buffer
	was := slog.Default()
	slog.SetDefault(slog.New(slog.NewTextHandler(&log, nil)))
	defer slog.SetDefault(was)

	// A store's error wrapped on the way up, about a file named after a
	// case: the reviewer sees neither, the log the chain without the path.
	cause := &fs.PathError{Op: "open", Path: "/orders/US-v-Smith.pdf", Err: fs.ErrPermission}
	err := fmt.Errorf("case 3fa8ee16: read original: %w", cause)
	if msg := ErrorMessage(err); msg != InternalMessage || !strings.HasPrefix(msg, "Internal error") {
		t.Errorf("message %q", msg)
	}
	got := log.String()
	for _, want := range []string{"code=internal", "case 3fa8ee16: read original", "open <path>", "permission denied"} {
		if !strings.Contains(got, want) {
			t.Errorf("log lacks %q:\n%s", want, got)
		}
	}
	if strings.Contains(got, "Smith") {
		t.Errorf("the log holds a case value:\n%s", got)
	}

	// A message written for the reviewer is shown, and not logged: it may
	// quote what the reviewer typed.
	log.Reset()
	if msg := ErrorMessage(Errorf(EINVALID, "no case %q", "2:25-mj-00002")); msg != `no case "2:25-mj-00002"` || log.Len() != 0 {
		t.Errorf("message %q, log %q", msg, log.String())
	}
	// An internal *Error shows its message; the log gets its code and
	// cause, not the message.
	log.Reset()
	ie := &Error{Code: EINTERNAL, Message: "could not start the page renderer for Smith", Err: errors.Join(errors.New("wasm: out of memory"), errors.New("second"))}
	if msg := ErrorMessage(ie); msg != ie.Message || !strings.Contains(log.String(), "wasm: out of memory") || strings.Contains(log.String(), "Smith") {
		t.Errorf("message %q, log %q", msg, log.String())
	}
}

func TestDecision_PerTargetOutcomes(t *testing.T) {
	c := &Case{Status: StatusNew, Order: Order{Extraction: Extraction{Targets: []Target{{Kind: TargetEmail, Value: "cfo@acme.com"}, {Kind: TargetEmail, Value: "x@example.net"}}}}}
	plan, err := c.PlanTargets(Comply, map[string]TargetOutcome{"CFO@acme.com": TargetRedirect})
	if err != nil || len(plan) != 2 || plan[0].Outcome != TargetRedirect || plan[0].Produce || plan[1].Outcome != TargetProduce || !plan[1].Produce {
		t.Fatalf("plan %+v %v", plan, err)
	}
	if _, err := c.PlanTargets(Comply, map[string]TargetOutcome{"nobody@x": TargetNoData}); !errors.Is(err, ErrTargetNamed) {
		t.Errorf("unknown target: %v", err)
	}
	for _, tc := range []struct {
		ts   []TargetOutcome
		want Outcome
	}{
		{[]TargetOutcome{TargetProduce, TargetProduce}, Comply},
		{[]TargetOutcome{TargetRedirect, TargetProduce}, Narrow},
		{[]TargetOutcome{TargetRedirect, TargetNoData}, Redirect},
		{[]TargetOutcome{TargetNoData, TargetNoData}, NoData},
		{[]TargetOutcome{TargetWithhold, TargetNoData}, Reject},
		{[]TargetOutcome{TargetPreserve, TargetWithhold}, Preserve},
		{nil, ""},
	} {
		var ts []TargetDecision
		for i, o := range tc.ts {
			ts = append(ts, TargetDecision{Target: string(rune('a' + i)), Outcome: o})
		}
		if got := DeriveOutcome(ts); got != tc.want {
			t.Errorf("DeriveOutcome(%v) = %q, want %q", tc.ts, got, tc.want)
		}
	}
	d := Decision{Outcome: Redirect}
	if d.For("anyone") != TargetRedirect || (&Decision{Outcome: NoData}).Produces("a") {
		t.Error("outcome defaults per target")
	}
	// Older records carry only produce: read as produce / do not produce.
	old := Decision{Outcome: Narrow, Targets: []TargetDecision{{Target: "a", Produce: false}}}
	if old.For("a") != TargetWithhold {
		t.Error("older per-target record")
	}
	bad := Decision{Outcome: Comply, Reviewer: "R", Targets: []TargetDecision{{Target: "a", Outcome: "maybe"}}}
	if err := bad.Validate(); !errors.Is(err, ErrTargetOutcome) {
		t.Errorf("unknown per-target outcome: %v", err)
	}
	// Decide keeps produce in step with the outcome.
	c.Decide(Decision{Outcome: Narrow, Reviewer: "R", Targets: []TargetDecision{{Target: "cfo@acme.com", Outcome: TargetRedirect, Produce: true}}})
	if c.Decision.Targets[0].Produce {
		t.Error("a redirected target recorded as produced")
	}
}

func TestDecision_ContradictionsFlagGroundsAgainstTheOutcome(t *testing.T) {
	d := Decision{Outcome: Comply, Grounds: []string{GroundRange, GroundValid, "my own reason", GroundNDO}}
	if got := d.Contradictions(); len(got) != 1 || got[0] != GroundRange {
		t.Errorf("comply with a range ground: %q", got)
	}
	d.Outcome = Narrow
	if got := d.Contradictions(); len(got) != 0 {
		t.Errorf("narrow: %q", got)
	}
	if got := (Decision{Outcome: Reject, Grounds: []string{GroundValid, GroundSignature}}).Contradictions(); len(got) != 1 || got[0] != GroundValid {
		t.Errorf("reject on a valid process: %q", got)
	}
}
