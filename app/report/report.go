// Package report turns cases into the decision log (one row per case, for
// counsel and audits) and into statistics in the categories providers'
// transparency reports use.
package report

import (
	"slices"
	"sort"
	"strings"
	"time"

	"github.com/warrantdesk/warrantdesk/app"
)

// Columns of the decision log, in order (a new slice each time). Part of
// the CSV/JSON contract (docs/cli.md).
func Columns() []string {
	return []string{
		"id", "status", "process_type", "case_number", "issuing_authority", "judge", "agency", "jurisdiction",
		"issued_date", "deadline", "imported_at", "emergency", "targets", "data_categories", "legal_basis",
		"nondisclosure", "decision", "grounds", "rationale", "targets_produced", "targets_withheld", "notice",
		"notice_after", "reviewer", "decided_at", "transparency_category", "findings", "corrected_fields", "file", "sha256",
	}
}

// Row is one case in the log, keyed by Columns.
type Row map[string]string

// Log returns one row per case, in the given order. findings may be nil.
func Log(cases []*app.Case, findings map[string][]app.Finding) []Row {
	rows := make([]Row, 0, len(cases))
	for _, c := range cases {
		ex := c.Effective()
		r := Row{
			"id": c.ID, "status": string(c.Status), "process_type": string(ex.ProcessType), "case_number": c.CaseNumber(),
			"issuing_authority": c.Value(app.FieldIssuingAuthority), "judge": c.Value(app.FieldJudge), "agency": c.Value(app.FieldAgency),
			"jurisdiction": c.Value(app.FieldJurisdiction), "issued_date": c.Value(app.FieldIssuedDate), "deadline": c.Value(app.FieldDeadline),
			"imported_at": rfc3339(c.Order.ImportedAt), "emergency": yes(ex.Emergency),
			"data_categories": strings.Join(ex.DataCategories, ";"), "legal_basis": strings.Join(ex.LegalBasis, ";"),
			"nondisclosure": ex.Nondisclosure.Describe(), "file": c.Order.FileName, "sha256": c.Order.SHA256,
		}
		var targets, produced, withheld, rules, corrected []string
		for _, t := range ex.Targets {
			targets = append(targets, t.Value)
		}
		if d := c.Decision; d != nil {
			for _, t := range ex.Targets {
				if d.Produces(t.Value) {
					produced = append(produced, t.Value)
				} else {
					withheld = append(withheld, t.Value)
				}
			}
			r["decision"], r["grounds"], r["rationale"] = string(d.Outcome), strings.Join(d.Grounds, ";"), d.Note
			r["notice"], r["notice_after"], r["reviewer"], r["decided_at"] = string(d.Notice), d.NoticeAfter, d.Reviewer, rfc3339(d.DecidedAt)
			r["transparency_category"] = Category(c)
		}
		for _, f := range findings[c.ID] {
			rules = append(rules, f.Rule)
		}
		for _, name := range app.CorrectableNames() {
			if _, ok := c.Corrections[name]; ok {
				corrected = append(corrected, name)
			}
		}
		r["targets"], r["targets_produced"], r["targets_withheld"] = strings.Join(targets, ";"), strings.Join(produced, ";"), strings.Join(withheld, ";")
		r["findings"], r["corrected_fields"] = strings.Join(rules, ";"), strings.Join(corrected, ";")
		rows = append(rows, r)
	}
	return rows
}

// Transparency report categories.
const (
	CategoryContent    = "content disclosed"
	CategoryNonContent = "non-content only"
	CategoryNoData     = "no data found"
	CategoryRejected   = "rejected or challenged"
	CategoryRedirected = "redirected to the customer"
	CategoryPreserved  = "preserved only"
	CategoryPending    = "clarification asked"
)

// Categories lists them in report order (a new slice each time).
func Categories() []string {
	return []string{CategoryContent, CategoryNonContent, CategoryNoData, CategoryRejected, CategoryRedirected, CategoryPreserved, CategoryPending}
}

