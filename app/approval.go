package app

import (
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"
)

// Discloses reports whether d hands over data for any target of the order:
// a per-target choice to produce, else an outcome that produces (comply,
// narrow). Preserving, redirecting, asking or refusing disclose nothing.
func (d Decision) Discloses(targets []Target) bool {
	if len(d.Targets) > 0 {
		return slices.ContainsFunc(d.Targets, func(t TargetDecision) bool { return t.Produce || t.Outcome == TargetProduce })
	}
	if len(targets) == 0 {
		return d.Outcome == Comply || d.Outcome == Narrow
	}
	return slices.ContainsFunc(targets, func(t Target) bool { return d.Produces(t.Value) })
}

// Why a decision or a memo was refused, for a front end that points at its
// own control; the *Error's message says it in words.
var (
	ErrUnverified      = errors.New("requester not verified")
	ErrBlocked         = errors.New("blocked by a check")
	ErrAwaitApproval   = errors.New("awaiting approval")
	ErrSameReviewer    = errors.New("second reviewer is the first")
	ErrNoApproval      = errors.New("no approval pending")
	ErrUnknownReviewer = errors.New("reviewer not on the list")
)

// DisclosureBlocked returns why nothing may be disclosed on the case yet —
// a blocking finding neither resolved nor lifted by a confirmed
// verification — or nil. It is EBLOCKED, wrapping ErrUnverified when a
// verification is what is missing, else ErrBlocked.
func (c *Case) DisclosureBlocked(findings []Finding) error {
	var open []Finding
	for _, f := range findings {
		if !f.Blocking {
			continue
		}
		if f.Unblock == UnblockVerify && c.Verification.Confirmed() {
			continue
		}
		if f.Unblock != UnblockVerify && c.ResolutionOf(f.Rule) != nil {
			continue
		}
		open = append(open, f)
	}
	for _, f := range open {
		if f.Unblock == UnblockVerify {
			msg := "emergency request: record how the requester was verified before disclosing"
			if c.Verification != nil {
				msg = fmt.Sprintf("the requester's verification did not confirm the request (%s): verify again before disclosing", c.Verification.Outcome)
			} else if !c.Order.Extraction.Emergency && c.Order.Extraction.ProcessType != EmergencyRequest {
				msg = "record how the requester was verified before disclosing"
			}
			return &Error{Code: EBLOCKED, Message: msg, Err: ErrUnverified}
		}
	}
	if len(open) > 0 {
		ids := make([]string, len(open))
		for i, f := range open {
			ids[i] = f.Rule
		}
		return &Error{Code: EBLOCKED, Message: fmt.Sprintf("disclosure is blocked until the check %s is resolved with a reason: %s", strings.Join(ids, ", "), open[0].Message), Err: ErrBlocked}
	}
	return nil
}

// CheckDisclosure returns DisclosureBlocked's error when d discloses data,
// else nil: refusing, preserving or asking is never blocked.
func (c *Case) CheckDisclosure(d Decision, findings []Finding) error {
	if !d.Discloses(c.Order.Extraction.Targets) {
		return nil
	}
	return c.DisclosureBlocked(findings)
}

// ApprovalState is where a decision that needs a second reviewer stands.
type ApprovalState string

// Approval states.
const (
	ApprovalPending  ApprovalState = "pending"
	ApprovalApproved ApprovalState = "approved"
	ApprovalSentBack ApprovalState = "sent_back"
)

// Approval is the two-person rule's record on a decision: why it needs a
// second reviewer, who decided and when, and the second reviewer's answer.
type Approval struct {
	State       ApprovalState `json:"state"`
	Reason      string        `json:"reason"`
	DecidedBy   string        `json:"decided_by"`
	RequestedAt time.Time     `json:"requested_at"`
	Reviewer    string        `json:"reviewer,omitempty"`
	ReviewedAt  *time.Time    `json:"reviewed_at,omitempty"`
	Note        string        `json:"note,omitempty"`
}

// Decided reports whether a decision stands on the case, final or
// awaiting a second reviewer's approval: either way the case is read-only
// until it is reopened (or sent back), so the second reviewer approves
// exactly what was decided, on the values it was decided on.
func (c *Case) Decided() bool {
	return c.Status == StatusDecided || c.Status == StatusAwaitingApproval
}

// Final reports whether the case's decision stands as final: decided, and
// approved when it needed approval.
func (c *Case) Final() bool { return c.Status == StatusDecided && c.Decision != nil }

// AwaitApproval marks a decided case as needing a second reviewer for the
// reason given; the case stays open until Approve.
func (c *Case) AwaitApproval(reason string) {
	d := c.Decision
	c.Approval = &Approval{State: ApprovalPending, Reason: reason, DecidedBy: d.Reviewer, RequestedAt: d.DecidedAt}
	c.Status = StatusAwaitingApproval
	c.History = append(append([]Event{}, c.History...), Event{At: d.DecidedAt, Actor: d.Reviewer, Action: "approval requested", Detail: reason})
}

