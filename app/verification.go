package app

import (
	"errors"
	"fmt"
	"strings"
	"time"
)

// Trust is what stands between a request and a disclosure, kept on the
// case beside the decision: how the requester was verified, which
// blocking checks a reviewer resolved and why, and the second reviewer's
// approval. Its fields sit at the top level of a case's JSON.
type Trust struct {
	Verification *Verification `json:"verification,omitempty"`
	Resolutions  []Resolution  `json:"resolutions,omitempty"`
	Approval     *Approval     `json:"approval,omitempty"`
}

// VerifyMethod is how a reviewer made sure a request came from whom it
// claims to.
type VerifyMethod string

// Ways of verifying a requester. A call-back counts only to a number from
// an independent source (the agency directory, the agency's published
// switchboard), never to the number the request itself gives.
const (
	VerifyCallback     VerifyMethod = "callback"
	VerifyPortal       VerifyMethod = "portal"        // the agency's authenticated law-enforcement portal account
	VerifyInPerson     VerifyMethod = "in-person"     // served in person, credentials seen
	VerifyKnownContact VerifyMethod = "known-contact" // an officer the team has dealt with and verified before
)

// VerifyMethods lists the methods in the order the desk offers them (a new
// slice each time).
func VerifyMethods() []VerifyMethod {
	return []VerifyMethod{VerifyCallback, VerifyPortal, VerifyInPerson, VerifyKnownContact}
}

// VerifyOutcome is what the verification found.
type VerifyOutcome string

// Verification outcomes.
const (
	VerifyConfirmed    VerifyOutcome = "confirmed"     // the agency confirmed the request and the requester
	VerifyNotConfirmed VerifyOutcome = "not_confirmed" // it did not, or could not be reached
)

// VerifyOutcomes lists the outcomes, confirmed first (a new slice each
// time).
func VerifyOutcomes() []VerifyOutcome { return []VerifyOutcome{VerifyConfirmed, VerifyNotConfirmed} }

// What Verification.Validate found wrong, for a front end that points at
// its own control.
var (
	ErrVerifyMethod  = errors.New("verification method")
	ErrVerifyContact = errors.New("verification contact")
	ErrVerifyOutcome = errors.New("verification outcome")
)

// Verification records how the requester was verified: the method, the
// number or channel used, the outcome, by whom and when.
type Verification struct {
	Method VerifyMethod `json:"method"`
	// Contact is the number called, the portal or the channel used.
	Contact string        `json:"contact"`
	Outcome VerifyOutcome `json:"outcome"`
	Note    string        `json:"note,omitempty"`
	By      string        `json:"by"`
	At      time.Time     `json:"at"`
}

// ParseVerifyMethod returns the method named s, or EINVALID listing them.
func ParseVerifyMethod(s string) (VerifyMethod, error) {
	for _, m := range VerifyMethods() {
		if string(m) == strings.ToLower(strings.TrimSpace(s)) {
			return m, nil
		}
	}
	return "", &Error{Code: EINVALID, Message: fmt.Sprintf("unknown verification method %q: use callback, portal, in-person or known-contact", s), Err: ErrVerifyMethod}
}

// ParseVerifyOutcome returns the outcome named s ("" is confirmed), or
// EINVALID.
func ParseVerifyOutcome(s string) (VerifyOutcome, error) {
	s = strings.ReplaceAll(strings.ToLower(strings.TrimSpace(s)), "-", "_")
	if s == "" {
		return VerifyConfirmed, nil
	}
	for _, o := range VerifyOutcomes() {
		if string(o) == s {
			return o, nil
		}
	}
	return "", &Error{Code: EINVALID, Message: fmt.Sprintf("unknown verification outcome %q: use confirmed or not_confirmed", s), Err: ErrVerifyOutcome}
}

