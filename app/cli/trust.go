package cli

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/warrantdesk/warrantdesk/app"
	"github.com/warrantdesk/warrantdesk/app/casework"
)

// decideTrust are decide's flags for the trust record: how the requester
// was verified, and the blocking checks resolved.
type decideTrust struct {
	via, contact, outcome, note *string
	resolve                     *multi
}

func trustFlags(fs *flag.FlagSet) decideTrust {
	t := decideTrust{
		via:     fs.String("verified-via", "", ""),
		contact: fs.String("verified-contact", "", ""),
		outcome: fs.String("verified-outcome", "", ""),
		note:    fs.String("verified-note", "", ""),
		resolve: &multi{},
	}
	fs.Var(t.resolve, "resolve", "")
	return t
}

// resolution is one --resolve RULE=REASON.
type resolution struct{ rule, reason string }

// read checks the flags before any case is looked up, as decide's own
// are: a wrong command line is a usage error whatever the case.
func (t decideTrust) read(by string) (*app.Verification, []resolution, error) {
	var res []resolution
	for _, r := range *t.resolve {
		rule, reason, ok := strings.Cut(r, "=")
		if !ok || strings.TrimSpace(rule) == "" || strings.TrimSpace(reason) == "" {
			return nil, nil, usagef("decide: --resolve takes RULE=REASON (the check's name from 'warrantdesk show', and why it is resolved), not %q", r)
		}
		res = append(res, resolution{strings.TrimSpace(rule), strings.TrimSpace(reason)})
	}
	if *t.via == "" {
		if *t.contact != "" || *t.outcome != "" || *t.note != "" {
			return nil, nil, usagef("decide: --verified-contact, --verified-outcome and --verified-note go with --verified-via callback|portal|in-person|known-contact")
		}
		return nil, res, nil
	}
	method, err := app.ParseVerifyMethod(*t.via)
	if err != nil {
		return nil, nil, usagef("decide: --verified-via: %s", app.ErrorMessage(err))
	}
	outcome, err := app.ParseVerifyOutcome(*t.outcome)
	if err != nil {
		return nil, nil, usagef("decide: --verified-outcome: %s", app.ErrorMessage(err))
	}
	v := &app.Verification{Method: method, Contact: strings.TrimSpace(*t.contact), Outcome: outcome, Note: *t.note, By: by}
	if v.Contact == "" {
		return nil, nil, usagef("decide: --verified-via needs --verified-contact NUMBER-OR-ADDRESS: the number called, the portal or the channel used")
	}
	return v, res, nil
}

// recordTrust records the verification and the resolutions before the
// decision, which they may unblock. They stand even if the decision is
// then refused: they are facts about the request.
func (c *command) recordTrust(ctx context.Context, id string, v *app.Verification, res []resolution, by string) error {
	if v != nil {
		if _, err := c.service().RecordVerification(ctx, id, *v); err != nil {
			return err
		}
	}
	for _, r := range res {
		if _, err := c.service().Resolve(ctx, id, r.rule, r.reason, by); err != nil {
			return err
		}
	}
	return nil
}

// refusedDecision points a refused decision at what unblocks it: reopen
// for a decided case, the flag for a blocking check (it stays EBLOCKED:
// exit 1, the input was valid but cannot be acted on).
func refusedDecision(err error, id string) error {
	if errors.Is(err, app.ErrDecided) {
		return fmt.Errorf("%w (warrantdesk reopen %s --reason TEXT)", err, id)
	}
	var e *app.Error
	if !errors.As(err, &e) || e.Code != app.EBLOCKED {
		return err
	}
	hint := " (--resolve RULE=REASON)"
	if errors.Is(err, app.ErrUnverified) {
		hint = " (--verified-via)"
	}
	return &app.Error{Code: e.Code, Message: e.Message + hint, Err: err}
}

// printDecided says what was decided, and who must approve it next.
func (c *command) printDecided(k *app.Case) {
	d := k.Decision
	fmt.Fprintf(c.deps.Stdout, "case %s: %s, by %s\n", k.ID, d.Outcome, d.Reviewer)
	if k.Status == app.StatusAwaitingApproval && k.Approval != nil {
		fmt.Fprintf(c.deps.Stdout, "awaiting a second reviewer's approval (%s): warrantdesk approve %s --reviewer NAME\n", k.Approval.Reason, k.ShortID())
	}
}

// approve records a second reviewer's approval, or with --send-back
// returns the decision with a note.
func (c *command) approve(ctx context.Context, args []string) error {
	fs := c.flags("approve")
	reviewer := fs.String("reviewer", "", "")
	sendBack := fs.Bool("send-back", false, "")
	note := fs.String("note", "", "")
	pos, err := parse(fs, args)
	if err != nil {
		return err
	}
	const use = "approve CASE --reviewer NAME [--send-back --note TEXT]"
	switch {
	case len(pos) != 1:
		return usagef("%s", use)
	case strings.TrimSpace(*reviewer) == "":
		return usagef("approve: --reviewer NAME is required: the second reviewer, from the reviewers list in Settings")
	case *sendBack && strings.TrimSpace(*note) == "":
		return usagef("approve: --send-back needs --note TEXT: why the decision goes back")
	case !*sendBack && *note != "":
		return usagef("approve: --note goes with --send-back")
	}
	k, err := c.service().Find(ctx, pos[0])
	if err != nil {
		return err
	}
	if *sendBack {
		if k, err = c.service().SendBack(ctx, k.ID, *reviewer, *note); err != nil {
			return err
		}
		fmt.Fprintf(c.deps.Stdout, "case %s: sent back to %s by %s\n", k.ID, k.Approval.DecidedBy, k.Approval.Reviewer)
		return nil
	}
	if k, err = c.service().Approve(ctx, k.ID, *reviewer); err != nil {
		return err
	}
	fmt.Fprintf(c.deps.Stdout, "case %s: %s by %s approved by %s\n", k.ID, k.Decision.Outcome, k.Approval.DecidedBy, k.Approval.Reviewer)
	return nil
}

