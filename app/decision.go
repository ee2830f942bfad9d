package app

import (
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"
)

// TargetOutcome is what is done for one target of an order.
type TargetOutcome string

// Per-target outcomes.
const (
	TargetProduce  TargetOutcome = "produce"
	TargetWithhold TargetOutcome = "withhold"
	TargetRedirect TargetOutcome = "redirect" // to the enterprise customer whose account it is
	TargetNoData   TargetOutcome = "no_data"
	TargetPreserve TargetOutcome = "preserve"
)

// TargetOutcomes lists them in the order the desk offers them (a new slice
// each time).
func TargetOutcomes() []TargetOutcome {
	return []TargetOutcome{TargetProduce, TargetWithhold, TargetRedirect, TargetNoData, TargetPreserve}
}

// ParseTargetOutcome returns the TargetOutcome named s, or EINVALID.
func ParseTargetOutcome(s string) (TargetOutcome, error) {
	s = strings.ToLower(strings.TrimSpace(s))
	for _, o := range TargetOutcomes() {
		if string(o) == s || strings.ReplaceAll(string(o), "_", "-") == s {
			return o, nil
		}
	}
	return "", Errorf(EINVALID, "unknown outcome for a target %q: use produce, withhold, redirect, no_data or preserve", s)
}

// TargetDecision is what is done for one target of the order. Produce
// says whether its data is disclosed (the contract's older form, kept in
// step with Outcome).
type TargetDecision struct {
	Target  string        `json:"target"`
	Produce bool          `json:"produce"`
	Outcome TargetOutcome `json:"outcome,omitempty"`
}

// Decision is what a reviewer decided on a case and why.
type Decision struct {
	Outcome Outcome  `json:"outcome"`
	Grounds []string `json:"grounds,omitempty"`
	Note    string   `json:"note,omitempty"`
	// Targets holds one entry per target the order names; empty on
	// decisions made before per-target decisions existed.
	Targets []TargetDecision `json:"targets,omitempty"`
	Notice  Notice           `json:"notice,omitempty"`
	// NoticeAfter is the date (YYYY-MM-DD) from which the user may be told
	// when Notice is delayed; "" when the gag has no stated end.
	NoticeAfter string    `json:"notice_after,omitempty"`
	Reviewer    string    `json:"reviewer"`
	DecidedAt   time.Time `json:"decided_at"`
}

// For returns what the decision does for target: its own choice, else what
// the case's outcome does for every target.
func (d *Decision) For(target string) TargetOutcome {
	for _, t := range d.Targets {
		if t.Target == target {
			if t.Outcome != "" {
				return t.Outcome
			}
			if t.Produce {
				return TargetProduce
			}
			return TargetWithhold
		}
	}
	return d.Outcome.ForTargets()
}

// Produces reports whether the decision discloses data for target.
func (d *Decision) Produces(target string) bool { return d.For(target) == TargetProduce }

// ForTargets is what an outcome does for each target when the reviewer
// chose nothing per target: comply and narrow produce, redirect, no data
// and preserve do so for each, the others produce nothing.
func (o Outcome) ForTargets() TargetOutcome {
	switch o {
	case Comply, Narrow:
		return TargetProduce
	case Redirect:
		return TargetRedirect
	case NoData:
		return TargetNoData
	case Preserve:
		return TargetPreserve
	}
	return TargetWithhold
}

// DeriveOutcome is the case's outcome that per-target outcomes add up to:
// the same for every target gives its outcome (produce: comply; do not
// produce: reject); data produced for some targets only is compliance in
// part (narrow); otherwise redirect, then preserve, then reject wins over
// no data. "" when there are no targets.
func DeriveOutcome(ts []TargetDecision) Outcome {
	seen := map[TargetOutcome]bool{}
	for _, t := range ts {
		o := t.Outcome
		if o == "" {
			o = map[bool]TargetOutcome{true: TargetProduce, false: TargetWithhold}[t.Produce]
		}
		seen[o] = true
	}
	all := map[TargetOutcome]Outcome{TargetProduce: Comply, TargetWithhold: Reject, TargetRedirect: Redirect, TargetNoData: NoData, TargetPreserve: Preserve}
	switch {
	case len(seen) == 0:
		return ""
	case len(seen) == 1:
		for o := range seen {
			return all[o]
		}
	case seen[TargetProduce]:
		return Narrow
	case seen[TargetRedirect]:
		return Redirect
	case seen[TargetPreserve]:
		return Preserve
	case seen[TargetWithhold]:
		return Reject
	}
	return NoData
}