// Validate reports whether v can be recorded: a known method and outcome,
// the number or channel used (a record that does not say what was called
// proves nothing), and who verified. Errors are EINVALID.
func (v Verification) Validate() error {
	if _, err := ParseVerifyMethod(string(v.Method)); err != nil {
		return err
	}
	if strings.TrimSpace(v.Contact) == "" {
		return &Error{Code: EINVALID, Message: "Say which number or channel the requester was verified through: the number called, the portal, where they were met.", Err: ErrVerifyContact}
	}
	if o, err := ParseVerifyOutcome(string(v.Outcome)); err != nil || o != v.Outcome {
		return &Error{Code: EINVALID, Message: fmt.Sprintf("unknown verification outcome %q: use confirmed or not_confirmed", v.Outcome), Err: ErrVerifyOutcome}
	}
	if strings.TrimSpace(v.By) == "" {
		return &Error{Code: EINVALID, Message: "Enter the reviewer's name: a verification records who made it.", Err: ErrNoReviewer}
	}
	return nil
}

// Confirmed reports whether v confirmed the requester.
func (v *Verification) Confirmed() bool { return v != nil && v.Outcome == VerifyConfirmed }

// Describe says the verification in a line: "callback to +12025550100,
// confirmed, by Ann Lee at 2026-11-28 10:00 UTC".
func (v *Verification) Describe() string {
	if v == nil {
		return ""
	}
	s := fmt.Sprintf("%s via %s, %s, by %s at %s", v.Method, v.Contact, strings.ReplaceAll(string(v.Outcome), "_", " "), v.By, v.At.UTC().Format("2006-01-02 15:04 UTC"))
	if v.Note != "" {
		s += " — " + v.Note
	}
	return s
}

// RecordVerification keeps v, once valid, as the case's verification
// (replacing an earlier one, which stays in the history) and marks a new
// case in review.
func (c *Case) RecordVerification(v Verification) error {
	if c.Decided() {
		return decidedError(c)
	}
	v.Contact, v.Note, v.By = strings.TrimSpace(v.Contact), strings.TrimSpace(v.Note), strings.TrimSpace(v.By)
	if err := v.Validate(); err != nil {
		return err
	}
	c.Verification = &v
	c.touch(v.By, v.At, "verified requester", fmt.Sprintf("%s via %s: %s", v.Method, v.Contact, v.Outcome))
	return nil
}

// Resolution records that a reviewer dealt with a blocking check: which,
// why, who and when.
type Resolution struct {
	Rule   string    `json:"rule"`
	Reason string    `json:"reason"`
	By     string    `json:"by"`
	At     time.Time `json:"at"`
}

// How a blocking finding is lifted.
const (
	UnblockResolve = "resolve" // a reviewer resolves it with a reason
	UnblockVerify  = "verify"  // only a confirmed verification of the requester lifts it
)

// ErrNoReason is wrapped by Resolve when no reason is given.
var ErrNoReason = errors.New("no reason")

// Resolve records that by resolved the check rule for the reason given
// (replacing an earlier resolution of it). A resolution without a reason
// is EINVALID: it is what the memo and the audit show.
func (c *Case) Resolve(rule, reason, by string, at time.Time) error {
	if c.Decided() {
		return decidedError(c)
	}
	rule, reason, by = strings.TrimSpace(rule), strings.TrimSpace(reason), strings.TrimSpace(by)
	if rule == "" || reason == "" {
		return &Error{Code: EINVALID, Message: "Say why the check is resolved: the reason goes on the memo.", Err: ErrNoReason}
	}
	if by == "" {
		return &Error{Code: EINVALID, Message: "Enter the reviewer's name: a resolution records who made it.", Err: ErrNoReviewer}
	}
	list := make([]Resolution, 0, len(c.Resolutions)+1)
	for _, r := range c.Resolutions {
		if r.Rule != rule {
			list = append(list, r)
		}
	}
	c.Resolutions = append(list, Resolution{Rule: rule, Reason: reason, By: by, At: at})
	c.touch(by, at, "resolved check", rule+": "+reason)
	return nil
}

// ResolutionOf returns the resolution of the check rule, or nil.
func (c *Case) ResolutionOf(rule string) *Resolution {
	for i := range c.Resolutions {
		if c.Resolutions[i].Rule == rule {
			r := c.Resolutions[i]
			return &r
		}
	}
	return nil
}