// settingsTrust are the settings flags for the agency and court
// directory and the two-person rule (the reviewers are settings' own).
type settingsTrust struct {
	addContact, rmContact, addCourt, rmCourt, approvalOff, approvalOn multi
	importContacts                                                    *string
}

func settingsTrustFlags(fs *flag.FlagSet) *settingsTrust {
	t := &settingsTrust{importContacts: fs.String("import-contacts", "", "")}
	for name, v := range map[string]*multi{
		"add-agency-contact": &t.addContact, "remove-agency-contact": &t.rmContact,
		"add-court": &t.addCourt, "remove-court": &t.rmCourt,
		"approval-off": &t.approvalOff, "approval-on": &t.approvalOn,
	} {
		fs.Var(v, name, "")
	}
	return t
}

// importFile merges the directory file --import-contacts names, if any,
// into the stored settings, and returns them as stored.
func (t *settingsTrust) importFile(ctx context.Context, svc *casework.Service, s app.Settings) (app.Settings, error) {
	if *t.importContacts == "" {
		return s, nil
	}
	s, _, err := svc.ImportContacts(ctx, *t.importContacts)
	return s, err
}

// changes reports whether any list flag was given.
func (t *settingsTrust) changes() bool {
	return len(t.addContact)+len(t.rmContact)+len(t.addCourt)+len(t.rmCourt)+len(t.approvalOff)+len(t.approvalOn) > 0
}

// apply changes s as the flags say; a directory entry is verified by by,
// today.
func (t *settingsTrust) apply(s *app.Settings, by string, now time.Time) error {
	same := func(a, b string) bool { return strings.EqualFold(strings.TrimSpace(a), strings.TrimSpace(b)) }
	s.Courts = without(append(s.Courts, t.addCourt...), t.rmCourt, same)
	for _, raw := range t.addContact {
		e, err := app.ParseAgencyContact(raw, by, now)
		if err != nil {
			return usagef("settings: --add-agency-contact: %s", app.ErrorMessage(err))
		}
		s.AgencyContacts = app.MergeContacts(s.AgencyContacts, e)
	}
	var kept []app.AgencyContact
	for _, e := range s.AgencyContacts {
		if !containsFold(t.rmContact, e.Agency) {
			kept = append(kept, e)
		}
	}
	s.AgencyContacts = kept
	for _, trig := range append(append([]string{}, t.approvalOff...), t.approvalOn...) {
		if !containsFold(app.ApprovalTriggers(), trig) {
			return usagef("settings: unknown two-person trigger %q: use %s", trig, strings.Join(app.ApprovalTriggers(), ", "))
		}
	}
	s.ApprovalOff = without(app.NormaliseList(append(s.ApprovalOff, t.approvalOff...)), app.NormaliseList(t.approvalOn), same)
	return nil
}

func containsFold(list []string, s string) bool {
	for _, l := range list {
		if strings.EqualFold(strings.TrimSpace(l), strings.TrimSpace(s)) {
			return true
		}
	}
	return false
}

// printTrustSettings prints the reviewers, the directory and the
// two-person rule.
func printTrustSettings(w io.Writer, t app.Settings) {
	fmt.Fprintf(w, "courts               %s\n", dash(strings.Join(t.Courts, "; ")))
	var on []string
	for _, trig := range app.ApprovalTriggers() {
		if !containsFold(t.ApprovalOff, trig) {
			on = append(on, trig)
		}
	}
	fmt.Fprintf(w, "two-person rule      %s\n", dash(strings.Join(on, ", ")))
	for _, e := range t.AgencyContacts {
		fmt.Fprintf(w, "agency contact       %s | %s | %s | verified by %s on %s\n", e.Agency, dash(strings.Join(e.Domains, ", ")), dash(strings.Join(e.Phones, ", ")), dash(e.VerifiedBy), dash(e.VerifiedOn))
	}
}

// printTrust prints a case's verification, resolutions and approval, as
// show does.
func printTrust(w io.Writer, k *app.Case) {
	if v := k.Verification; v != nil {
		fmt.Fprintf(w, "  verified      %s\n", v.Describe())
	}
	for _, r := range k.Resolutions {
		fmt.Fprintf(w, "  resolved      %s by %s on %s: %s\n", r.Rule, r.By, r.At.Format(time.DateTime), oneLine(r.Reason))
	}
	if a := k.Approval; a != nil {
		line := fmt.Sprintf("  approval      %s (%s; decided by %s on %s)", a.State, a.Reason, a.DecidedBy, a.RequestedAt.Format(time.DateTime))
		if a.Reviewer != "" && a.ReviewedAt != nil {
			line += fmt.Sprintf(", %s by %s on %s", a.State, a.Reviewer, a.ReviewedAt.Format(time.DateTime))
		}
		if a.Note != "" {
			line += ": " + oneLine(a.Note)
		}
		fmt.Fprintln(w, line)
	}
}

// blockingWord marks a blocking check in show's lines: "(blocking)", or
// "(blocking, resolved)" once a reviewer resolved it.
func blockingWord(f app.Finding) string {
	switch {
	case !f.Blocking:
		return ""
	case f.Resolution != nil:
		return " (blocking, resolved)"
	}
	return " (blocking)"
}
