package app

import (
	"fmt"
	"slices"
	"strings"
	"time"
)

// Retention keeps a closed matter for as long as the team's policy says,
// in two stages: its content (the order's file and text, the values read
// from it, the correspondence files) goes first; the decision record (what
// was decided, by whom, on what grounds, and the SHA-256 of every memo and
// letter) is kept longer, and when it goes the history — the audit trail —
// stays with a tombstone that statistics still count.

// RetentionSettings say how long a closed matter is kept, in days after
// it closed. 0 keeps it.
type RetentionSettings struct {
	ContentDays int `json:"content_days,omitempty"`
	RecordDays  int `json:"record_days,omitempty"`
}

// Purge records what retention removed from a case.
type Purge struct {
	ContentAt *time.Time `json:"content_at,omitempty"`
	RecordAt  *time.Time `json:"record_at,omitempty"`
	By        string     `json:"by"`
	// Targets and Category are what statistics need of what was removed:
	// how many accounts the order named, and its transparency category.
	Targets  int    `json:"targets"`
	Category string `json:"category,omitempty"`
}

func (p *Purge) record() bool  { return p != nil && p.RecordAt != nil }
func (p *Purge) content() bool { return p != nil && p.ContentAt != nil }

// Stages of a purge.
const (
	PurgeContent = "content"
	PurgeRecord  = "record"
)

// PurgeStep is one case a purge removes something from.
type PurgeStep struct {
	Case     string    `json:"case"`
	Matter   string    `json:"matter"`
	Stage    string    `json:"stage"`
	ClosedAt time.Time `json:"closed_at"`
	// Due is when the retention period ended.
	Due     time.Time `json:"due"`
	Removes []string  `json:"removes"`
	Keeps   []string  `json:"keeps"`
}

// What each stage removes and keeps, in words a reviewer checks the
// policy against.
var (
	contentRemoves = []string{"the original file", "the page text and OCR", "the values read from the order and their evidence (targets, contacts, snippets)",
		"corrections to those values", "the draft", "correspondence files and subjects"}
	contentKeeps = []string{"the decision record (outcome, grounds, rationale, per-target choices, notice, reviewer, time)", "the case number, issuer, dates and kind of process",
		"the SHA-256 of the original, of every memo and letter", "the audit entries (history)"}
	recordRemoves = []string{"the decision record: case number, issuer and agency, dates, grounds, rationale, per-target choices, corrections"}
	recordKeeps   = []string{"a tombstone for statistics (kind of process, jurisdiction, outcome, category, number of accounts, dates decided)",
		"the SHA-256 of the original, of every memo and letter", "the audit entries (history)"}
)

// PurgeSteps lists what retention removes from the matters at now: the
// content of each case in a matter closed longer than ContentDays, and the
// record of each in one closed longer than RecordDays. Open matters are
// never touched.
func PurgeSteps(matters []*Matter, rs RetentionSettings, now time.Time) []PurgeStep {
	var out []PurgeStep
	for _, m := range matters {
		if !m.Closed {
			continue
		}
		for _, c := range m.Cases {
			step := PurgeStep{Case: c.ID, Matter: m.ID, ClosedAt: m.ClosedAt}
			switch {
			case rs.RecordDays > 0 && !c.Purged.record() && !now.Before(m.ClosedAt.AddDate(0, 0, rs.RecordDays)):
				step.Stage, step.Due = PurgeRecord, m.ClosedAt.AddDate(0, 0, rs.RecordDays)
				step.Removes, step.Keeps = recordRemoves, recordKeeps
				if !c.Purged.content() {
					step.Removes = append(slices.Clone(contentRemoves), recordRemoves...)
				}
			case rs.ContentDays > 0 && !c.Purged.content() && !now.Before(m.ClosedAt.AddDate(0, 0, rs.ContentDays)):
				step.Stage, step.Due = PurgeContent, m.ClosedAt.AddDate(0, 0, rs.ContentDays)
				step.Removes, step.Keeps = contentRemoves, contentKeeps
			default:
				continue
			}
			out = append(out, step)
		}
	}
	return out
}

