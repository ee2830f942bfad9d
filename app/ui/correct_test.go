package ui

import (
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"github.com/warrantdesk/warrantdesk/app"
)

func TestDesk_CorrectionKeptBesideTheExtractedValue(t *testing.T) {
	store := &memStore{cases: deskCases()}
	d, w := showDesk(t, store)
	v := open(t, d, "2:25-mj-00002")
	test.Tap(v.fields.values[app.FieldJudge].Button)
	v.EditSelected()
	e := v.editor
	// The editor opens over the window with the cursor in it: what is
	// typed goes into the correction.
	if e == nil || e.entry.Text != "Jane Q. Smith" || w.Canvas().Focused() != e.entry {
		t.Fatalf("editor %+v, focus %T", e, w.Canvas().Focused())
	}
	e.entry.SetText("")
	test.Type(e.entry, "Jane Q. Smithers")
	e.entry.TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn})
	c := store.last()
	k := c.Corrections[app.FieldJudge]
	if k.Value != "Jane Q. Smithers" || k.Extracted != "Jane Q. Smith" || k.By != "R. Reviewer" || c.Order.Extraction.Field(app.FieldJudge) != "Jane Q. Smith" {
		t.Fatalf("correction %+v, extraction %q", k, c.Order.Extraction.Field(app.FieldJudge))
	}
	if c.Status != app.StatusInReview || c.History[len(c.History)-1].Action != "corrected" || v.editor != nil {
		t.Errorf("status %s, history %+v, editor still open %v", c.Status, c.History, v.editor != nil)
	}
	if b := v.fields.values[app.FieldJudge]; b == nil || !strings.Contains(b.Text(), "✎ Jane Q. Smithers") || !strings.Contains(b.Text(), "read: Jane Q. Smith") {
		t.Errorf("judge row %+v", b)
	}
	// The checks ran again and stayed; the history reads in words.
	if strings.Contains(v.fields.checks.Text, "running") || !strings.HasPrefix(v.fields.checks.Text, "Checks") {
		t.Errorf("checks after a correction: %q", v.fields.checks.Text)
	}
	if !strings.Contains(v.history.list.Text, `judge: "Jane Q. Smithers"`) {
		t.Errorf("history %q", v.history.list.Text)
	}
	test.AssertRendersToMarkup(t, "desk/corrected.xml", w.Canvas())
	// A date that is not a date is refused, and nothing is stored.
	saves := len(store.saved)
	v.Edit(app.FieldDeadline)
	v.editor.entry.SetText("next Friday")
	v.editor.save()
	if len(store.saved) != saves || !strings.Contains(v.editor.hint.Text, "YYYY-MM-DD") {
		t.Errorf("bad date: %d saves, hint %q", len(store.saved)-saves, v.editor.hint.Text)
	}
	v.editor.close()
	// A wrong value can be cleared; going back to the value read removes
	// the correction.
	v.Edit(app.FieldJudge)
	v.editor.store(app.Edit{Field: app.FieldJudge, Clear: true})
	if k := store.last().Corrections[app.FieldJudge]; !k.Cleared || !strings.Contains(v.fields.values[app.FieldJudge].Text(), "✎ none") {
		t.Errorf("cleared: %+v", k)
	}
	v.Edit(app.FieldJudge)
	v.editor.store(app.Edit{Field: app.FieldJudge, Revert: true})
	if _, ok := store.last().Corrections[app.FieldJudge]; ok {
		t.Error("the correction was not removed")
	}
}

func TestDesk_EverythingReadCanBeCorrected(t *testing.T) {
	cases := deskCases()
	n := cases[1]
	n.Order.Extraction.Targets = append(n.Order.Extraction.Targets, app.Target{Kind: app.TargetOther, Value: "identified", Page: 2})
	n.Order.Extraction.DataCategories = []string{app.DataSubscriber, app.DataContent}
	n.Order.Extraction.Fields[app.FieldJurisdiction] = app.Field{Value: "US-federal"}
	store := &memStore{cases: cases}
	d, _ := showDesk(t, store)
	v := open(t, d, "NSL-25-000001")
	// An NSL read as asking for content: the check is raised.
	if !strings.Contains(v.fields.checks.Text, "content") {
		t.Fatalf("checks %q", v.fields.checks.Text)
	}
	// Targets: "identified" is no target; the phone number is.
	v.Edit(app.FieldTargets)
	e := v.editor
	if len(e.targets) != 2 || e.targets[1].value.Text != "identified" {
		t.Fatalf("target editor %+v", e.targets)
	}
	e.removeTarget(e.targets[1])
	r := e.addTarget(app.Target{Kind: app.TargetEmail})
	r.kind.SetSelected("Phone")
	r.value.SetText("+15555550100")
	e.save()
	if ts := store.last().Targets(); len(ts) != 2 || ts[1].Kind != app.TargetPhone || ts[0].Page != 2 {
		t.Fatalf("targets %+v", ts)
	}
	if v.fields.values["target:identified"] != nil || v.fields.values["target:+15555550100"] == nil {
		t.Error("the target rows do not follow the correction")
	}
	// Tapping a target shows where it was read.
	test.Tap(v.fields.values["target:mallory@example.net"].Button)
	if !strings.Contains(v.Page.Caption(), "Target mallory@example.net — page 2") {
		t.Errorf("target evidence %q", v.Page.Caption())
	}
	// Data asked for: subscriber records only; the content check goes.
	v.Edit(app.FieldDataCategories)
	v.editor.cats.SetSelected([]string{"Subscriber records"})
	v.editor.save()
	if strings.Contains(v.fields.checks.Text, "content of communications") || !strings.Contains(v.fields.values[app.FieldDataCategories].Text(), "✎ subscriber records") {
		t.Errorf("after correcting the data: %q / %q", v.fields.checks.Text, v.fields.values[app.FieldDataCategories].Text())
	}
	// Legal basis, process type and the gag.
	v.Edit(app.FieldLegalBasis)
	v.editor.lines.SetText("18 U.S.C. § 2709\n\n")
	v.editor.save()
	v.Edit(app.FieldProcessType)
	v.editor.kind.SetSelected("Administrative subpoena")
	v.editor.save()
	v.Edit(app.FieldNondisclosure)
	v.editor.ordered.SetChecked(true)
	v.editor.until.SetText("2026-01-31")
	v.editor.save()
	c := store.last()
	if c.ProcessType() != app.AdministrativeSubpoena || c.LegalBasis()[0] != "18 U.S.C. § 2709" || c.Nondisclosure().Until == nil || *c.Nondisclosure().Until != "2026-01-31" {
		t.Errorf("corrected %q %q %+v", c.ProcessType(), c.LegalBasis(), c.Nondisclosure())
	}
	if !strings.Contains(v.title.Text, "Administrative subpoena") && !strings.Contains(v.title.Text, "administrative subpoena") {
		t.Errorf("title %q", v.title.Text)
	}
	if v.editor != nil {
		t.Error("the editor stayed open after saving")
	}
}
