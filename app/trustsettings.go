package app

import (
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"slices"
	"strings"
	"time"
)

// TrustSettings are the team's own records behind the trust checks and
// the two-person rule: the agencies and courts it has verified, and which
// decisions need a second reviewer. (Who works the desk is
// Settings.Reviewers.)
type TrustSettings struct {
	// AgencyContacts is the directory of verified agency contacts: the
	// domains an agency writes from and the switchboard numbers a
	// call-back goes to.
	AgencyContacts []AgencyContact `json:"agency_contacts,omitempty"`
	// Courts are the courts (other than the US district courts, which are
	// known) the team has seen genuine process from; when not empty, a
	// court order naming another court is flagged.
	Courts []string `json:"courts,omitempty"`
	// ApprovalOff are the two-person rule's triggers (ApprovalTriggers)
	// switched off; all are on by default.
	ApprovalOff []string `json:"approval_off,omitempty"`
}

// AgencyContact is one agency in the directory of verified contacts.
type AgencyContact struct {
	Agency string `json:"agency"`
	// Domains the agency's mail comes from ("fbi.gov" covers "ic.fbi.gov").
	Domains []string `json:"domains,omitempty"`
	// Phones are its switchboard numbers, E.164.
	Phones []string `json:"phones,omitempty"`
	// VerifiedBy and VerifiedOn (YYYY-MM-DD) say who checked the entry
	// against an independent source, and when.
	VerifiedBy string `json:"verified_by,omitempty"`
	VerifiedOn string `json:"verified_on,omitempty"`
}

// ErrContact is wrapped by the errors of a directory entry that cannot be
// kept.
var ErrContact = errors.New("agency contact")

func (t TrustSettings) normalised() (TrustSettings, error) {
	out := TrustSettings{Courts: names(t.Courts)}
	for _, c := range t.AgencyContacts {
		n, err := c.Normalised()
		if err != nil {
			return t, err
		}
		out.AgencyContacts = MergeContacts(out.AgencyContacts, n)
	}
	for _, trig := range NormaliseList(t.ApprovalOff) {
		if !slices.Contains(ApprovalTriggers(), trig) {
			return t, Errorf(EINVALID, "unknown two-person trigger %q: use %s", trig, strings.Join(ApprovalTriggers(), ", "))
		}
		out.ApprovalOff = append(out.ApprovalOff, trig)
	}
	return out, nil
}

// Normalised returns the entry as it is kept: the agency's name trimmed,
// domains lower-case without "@", numbers in E.164. An entry without an
// agency, without a domain or number, with a number that is not one, or
// with a date that is not YYYY-MM-DD is EINVALID (wrapping ErrContact).
func (c AgencyContact) Normalised() (AgencyContact, error) {
	out := AgencyContact{Agency: strings.Join(strings.Fields(c.Agency), " "), VerifiedBy: strings.TrimSpace(c.VerifiedBy), VerifiedOn: strings.TrimSpace(c.VerifiedOn)}
	if out.Agency == "" {
		return c, &Error{Code: EINVALID, Message: "an agency contact needs the agency's name", Err: ErrContact}
	}
	for _, d := range NormaliseList(c.Domains) {
		d = strings.TrimPrefix(strings.TrimPrefix(d, "mailto:"), "www.")
		if !strings.Contains(d, ".") || strings.ContainsAny(d, " /@") {
			return c, &Error{Code: EINVALID, Message: fmt.Sprintf("%s: %q is not a mail domain (write it as agency.gov)", out.Agency, d), Err: ErrContact}
		}
		if !slices.Contains(out.Domains, d) {
			out.Domains = append(out.Domains, d)
		}
	}
	for _, p := range c.Phones {
		if strings.TrimSpace(p) == "" {
			continue
		}
		e, ok := PhoneE164(p)
		if !ok {
			return c, &Error{Code: EINVALID, Message: fmt.Sprintf("%s: %q is not a phone number; write it in international form, such as +1 202 555 0100", out.Agency, p), Err: ErrContact}
		}
		if !slices.Contains(out.Phones, e) {
			out.Phones = append(out.Phones, e)
		}
	}
	if len(out.Domains)+len(out.Phones) == 0 {
		return c, &Error{Code: EINVALID, Message: fmt.Sprintf("%s: give at least a mail domain or a switchboard number", out.Agency), Err: ErrContact}
	}
	if out.VerifiedOn != "" {
		if _, err := time.Parse(time.DateOnly, out.VerifiedOn); err != nil {
			return c, &Error{Code: EINVALID, Message: fmt.Sprintf("%s: the date it was verified is written YYYY-MM-DD, not %q", out.Agency, out.VerifiedOn), Err: ErrContact}
		}
	}
	return out, nil
}

// MergeContacts returns list with c added, replacing the entry of the same
// agency (any case): an import brings an entry up to date.
func MergeContacts(list []AgencyContact, c AgencyContact) []AgencyContact {
	out := make([]AgencyContact, 0, len(list)+1)
	for _, o := range list {
		if !strings.EqualFold(o.Agency, c.Agency) {
			out = append(out, o)
		}
	}
	return append(out, c)
}

// ParseAgencyContact reads "AGENCY|DOMAIN[,DOMAIN]|PHONE[,PHONE]", the
// command line's form of a directory entry, verified by by on the day of
// at.
func ParseAgencyContact(s, by string, at time.Time) (AgencyContact, error) {
	parts := strings.Split(s, "|")
	if len(parts) != 3 {
		return AgencyContact{}, &Error{Code: EINVALID, Message: fmt.Sprintf("an agency contact is written \"AGENCY|DOMAIN[,DOMAIN]|PHONE\", not %q", s), Err: ErrContact}
	}
	return AgencyContact{Agency: parts[0], Domains: splitList(parts[1]), Phones: splitList(parts[2]), VerifiedBy: by, VerifiedOn: at.Format(time.DateOnly)}.Normalised()
}