// Category places a decided case in a transparency report category: content
// disclosed when the order asked for content and data was produced for a
// target on a full compliance; non-content only when data was produced
// otherwise (a narrowed order produces no content); no data found when
// nothing was produced on a compliance, or the decision was no data.
func Category(c *app.Case) string {
	d := c.Decision
	if d == nil {
		return ""
	}
	ex := c.Effective()
	produced := len(ex.Targets) == 0 && (d.Outcome == app.Comply || d.Outcome == app.Narrow)
	for _, t := range ex.Targets {
		produced = produced || d.Produces(t.Value)
	}
	switch d.Outcome {
	case app.Comply, app.Narrow:
		switch {
		case !produced:
			return CategoryNoData
		case d.Outcome == app.Comply && slices.Contains(ex.DataCategories, app.DataContent):
			return CategoryContent
		}
		return CategoryNonContent
	case app.NoData:
		return CategoryNoData
	case app.Reject, app.Challenge:
		return CategoryRejected
	case app.Redirect:
		return CategoryRedirected
	case app.Preserve:
		return CategoryPreserved
	}
	return CategoryPending
}

// Stats counts the cases decided in a period.
type Stats struct {
	From, To       string         `json:",omitempty"`
	Decided        int            `json:"decided"`
	Open           int            `json:"open"`
	Accounts       int            `json:"accounts"` // targets named by the decided orders
	ByCategory     map[string]int `json:"by_category"`
	ByType         map[string]int `json:"by_process_type"`
	ByJurisdiction map[string]int `json:"by_jurisdiction"`
	ByDecision     map[string]int `json:"by_decision"`
	ByData         map[string]int `json:"by_data_category"` // an order asking for several counts in each
}

// Count computes statistics for cases decided from from to to (inclusive
// dates; zero times mean unbounded). Open counts undecided cases imported
// in the period.
func Count(cases []*app.Case, from, to time.Time) Stats {
	s := Stats{ByCategory: map[string]int{}, ByType: map[string]int{}, ByJurisdiction: map[string]int{}, ByDecision: map[string]int{}, ByData: map[string]int{}}
	if !from.IsZero() {
		s.From = from.Format(time.DateOnly)
	}
	if !to.IsZero() {
		s.To = to.Format(time.DateOnly)
	}
	for _, c := range cases {
		if c.Decision == nil || c.Status != app.StatusDecided {
			if InPeriod(c.Order.ImportedAt, from, to) {
				s.Open++
			}
			continue
		}
		if !InPeriod(c.Decision.DecidedAt, from, to) {
			continue
		}
		ex := c.Effective()
		s.Decided++
		s.Accounts += len(ex.Targets)
		s.ByCategory[Category(c)]++
		s.ByType[orUnknown(string(ex.ProcessType))]++
		s.ByJurisdiction[orUnknown(c.Value(app.FieldJurisdiction))]++
		s.ByDecision[string(c.Decision.Outcome)]++
		for _, d := range ex.DataCategories {
			s.ByData[d]++
		}
		if len(ex.DataCategories) == 0 {
			s.ByData["unknown"]++
		}
	}
	return s
}

// InPeriod reports whether t falls from the day from to the end of the day
// to; a zero bound is open.
func InPeriod(t, from, to time.Time) bool {
	return (from.IsZero() || !t.Before(from)) && (to.IsZero() || t.Before(to.AddDate(0, 0, 1)))
}

// Keys returns a count's keys, largest count first, then by name.
func Keys(m map[string]int) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Slice(keys, func(i, j int) bool {
		if m[keys[i]] != m[keys[j]] {
			return m[keys[i]] > m[keys[j]]
		}
		return keys[i] < keys[j]
	})
	return keys
}

func orUnknown(s string) string {
	if s == "" {
		return "unknown"
	}
	return s
}

// rfc3339 writes a time for tools reading the log (the memo writes it for
// people); "" when it was never recorded.
func rfc3339(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.UTC().Format(time.RFC3339)
}

func yes(b bool) string {
	if b {
		return "yes"
	}
	return "no"
}
