package review

import (
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/warrantdesk/warrantdesk/app"
)

var now = time.Date(2026, 11, 28, 12, 0, 0, 0, time.UTC)

// order builds a case; edit changes it.
func order(kind app.ProcessType, fields map[string]string, edit func(c *app.Case)) *app.Case {
	f := map[string]app.Field{}
	for k, v := range fields {
		f[k] = app.Field{Value: v}
	}
	c := &app.Case{Status: app.StatusNew, CreatedAt: now.Add(-time.Hour), Order: app.Order{ImportedAt: now.Add(-time.Hour), Extraction: app.Extraction{
		ProcessType: kind, Fields: f, Targets: []app.Target{{Kind: app.TargetEmail, Value: "jane@example.com"}},
		DataCategories: []string{app.DataSubscriber},
	}}}
	if edit != nil {
		edit(c)
	}
	return c
}

func content(c *app.Case) {
	c.Order.Extraction.DataCategories = []string{app.DataSubscriber, app.DataContent}
}
func str(s string) *string { return &s }

// Every rule has an order that raises it and one that does not.
func TestRules_EachFiresOnlyWhenItShould(t *testing.T) {
	us := map[string]string{app.FieldJurisdiction: "US-federal", app.FieldIssuedDate: "2026-11-20", app.FieldJudge: "Jane Q. Smith", app.FieldDateRangeStart: "2026-01-01", app.FieldDateRangeEnd: "2026-06-30"}
	with := func(extra map[string]string) map[string]string {
		m := map[string]string{}
		for k, v := range us {
			m[k] = v
		}
		for k, v := range extra {
			if v == "" {
				delete(m, k)
			} else {
				m[k] = v
			}
		}
		return m
	}
	settings := app.Settings{EnterpriseDomains: []string{"Acme.com"}, EnterpriseAccounts: []string{"acct-778"}, ProviderNames: []string{"Example Mail"}, ProviderState: "ca"}
	legacy := []struct {
		rule       string
		fires, not *app.Case
		text       string
	}{
		{"enterprise-customer",
			order(app.SearchWarrant, us, func(c *app.Case) { c.Order.Extraction.Targets[0].Value = "cfo@eu.acme.com" }),
			order(app.SearchWarrant, us, func(c *app.Case) { c.Order.Extraction.Targets[0].Value = "cfo@notacme.com" }), ""},
		{"content-needs-warrant", order(app.GrandJurySubpoena, us, content), order(app.SearchWarrant, us, content), ""},
		{"civil-subpoena-content", order(app.CivilSubpoena, us, content), order(app.CivilSubpoena, us, nil), ""},
		{"foreign-direct-request",
			order(app.InformalRequest, with(map[string]string{app.FieldJurisdiction: "RU"}), content),
			order(app.EPOC, with(map[string]string{app.FieldJurisdiction: "EU-ES"}), content), ""},
		{"warrant-expired",
			order(app.SearchWarrant, with(map[string]string{app.FieldIssuedDate: "2026-11-01"}), nil),
			order(app.SearchWarrant, with(map[string]string{app.FieldIssuedDate: "2026-11-20"}), nil), ""},
		{"preservation-expired",
			order(app.Preservation2703f, with(map[string]string{app.FieldIssuedDate: "2026-07-01"}), nil),
			order(app.Preservation2703f, with(map[string]string{app.FieldIssuedDate: "2026-10-01"}), nil), ""},
		{"deadline-passed",
			order(app.GrandJurySubpoena, with(map[string]string{app.FieldDeadline: "2026-11-20"}), nil),
			order(app.GrandJurySubpoena, with(map[string]string{app.FieldDeadline: "2026-11-28"}), nil), ""},
		{"epoc-clock", order(app.EPOC, with(map[string]string{app.FieldJurisdiction: "EU-FR"}), nil), order(app.EPOCPR, with(map[string]string{app.FieldJurisdiction: "EU-FR"}), nil), ""},
		{"uk-opo-clock", order(app.OverseasProductionOrder, with(map[string]string{app.FieldJurisdiction: "UK"}), nil), order(app.ProductionOrder, with(map[string]string{app.FieldJurisdiction: "UK"}), nil), ""},
		{"missing-signature", order(app.CourtOrder2703d, with(map[string]string{app.FieldJudge: ""}), nil), order(app.CourtOrder2703d, us, nil), "IT IS SO ORDERED."},
		{"missing-identifiers", order(app.GrandJurySubpoena, us, func(c *app.Case) { c.Order.Extraction.Targets = nil }), order(app.GrandJurySubpoena, us, nil), ""},
		{"no-date-range",
			order(app.CourtOrder2703d, with(map[string]string{app.FieldDateRangeStart: "", app.FieldDateRangeEnd: ""}), func(c *app.Case) {
				c.Order.Extraction.DataCategories = []string{app.DataNonContent}
			}),
			order(app.CourtOrder2703d, us, func(c *app.Case) { c.Order.Extraction.DataCategories = []string{app.DataNonContent} }), ""},
		{"overbroad-range",
			order(app.SearchWarrant, with(map[string]string{app.FieldDateRangeStart: "2019-01-01", app.FieldDateRangeEnd: ""}), nil),
			order(app.SearchWarrant, us, nil), ""},
		{"ndo-too-long",
			order(app.CourtOrder2703d, us, func(c *app.Case) {
				c.Order.Extraction.Nondisclosure = app.Nondisclosure{Ordered: true, Until: str("2028-01-01")}
			}),
			order(app.CourtOrder2703d, us, func(c *app.Case) { c.Order.Extraction.Nondisclosure = app.Nondisclosure{Ordered: true, Days: 180} }), ""},
		{"emergency-danger", order(app.EmergencyRequest, us, nil), order(app.GrandJurySubpoena, us, nil), "urgent: we need the records today"},
		{"out-of-state-process",
			order(app.SearchWarrant, with(map[string]string{app.FieldJurisdiction: "US-TX"}), nil),
			order(app.SearchWarrant, with(map[string]string{app.FieldJurisdiction: "US-CA"}), nil), ""},
		{"wrong-entity",
			order(app.SearchWarrant, with(map[string]string{app.FieldRecipient: "Other Cloud LLC"}), nil),
			order(app.SearchWarrant, with(map[string]string{app.FieldRecipient: "Example Mail Inc."}), nil), ""},
	}
	var cases []ruleCase
	for _, l := range legacy {
		cases = append(cases, ruleCase{rule: l.rule, fires: l.fires, not: l.not, text: l.text})
	}
	cases = append(cases, trustCases(settings)...)
	seen := map[string]bool{}
	for _, tc := range cases {
		seen[tc.rule] = true
		s, notText := settings, tc.text
		if tc.settings != nil {
			s = *tc.settings
		}
		if tc.notText != "" {
			notText = tc.notText
		}
		if !has(Check(Input{Case: tc.fires, Text: tc.text, Settings: s, Now: now}), tc.rule) {
			t.Errorf("%s: did not fire on the order that should raise it", tc.rule)
		}
		if got := Check(Input{Case: tc.not, Text: notText, Settings: s, Now: now}); has(got, tc.rule) {
			t.Errorf("%s: fired on the order that should not raise it: %+v", tc.rule, find(got, tc.rule))
		}
	}
	for _, r := range Rules() {
		if !seen[r.ID] {
			t.Errorf("rule %s has no test", r.ID)
		}
		if r.Basis == "" || (r.Ground != "" && !slices.Contains(app.Grounds(), r.Ground)) {
			t.Errorf("rule %s: basis %q, ground %q not in app.Grounds", r.ID, r.Basis, r.Ground)
		}
	}
}

