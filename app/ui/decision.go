package ui

import (
	"context"
	"fmt"
	"reflect"
	"slices"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"

	"github.com/warrantdesk/warrantdesk/app"
	"github.com/warrantdesk/warrantdesk/app/review"
)

// decisionPane is the Decision tab: the outcome (or one per target, the
// case's then following them), user notice, grounds (the checks' suggested
// ones ticked until the reviewer chooses), rationale and reviewer, and the
// buttons that save. A decided case shows its decision read-only, with
// Reopen. Grounds that argue against the outcome are flagged before the
// decision is saved.
type decisionPane struct {
	v *CaseView

	decided *widget.Label // the banner of a decided case
	reopen  *widget.Button
	outcome *widget.Select
	derived *widget.Label // why the outcome is what it is, or a hint
	targets *fyne.Container
	perTgt  []*widget.Select
	tgtVals []string
	notice  *widget.Select
	after   *keyEntry
	grounds *groundList
	more    *keyEntry
	against *widget.Label // grounds that argue against the outcome
	note    *keyEntry
	who     *widget.Select
	save    *widget.Button
	next    *widget.Button
	status  *widget.Label
	scroll  *container.Scroll
	root    fyne.CanvasObject
	// form and foot are the pane's body and the bar under it, where the
	// trust record goes (casetrust.go); trust is nil without one.
	form  *fyne.Container
	foot  *fyne.Container
	trust *TrustPane
	// working is who the desk was told is working: the reviewer chosen for
	// a case nobody has written on yet.
	working string

	// defaultReviewer is main's (WARRANTDESK_REVIEWER), offered when
	// Settings lists no reviewer.
	defaultReviewer string
	// shown is the pane as filled (or as last kept), to tell whether the
	// reviewer changed anything that must be kept as a draft.
	shown   app.Decision
	filling bool
	// chosen is set once the reviewer picks the outcome himself; until
	// then it follows the targets' choices.
	chosen bool
	// touched holds the targets whose choice the reviewer set.
	touched map[string]bool
	// suggested are the grounds the checks ticked, while the reviewer has
	// not changed the grounds himself (groundsTouched).
	suggested      []string
	groundsTouched bool
	// confirm is set while a warning about grounds against the outcome
	// waits for the reviewer to save again.
	confirm bool
}

var outcomeNames = func() map[string]app.Outcome {
	m := map[string]app.Outcome{}
	for _, o := range app.Outcomes() {
		m[app.Capitalized(o.Label())] = o
	}
	return m
}()

var targetOutcomeNames = func() map[string]app.TargetOutcome {
	m := map[string]app.TargetOutcome{}
	for _, o := range app.TargetOutcomes() {
		m[app.Capitalized(o.Label())] = o
	}
	return m
}()

