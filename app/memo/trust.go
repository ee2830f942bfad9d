package memo

import (
	"fmt"
	"time"

	"github.com/warrantdesk/warrantdesk/app"
)

// trustView says in words what the memo states of the trust record: the
// draft banner's note, how the requester was verified, and the second
// reviewer's approval with both names and times.
func trustView(in Input) (draft bool, note, verification, approval string) {
	c := in.Case
	verification = "none recorded"
	if v := c.Verification; v != nil {
		verification = fmt.Sprintf("%s via %s; outcome: %s; by %s, %s", v.Method, v.Contact, outcomeWords(v.Outcome), v.By, stamp(v.At))
		if v.Note != "" {
			verification += " — " + v.Note
		}
	}
	approval = "not required for this decision"
	if a := c.Approval; a != nil {
		switch a.State {
		case app.ApprovalApproved:
			approval = fmt.Sprintf("approved by %s, %s; decided by %s, %s; required for %s", a.Reviewer, stampPtr(a.ReviewedAt), a.DecidedBy, stamp(a.RequestedAt), a.Reason)
		case app.ApprovalSentBack:
			approval = fmt.Sprintf("sent back by %s, %s: %s (decided by %s, %s; required for %s)", a.Reviewer, stampPtr(a.ReviewedAt), a.Note, a.DecidedBy, stamp(a.RequestedAt), a.Reason)
		default:
			approval = fmt.Sprintf("awaiting a second reviewer's approval, required for %s; decided by %s, %s", a.Reason, a.DecidedBy, stamp(a.RequestedAt))
		}
	}
	if in.Draft {
		note = "this decision awaits a second reviewer's approval and may still change"
		if c.Approval != nil {
			note = fmt.Sprintf("this decision (%s) awaits a second reviewer's approval and may still change", c.Approval.Reason)
		}
	}
	// What reviewers typed (a contact, a note) is escaped like every
	// value the memo shows (escape.go).
	return in.Draft, esc(note), esc(verification), esc(approval)
}

// blockResolution says how a blocking check was dealt with, in place of
// res, the words for an advisory one.
func blockResolution(f app.Finding, res string) string {
	switch {
	case !f.Blocking:
		return res
	case f.Resolution != nil:
		return esc(fmt.Sprintf("blocking; resolved by %s, %s: %s", f.Resolution.By, stamp(f.Resolution.At), f.Resolution.Reason))
	case f.Unblock == app.UnblockVerify:
		return "blocking until the requester is verified; " + res
	}
	return "blocking, not resolved; " + res
}

func outcomeWords(o app.VerifyOutcome) string {
	if o == app.VerifyConfirmed {
		return "confirmed"
	}
	return "not confirmed"
}

func stampPtr(t *time.Time) string {
	if t == nil {
		return "not recorded"
	}
	return stamp(*t)
}