func TestRules_DetailsThatMatter(t *testing.T) {
	// A gag without an end is raised; so is an emergency without danger.
	c := order(app.NSL, nil, func(c *app.Case) { c.Order.Extraction.Nondisclosure = app.Nondisclosure{Ordered: true} })
	if f := find(Check(Input{Case: c, Now: now}), "ndo-too-long"); f == nil || !strings.Contains(f.Message, "no end") {
		t.Errorf("gag without end: %+v", f)
	}
	e := order(app.EmergencyRequest, nil, nil)
	if f := find(Check(Input{Case: e, Text: "please send records of the account", Now: now}), "emergency-danger"); f == nil || !strings.Contains(f.Message, "does not state") {
		t.Errorf("emergency without danger: %+v", f)
	}
	if f := find(Check(Input{Case: e, Text: "a person threatened suicide", Now: now}), "emergency-danger"); f == nil || strings.Contains(f.Message, "does not state") {
		t.Errorf("emergency with danger: %+v", f)
	}
	// An EPOC emergency is 8 hours, an ordinary one 10 days.
	ep := order(app.EPOC, nil, func(c *app.Case) { c.Order.Extraction.Emergency = true })
	if f := find(Check(Input{Case: ep, Now: now}), "epoc-clock"); f == nil || !strings.Contains(f.Message, "8 hours") {
		t.Errorf("EPOC emergency: %+v", f)
	}
	ep.Order.Extraction.Emergency = false
	if f := find(Check(Input{Case: ep, Now: now}), "epoc-clock"); f == nil || !strings.Contains(f.Message, "10 days") {
		t.Errorf("EPOC: %+v", f)
	}
	// A decided case raises no clock or expiry findings.
	d := order(app.GrandJurySubpoena, map[string]string{app.FieldDeadline: "2026-01-01"}, func(c *app.Case) { c.Status = app.StatusDecided })
	if has(Check(Input{Case: d, Now: now}), "deadline-passed") {
		t.Error("deadline raised on a decided case")
	}
	// Critical findings come first; grounds are suggested once.
	all := Check(Input{Case: order(app.CivilSubpoena, map[string]string{app.FieldJurisdiction: "US-CA"}, content), Now: now})
	if all[0].Severity != app.SeverityCritical {
		t.Errorf("first finding %+v", all[0])
	}
	if g := Grounds(all); len(g) == 0 || g[0] != app.GroundWarrant {
		t.Errorf("grounds %q", g)
	}
}