func newDecisionPane(v *CaseView, reviewer string) *decisionPane {
	p := &decisionPane{v: v, defaultReviewer: reviewer, touched: map[string]bool{}}
	p.decided = widget.NewLabel("")
	p.decided.Wrapping = fyne.TextWrapWord
	p.reopen = widget.NewButton("Reopen…", func() { v.AskReopen() })
	var outcomes []string
	for _, o := range app.Outcomes() {
		outcomes = append(outcomes, app.Capitalized(o.Label()))
	}
	p.outcome = widget.NewSelect(outcomes, func(string) {
		if !p.filling {
			p.chosen = true
			p.followOutcome()
		}
		p.changed()
	})
	p.outcome.PlaceHolder = "Decision… (← → choose)"
	p.derived = widget.NewLabel("")
	p.derived.Wrapping = fyne.TextWrapWord
	p.targets = container.NewVBox()
	var notices []string
	for _, n := range app.Notices() {
		notices = append(notices, app.Capitalized(n.Label()))
	}
	p.notice = widget.NewSelect(notices, func(string) { p.changed() })
	p.notice.PlaceHolder = "User notice…"
	p.after = newKeyEntry(v.keys)
	p.after.SetPlaceHolder("Notify from YYYY-MM-DD (a delayed notice)")
	p.grounds = newGroundList(app.Grounds(), func([]string) {
		if !p.filling {
			p.groundsTouched = true
		}
		p.changed()
	})
	p.more = newKeyEntry(v.keys)
	p.more.SetPlaceHolder("Other grounds, separated by ;")
	p.against = widget.NewLabel("")
	p.against.Wrapping = fyne.TextWrapWord
	p.against.Importance = widget.WarningImportance
	p.note = newMultiLineKeyEntry(v.keys)
	p.note.SetPlaceHolder("Rationale (Ctrl+Enter saves and goes to the next case)")
	p.note.SetMinRowsVisible(4)
	p.who = widget.NewSelect(nil, func(string) { p.changed() })
	p.who.PlaceHolder = "Reviewer (Settings lists them)…"
	p.status = widget.NewLabel("")
	p.status.Wrapping = fyne.TextWrapWord
	p.save = widget.NewButton("Save", func() { p.saveDecision(false) })
	p.next = widget.NewButton("Save & next (Ctrl+Enter)", func() { p.saveDecision(true) })
	p.next.Importance = widget.HighImportance
	heading := func(s string) fyne.CanvasObject {
		return widget.NewLabelWithStyle(s, fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	}
	// Headings above their controls, and grounds that wrap: the pane stays
	// narrow beside the page.
	p.form = container.NewVBox(
		heading("Decision"), p.outcome, p.derived,
		heading("Per target"), p.targets,
		heading("User notice"), p.notice, p.after,
		heading("Grounds"), p.grounds.root, p.more, p.against,
		heading("Rationale"), p.note,
		heading("Reviewer"), p.who,
	)
	p.scroll = container.NewVScroll(container.NewVBox(container.NewBorder(nil, nil, nil, p.reopen, p.decided), p.form))
	p.foot = container.NewVBox(widget.NewSeparator(), container.NewHBox(p.next, p.save), p.status)
	p.root = container.NewBorder(nil, p.foot, nil, nil, p.scroll)
	p.setReviewers(nil)
	return p
}

// setReviewers offers the reviewers Settings lists (main's default when it
// lists none), keeping the one chosen.
func (p *decisionPane) setReviewers(names []string) {
	opts := slices.Clone(names)
	if len(opts) == 0 && p.defaultReviewer != "" {
		opts = []string{p.defaultReviewer}
	}
	keep := p.who.Selected
	p.who.Options = opts
	switch {
	case keep != "" && slices.Contains(opts, keep):
	case p.working != "" && slices.Contains(opts, p.working):
		keep = p.working
	case len(opts) > 0:
		keep = opts[0]
	default:
		keep = ""
	}
	p.filling = true
	p.who.SetSelected(keep)
	p.filling = false
	p.who.Refresh()
}

// reviewer is the reviewer chosen ("" when none is).
func (p *decisionPane) reviewer() string { return p.who.Selected }

func (p *decisionPane) setStatus(s string) { p.status.SetText(s) }

func (p *decisionPane) setEnabled(on bool) {
	for _, w := range []fyne.Disableable{p.outcome, p.notice, p.after, p.grounds, p.more, p.note, p.who, p.save, p.next} {
		if on {
			w.Enable()
		} else {
			w.Disable()
		}
	}
	for _, s := range p.perTgt {
		if on {
			s.Enable()
		} else {
			s.Disable()
		}
	}
	if on {
		p.gate()
	}
}

// setReadOnly shows a decided case's decision as settled: nothing can be
// changed until it is reopened.
func (p *decisionPane) setReadOnly(c *app.Case) {
	p.showTrust()
	if c.Decided() && c.Decision != nil {
		d := c.Decision
		p.decided.SetText(fmt.Sprintf("Decided: %s, by %s on %s. The case is read-only: reopen it to change anything (the reopening is recorded).",
			d.Outcome.Label(), d.Reviewer, d.DecidedAt.Local().Format("2006-01-02 15:04")) + awaitingNote(c))
		p.decided.Show()
		p.reopen.Show()
		p.setEnabled(false)
		return
	}
	p.decided.Hide()
	p.reopen.Hide()
	p.setEnabled(c.Status != app.StatusSplit)
}

// fill puts the case's draft, or its decision, or the defaults into the
// pane, laid out afresh for its targets.
func (p *decisionPane) fill(c *app.Case) {
	p.filling = true
	defer func() { p.filling = false }()
	d := c.Draft
	if d == nil {
		d = c.Decision
	}
	if d == nil {
		n, after := app.DefaultNotice(c.Nondisclosure())
		d = &app.Decision{Notice: n, NoticeAfter: after}
	}
	p.chosen, p.touched, p.suggested, p.groundsTouched, p.confirm = d.Outcome != "", map[string]bool{}, nil, len(d.Grounds) > 0, false
	if d.Outcome == "" {
		p.outcome.ClearSelected()
	} else {
		p.outcome.SetSelected(app.Capitalized(d.Outcome.Label()))
	}
	known, other := splitGrounds(d.Grounds)
	p.grounds.SetSelected(known)
	p.more.SetText(strings.Join(other, "; "))
	p.fillTargets(c, d)
	if d.Notice == "" {
		p.notice.ClearSelected()
	} else {
		p.notice.SetSelected(app.Capitalized(d.Notice.Label()))
	}
	p.after.SetText(d.NoticeAfter)
	p.note.SetText(d.Note)
	if d.Reviewer != "" {
		if !slices.Contains(p.who.Options, d.Reviewer) {
			p.who.Options = append(p.who.Options, d.Reviewer)
		}
		p.who.SetSelected(d.Reviewer)
	} else if p.working != "" && slices.Contains(p.who.Options, p.working) {
		p.who.SetSelected(p.working)
	}
	p.derived.SetText("")
	p.against.SetText("")
	p.scroll.ScrollToTop()
	p.shown = p.pane()
	p.gate()
}

// splitGrounds tells the checklist's grounds from the reviewer's own.
func splitGrounds(gs []string) (known, other []string) {
	for _, g := range gs {
		if slices.Contains(app.Grounds(), g) {
			known = append(known, g)
		} else {
			other = append(other, g)
		}
	}
	return known, other
}

// fillTargets lays out a choice per target of c, set as d has it.
func (p *decisionPane) fillTargets(c *app.Case, d *app.Decision) {
	p.perTgt, p.tgtVals = nil, nil
	p.targets.RemoveAll()
	for _, t := range c.Targets() {
		var opts []string
		for _, o := range app.TargetOutcomes() {
			opts = append(opts, app.Capitalized(o.Label()))
		}
		value := t.Value
		sel := widget.NewSelect(opts, func(string) {
			if !p.filling {
				p.touched[value] = true
				p.followTargets()
			}
			p.changed()
		})
		sel.PlaceHolder = "as the decision has it"
		for _, td := range d.Targets {
			if td.Target == t.Value {
				sel.SetSelected(app.Capitalized(d.For(t.Value).Label()))
				p.touched[t.Value] = true
			}
		}
		if len(d.Targets) == 0 && d.Outcome != "" {
			sel.SetSelected(app.Capitalized(d.Outcome.ForTargets().Label()))
		}
		p.perTgt, p.tgtVals = append(p.perTgt, sel), append(p.tgtVals, t.Value)
		label := widget.NewLabel(fmt.Sprintf("%s %s", t.Kind.Label(), t.Value))
		label.Truncation = fyne.TextTruncateEllipsis
		p.targets.Add(container.NewVBox(label, sel))
	}
	if len(p.perTgt) == 0 {
		p.targets.Add(widget.NewLabel("The order names no target."))
	}
}

// suggest ticks the grounds the checks suggest and sets the per-target
// outcome they suggest (an enterprise customer's account: redirect), on an
// undecided case without a draft, where the reviewer has not chosen.
// Nothing is stored: it is a suggestion until the reviewer saves.
func (p *decisionPane) suggest(fs []app.Finding) {
	c := p.v.c
	if c == nil || c.Decision != nil || c.Draft != nil {
		return
	}
	p.filling = true
	var hints []string
	for _, f := range fs {
		for _, t := range f.Targets {
			if i := slices.Index(p.tgtVals, t); i >= 0 && !p.touched[t] && f.Suggests != "" {
				p.perTgt[i].SetSelected(app.Capitalized(f.Suggests.Label()))
				// Kept when the reviewer then picks the case's outcome: a
				// suggestion is changed only by choosing for that target.
				p.touched[t] = true
				hints = append(hints, fmt.Sprintf("%s: %s", t, f.Suggests.Label()))
			}
		}
	}
	if !p.groundsTouched {
		p.suggested = review.Grounds(fs)
		p.grounds.SetSelected(p.fitting(p.suggested))
	}
	p.filling = false
	if len(hints) > 0 {
		p.followTargets()
		p.derived.SetText("Suggested by the checks — " + strings.Join(hints, "; "))
	}
	p.checkAgainst()
	p.shown = p.pane()
}

// fitting is the suggested grounds that do not argue against the outcome
// chosen (all of them while none is).
func (p *decisionPane) fitting(gs []string) []string {
	o := p.selectedOutcome()
	if o == "" {
		return gs
	}
	against := app.Decision{Outcome: o, Grounds: gs}.Contradictions()
	var out []string
	for _, g := range gs {
		if !slices.Contains(against, g) {
			out = append(out, g)
		}
	}
	return out
}

func (p *decisionPane) selectedOutcome() app.Outcome { return outcomeNames[p.outcome.Selected] }

// followOutcome sets the targets the reviewer has not chosen for to what
// the outcome does for each, and drops the suggested grounds that argue
// against it.
func (p *decisionPane) followOutcome() {
	o := p.selectedOutcome()
	p.filling = true
	for i, sel := range p.perTgt {
		if !p.touched[p.tgtVals[i]] {
			sel.SetSelected(app.Capitalized(o.ForTargets().Label()))
		}
	}
	if !p.groundsTouched && p.suggested != nil {
		p.grounds.SetSelected(p.fitting(p.suggested))
	}
	p.filling = false
	p.derived.SetText("")
}

// followTargets sets the case's outcome from the targets' choices, until
// the reviewer picks it himself.
func (p *decisionPane) followTargets() {
	if p.chosen {
		return
	}
	d := p.pane()
	o := app.DeriveOutcome(d.Targets)
	for _, sel := range p.perTgt {
		if sel.Selected == "" {
			return // some target follows the outcome: it cannot be derived
		}
	}
	if o == "" {
		return
	}
	p.filling = true
	p.outcome.SetSelected(app.Capitalized(o.Label()))
	p.filling = false
	p.derived.SetText("Follows the targets' outcomes: " + o.Label())
}

// changed runs after any edit: the warning about grounds against the
// outcome is brought up to date, and a pending confirmation lapses.
func (p *decisionPane) changed() {
	if p.filling {
		return
	}
	p.confirm = false
	p.checkAgainst()
	p.gate()
}

// checkAgainst flags the ticked grounds that argue against the outcome.
func (p *decisionPane) checkAgainst() {
	against := p.pane().Contradictions()
	if len(against) == 0 {
		p.against.SetText("")
		return
	}
	p.against.SetText(fmt.Sprintf("⚠ %s argue%s against “%s”: untick %s, choose another decision, or save again to keep %s.",
		quoteAll(against), map[bool]string{true: "s", false: ""}[len(against) == 1], p.selectedOutcome().Label(),
		map[bool]string{true: "it", false: "them"}[len(against) == 1], map[bool]string{true: "it", false: "them"}[len(against) == 1]))
}

func quoteAll(ss []string) string {
	q := make([]string, len(ss))
	for i, s := range ss {
		q[i] = "“" + s + "”"
	}
	return strings.Join(q, ", ")
}

// pane reads the decision as the pane shows it (without when).
func (p *decisionPane) pane() app.Decision {
	d := app.Decision{Outcome: p.selectedOutcome(), Note: p.note.Text, Reviewer: p.reviewer()}
	d.Grounds = append(d.Grounds, p.grounds.Selected...)
	for _, g := range strings.Split(p.more.Text, ";") {
		if g = strings.TrimSpace(g); g != "" {
			d.Grounds = append(d.Grounds, g)
		}
	}
	for i, v := range p.tgtVals {
		o, ok := targetOutcomeNames[p.perTgt[i].Selected]
		if !ok {
			o = d.Outcome.ForTargets()
		}
		d.Targets = append(d.Targets, app.TargetDecision{Target: v, Outcome: o, Produce: o == app.TargetProduce})
	}
	for _, n := range app.Notices() {
		if app.Capitalized(n.Label()) == p.notice.Selected {
			d.Notice = n
		}
	}
	d.NoticeAfter = strings.TrimSpace(p.after.Text)
	return d
}

// unsaved returns what the pane holds and whether it differs from what was
// filled or last kept.
func (p *decisionPane) unsaved() (app.Decision, bool) {
	if p.filling || p.v.c == nil || p.v.c.Decided() || p.v.c.Status == app.StatusSplit {
		return app.Decision{}, false
	}
	d := p.pane()
	return d, !reflect.DeepEqual(d, p.shown)
}

// kept records d as stored (a draft), so it is not stored again.
func (p *decisionPane) kept(d app.Decision) { p.shown = d }

// saveDecision stores the decision as shown, once valid and, when grounds
// argue against the outcome, once the reviewer saved again to keep them.
func (p *decisionPane) saveDecision(next bool) {
	v := p.v
	if v.c == nil || v.c.Decided() {
		return
	}
	d := p.pane()
	// Checked here too, so the reviewer is told at once, before any wait.
	if err := d.Validate(); err != nil {
		p.setStatus(app.ErrorMessage(err))
		v.SelectTab(TabDecision)
		return
	}
	if len(d.Contradictions()) > 0 && !p.confirm {
		p.confirm = true
		p.checkAgainst()
		p.setStatus("Not saved yet: some grounds argue against the decision (see Grounds). Save again to keep them as they are.")
		v.SelectTab(TabDecision)
		return
	}
	p.confirm = false
	p.save.Disable()
	p.next.Disable()
	p.setStatus("Saving…")
	v.commit(func(ctx context.Context, id string) (*app.Case, error) {
		return v.service.Decide(ctx, id, d)
	}, func(c *app.Case) {
		p.save.Enable()
		p.next.Enable()
		p.shown = p.pane()
		p.setReadOnly(c)
		msg := fmt.Sprintf("Saved: %s — %s, by %s at %s", c.Reference(), d.Outcome.Label(), d.Reviewer, c.Decision.DecidedAt.Local().Format("15:04")) + awaitingNote(c)
		p.setStatus(msg)
		if v.onSaved != nil {
			v.onSaved(c, next)
		}
	}, func(err error) {
		p.save.Enable()
		p.next.Enable()
		p.gate()
		p.setStatus("Not saved: " + app.ErrorMessage(err))
	})
}
