package app

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"sort"
	"strings"
	"time"
)

// Status is where a case stands in review.
type Status string

// Case statuses.
const (
	StatusNew      Status = "new"
	StatusInReview Status = "in_review"
	StatusDecided  Status = "decided"
	// StatusAwaitingApproval: decided, but the decision needs a second
	// reviewer's approval (the two-person rule) before the case is closed.
	StatusAwaitingApproval Status = "awaiting_approval"
	// StatusSplit marks a case made of a whole file that bundles several
	// orders, once a case was made of each (Case.SplitInto): it is
	// superseded by them.
	StatusSplit Status = "split"
)

// Outcome is a reviewer's decision on an order.
type Outcome string

// Decisions a reviewer can take.
const (
	Comply    Outcome = "comply"
	Narrow    Outcome = "narrow"
	Reject    Outcome = "reject"
	Redirect  Outcome = "redirect" // to the enterprise customer whose data it is
	Preserve  Outcome = "preserve"
	NoData    Outcome = "no-data"
	Clarify   Outcome = "clarify"
	Challenge Outcome = "challenge"
)

// Outcomes lists every decision in the order the UI offers them. It returns
// a new slice each time: the list is part of the contract and no caller may
// change it for the others.
func Outcomes() []Outcome {
	return []Outcome{Comply, Narrow, Reject, Redirect, Preserve, NoData, Clarify, Challenge}
}

// ParseOutcome returns the Outcome named s, or an EINVALID error that lists
// the valid ones.
func ParseOutcome(s string) (Outcome, error) {
	all := Outcomes()
	for _, o := range all {
		if string(o) == strings.ToLower(strings.TrimSpace(s)) {
			return o, nil
		}
	}
	return "", unknownOutcome(s)
}

func unknownOutcome(s string) *Error {
	all := Outcomes()
	names := make([]string, len(all))
	for i, o := range all {
		names[i] = string(o)
	}
	return Errorf(EINVALID, "unknown decision %q: use one of %s", s, strings.Join(names, ", "))
}

// Notice is what the user whose data is requested will be told.
type Notice string

// User notice choices.
const (
	NoticeNotify  Notice = "notify"       // tell the user before or at disclosure
	NoticeDelayed Notice = "delayed"      // a non-disclosure order bars it until NoticeAfter
	NoticeNone    Notice = "not_notified" // the user will not be told (say why in the rationale)
)

// Notices lists the choices in the order the UI offers them (a new slice
// each time).
func Notices() []Notice { return []Notice{NoticeNotify, NoticeDelayed, NoticeNone} }

// ParseNotice returns the Notice named s ("" is no choice), or EINVALID.
func ParseNotice(s string) (Notice, error) {
	s = strings.ToLower(strings.TrimSpace(s))
	for _, n := range append([]Notice{""}, Notices()...) {
		if string(n) == s {
			return n, nil
		}
	}
	return "", Errorf(EINVALID, "unknown user notice %q: use notify, delayed or not_notified", s)
}

// DefaultNotice suggests the user notice for an order: delayed until the
// non-disclosure order ends when there is one, else notify.
func DefaultNotice(nd Nondisclosure) (Notice, string) {
	if !nd.Ordered {
		return NoticeNotify, ""
	}
	if nd.Until != nil {
		return NoticeDelayed, *nd.Until
	}
	return NoticeDelayed, ""
}

// Correction is a reviewer's value for something read from the order (a
// field, the process type, the targets, …: CorrectableNames). It is kept
// beside the extraction, which is never changed, so the memo and the audit
// trail show both what was read and what the reviewer found.
type Correction struct {
	// Value is the reviewer's value in words: a field's value, a process
	// type's code, a list's entries joined by "; ".
	Value string `json:"value"`
	// Extracted is what was read, in the same words.
	Extracted string `json:"extracted"`
	// Cleared says the order states no such thing, whatever was read.
	Cleared bool `json:"cleared,omitempty"`
	// List, Targets and Nondisclosure hold the value of a list (data
	// categories, legal basis), of the targets and of the gag.
	List          []string       `json:"list,omitempty"`
	Targets       []Target       `json:"targets,omitempty"`
	Nondisclosure *Nondisclosure `json:"nondisclosure,omitempty"`
	By            string         `json:"by"`
	At            time.Time      `json:"at"`
}

// Event records one change to a case: who did what, and when.
type Event struct {
	At     time.Time `json:"at"`
	Actor  string    `json:"actor"`
	Action string    `json:"action"`
	Detail string    `json:"detail,omitempty"`
}

