package app

import (
	"context"
	"fmt"
	"slices"
	"strings"
)

// MatterSettings are the team's settings for matters: clocks, retention,
// who letters come from, the enterprise customers' legal contacts and the
// standing statement of a third country's law that conflicts with EU
// orders. They are kept beside Settings.
type MatterSettings struct {
	Clocks    ClockSettings     `json:"clocks"`
	Retention RetentionSettings `json:"retention"`
	Sender    LetterSender      `json:"sender"`
	// LegalContacts are enterprise customers' legal contacts, named in
	// redirect letters.
	LegalContacts []LegalContact `json:"legal_contacts,omitempty"`
	ConflictOfLaw ConflictOfLaw  `json:"conflict_of_law"`
}

// LetterSender is the provider's legal team as its letters are signed:
// the organisation (the designated establishment or legal representative
// for EU orders), the contact, the address.
type LetterSender struct {
	Organisation string `json:"organisation,omitempty"`
	Department   string `json:"department,omitempty"`
	Address      string `json:"address,omitempty"`
	Email        string `json:"email,omitempty"`
	Phone        string `json:"phone,omitempty"`
	Fax          string `json:"fax,omitempty"`
	// Signatory and Title sign the letters: the authorised person.
	Signatory string `json:"signatory,omitempty"`
	Title     string `json:"title,omitempty"`
}

// LegalContact is an enterprise customer's legal department, matched to
// an order by the customer's domains and accounts.
type LegalContact struct {
	Customer string   `json:"customer"`
	Domains  []string `json:"domains,omitempty"`
	Name     string   `json:"name,omitempty"`
	Email    string   `json:"email,omitempty"`
	Phone    string   `json:"phone,omitempty"`
	Address  string   `json:"address,omitempty"`
}

// ConflictOfLaw is the standing statement of a third country's law that
// bars compliance, as Section E of the Annex III form asks for it. The
// provider's position is the same for every order; the case's own
// explanation comes from the decision.
type ConflictOfLaw struct {
	Law        string `json:"law,omitempty"`
	Provisions string `json:"provisions,omitempty"`
	// Interest is fundamental_rights, national_security or other, and
	// InterestDetail says what it is.
	Interest       string `json:"interest,omitempty"`
	InterestDetail string `json:"interest_detail,omitempty"`
	WhyApplicable  string `json:"why_applicable,omitempty"`
	ProviderLink   string `json:"provider_link,omitempty"`
	Consequences   string `json:"consequences,omitempty"`
}

// Interests Section E distinguishes.
const (
	InterestRights   = "fundamental_rights"
	InterestSecurity = "national_security"
	InterestOther    = "other"
)

// MatterSettingsStore keeps the matter settings.
type MatterSettingsStore interface {
	MatterSettings(ctx context.Context) (MatterSettings, error)
	SaveMatterSettings(ctx context.Context, s MatterSettings) error
}

