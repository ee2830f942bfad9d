package extract

import (
	"slices"
	"testing"

	"github.com/warrantdesk/warrantdesk/app"
)

// Whose number is it, and which of the sender's numbers is the one to call:
// invented orders, each in a phrasing of its own.

func TestAgentPhone_FaxIsNeverTheAgentsTelephone(t *testing.T) {
	for _, sig := range []string{
		"Fax: (217) 555-0199\nOffice: (217) 555-0142\n",
		"Facsimile (217) 555-0199  |  Telephone (217) 555-0142\n",
		"(217) 555-0199 (fax)\n(217) 555-0142 (office)\n",
	} {
		ex := extractText("Lakeview Police Department\n\nMarch 3, 2026\n\nTo: Example Mail Inc.\n\nRe: Preservation request, Case No. 26-001234\n\n" +
			"Please preserve all records of the account heron.gray@examplemail.example under 18 U.S.C. 2703(f).\n\n" +
			"Sincerely,\n\nDetective Mara Quill\nLakeview Police Department\n" + sig + "mquill@lakeview-il.example.gov\n")
		if got := ex.Field(app.FieldAgentPhone); got != "+12175550142" {
			t.Errorf("%q: agent phone %q, want the office line, not the fax", sig, got)
		}
		if slices.Contains(targetValues(ex), "phone +12175550199") {
			t.Errorf("%q: the sender's fax is a target: %v", sig, targetValues(ex))
		}
	}
	ex := extractText("Lakeview Police Department\n\nTo: Example Mail Inc.\nPlease preserve the records of heron.gray@examplemail.example.\n\n" +
		"Sincerely,\nDetective Mara Quill\nTel/Fax: (217) 555-0142\n")
	if got := ex.Field(app.FieldAgentPhone); got != "+12175550142" {
		t.Errorf("agent phone %q: a number labelled for telephone and fax is a telephone", got)
	}
}

func TestAgentPhone_DeskLineBeforeMobileAndLetterhead(t *testing.T) {
	ex := extractText("Harbor County Sheriff's Office\n\nJune 6, 2026\n\nTo: Example Chat Inc.\n\nOur ref: HC/2026/441\n\n" +
		"Please preserve the data of the user name harbour_lights.\n\nDeputy Priya Anand\nCell: (360) 555-0123\nDesk: (360) 555-0011\n")
	if got := ex.Field(app.FieldAgentPhone); got != "+13605550011" {
		t.Errorf("agent phone %q, want the desk line over the mobile", got)
	}
	if f := ex.Fields[app.FieldAgentPhone]; f.Confidence < 0.6 {
		t.Errorf("desk and mobile taken for a tie (%.2f)", f.Confidence)
	}
	ex = extractText("CITY OF EXAMPLE POLICE DEPARTMENT\n400 Civic Plaza, Example City, OH 43004  |  (614) 555-0000\n\nMay 5, 2026\n\nTo: Example Chat Inc.\n\n" +
		"RE: Request for records, Report No. 26-88812\n\nWe request subscriber information for the user of the telephone number (614) 555-7781.\n\n" +
		"Sincerely,\nSergeant Ines Corra\nMajor Crimes Unit\nCity of Example Police Department\n(614) 555-0187\n")
	if got := ex.Field(app.FieldAgentPhone); got != "+16145550187" {
		t.Errorf("agent phone %q, want the signature's number over the letterhead's", got)
	}
}

func TestTargets_InsideAddressIsTheProviders(t *testing.T) {
	ex := extractText("Office of the Sheriff, Greene County\n\nApril 4, 2026\n\nExample Chat Inc.\nLegal Department\n500 Market St\nSan Francisco, CA 94105\n(415) 555-0123\n\n" +
		"RE: Request for records, Incident No. GC-26-1187\n\nDear Custodian,\nPlease provide subscriber records for the telephone number (937) 555-0177.\n\n" +
		"Thank you,\nDeputy Aaron Feld\n(937) 555-0612\n")
	got := targetValues(ex)
	if slices.Contains(got, "phone +14155550123") || !slices.Contains(got, "phone +19375550177") {
		t.Errorf("targets %v: the inside address's number is the provider's, the one asked about a target", got)
	}
	if a := ex.Field(app.FieldAgentPhone); a != "+19375550612" {
		t.Errorf("agent phone %q", a)
	}
}

func TestTargets_NumberWrappedAtItsHyphen(t *testing.T) {
	ex := extractText("ORDER\nThe Order applies to records associated with the following identifiers:\n" +
		"1. The account registered to or associated with telephone number (602) 555-\n0117;\n2. The account with telephone number (602) 555- 0190.\n" +
		"3. The account with telephone number 602-\n555-0144.\n")
	got := targetValues(ex)
	for _, want := range []string{"phone +16025550117", "phone +16025550190", "phone +16025550144"} {
		if !slices.Contains(got, want) {
			t.Errorf("targets %v, want %s", got, want)
		}
	}
}

func TestSplit_AttachmentToAnOrderIsPartOfIt(t *testing.T) {
	doc := &app.Document{Pages: []app.PageText{
		{Number: 1, Text: "UNITED STATES DISTRICT COURT\nfor the\nDistrict of Example\nSUBPOENA TO TESTIFY BEFORE A GRAND JURY\nSubpoena No. 26-GJ-0099\nTo: Example Mail Inc.\nYOU ARE COMMANDED to appear.", Source: app.SourceText},
		{Number: 2, Text: "ATTACHMENT TO GRAND JURY SUBPOENA No. 26-GJ-0099\nU.S. Department of Justice\nUnited States Attorney's Office\nAugust 25, 2026\nRe: Federal Grand Jury Subpoena\nProduce the records of the account rook.lane@examplemail.example for the period May 1, 2026 to the present.", Source: app.SourceText},
	}}
	if parts := New().Split(doc); len(parts) != 1 {
		t.Fatalf("a subpoena and its attachment split into %v", parts)
	}
	ex := New().Read(doc)[0].Extraction
	if !slices.Contains(targetValues(ex), "email rook.lane@examplemail.example") || ex.Field(app.FieldDateRangeStart) != "2026-05-01" {
		t.Errorf("the attachment's targets %v and period %q not read with the subpoena", targetValues(ex), ex.Field(app.FieldDateRangeStart))
	}
}

func TestDateRange_ThroughTheDateOfThisLetter(t *testing.T) {
	ex := extractText("Example Police Department\nJune 9, 2026\nTo: Example Chat Inc.\nPlease preserve the records of the account ID 5510827346.\n" +
		"This request covers records for the period April 1, 2026 through the date of this letter.\n")
	if s, e := ex.Field(app.FieldDateRangeStart), ex.Field(app.FieldDateRangeEnd); s != "2026-04-01" || e != "2026-06-09" {
		t.Errorf("range %q – %q, want it to end on the letter's date", s, e)
	}
	ex = extractText("Example Police Department\nJune 9, 2026\nTo: Example Chat Inc.\nPlease preserve the records of the account ID 5510827346\n" +
		"from January 1, 2026 to the date this demand is received.\n")
	if e := ex.Field(app.FieldDateRangeEnd); e != "" {
		t.Errorf("range end %q from the date of receipt, which no one knows yet", e)
	}
}