// Case is one order under review.
type Case struct {
	// ID is a random 128-bit value in hex. It never derives from the case
	// number or a name: those are sensitive and will be encrypted.
	ID       string    `json:"id"`
	Status   Status    `json:"status"`
	Order    Order     `json:"order"`
	Decision *Decision `json:"decision,omitempty"`
	// Draft is a decision being written but not yet taken, kept so that
	// closing the app or moving to another case loses nothing.
	Draft       *Decision             `json:"draft,omitempty"`
	Corrections map[string]Correction `json:"corrections,omitempty"`
	// Trust is how the requester was verified, which blocking checks were
	// resolved, and the second reviewer's approval (trust.go).
	Trust
	// Superseded are the decisions taken before the case was reopened,
	// oldest first: a decision is never overwritten.
	Superseded []Decision `json:"superseded,omitempty"`
	// SplitInto names the cases made of each order of a bundle this case
	// held whole (StatusSplit); SplitFrom, on those, the bundle's case.
	SplitInto []string  `json:"split_into,omitempty"`
	SplitFrom string    `json:"split_from,omitempty"`
	History   []Event   `json:"history"`
	CreatedAt time.Time `json:"created_at"`
	UpdatedAt time.Time `json:"updated_at"`
	// MatterState is the case's matter, clock, correspondence and
	// retention (matter.go); its fields sit beside these in the JSON.
	MatterState
}

// CaseNumber is the order's case number, or "".
func (c *Case) CaseNumber() string { return c.Value(FieldCaseNumber) }

// Value returns the named field as the reviewer corrected it ("" when
// cleared), else as extracted, else "".
func (c *Case) Value(name string) string {
	if k, ok := c.Corrections[name]; ok {
		return k.Value
	}
	return c.Order.Extraction.Field(name)
}

// SaveDraft keeps d as the case's unsaved decision and marks a new case in
// review. A decided case takes no draft (ErrDecided): reopen it first.
func (c *Case) SaveDraft(d Decision, by string, at time.Time) error {
	if c.Decided() {
		return decidedError(c)
	}
	c.Draft = &d
	c.touch(by, at, "", "")
	return nil
}

// touch marks a new case in review (recording that in its history) and
// adds the event action, if any.
func (c *Case) touch(by string, at time.Time, action, detail string) {
	h := append([]Event{}, c.History...)
	if c.Status == StatusNew || c.Status == "" {
		c.Status = StatusInReview
		h = append(h, Event{At: at, Actor: by, Action: "review started"})
	}
	if action != "" {
		h = append(h, Event{At: at, Actor: by, Action: action, Detail: detail})
	}
	c.History = h
	c.UpdatedAt = at
}

func isDateField(name string) bool {
	return name == FieldIssuedDate || name == FieldDeadline || name == FieldDateRangeStart || name == FieldDateRangeEnd
}

// Deadline returns the day the order must be answered by (Due) and
// whether it has one.
func (c *Case) Deadline() (time.Time, bool) {
	d, ok := c.Due()
	if !ok {
		return time.Time{}, false
	}
	return time.Date(d.At.Year(), d.At.Month(), d.At.Day(), 0, 0, 0, 0, time.UTC), true
}

// Closed reports whether the case needs no more work: decided, or split
// into cases of its own.
func (c *Case) Closed() bool { return c.Status == StatusDecided || c.Status == StatusSplit }

// SortByUrgency orders cases most urgent first: open cases before closed
// ones; among open cases emergencies first, then the nearest due time
// (Due), then those without one; ties go to the case imported first. Each
// case's key (UrgencyKey) is computed once, not in every comparison.
func SortByUrgency(cases []*Case) {
	type keyed struct {
		key string
		c   *Case
	}
	ks := make([]keyed, len(cases))
	for i, c := range cases {
		ks[i] = keyed{UrgencyKey(c), c}
	}
	sort.Slice(ks, func(i, j int) bool { return ks[i].key < ks[j].key })
	for i, k := range ks {
		cases[i] = k.c
	}
}

// Store keeps cases and the original PDFs they came from. Implementations
// must be safe for concurrent use.
type Store interface {
	// CreateCase stores c and the original PDF bytes. If the same bytes are
	// already stored it returns an ECONFLICT *DuplicateError naming the case
	// that holds them, and stores nothing.
	CreateCase(ctx context.Context, c *Case, original []byte, pages []PageText) error
	// Case returns the case with the given ID, or ENOTFOUND.
	Case(ctx context.Context, id string) (*Case, error)
	// Cases returns every case, in no particular order. Cases whose record
	// cannot be read are left out and named by an EDAMAGED error wrapping a
	// *DamagedError, returned with the cases that could be read.
	Cases(ctx context.Context) ([]*Case, error)
	// UpdateCase replaces the stored case with c (matched by ID).
	UpdateCase(ctx context.Context, c *Case) error
	// Original returns the PDF bytes a case was imported from.
	Original(ctx context.Context, id string) ([]byte, error)
	// Pages returns the text of each page of the case's order.
	Pages(ctx context.Context, id string) ([]PageText, error)
	// UpdateCaseText replaces the stored case and its page texts in one
	// step (the order read again, by OCR).
	UpdateCaseText(ctx context.Context, c *Case, pages []PageText) error
	SettingsStore
	Close() error
}

// DuplicateError says that an order's bytes are already stored.
type DuplicateError struct {
	CaseID string
}

func (e *DuplicateError) Error() string {
	return "already imported as case " + e.CaseID
}

// NewCaseID returns a random 128-bit case ID in hex.
func NewCaseID() string {
	var b [16]byte
	if _, err := rand.Read(b[:]); err != nil {
		panic("crypto/rand failed: " + err.Error()) // cannot happen on supported systems
	}
	return hex.EncodeToString(b[:])
}
