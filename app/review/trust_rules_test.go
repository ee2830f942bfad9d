package review

import (
	"strings"
	"testing"
	"time"

	"github.com/warrantdesk/warrantdesk/app"
)

// ruleCase is one rule's pair of orders: one that raises it and one that
// does not, read with text (notText for the second, when it differs) and
// settings (the shared ones when nil).
type ruleCase struct {
	rule       string
	fires, not *app.Case
	text       string
	notText    string
	settings   *app.Settings
}

// directory is a team's agency directory for the trust checks' tests.
var directory = []app.AgencyContact{
	{Agency: "Federal Bureau of Investigation", Domains: []string{"fbi.gov"}, Phones: []string{"+12023243000"}, VerifiedBy: "Ann Lee", VerifiedOn: "2026-01-05"},
	{Agency: "Springfield Police Department", Domains: []string{"springfield-pd.example"}, Phones: []string{"+12175550100"}, VerifiedBy: "Ann Lee"},
}

func fields(kv ...string) map[string]string {
	m := map[string]string{}
	for i := 0; i+1 < len(kv); i += 2 {
		m[kv[i]] = kv[i+1]
	}
	return m
}

func emergency(c *app.Case) { c.Order.Extraction.Emergency = true }

func verified(method app.VerifyMethod, contact string, outcome app.VerifyOutcome) func(c *app.Case) {
	return func(c *app.Case) {
		c.Order.Extraction.Emergency = true
		c.Verification = &app.Verification{Method: method, Contact: contact, Outcome: outcome, By: "Ann Lee", At: now.Add(-time.Minute)}
	}
}