func splitList(s string) []string {
	return strings.FieldsFunc(s, func(r rune) bool { return r == ',' || r == ';' })
}

// contactColumns are the CSV headers ReadAgencyContacts knows, by the
// column they fill.
var contactColumns = map[string][]string{
	"agency":      {"agency", "agency name", "name"},
	"domains":     {"domain", "domains", "domain(s)", "mail domains", "email domains"},
	"phones":      {"phone", "phones", "switchboard", "switchboard numbers", "switchboard number(s)", "phone number(s)", "numbers"},
	"verified_by": {"verified by", "verified_by", "by"},
	"verified_on": {"verified on", "verified_on", "verified at", "verified_at", "verified", "date", "when"},
}

// ReadAgencyContacts reads a directory of agency contacts from CSV with a
// header row naming the columns: agency, domain(s), switchboard numbers,
// verified by, verified on (lists within a cell separated by commas or
// semicolons). Every row is checked before any is returned: a bad row is
// EINVALID naming its line, and nothing is kept.
func ReadAgencyContacts(r io.Reader) ([]AgencyContact, error) {
	cr := csv.NewReader(r)
	cr.FieldsPerRecord = -1
	cr.TrimLeadingSpace = true
	header, err := cr.Read()
	if err != nil {
		return nil, &Error{Code: EINVALID, Message: "the contacts file is not CSV with a header row (agency, domains, switchboard numbers, verified by, verified on)", Err: err}
	}
	col := map[string]int{}
	for i, h := range header {
		h = strings.ToLower(strings.TrimSpace(strings.TrimPrefix(h, "\ufeff")))
		for name, alts := range contactColumns {
			if slices.Contains(alts, h) {
				col[name] = i
			}
		}
	}
	if _, ok := col["agency"]; !ok {
		return nil, Errorf(EINVALID, "the contacts file has no agency column: its first row must name the columns (agency, domains, switchboard numbers, verified by, verified on)")
	}
	var out []AgencyContact
	for {
		rec, err := cr.Read()
		if err == io.EOF {
			break
		}
		line, _ := cr.FieldPos(0)
		if err != nil {
			return nil, &Error{Code: EINVALID, Message: fmt.Sprintf("the contacts file cannot be read at line %d", line), Err: err}
		}
		cell := func(name string) string {
			if i, ok := col[name]; ok && i < len(rec) {
				return rec[i]
			}
			return ""
		}
		if strings.TrimSpace(strings.Join(rec, "")) == "" {
			continue
		}
		c, err := AgencyContact{Agency: cell("agency"), Domains: splitList(cell("domains")), Phones: splitList(cell("phones")), VerifiedBy: cell("verified_by"), VerifiedOn: cell("verified_on")}.Normalised()
		if err != nil {
			return nil, &Error{Code: EINVALID, Message: fmt.Sprintf("line %d: %s", line, ErrorMessage(err)), Err: err}
		}
		out = MergeContacts(out, c)
	}
	return out, nil
}

// PhoneE164 writes a phone number in E.164: "+" and the digits of a number
// written with its country code, or +1 for a ten-digit North American
// number. Anything else is not a number it can place (ok false): a
// directory holds numbers anyone on the team can dial.
func PhoneE164(s string) (string, bool) {
	s = strings.TrimSpace(s)
	number := s
	if i := strings.IndexAny(strings.ToLower(s), "xe"); i > 0 { // "ext. 12", "x12": the extension is dialled after
		number = s[:i]
	}
	var d strings.Builder
	for _, r := range number {
		switch {
		case r >= '0' && r <= '9':
			d.WriteRune(r)
		case !strings.ContainsRune(" .-()/+", r):
			return "", false
		}
	}
	return e164Digits(s, d.String())
}

// e164Digits places a number's digits: written with "+" or "00" and its
// country code, or a North American number with or without its 1.
func e164Digits(written, digits string) (string, bool) {
	switch n := len(digits); {
	case strings.HasPrefix(written, "+") && n >= 8 && n <= 15:
		return "+" + digits, true
	case strings.HasPrefix(written, "00") && n >= 10 && n <= 17:
		return "+" + digits[2:], true
	case n == 11 && digits[0] == '1':
		return "+" + digits, true
	case n == 10 && digits[0] >= '2':
		return "+1" + digits, true
	}
	return "", false
}

// Reviewer returns the name as the reviewers list spells it. With an
// empty list any name is taken as given; with a list, a name not on it is
// EINVALID (wrapping ErrUnknownReviewer), naming those who are.
func (t Settings) Reviewer(name string) (string, error) {
	name = strings.Join(strings.Fields(name), " ")
	if name == "" {
		return "", &Error{Code: EINVALID, Message: "Name the reviewer.", Err: ErrNoReviewer}
	}
	if len(t.Reviewers) == 0 {
		return name, nil
	}
	for _, r := range t.Reviewers {
		if strings.EqualFold(r, name) {
			return r, nil
		}
	}
	return "", &Error{Code: EINVALID, Message: fmt.Sprintf("%q is not on the reviewers list (%s): pick a name from it, or add one in Settings", name, strings.Join(t.Reviewers, ", ")), Err: ErrUnknownReviewer}
}
