// Package memo writes the decision memo for a case: one text/template
// (assets/memo.md.tmpl) produces a small Markdown subset, which is the .md
// memo and is rendered to PDF (github.com/go-pdf/fpdf, with embedded fonts
// for any script) and to DOCX (Office Open XML, written directly: a memo
// needs paragraphs, headings, lists and bold, which take a few dozen lines,
// not a library). See docs/memo.md.
package memo

import (
	"fmt"
	"slices"
	"strings"
	"text/template"
	"time"

	"github.com/warrantdesk/warrantdesk/app"
)

// Formats memos are written in, the default first (a new slice each
// time).
func Formats() []string { return []string{"pdf", "docx", "md"} }

// Input is what a memo states.
type Input struct {
	Case     *app.Case
	Findings []app.Finding
	Written  time.Time
	// Draft marks the memo as not final: its decision awaits a second
	// reviewer's approval.
	Draft bool
	// AuditHead is the audit trail's head when the memo was written
	// (SIZE:HASH): 'warrantdesk verify --head' later shows the trail still
	// holds, unchanged, everything recorded up to then. "" when the store
	// keeps none.
	AuditHead string
}

// view is what the template sees: every value already in words, so the
// template stays readable for whoever adapts it.
type view struct {
	Title, CaseID, Type, CaseNumber, Authority, Judge, Agency, Agent, Recipient, Jurisdiction string
	Issued, Deadline, Received, Data, DateRange, LegalBasis, Nondisclosure                    string
	FileName, SHA256, Written, AuditHead                                                      string
	Pages                                                                                     int
	Emergency                                                                                 bool
	Corrections                                                                               []correction
	Targets                                                                                   []target
	Findings                                                                                  []finding
	Outcome, Rationale, Notice, Reviewer, DecidedAt                                           string
	Grounds, History                                                                          []string
	// The trust record (trust.go): a draft's banner, how the requester
	// was verified, and the second reviewer's approval.
	Draft                  bool
	DraftNote              string
	Verification, Approval string
}

type correction struct{ Field, Value, Extracted, By, At string }
type target struct{ Kind, Value, Decision string }
type finding struct{ Severity, Message, Basis, Resolution string }

// Markdown executes the template for a decided case.
func Markdown(tmpl string, in Input) (string, error) {
	c := in.Case
	d := c.Decision
	if d == nil {
		return "", app.Errorf(app.EINVALID, "case %s has no decision yet: decide it, then write its memo", c.ID)
	}
	t, err := template.New("memo").Option("missingkey=error").Parse(tmpl)
	if err != nil {
		return "", app.Errorf(app.EINVALID, "the memo template does not parse: %v", err)
	}
	v := build(in)
	var b strings.Builder
	if err := t.Execute(&b, v); err != nil {
		return "", app.Errorf(app.EINVALID, "the memo template failed: %v", err)
	}
	return b.String(), nil
}