func trustCases(shared app.Settings) []ruleCase {
	s := shared
	s.AgencyContacts = directory
	dir := &s
	spd := func(extra ...string) map[string]string {
		return fields(append([]string{app.FieldAgency, "Springfield Police Department", app.FieldJurisdiction, "US-IL"}, extra...)...)
	}
	fbi := func(extra ...string) map[string]string {
		return fields(append([]string{app.FieldAgency, "Federal Bureau of Investigation", app.FieldJurisdiction, "US-federal", app.FieldCaseNumber, "1:26-mj-1"}, extra...)...)
	}
	court := func(extra ...string) map[string]string {
		return fields(append([]string{app.FieldJurisdiction, "US-federal", app.FieldCaseNumber, "2:26-mj-00101", app.FieldJudge, "Jane Q. Smith", app.FieldIssuingAuthority, "United States District Court for the District of Nevada"}, extra...)...)
	}
	return []ruleCase{
		{rule: "free-mail-sender",
			fires: order(app.EmergencyRequest, spd(app.FieldAgentEmail, "sgt.roe.pd@gmail.com"), emergency),
			not:   order(app.EmergencyRequest, spd(app.FieldAgentEmail, "sgt.roe@springfield-pd.example"), emergency)},
		{rule: "look-alike-domain", settings: dir,
			fires: order(app.GrandJurySubpoena, fbi(app.FieldAgentEmail, "j.roe@fbl.gov"), nil),
			not:   order(app.GrandJurySubpoena, fbi(app.FieldAgentEmail, "j.roe@ic.fbi.gov"), nil)},
		{rule: "mixed-script-domain",
			fires: order(app.GrandJurySubpoena, fbi(app.FieldAgentEmail, "j.roe@xn--fb-ioc.gov"), nil),
			not:   order(app.GrandJurySubpoena, fbi(app.FieldAgentEmail, "j.roe@fbi.gov"), nil)},
		{rule: "gov-subdomain",
			fires: order(app.Subpoena, spd(app.FieldAgentEmail, "det@springfieldpd.gov.case-portal.example"), nil),
			not:   order(app.Subpoena, spd(app.FieldAgentEmail, "det@springfield.il.gov"), nil)},
		{rule: "domain-not-in-directory", settings: dir,
			fires: order(app.Subpoena, spd(app.FieldAgentEmail, "det@spd-mail.example"), nil),
			not:   order(app.Subpoena, spd(app.FieldAgentEmail, "det@mail.springfield-pd.example"), nil)},
		{rule: "phone-not-in-directory", settings: dir,
			fires: order(app.Subpoena, spd(app.FieldAgentPhone, "+12175550199"), nil),
			not:   order(app.Subpoena, spd(app.FieldAgentPhone, "+12175550100"), nil)},
		{rule: "reply-to-differs",
			fires: order(app.InformalRequest, spd(), nil), not: order(app.InformalRequest, spd(), nil),
			text:    "From: Det. Roe <roe@springfield-pd.example>\nTo: Example Mail Inc.\nReply-To: records@relay.example.net\n",
			notText: "From: Det. Roe <roe@springfield-pd.example>\nTo: Example Mail Inc.\nReply-To: records@springfield-pd.example\n"},
		{rule: "urgency-without-danger",
			fires: order(app.InformalRequest, spd(), nil), not: order(app.InformalRequest, spd(), nil),
			text:    "Respond within 1 hour or the refusal will be treated as obstruction.",
			notText: "Respond within 1 hour: a kidnapped child is in imminent danger."},
		{rule: "emergency-content",
			fires: order(app.EmergencyRequest, spd(), func(c *app.Case) { emergency(c); content(c) }),
			not:   order(app.EmergencyRequest, spd(), emergency)},
		{rule: "no-officer-identified",
			fires: order(app.EmergencyRequest, spd(), emergency), not: order(app.EmergencyRequest, spd(app.FieldAgentName, "Jane Roe"), emergency),
			text:    "Please send the subscriber records at once.",
			notText: "Requesting officer: Sergeant Jane Roe, Badge No. 4411. Supervisor: Lieutenant A. Moss."},
		{rule: "court-without-docket",
			fires: order(app.CourtOrder2703d, court(app.FieldCaseNumber, ""), nil),
			not:   order(app.CourtOrder2703d, court(), nil)},
		{rule: "signature-letterhead-mismatch",
			fires: order(app.InformalRequest, spd(), nil), not: order(app.InformalRequest, spd(), nil),
			text:    "Springfield Police Department\nCriminal Investigations\n\nPlease send the records.\n\nSincerely,\nDet. Jane Roe\nRiverton Police Department\n",
			notText: "Springfield Police Department\nCriminal Investigations\n\nPlease send the records.\n\nSincerely,\nDet. Jane Roe\nCity of Springfield Police Dept.\n"},
		{rule: "unknown-court",
			fires: order(app.SearchWarrant, court(app.FieldIssuingAuthority, "United States District Court for the Central District of Nevada"), nil),
			not:   order(app.SearchWarrant, court(), nil)},
		{rule: "judge-not-in-signature",
			fires: order(app.CourtOrder2703d, court(), nil), not: order(app.CourtOrder2703d, court(), nil),
			text:    "Before the Honorable Jane Q. Smith.\nIT IS SO ORDERED.\n/s/ John Doe\nUnited States Magistrate Judge\n",
			notText: "Before the Honorable Jane Q. Smith.\nIT IS SO ORDERED.\n/s/ Jane Q. Smith\nUnited States Magistrate Judge\n"},
		{rule: "epoc-authority",
			fires:   order(app.EPOC, fields(app.FieldIssuingAuthority, "Public Prosecutor's Office Madrid", app.FieldJurisdiction, "EU-ES"), nil),
			not:     order(app.EPOC, fields(app.FieldIssuingAuthority, "Public Prosecutor's Office Madrid", app.FieldJurisdiction, "EU-ES"), nil),
			text:    "Issuing authority: Public Prosecutor's Office Madrid\n[X] Subscriber data\n[X] Traffic data: connection records\n[ ] Content data\n",
			notText: "Issuing authority: Public Prosecutor's Office Madrid\nValidating authority: Investigating judge, Court of Madrid\n[X] Subscriber data\n[X] Traffic data: connection records\n[ ] Content data\n"},
		{rule: "calecpa-notice",
			fires:   order(app.SearchWarrant, fields(app.FieldJurisdiction, "US-CA", app.FieldCaseNumber, "SW-1"), nil),
			not:     order(app.SearchWarrant, fields(app.FieldJurisdiction, "US-CA", app.FieldCaseNumber, "SW-1"), nil),
			text:    "YOU ARE COMMANDED to search the records described.",
			notText: "YOU ARE COMMANDED to search the records described. The agency shall serve notice on the target under Penal Code section 1546.2."},
		{rule: "shield-law",
			fires:   order(app.SearchWarrant, fields(app.FieldJurisdiction, "US-TX", app.FieldCaseNumber, "SW-1"), nil),
			not:     order(app.SearchWarrant, fields(app.FieldJurisdiction, "US-TX", app.FieldCaseNumber, "SW-1"), nil),
			text:    "Records of the account relating to the purchase of mifepristone.",
			notText: "Records of the account relating to a burglary."},
		{rule: "ca-attestation",
			fires:   order(app.SearchWarrant, fields(app.FieldJurisdiction, "US-TX", app.FieldCaseNumber, "SW-1"), nil),
			not:     order(app.SearchWarrant, fields(app.FieldJurisdiction, "US-TX", app.FieldCaseNumber, "SW-1"), nil),
			text:    "Records of the account relating to a burglary.",
			notText: "Records of the account relating to a burglary. The affiant attests that the evidence sought is not related to an investigation into, or enforcement of, a prohibited violation."},
		{rule: "uk-opo-service",
			fires: order(app.OverseasProductionOrder, fields(app.FieldJurisdiction, "UK", app.FieldIssuedDate, "2026-07-01"), nil),
			not:   order(app.OverseasProductionOrder, fields(app.FieldJurisdiction, "UK", app.FieldIssuedDate, "2026-11-01"), nil)},
		{rule: "requester-unverified",
			fires: order(app.EmergencyRequest, spd(), emergency),
			not:   order(app.EmergencyRequest, spd(), verified(app.VerifyCallback, "+1 217 555 0100", app.VerifyConfirmed))},
		{rule: "callback-not-independent", settings: dir,
			fires: order(app.EmergencyRequest, spd(app.FieldAgentPhone, "+12175550177"), verified(app.VerifyCallback, "217-555-0177", app.VerifyConfirmed)),
			not:   order(app.EmergencyRequest, spd(app.FieldAgentPhone, "+12175550177"), verified(app.VerifyCallback, "+1 217 555 0100", app.VerifyConfirmed))},
	}
}