// Approve records the second reviewer's approval and closes the case. The
// second reviewer must be someone other than the one who decided; there
// must be a decision awaiting approval. Errors are EINVALID.
func (c *Case) Approve(by string, at time.Time) error {
	if err := c.secondReviewer(by); err != nil {
		return err
	}
	a := *c.Approval
	a.State, a.Reviewer, a.ReviewedAt, a.Note = ApprovalApproved, strings.TrimSpace(by), &at, ""
	c.Approval = &a
	c.Status = StatusDecided
	c.UpdatedAt = at
	c.History = append(append([]Event{}, c.History...), Event{At: at, Actor: a.Reviewer, Action: "approved", Detail: fmt.Sprintf("%s by %s", c.Decision.Outcome, a.DecidedBy)})
	return nil
}

// SendBack returns the decision to the reviewer who took it, with the
// second reviewer's note: the decision becomes the draft again and the
// case is back in review. A note is required.
func (c *Case) SendBack(by, note string, at time.Time) error {
	if err := c.secondReviewer(by); err != nil {
		return err
	}
	if note = strings.TrimSpace(note); note == "" {
		return &Error{Code: EINVALID, Message: "Say why the decision is sent back: the note goes to the reviewer who took it.", Err: ErrNoReason}
	}
	a := *c.Approval
	a.State, a.Reviewer, a.ReviewedAt, a.Note = ApprovalSentBack, strings.TrimSpace(by), &at, note
	c.Approval = &a
	// The decision sent back is kept, as a reopened one is: a decision is
	// never overwritten.
	c.Superseded = append(slices.Clone(c.Superseded), *c.Decision)
	draft := *c.Decision
	draft.DecidedAt = time.Time{}
	c.Draft, c.Decision = &draft, nil
	c.Status = StatusInReview
	c.UpdatedAt = at
	c.History = append(append([]Event{}, c.History...), Event{At: at, Actor: a.Reviewer, Action: "sent back", Detail: note})
	return nil
}

func (c *Case) secondReviewer(by string) error {
	if c.Status != StatusAwaitingApproval || c.Approval == nil || c.Approval.State != ApprovalPending || c.Decision == nil {
		return &Error{Code: EINVALID, Message: "No decision on this case is awaiting approval.", Err: ErrNoApproval}
	}
	by = strings.TrimSpace(by)
	if by == "" {
		return &Error{Code: EINVALID, Message: "Name the second reviewer: an approval records who gave it.", Err: ErrNoReviewer}
	}
	if strings.EqualFold(by, c.Approval.DecidedBy) {
		return &Error{Code: EINVALID, Message: fmt.Sprintf("%s took this decision: a second reviewer must approve it.", c.Approval.DecidedBy), Err: ErrSameReviewer}
	}
	return nil
}

// Triggers of the two-person rule: the decisions that need a second
// reviewer's approval, all on unless Settings switch one off.
const (
	ApproveEmergencyDisclosure = "emergency-disclosure" // any disclosure on an emergency request
	ApproveChallenge           = "challenge"            // any challenge
	ApproveConflictRejection   = "conflict-rejection"   // a rejection on conflict-of-law grounds
	ApproveEnterpriseRedirect  = "enterprise-redirect"  // any redirect to an enterprise customer
)

// ApprovalTriggers lists the triggers (a new slice each time).
func ApprovalTriggers() []string {
	return []string{ApproveEmergencyDisclosure, ApproveChallenge, ApproveConflictRejection, ApproveEnterpriseRedirect}
}

// ApprovalNeeded says why d on c needs a second reviewer's approval under
// the settings' two-person rule, or "" when it does not.
func (t TrustSettings) ApprovalNeeded(c *Case, d Decision) string {
	on := func(trigger string) bool { return !slices.Contains(t.ApprovalOff, trigger) }
	ex := &c.Order.Extraction
	switch {
	case on(ApproveEmergencyDisclosure) && (ex.Emergency || ex.ProcessType == EmergencyRequest) && d.Discloses(ex.Targets):
		return "disclosure on an emergency request"
	case on(ApproveChallenge) && d.Outcome == Challenge:
		return "a challenge to the order"
	case on(ApproveConflictRejection) && d.Outcome == Reject && (slices.Contains(d.Grounds, GroundConflict) || slices.Contains(d.Grounds, GroundForeign)):
		return "a rejection on conflict-of-law grounds"
	case on(ApproveEnterpriseRedirect) && d.Outcome == Redirect:
		return "a redirect to an enterprise customer"
	}
	return ""
}