// build puts every value in words, escaped (esc): none of them, whoever
// wrote it, may add structure to the memo.
func build(in Input) view {
	c, d := in.Case, in.Case.Decision
	// What the reviewer corrected stands; what was read is listed under
	// Corrections.
	ex := c.Effective()
	or := func(s string) string {
		if s = esc(s); s == "" {
			return "not stated"
		}
		return s
	}
	v := view{
		CaseID: esc(c.ID), Type: esc(ex.ProcessType.Name()), CaseNumber: or(c.CaseNumber()),
		Authority: or(c.Value(app.FieldIssuingAuthority)), Judge: or(c.Value(app.FieldJudge)),
		Agency: or(c.Value(app.FieldAgency)), Agent: esc(c.Value(app.FieldAgentName)), Recipient: or(c.Value(app.FieldRecipient)),
		Jurisdiction: or(c.Value(app.FieldJurisdiction)), Issued: or(c.Value(app.FieldIssuedDate)),
		Deadline: or(c.Value(app.FieldDeadline)), Received: stamp(c.Order.ImportedAt),
		Data: or(dataLabels(ex.DataCategories)), LegalBasis: or(strings.Join(ex.LegalBasis, "; ")),
		Nondisclosure: or(ex.Nondisclosure.Describe()), FileName: esc(c.Order.FileName), SHA256: esc(c.Order.SHA256),
		Pages: c.Order.Pages, Emergency: ex.Emergency, Written: stamp(in.Written), AuditHead: esc(in.AuditHead),
		Outcome: esc(d.Outcome.Label()), Rationale: or(d.Note), Reviewer: or(d.Reviewer), DecidedAt: stamp(d.DecidedAt),
		Notice: esc(notice(d)),
	}
	v.Grounds = grounds(d)
	// The formal name where the desk's Title has the label: a memo is read
	// by people who do not know the app's short words.
	v.Title = v.Type + " " + esc(c.Reference())
	if from, to := c.Value(app.FieldDateRangeStart), c.Value(app.FieldDateRangeEnd); from != "" || to != "" {
		v.DateRange = fmt.Sprintf("%s to %s", or(from), or(to))
	}
	if p := c.Order.Part; p != nil {
		v.FileName += fmt.Sprintf(" (pages %d–%d of the file)", p.From, p.To)
	}
	v.Corrections = corrections(c, or)
	for _, t := range ex.Targets {
		v.Targets = append(v.Targets, target{esc(t.Kind.Label()), or(t.Value), esc(d.For(t.Value).Label())})
	}
	for _, f := range in.Findings {
		res := "considered; not a ground of the decision"
		for _, g := range d.Grounds {
			if f.Ground != "" && g == f.Ground {
				res = "adopted as a ground"
			}
		}
		if f.Severity == app.SeverityInfo {
			res = "noted"
		}
		res = blockResolution(f, res)
		v.Findings = append(v.Findings, finding{esc(f.Severity), esc(f.Message), esc(f.Basis), res})
	}
	v.Draft, v.DraftNote, v.Verification, v.Approval = trustView(in)
	for _, e := range c.History {
		s := fmt.Sprintf("%s, %s: %s", stamp(e.At), esc(e.Actor), esc(e.Action))
		if e.Detail != "" {
			s += " — " + esc(e.Detail)
		}
		v.History = append(v.History, s)
	}
	return v
}

// grounds are the decision's grounds; one that argues against the outcome
// was kept by the reviewer against the desk's warning, and the memo says so
// rather than let it read as a reason for what was done.
func grounds(d *app.Decision) []string {
	against := d.Contradictions()
	var out []string
	for _, g := range d.Grounds {
		e := esc(g)
		if slices.Contains(against, g) {
			e += " (argues against the outcome; kept by the reviewer)"
		}
		out = append(out, e)
	}
	return out
}

// corrections lists what the reviewer corrected, beside what was read.
func corrections(c *app.Case, or func(string) string) []correction {
	var out []correction
	for _, name := range app.CorrectableNames() {
		if k, ok := c.Corrections[name]; ok {
			value := k.Value
			if k.Cleared {
				value = "none (cleared: the order states none)"
			}
			out = append(out, correction{esc(app.FieldLabel(name)), or(value), or(k.Extracted), or(k.By), stamp(k.At)})
		}
	}
	return out
}

func stamp(t time.Time) string {
	if t.IsZero() {
		return "not recorded"
	}
	return t.UTC().Format("2006-01-02 15:04 UTC")
}

func dataLabels(cats []string) string {
	out := make([]string, len(cats))
	for i, c := range cats {
		out[i] = app.DataLabel(c)
	}
	return strings.Join(out, ", ")
}

func notice(d *app.Decision) string {
	switch d.Notice {
	case app.NoticeNotify:
		return "the user will be notified"
	case app.NoticeDelayed:
		if d.NoticeAfter != "" {
			return "delayed by the non-disclosure order; the user may be notified from " + d.NoticeAfter
		}
		return "delayed by the non-disclosure order, which states no end"
	case app.NoticeNone:
		return "the user will not be notified (see the rationale)"
	}
	return "not decided"
}