// keptFields are the order's fields the decision record keeps: what
// identifies the process and when it ran, not who it was about.
var keptFields = []string{FieldCaseNumber, FieldIssuedDate, FieldDeadline, FieldIssuingAuthority, FieldAgency, FieldJurisdiction, FieldRecipient, FieldJudge, FieldDateRangeStart, FieldDateRangeEnd}

// PurgeContent removes the case's content (PurgeSteps' words) and returns
// the correspondence files to delete with it; the store deletes the
// original and the page text. category is the case's transparency
// category, kept for statistics.
func (c *Case) PurgeContent(category, by string, at time.Time) []string {
	ex := &c.Order.Extraction
	p := c.purge(category, by)
	fields := map[string]Field{}
	for _, name := range keptFields {
		if f, ok := ex.Fields[name]; ok {
			fields[name] = Field{Value: f.Value, Page: f.Page, Confidence: f.Confidence, Computed: f.Computed}
		}
	}
	ex.Fields = fields
	ex.Targets, ex.Warnings, ex.Moments, ex.Prior = []Target{}, []string{}, nil, nil
	ex.Nondisclosure.Snippet = ""
	corr := map[string]Correction{}
	for name, k := range c.Corrections {
		// The kind of process, as corrected, is part of the record.
		if slices.Contains(keptFields, name) || name == FieldProcessType {
			corr[name] = k
		}
	}
	c.Corrections, c.Draft = corr, nil
	c.Order.FileName = "(purged)"
	var files []string
	items := slices.Clone(c.Correspondence)
	for i := range items {
		files = append(files, items[i].ID)
		items[i].Subject, items[i].FileName, items[i].Purged = "", "(purged)", true
	}
	c.Correspondence = items
	t := at
	p.ContentAt = &t
	c.Purged = p
	c.touch(by, at, "purged", "content removed after the retention period: "+strings.Join(contentRemoves, "; ")+". Kept: "+strings.Join(contentKeeps, "; "))
	return files
}

// PurgeRecord removes the decision record too, leaving the tombstone
// statistics count and the history; it purges the content first when that
// has not gone yet, and returns the files to delete.
func (c *Case) PurgeRecord(category, by string, at time.Time) []string {
	var files []string
	if !c.Purged.content() {
		files = c.PurgeContent(category, by, at)
	}
	ex := &c.Order.Extraction
	fields := map[string]Field{}
	if f, ok := ex.Fields[FieldJurisdiction]; ok {
		fields[FieldJurisdiction] = Field{Value: f.Value}
	}
	ex.Fields, ex.LegalBasis = fields, []string{}
	// The tombstone keeps the kind of process as corrected.
	ex.ProcessType = c.ProcessType()
	c.Corrections = nil
	if d := c.Decision; d != nil {
		c.Decision = &Decision{Outcome: d.Outcome, Notice: d.Notice, Reviewer: d.Reviewer, DecidedAt: d.DecidedAt}
	}
	t := at
	c.Purged.RecordAt = &t
	c.touch(by, at, "purged", "decision record removed after the retention period. Kept: "+strings.Join(recordKeeps, "; "))
	return files
}

func (c *Case) purge(category, by string) *Purge {
	p := &Purge{By: by, Targets: len(c.Targets()), Category: category}
	if c.Purged != nil {
		q := *c.Purged
		p = &q
		p.By = by
	}
	return p
}

// TargetCount is how many targets the order named, purged or not.
func (c *Case) TargetCount() int {
	if c.Purged.content() {
		return c.Purged.Targets
	}
	return len(c.Targets())
}

// Describe says what a step does, in one line.
func (s PurgeStep) Describe() string {
	return fmt.Sprintf("case %s (matter %s, closed %s, kept until %s): remove %s", ShortID(s.Case), ShortID(s.Matter),
		s.ClosedAt.UTC().Format(time.DateOnly), s.Due.UTC().Format(time.DateOnly), strings.Join(s.Removes, "; "))
}
