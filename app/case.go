package app

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"fmt"
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

// Outcomes lists every decision in the order the UI offers them.
var Outcomes = []Outcome{Comply, Narrow, Reject, Redirect, Preserve, NoData, Clarify, Challenge}

// ParseOutcome returns the Outcome named s, or an EINVALID error that lists
// the valid ones.
func ParseOutcome(s string) (Outcome, error) {
	for _, o := range Outcomes {
		if string(o) == strings.ToLower(strings.TrimSpace(s)) {
			return o, nil
		}
	}
	names := make([]string, len(Outcomes))
	for i, o := range Outcomes {
		names[i] = string(o)
	}
	return "", Errorf(EINVALID, "unknown decision %q: use one of %s", s, strings.Join(names, ", "))
}

// Decision is what a reviewer decided on a case and why.
type Decision struct {
	Outcome   Outcome   `json:"outcome"`
	Grounds   []string  `json:"grounds,omitempty"`
	Note      string    `json:"note,omitempty"`
	Reviewer  string    `json:"reviewer"`
	DecidedAt time.Time `json:"decided_at"`
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
	ID        string    `json:"id"`
	Status    Status    `json:"status"`
	Order     Order     `json:"order"`
	Decision  *Decision `json:"decision,omitempty"`
	History   []Event   `json:"history"`
	CreatedAt time.Time `json:"created_at"`
	UpdatedAt time.Time `json:"updated_at"`
}

// CaseNumber is the order's case number, or "".
func (c *Case) CaseNumber() string { return c.Order.Extraction.Field(FieldCaseNumber) }

// Deadline returns the order's deadline and whether it has one.
func (c *Case) Deadline() (time.Time, bool) {
	v := c.Order.Extraction.Field(FieldDeadline)
	if v == "" {
		return time.Time{}, false
	}
	t, err := time.Parse(time.DateOnly, v)
	return t, err == nil
}

// SortByUrgency orders cases most urgent first: open cases before decided
// ones; among open cases emergencies first, then the nearest deadline, then
// those without a deadline; ties go to the case imported first.
func SortByUrgency(cases []*Case) {
	sort.SliceStable(cases, func(i, j int) bool {
		a, b := cases[i], cases[j]
		if ad, bd := a.Status == StatusDecided, b.Status == StatusDecided; ad != bd {
			return bd
		}
		if ae, be := a.Order.Extraction.Emergency, b.Order.Extraction.Emergency; ae != be {
			return ae
		}
		at, aok := a.Deadline()
		bt, bok := b.Deadline()
		if aok != bok {
			return aok
		}
		if aok && !at.Equal(bt) {
			return at.Before(bt)
		}
		return a.CreatedAt.Before(b.CreatedAt)
	})
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
	// Cases returns every case, in no particular order.
	Cases(ctx context.Context) ([]*Case, error)
	// UpdateCase replaces the stored case with c (matched by ID).
	UpdateCase(ctx context.Context, c *Case) error
	// Original returns the PDF bytes a case was imported from.
	Original(ctx context.Context, id string) ([]byte, error)
	// Pages returns the text of each page of the case's order.
	Pages(ctx context.Context, id string) ([]PageText, error)
	Close() error
}

// DuplicateError says that an order's bytes are already stored.
type DuplicateError struct {
	CaseID string
}

func (e *DuplicateError) Error() string {
	return "already imported as case " + e.CaseID
}

// Decide records d as the case's decision, marks the case decided, and
// adds to its history who decided what, and what it replaced. The history
// is copied, not appended to in place, so a copy of the case made to try a
// change never alters the original's.
func (c *Case) Decide(d Decision) {
	prev := "none"
	if c.Decision != nil {
		prev = string(c.Decision.Outcome)
	}
	c.Decision = &d
	c.Status = StatusDecided
	c.UpdatedAt = d.DecidedAt
	c.History = append(append([]Event{}, c.History...), Event{At: d.DecidedAt, Actor: d.Reviewer, Action: "decided", Detail: fmt.Sprintf("%s (was %s)", d.Outcome, prev)})
}

// NewCaseID returns a random 128-bit case ID in hex.
func NewCaseID() string {
	var b [16]byte
	if _, err := rand.Read(b[:]); err != nil {
		panic("crypto/rand failed: " + err.Error()) // cannot happen on supported systems
	}
	return hex.EncodeToString(b[:])
}