// Normalised returns the settings as they are kept: words trimmed, the
// contacts' domains lower-case once each, one contact per customer. Hours,
// days and the interest must make sense; otherwise EINVALID and nothing
// should be saved.
func (s MatterSettings) Normalised() (MatterSettings, error) {
	out := s
	switch {
	case s.Clocks.EmergencyHours < 0 || s.Clocks.EmergencyHours > 24*30:
		return s, Errorf(EINVALID, "emergency hours must be between 1 and %d (0 for the default of %d)", 24*30, DefaultEmergencyHours)
	case s.Clocks.RoutineDays < 0 || s.Clocks.RoutineDays > 366:
		return s, Errorf(EINVALID, "routine days must be between 1 and 366 (0 for the default of %d)", DefaultRoutineDays)
	case s.Retention.ContentDays < 0 || s.Retention.RecordDays < 0:
		return s, Errorf(EINVALID, "retention is a number of days after a matter closes (0 keeps it)")
	case s.Retention.RecordDays > 0 && s.Retention.ContentDays > s.Retention.RecordDays:
		return s, Errorf(EINVALID, "the decision record (%d days) cannot go before the content (%d days): keep the record at least as long", s.Retention.RecordDays, s.Retention.ContentDays)
	}
	c := s.ConflictOfLaw
	if i := strings.ToLower(strings.TrimSpace(c.Interest)); i != "" && i != InterestRights && i != InterestSecurity && i != InterestOther {
		return s, Errorf(EINVALID, "the conflicting law's interest is %s, %s or %s, not %q", InterestRights, InterestSecurity, InterestOther, c.Interest)
	}
	out.ConflictOfLaw.Interest = strings.ToLower(strings.TrimSpace(c.Interest))
	out.LegalContacts = nil
	for _, lc := range s.LegalContacts {
		lc.Customer = strings.Join(strings.Fields(lc.Customer), " ")
		if lc.Customer == "" {
			return s, Errorf(EINVALID, "a legal contact needs the customer's name")
		}
		lc.Domains = NormaliseList(lc.Domains)
		lc.Name, lc.Email, lc.Phone, lc.Address = strings.TrimSpace(lc.Name), strings.TrimSpace(lc.Email), strings.TrimSpace(lc.Phone), strings.TrimSpace(lc.Address)
		out.LegalContacts = slices.DeleteFunc(out.LegalContacts, func(o LegalContact) bool { return strings.EqualFold(o.Customer, lc.Customer) })
		out.LegalContacts = append(out.LegalContacts, lc)
	}
	return out, nil
}

// ContactFor finds the legal contact of the enterprise customer whose
// data the case asks for: a target at one of its domains (or under one),
// or an account its list names.
func (s MatterSettings) ContactFor(c *Case) (LegalContact, bool) {
	for _, lc := range s.LegalContacts {
		domains := Settings{EnterpriseDomains: lc.Domains, EnterpriseAccounts: lc.Domains}
		if slices.ContainsFunc(c.Targets(), domains.Enterprise) {
			return lc, true
		}
	}
	return LegalContact{}, false
}

// Describe says the contact in one line.
func (lc LegalContact) Describe() string {
	var parts []string
	for _, p := range []string{lc.Name, lc.Email, lc.Phone, lc.Address} {
		if p != "" {
			parts = append(parts, p)
		}
	}
	return fmt.Sprintf("%s: %s", lc.Customer, strings.Join(parts, ", "))
}

// Enterprise reports whether the target is an enterprise customer's, by
// the settings: an account listed, or an address or URL at a customer
// domain or under it.
func (s Settings) Enterprise(t Target) bool {
	v := strings.ToLower(strings.TrimSpace(t.Value))
	if slices.Contains(NormaliseList(s.EnterpriseAccounts), v) {
		return true
	}
	host := ""
	if at := strings.LastIndex(v, "@"); at >= 0 {
		host = v[at+1:]
	} else if t.Kind == TargetURL {
		host = strings.SplitN(strings.TrimPrefix(strings.TrimPrefix(v, "https://"), "http://"), "/", 2)[0]
	}
	return host != "" && slices.ContainsFunc(NormaliseList(s.EnterpriseDomains), func(d string) bool { return host == d || strings.HasSuffix(host, "."+d) })
}

// Fields names each part of the sender as settings write it (the CLI's
// --sender KEY=VALUE, the desk's form), for setting and reading them.
func (s *LetterSender) Fields() map[string]*string {
	return map[string]*string{"organisation": &s.Organisation, "department": &s.Department, "address": &s.Address, "email": &s.Email,
		"phone": &s.Phone, "fax": &s.Fax, "signatory": &s.Signatory, "title": &s.Title}
}

// Fields names each part of the statement as settings write it
// (--conflict-of-law KEY=VALUE).
func (c *ConflictOfLaw) Fields() map[string]*string {
	return map[string]*string{"law": &c.Law, "provisions": &c.Provisions, "interest": &c.Interest, "interest-detail": &c.InterestDetail,
		"why-applicable": &c.WhyApplicable, "provider-link": &c.ProviderLink, "consequences": &c.Consequences}
}
