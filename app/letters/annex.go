package letters

import (
	"strings"

	"github.com/warrantdesk/warrantdesk/app"
)

// annex is the Annex III form of Regulation (EU) 2023/1543 ("Information
// on the impossibility to execute an EPOC or an EPOC-PR"), section by
// section: A the certificate concerned; B the authorities and their file
// numbers, the dates of issue and receipt; C the addressee; D the reasons,
// each of the form's boxes ticked or not, and the explanation; E the
// conflicting obligations under a third country's law; F the further
// information asked of the issuing authority; G whether the data are
// preserved; H the contact details and signature.
type annex struct {
	EPOC, EPOCPR                                 bool
	FileNumber, IssuingAuthority, IssuingState   string
	ValidatingAuthority, Issued, Received        string
	EnforcingAuthority, Addressee, AddresseeFile string
	Reasons                                      []reason
	Explanation                                  string
	Conflict                                     bool
	Law                                          conflict
	Clarification                                string
	Preserved                                    bool
	PreservedUntil, NotPreservedWhy              string
	Establishment, Contact, Post, Address        string
	Phone, Fax, Email, Authorised                string
}

type reason struct {
	Code, Label string
	Ticked      bool
}

// conflict is Section E. Each blank a standing statement in Settings
// does not fill is marked for the reviewer to complete.
type conflict struct {
	Law, Provisions, WhyApplicable, WhyConflict, ProviderLink, Consequences string
	Rights, Security, Other                                                 bool
	InterestDetail                                                          string
}

const toComplete = "[to be completed]"

func buildAnnex(in Input, d *app.Decision) annex {
	c := in.Case
	ex := c.Effective()
	s := in.Matter.Sender
	a := annex{
		EPOC: ex.ProcessType == app.EPOC, EPOCPR: ex.ProcessType == app.EPOCPR,
		FileNumber: orBlank(c.CaseNumber()), IssuingAuthority: orBlank(c.Value(app.FieldIssuingAuthority)),
		IssuingState: orBlank(strings.TrimPrefix(c.Value(app.FieldJurisdiction), "EU-")),
		// For EPOCs the judge named is the validating judge (Annex I,
		// Section J), where the order was validated.
		ValidatingAuthority: orBlank(c.Value(app.FieldJudge)), Issued: orBlank(c.Value(app.FieldIssuedDate)),
		Received:           stamp(in.Clock.Start, in.Clock.Location()),
		EnforcingAuthority: "not notified to the addressee", Addressee: orBlank(c.Value(app.FieldRecipient)),
		AddresseeFile: Reference(c), Explanation: orBlank(d.Note),
		Establishment: orBlank(s.Organisation), Contact: orBlank(in.Reviewer), Post: orBlank(s.Title),
		Address: orBlank(strings.Join(split(s.Address), ", ")), Phone: orBlank(s.Phone), Fax: orBlank(s.Fax), Email: orBlank(s.Email),
		Authorised: orBlank(s.Signatory),
	}
	if s.Signatory == "" {
		a.Authorised = orBlank(in.Reviewer)
	}
	given := app.ReasonsFor(d.Grounds)
	for _, r := range app.NonExecutionReasons() {
		t := false
		for _, g := range given {
			t = t || g.Code == r.Code
		}
		a.Reasons = append(a.Reasons, reason{r.Code, r.Label, t})
		if t && r.Code == "third_country_conflict" {
			a.Conflict = true
		}
	}
	col := in.Matter.ConflictOfLaw
	a.Law = conflict{Law: orBlank(col.Law), Provisions: orBlank(col.Provisions), WhyApplicable: orBlank(col.WhyApplicable),
		WhyConflict: orBlank(strings.TrimSpace(d.Note)), ProviderLink: orBlank(col.ProviderLink), Consequences: orBlank(col.Consequences),
		Rights: col.Interest == app.InterestRights, Security: col.Interest == app.InterestSecurity, Other: col.Interest == app.InterestOther,
		InterestDetail: orBlank(col.InterestDetail)}
	if d.Outcome == app.Clarify || tickedAny(a.Reasons, "incomplete", "manifest_errors", "insufficient_information") {
		a.Clarification = orBlank(strings.Join(questions(d), " "))
	}
	a.Preserved = !tickedAny(a.Reasons, "data_not_held")
	if a.Preserved {
		a.PreservedUntil = "until they are produced, or until the issuing authority (or, where applicable, the enforcing authority) informs us that preserving them is no longer necessary"
		if k := in.Clock; a.EPOCPR && !k.Due.IsZero() {
			a.PreservedUntil = "until " + stamp(k.Due, k.Location()) + " (" + k.Basis + "), unless the issuing authority confirms a subsequent request for production or tells us preservation is no longer necessary"
		}
	} else {
		a.NotPreservedWhy = "the data requested were not stored by or on behalf of the service provider when the order was received"
	}
	return a
}

func tickedAny(rs []reason, codes ...string) bool {
	for _, r := range rs {
		for _, c := range codes {
			if r.Ticked && r.Code == c {
				return true
			}
		}
	}
	return false
}

// orBlank is s escaped, else the mark for the reviewer to complete it.
func orBlank(s string) string {
	if strings.TrimSpace(s) == "" {
		return toComplete
	}
	return esc(s)
}
