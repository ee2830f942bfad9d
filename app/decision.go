package app

import (
	"errors"
	"fmt"
	"strings"
	"time"
)

// What Validate found wrong with a decision, for a front end that points
// the reviewer at its own control (a flag, a field); the message of the
// returned *Error says it in words.
var (
	ErrNoOutcome   = errors.New("no outcome")
	ErrNoReviewer  = errors.New("no reviewer")
	ErrNoticeDate  = errors.New("notice date")
	ErrNoticeKind  = errors.New("notice kind")
	ErrTargetNamed = errors.New("target not in the order")
)

// Validate reports whether d can be recorded: a known outcome, a reviewer,
// a known user notice, and a notice date (YYYY-MM-DD) only with a delayed
// notice. Errors are EINVALID and wrap one of the Err values above.
func (d Decision) Validate() error {
	if d.Outcome == "" {
		return &Error{Code: EINVALID, Message: "Choose a decision first.", Err: ErrNoOutcome}
	}
	if o, err := ParseOutcome(string(d.Outcome)); err != nil || o != d.Outcome {
		e := unknownOutcome(string(d.Outcome))
		e.Err = ErrNoOutcome
		return e
	}
	if strings.TrimSpace(d.Reviewer) == "" {
		return &Error{Code: EINVALID, Message: "Enter the reviewer's name: a decision records who took it.", Err: ErrNoReviewer}
	}
	if n, err := ParseNotice(string(d.Notice)); err != nil || n != d.Notice {
		return &Error{Code: EINVALID, Message: fmt.Sprintf("unknown user notice %q: use notify, delayed or not_notified", d.Notice), Err: ErrNoticeKind}
	}
	if d.NoticeAfter != "" {
		if _, err := time.Parse(time.DateOnly, d.NoticeAfter); err != nil || d.Notice != NoticeDelayed {
			return &Error{Code: EINVALID, Message: "The date the user may be told from is written YYYY-MM-DD and goes with a notice delayed by a non-disclosure order.", Err: ErrNoticeDate}
		}
	}
	return nil
}

// ChooseTargets makes one per-target decision for each target of the
// order: those named in produce or withhold (any case) as chosen, the
// others as the outcome has it. Naming a target the order does not have
// is EINVALID (wrapping ErrTargetNamed): it is most likely a typo. With
// nothing chosen it returns nil, and the outcome decides for every target.
func (c *Case) ChooseTargets(outcome Outcome, produce, withhold []string) ([]TargetDecision, error) {
	if len(produce)+len(withhold) == 0 {
		return nil, nil
	}
	targets := c.Order.Extraction.Targets
	chosen := map[string]bool{}
	for _, list := range []struct {
		values  []string
		produce bool
	}{{produce, true}, {withhold, false}} {
		for _, v := range list.values {
			found := false
			for _, t := range targets {
				if strings.EqualFold(t.Value, strings.TrimSpace(v)) {
					chosen[t.Value], found = list.produce, true
				}
			}
			if !found {
				return nil, &Error{Code: EINVALID, Message: fmt.Sprintf("the order names no target %q", v), Err: ErrTargetNamed}
			}
		}
	}
	out := make([]TargetDecision, 0, len(targets))
	d := Decision{Outcome: outcome}
	for _, t := range targets {
		p, ok := chosen[t.Value]
		if !ok {
			p = d.Produces(t.Value)
		}
		out = append(out, TargetDecision{Target: t.Value, Produce: p})
	}
	return out, nil
}