// groundFits says which outcomes each checklist ground can support: a
// ground is a reason, and a reason against disclosure does not support
// complying in full. Grounds not listed (free text, the non-disclosure
// ground, which is about the gag, not the data) fit every outcome.
var groundFits = map[string][]Outcome{
	GroundValid:      {Comply, Narrow, Preserve, Redirect},
	GroundAuthority:  {Comply, Narrow, Preserve, Redirect},
	GroundNarrowed:   {Narrow},
	GroundWarrant:    {Narrow, Reject, Challenge, Clarify},
	GroundRange:      {Narrow, Reject, Challenge, Clarify},
	GroundIDs:        {Narrow, Reject, Challenge, Clarify, NoData},
	GroundEnterprise: {Redirect, Narrow},
	GroundForeign:    {Reject, Challenge, Clarify, Redirect},
	GroundExpired:    {Reject, Challenge, Clarify},
	GroundEmergency:  {Comply, Narrow, Preserve},
	GroundNoData:     {NoData, Narrow},
	GroundSignature:  {Reject, Challenge, Clarify},
	GroundEntity:     {Reject, Clarify, Redirect},
}

// Contradictions lists the grounds that argue against the decision's
// outcome ("Overbroad or missing date range" for a full compliance), so a
// front end can flag them before the decision is recorded. Nothing is
// refused: the reviewer may still mean it.
func (d Decision) Contradictions() []string {
	var out []string
	for _, g := range d.Grounds {
		if fits, ok := groundFits[g]; ok && d.Outcome != "" && !slices.Contains(fits, d.Outcome) {
			out = append(out, g)
		}
	}
	return out
}

// What Validate found wrong with a decision, for a front end that points
// the reviewer at its own control (a flag, a field); the message of the
// returned *Error says it in words.
var (
	ErrNoOutcome     = errors.New("no outcome")
	ErrNoReviewer    = errors.New("no reviewer")
	ErrNoticeDate    = errors.New("notice date")
	ErrNoticeKind    = errors.New("notice kind")
	ErrTargetNamed   = errors.New("target not in the order")
	ErrTargetOutcome = errors.New("target outcome")
)

