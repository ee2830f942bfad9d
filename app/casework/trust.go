package casework

import (
	"context"
	"errors"
	"fmt"
	"os"
	"slices"

	"github.com/warrantdesk/warrantdesk/app"
	"github.com/warrantdesk/warrantdesk/app/review"
)

// decide records d on c, the one way a decision is taken: a disclosing
// decision is refused while a blocking check is open (EBLOCKED, see
// app.Case.DisclosureBlocked), and a decision the two-person rule names
// waits for a second reviewer's approval.
func (s *Service) decide(ctx context.Context, settings app.Settings, c *app.Case, d app.Decision) error {
	findings, err := s.findings(ctx, settings, c)
	if err != nil {
		return err
	}
	if err := c.CheckDisclosure(d, findings); err != nil {
		return err
	}
	if err := c.Decide(d); err != nil {
		return err
	}
	// A new decision supersedes an earlier one's approval, pending or
	// answered; the history keeps it.
	c.Approval = nil
	if why := settings.ApprovalNeeded(c, d); why != "" {
		c.AwaitApproval(why)
	}
	return nil
}

// DisclosureBlocked says why nothing may be disclosed on c yet, or nil
// (app.Case.DisclosureBlocked over its findings): the desk shows it beside
// the disabled Save of a disclosing decision.
func (s *Service) DisclosureBlocked(ctx context.Context, c *app.Case) error {
	findings, err := s.Findings(ctx, c)
	if err != nil {
		return err
	}
	return c.DisclosureBlocked(findings)
}

// RecordVerification records how the requester of case id was verified,
// stamped now, by a reviewer on the settings' list, and returns the case
// as stored.
func (s *Service) RecordVerification(ctx context.Context, id string, v app.Verification) (*app.Case, error) {
	var err error
	if v.By, err = s.listedReviewer(ctx, v.By); err != nil {
		return nil, err
	}
	v.At = s.now()
	if err := v.Validate(); err != nil {
		return nil, err
	}
	return s.change(ctx, id, func(c *app.Case) (bool, error) {
		return true, c.RecordVerification(v)
	})
}

// listedReviewer returns name as the settings' reviewers list spells it
// (app.Settings.Reviewer): every record names someone on the list.
func (s *Service) listedReviewer(ctx context.Context, name string) (string, error) {
	settings, err := s.store.Settings(ctx)
	if err != nil {
		return "", err
	}
	return settings.Reviewer(name)
}

// ErrUnknownRule is wrapped when a resolution names no check.
var ErrUnknownRule = errors.New("unknown check")

// Resolve records that by resolved the check rule on case id, for the
// reason given. A check lifted only by a verification (requester-
// unverified) cannot be resolved with a reason: record the verification.
func (s *Service) Resolve(ctx context.Context, id, rule, reason, by string) (*app.Case, error) {
	rules := review.Rules()
	i := slices.IndexFunc(rules, func(r review.Rule) bool { return r.ID == rule })
	if i < 0 {
		return nil, &app.Error{Code: app.EINVALID, Message: fmt.Sprintf("there is no check %q: 'warrantdesk show CASE' lists the checks raised", rule), Err: ErrUnknownRule}
	}
	if rules[i].Blocks == app.UnblockVerify {
		return nil, &app.Error{Code: app.EINVALID, Message: fmt.Sprintf("%s is lifted only by recording how the requester was verified, not by a reason", rule), Err: app.ErrUnverified}
	}
	by, err := s.listedReviewer(ctx, by)
	if err != nil {
		return nil, err
	}
	return s.change(ctx, id, func(c *app.Case) (bool, error) {
		return true, c.Resolve(rule, reason, by, s.now())
	})
}

// Approve records the second reviewer's approval of case id's decision,
// which closes the case, and returns it as stored.
func (s *Service) Approve(ctx context.Context, id, by string) (*app.Case, error) {
	return s.approval(ctx, id, by, func(c *app.Case, by string) error { return c.Approve(by, s.now()) })
}

// SendBack returns case id's decision to the reviewer who took it, with
// the second reviewer's note, and returns the case as stored.
func (s *Service) SendBack(ctx context.Context, id, by, note string) (*app.Case, error) {
	return s.approval(ctx, id, by, func(c *app.Case, by string) error { return c.SendBack(by, note, s.now()) })
}

func (s *Service) approval(ctx context.Context, id, by string, do func(c *app.Case, by string) error) (*app.Case, error) {
	by, err := s.listedReviewer(ctx, by)
	if err != nil {
		return nil, err
	}
	return s.change(ctx, id, func(c *app.Case) (bool, error) {
		return true, do(c, by)
	})
}

// ImportContacts reads a directory of agency contacts from the CSV file
// at path (app.ReadAgencyContacts), merges it into the settings' (an
// agency already listed is replaced) and returns the settings as stored
// and how many entries the file held. A bad row stores nothing.
func (s *Service) ImportContacts(ctx context.Context, path string) (app.Settings, int, error) {
	f, err := os.Open(path)
	if err != nil {
		return app.Settings{}, 0, &app.Error{Code: app.EINVALID, Message: fmt.Sprintf("cannot read %s: %v", path, err), Err: err}
	}
	defer f.Close()
	contacts, err := app.ReadAgencyContacts(f)
	if err != nil {
		return app.Settings{}, 0, err
	}
	settings, err := s.store.Settings(ctx)
	if err != nil {
		return app.Settings{}, 0, err
	}
	for _, c := range contacts {
		settings.AgencyContacts = app.MergeContacts(settings.AgencyContacts, c)
	}
	saved, err := s.SaveSettings(ctx, settings)
	return saved, len(contacts), err
}

// awaitingMemo refuses the final memo of a case whose decision still
// needs a second reviewer's approval.
func awaitingMemo(c *app.Case) error {
	if c.Status != app.StatusAwaitingApproval || c.Approval == nil {
		return nil
	}
	return &app.Error{Code: app.EBLOCKED, Message: fmt.Sprintf("case %s awaits a second reviewer's approval (%s): its memo is final only once approved; a draft memo can be written meanwhile", c.ID, c.Approval.Reason), Err: app.ErrAwaitApproval}
}