func has(fs []app.Finding, rule string) bool { return find(fs, rule) != nil }

func find(fs []app.Finding, rule string) *app.Finding {
	for i := range fs {
		if fs[i].Rule == rule {
			return &fs[i]
		}
	}
	return nil
}

func TestRules_ReadTheCaseAsCorrected(t *testing.T) {
	at := now.Add(-time.Minute)
	// An NSL read as asking for content raises content-needs-warrant; the
	// reviewer corrects the data asked for, and the check goes.
	c := order(app.NSL, map[string]string{app.FieldJurisdiction: "US-federal"}, content)
	if !has(Check(Input{Case: c, Now: now}), "content-needs-warrant") {
		t.Fatal("content on an NSL not raised")
	}
	if _, err := c.Apply(app.Edit{Field: app.FieldDataCategories, List: []string{app.DataSubscriber}}, "R", at); err != nil {
		t.Fatal(err)
	}
	if has(Check(Input{Case: c, Now: now}), "content-needs-warrant") {
		t.Error("the check ignores the corrected data categories")
	}
	// A target added by the reviewer on an enterprise domain: the finding
	// names it and suggests redirecting it.
	c.Apply(app.Edit{Field: app.FieldTargets, Targets: []app.Target{{Kind: app.TargetEmail, Value: "jane@example.com"}, {Kind: app.TargetEmail, Value: "cfo@acme.com"}}}, "R", at)
	f := find(Check(Input{Case: c, Now: now, Settings: app.Settings{EnterpriseDomains: []string{"acme.com"}}}), "enterprise-customer")
	if f == nil || len(f.Targets) != 1 || f.Targets[0] != "cfo@acme.com" || f.Suggests != app.TargetRedirect {
		t.Errorf("enterprise finding %+v", f)
	}
	// The EPOC clock says the same due time as the queue and the field.
	ep := order(app.EPOC, map[string]string{app.FieldDeadline: "2026-11-01"}, func(c *app.Case) {
		f := c.Order.Extraction.Fields[app.FieldDeadline]
		f.Computed = true
		c.Order.Extraction.Fields[app.FieldDeadline] = f
	})
	due, _ := ep.Due()
	if f := find(Check(Input{Case: ep, Now: now}), "epoc-clock"); f == nil || !strings.Contains(f.Message, due.At.Format("2006-01-02 15:04")) || strings.Contains(f.Message, "2026-11-01") {
		t.Errorf("EPOC clock %+v, due %v", f, due.At)
	}
	if has(Check(Input{Case: ep, Now: now}), "deadline-passed") {
		t.Error("the computed deadline from the issue date is taken as passed")
	}
}
