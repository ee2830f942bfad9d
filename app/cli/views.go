package cli

import (
	"time"

	"github.com/warrantdesk/warrantdesk/app"
)

// extractJSON is one line of `extract --json`: the contract in docs/cli.md.
type extractJSON struct {
	File           string               `json:"file"`
	SHA256         string               `json:"sha256,omitempty"`
	Pages          int                  `json:"pages"`
	TextSource     app.TextSource       `json:"text_source,omitempty"`
	ProcessType    app.ProcessType      `json:"process_type,omitempty"`
	Fields         map[string]app.Field `json:"fields"`
	Targets        []app.Target         `json:"targets"`
	DataCategories []string             `json:"data_categories"`
	LegalBasis     []string             `json:"legal_basis"`
	Nondisclosure  app.Nondisclosure    `json:"nondisclosure"`
	Emergency      bool                 `json:"emergency"`
	Warnings       []string             `json:"warnings"`
	Moments        []app.Moment         `json:"moments,omitempty"`
	Prior          []app.PriorRef       `json:"prior,omitempty"`
	Error          string               `json:"error,omitempty"`
	// Orders lists the orders of a file that bundles several, each with
	// its pages and its own fields; absent for an ordinary file.
	Orders []orderJSON `json:"orders,omitempty"`
}

type orderJSON struct {
	Pages app.PageRange `json:"page_range"`
	extractJSON
}

func extractView(file, sha string, pages int, src app.TextSource, ex app.Extraction) extractJSON {
	return extractJSON{
		File: file, SHA256: sha, Pages: pages, TextSource: src,
		ProcessType: ex.ProcessType, Fields: ex.Fields, Targets: ex.Targets,
		DataCategories: ex.DataCategories, LegalBasis: ex.LegalBasis,
		Nondisclosure: ex.Nondisclosure, Emergency: ex.Emergency, Warnings: ex.Warnings,
		Moments: ex.Moments, Prior: ex.Prior,
	}
}

// caseJSON is a case as list, show and search print it: the extraction
// contract plus the case's own state.
type caseJSON struct {
	ID         string         `json:"id"`
	Status     app.Status     `json:"status"`
	CaseNumber string         `json:"case_number"`
	Deadline   string         `json:"deadline"`
	NeedsOCR   bool           `json:"needs_ocr"`
	ImportedAt time.Time      `json:"imported_at"`
	Part       *app.PageRange `json:"part,omitempty"`
	extractJSON
	Decision    *app.Decision             `json:"decision"`
	Draft       *app.Decision             `json:"draft,omitempty"`
	Corrections map[string]app.Correction `json:"corrections,omitempty"`
	// The trust record: how the requester was verified, the blocking
	// checks resolved, the second reviewer's approval (absent when none).
	Verification *app.Verification `json:"verification,omitempty"`
	Resolutions  []app.Resolution  `json:"resolutions,omitempty"`
	Approval     *app.Approval     `json:"approval,omitempty"`
	// Findings are the review checks raised, Matter the case's matter
	// and Clock its deadline (show only).
	Findings *[]app.Finding `json:"findings,omitempty"`
	Matter   *matterRef     `json:"matter,omitempty"`
	Clock    *clockJSON     `json:"clock,omitempty"`
	History  []app.Event    `json:"history"`
	// Due is when the order must be answered and why (app.Case.Due);
	// absent when no time is known.
	Due        *dueJSON       `json:"due,omitempty"`
	Superseded []app.Decision `json:"superseded,omitempty"`
	SplitInto  []string       `json:"split_into,omitempty"`
	SplitFrom  string         `json:"split_from,omitempty"`
}

type dueJSON struct {
	At    time.Time `json:"at"`
	Basis string    `json:"basis"`
}

func caseView(c *app.Case) caseJSON {
	o := c.Order
	deadline := c.Value(app.FieldDeadline)
	v := caseJSON{
		ID: c.ID, Status: c.Status, CaseNumber: c.CaseNumber(), Deadline: deadline,
		NeedsOCR: o.NeedsOCR, ImportedAt: o.ImportedAt, Part: o.Part,
		extractJSON: extractView(o.FileName, o.SHA256, o.Pages, o.TextSource, o.Extraction),
		Decision:    c.Decision, Draft: c.Draft, Corrections: c.Corrections, History: c.History,
		Superseded: c.Superseded, SplitInto: c.SplitInto, SplitFrom: c.SplitFrom,
		Verification: c.Verification, Resolutions: c.Resolutions, Approval: c.Approval,
	}
	if d, ok := c.Due(); ok {
		v.Due = &dueJSON{d.At, d.Basis}
	}
	return v
}