// Validate reports whether d can be recorded: a known outcome, a reviewer,
// known per-target outcomes, a known user notice, and a notice date
// (YYYY-MM-DD) only with a delayed notice. Errors are EINVALID and wrap
// one of the Err values above.
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
		return &Error{Code: EINVALID, Message: "Choose the reviewer: a decision records who took it (Settings lists the reviewers).", Err: ErrNoReviewer}
	}
	for _, t := range d.Targets {
		if t.Outcome != "" && !slices.Contains(TargetOutcomes(), t.Outcome) {
			return &Error{Code: EINVALID, Message: fmt.Sprintf("unknown outcome %q for the target %s", t.Outcome, t.Target), Err: ErrTargetOutcome}
		}
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

// Decide records d as the case's decision, marks the case decided, and
// adds to its history who decided what. A decided case is refused
// (ErrDecided, ECONFLICT): it must be reopened first, so a decision is
// never overwritten. Per-target choices are kept with both their outcome
// and whether they produce. The history is copied, not appended to in
// place, so a copy of the case made to try a change never alters the
// original's.
func (c *Case) Decide(d Decision) error {
	if c.Decided() {
		return decidedError(c)
	}
	d.Targets = slices.Clone(d.Targets)
	for i, t := range d.Targets {
		if t.Outcome == "" {
			t.Outcome = map[bool]TargetOutcome{true: TargetProduce, false: TargetWithhold}[t.Produce]
		}
		t.Produce = t.Outcome == TargetProduce
		d.Targets[i] = t
	}
	// The decision it replaces, if the case was reopened: the audit trail
	// says what changed.
	was := "none"
	if n := len(c.Superseded); n > 0 {
		was = c.Superseded[n-1].Outcome.Label()
	}
	c.Decision = &d
	c.Draft = nil
	c.Status = StatusDecided
	c.UpdatedAt = d.DecidedAt
	c.History = append(slices.Clone(c.History), Event{At: d.DecidedAt, Actor: d.Reviewer, Action: "decided", Detail: fmt.Sprintf("%s (was %s)", d.Outcome.Label(), was)})
	return nil
}

// Reopen makes a decided case open again so it can be changed: the
// decision is kept among the superseded ones and becomes the draft the
// reviewer starts from, and the history records who reopened it, when
// and why. Only a decided case can be reopened (EINVALID otherwise). Its
// approval, asked or given, was of the decision now superseded, so it goes
// (the history keeps it).
func (c *Case) Reopen(by, reason string, at time.Time) error {
	if !c.Decided() || c.Decision == nil {
		return Errorf(EINVALID, "only a decided case can be reopened")
	}
	c.Approval = nil
	prev := *c.Decision
	c.Superseded = append(slices.Clone(c.Superseded), prev)
	draft := prev
	draft.DecidedAt = time.Time{}
	c.Draft, c.Decision = &draft, nil
	c.Status = StatusInReview
	c.UpdatedAt = at
	detail := fmt.Sprintf("was %s by %s on %s", prev.Outcome.Label(), prev.Reviewer, prev.DecidedAt.UTC().Format("2006-01-02 15:04 UTC"))
	if r := strings.TrimSpace(reason); r != "" {
		detail += ": " + r
	}
	c.History = append(slices.Clone(c.History), Event{At: at, Actor: by, Action: "reopened", Detail: detail})
	return nil
}

// ChooseTargets makes one per-target decision for each target of the
// order: those named in produce or withhold (any case) as chosen, the
// others as the outcome has it (PlanTargets).
func (c *Case) ChooseTargets(outcome Outcome, produce, withhold []string) ([]TargetDecision, error) {
	chosen := map[string]TargetOutcome{}
	for _, v := range produce {
		chosen[v] = TargetProduce
	}
	for _, v := range withhold {
		chosen[v] = TargetWithhold
	}
	return c.PlanTargets(outcome, chosen)
}

// PlanTargets makes one per-target decision for each target of the order
// (as corrected): those chosen (keyed by the target's value, any case) as
// chosen, the others as the outcome has it. Naming a target the order
// does not have is EINVALID (wrapping ErrTargetNamed): it is most likely a
// typo. With nothing chosen it returns nil, and the outcome decides for
// every target.
func (c *Case) PlanTargets(outcome Outcome, chosen map[string]TargetOutcome) ([]TargetDecision, error) {
	if len(chosen) == 0 {
		return nil, nil
	}
	targets := c.Targets()
	got := map[string]TargetOutcome{}
	for v, o := range chosen {
		found := false
		for _, t := range targets {
			if strings.EqualFold(t.Value, strings.TrimSpace(v)) {
				got[t.Value], found = o, true
			}
		}
		if !found {
			return nil, &Error{Code: EINVALID, Message: fmt.Sprintf("the order names no target %q", v), Err: ErrTargetNamed}
		}
	}
	out := make([]TargetDecision, 0, len(targets))
	for _, t := range targets {
		o, ok := got[t.Value]
		if !ok {
			o = outcome.ForTargets()
		}
		out = append(out, TargetDecision{Target: t.Value, Produce: o == TargetProduce, Outcome: o})
	}
	return out, nil
}