// The details of the trust checks that a reviewer relies on.
func TestTrustRules_DetailsThatMatter(t *testing.T) {
	s := app.Settings{}
	s.AgencyContacts = directory
	check := func(c *app.Case, text string) []app.Finding {
		return Check(Input{Case: c, Text: text, Settings: s, Now: now})
	}

	// A lawyer's civil subpoena from a free-mail address is no government
	// impersonation; a free-mail target is the user's, not the sender's.
	if has(check(order(app.CivilSubpoena, fields(app.FieldAgentEmail, "counsel@gmail.com"), nil), ""), "free-mail-sender") {
		t.Error("free-mail-sender raised on a civil subpoena")
	}
	target := order(app.EmergencyRequest, fields(app.FieldAgency, "Springfield Police Department"), func(c *app.Case) {
		c.Order.Extraction.Targets = []app.Target{{Kind: app.TargetEmail, Value: "missing.girl@gmail.com"}}
	})
	if has(check(target, "The account associated with missing.girl@gmail.com; contact the officer at roe@springfield-pd.example."), "free-mail-sender") {
		t.Error("free-mail-sender raised on the target's address")
	}
	// A free-mail address in a signature block counts, even when the
	// extractor did not take it for the agent's.
	if !has(check(order(app.EmergencyRequest, fields(app.FieldAgency, "Springfield Police Department"), nil), "Sincerely,\nOfficer Roe\nContact: roe.pd@outlook.com"), "free-mail-sender") {
		t.Error("free-mail-sender missed a contact line")
	}
	// The phone check offers the directory's number for the call-back.
	f := find(check(order(app.Subpoena, fields(app.FieldAgency, "Springfield Police Department", app.FieldAgentPhone, "+12175550199"), nil), ""), "phone-not-in-directory")
	if f == nil || !strings.Contains(f.Message, "+12175550100") || !strings.Contains(f.Message, "Ann Lee") {
		t.Errorf("phone-not-in-directory: %+v", f)
	}
	// Another suffix of a directory domain is a look-alike; a sender
	// matched by the directory under its own domain is not.
	if !has(check(order(app.Subpoena, fields(app.FieldAgency, "Federal Bureau of Investigation", app.FieldAgentEmail, "a@fbi.gov.us"), nil), ""), "gov-subdomain") {
		t.Error("gov-subdomain missed fbi.gov.us")
	}
	if !has(check(order(app.Subpoena, fields(app.FieldAgentEmail, "a@fbi.com"), nil), ""), "look-alike-domain") {
		t.Error("look-alike-domain missed fbi.com against the directory's fbi.gov")
	}
	// Real government suffixes are not "gov-looking".
	for _, d := range []string{"met.police.uk", "justice.gouv.fr", "rcmp-grc.gc.ca", "police.govt.nz", "ci.springfield.or.us", "afp.gov.au"} {
		if govLooking(d) != "" {
			t.Errorf("gov-subdomain on the genuine %s", d)
		}
	}
	// A whole-script Cyrillic name that reads as Latin is caught; a
	// genuine Cyrillic domain that reads as nothing Latin is not.
	if mixedScript("раураl.example") == "" || mixedScript("мвд.рф") != "" {
		t.Errorf("mixedScript: %q, %q", mixedScript("раураl.example"), mixedScript("мвд.рф"))
	}
	// Blocking rules say how they are lifted; resolutions travel with the
	// finding.
	c := order(app.EmergencyRequest, fields(app.FieldAgentEmail, "x@gmail.com"), emergency)
	c.Resolutions = []app.Resolution{{Rule: "free-mail-sender", Reason: "called the switchboard", By: "Ann Lee", At: now}}
	fs := check(c, "")
	if f := find(fs, "free-mail-sender"); f == nil || !f.Blocking || f.Unblock != app.UnblockResolve || f.Resolution == nil {
		t.Errorf("free-mail-sender finding: %+v", f)
	}
	if f := find(fs, "requester-unverified"); f == nil || f.Unblock != app.UnblockVerify {
		t.Errorf("requester-unverified finding: %+v", f)
	}
	// A failed verification blocks any request, emergency or not.
	failed := order(app.Subpoena, nil, func(c *app.Case) {
		c.Verification = &app.Verification{Method: app.VerifyPortal, Contact: "portal", Outcome: app.VerifyNotConfirmed, By: "Ann Lee"}
	})
	if !has(check(failed, ""), "requester-unverified") {
		t.Error("requester-unverified missed a failed verification")
	}
	// The court directory: a state court the team knows passes, another
	// is flagged; federal courts are always checked against the 94.
	s.Courts = []string{"Superior Court of California, County of Alameda"}
	known := order(app.SearchWarrant, fields(app.FieldJurisdiction, "US-CA", app.FieldCaseNumber, "SW-1", app.FieldIssuingAuthority, "Superior Court of California, County of Alameda"), nil)
	other := order(app.SearchWarrant, fields(app.FieldJurisdiction, "US-CA", app.FieldCaseNumber, "SW-1", app.FieldIssuingAuthority, "Superior Court of California, County of Marin"), nil)
	if has(check(known, ""), "unknown-court") || !has(check(other, ""), "unknown-court") {
		t.Error("unknown-court against the court directory")
	}
	for _, d := range []string{"Eastern District of Virginia", "District of Columbia", "District of Puerto Rico", "Middle District of Pennsylvania"} {
		if _, exists, ok := federalDistrict("United States District Court for the " + d); !ok || !exists {
			t.Errorf("%s: not a district (ok %v)", d, ok)
		}
	}
	n := 0
	for _, divisions := range federalDistricts {
		n += len(divisions)
	}
	// 94 districts, with DC, the Virgin Islands and the Northern Marianas
	// also listed under their short names.
	if n != 94+3 {
		t.Errorf("%d districts listed, want 94 (+3 aliases)", n)
	}
	// A prosecutor's EPOC for subscriber and identification data alone
	// needs no judge (Art. 4(1)); in an emergency neither.
	sub := order(app.EPOC, fields(app.FieldIssuingAuthority, "Parquet du Tribunal judiciaire de Paris"), emergency)
	if has(check(sub, "(a) [X] subscriber data\n(b) [X] data requested for the sole purpose of identifying the user\n(c) [ ] traffic data\n(d) [ ] content data"), "epoc-authority") {
		t.Error("epoc-authority raised on subscriber data from a prosecutor")
	}
	// Without a provider state in CA or WA there is no shield-law check.
	tx := order(app.SearchWarrant, fields(app.FieldJurisdiction, "US-TX"), nil)
	if has(check(tx, "records relating to an abortion"), "shield-law") {
		t.Error("shield-law raised without a provider state")
	}
}
