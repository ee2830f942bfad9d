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

func TestAgentPhone_ContactSentenceBeforeCopies(t *testing.T) {
	ex := extractText("Harbor County Sheriff's Office\n\nJune 6, 2026\n\nTo: Example Chat Inc.\n\nOur ref: HC/2026/441\n\n" +
		"Please preserve the data of the user name harbour_lights. If you have questions, please contact me at (360) 555-0011\nor by e-mail at panand@harborcounty.example.gov.\n\n" +
		"Sincerely,\nPriya Anand\nHarbor County Sheriff's Office\n\ncc: AUSA Lowell Brandt, Western District of Washington, (360) 555-0123\n")
	if got := ex.Field(app.FieldAgentPhone); got != "+13605550011" {
		t.Errorf("agent phone %q, want the contact sentence's, not the copy's addressee's", got)
	}
	if c := ex.Fields[app.FieldAgentPhone].Confidence; c < 0.7 {
		t.Errorf("agent phone at %.2f: the copy's addressee's number taken for a rival", c)
	}
}

func TestAgentPhone_SignatureBeforeLetterhead(t *testing.T) {
	ex := extractText("CITY OF EXAMPLE POLICE DEPARTMENT\n400 Civic Plaza, Example City, OH 43004  |  (614) 555-0000\n\nMay 5, 2026\n\nTo: Example Chat Inc.\n\n" +
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

func TestAgent_OwnLineOverNeighboursAndSupervisors(t *testing.T) {
	// The prosecutor's secretariat two lines above the contact person's
	// own line: the line whose address spells the contact's name is his.
	ex := extractText("EUROPEAN PRESERVATION ORDER CERTIFICATE\nTo: Example Mail Ireland Limited\n" +
		"SECTION E: Details of the issuing authority\nName of the representative:  prok. Halina Wiśniewska-Dąb, Prosecutor\n" +
		"Tel. / e-mail:  +48 22 555 07 40 / sekretariat@prokuratura.example.pl\n" +
		"Contact person for practical matters  asp. sztab. Bartosz Żmuda, Komenda Stołeczna Policji\n" +
		"Tel. +48 22 835 22 16 - e-mail: bartosz.zmuda@policja.example.pl\n")
	if n, p, e := ex.Field(app.FieldAgentName), ex.Field(app.FieldAgentPhone), ex.Field(app.FieldAgentEmail); n != "Bartosz Żmuda" || p != "+48228352216" || e != "bartosz.zmuda@policja.example.pl" {
		t.Errorf("agent %q %q %q, want the contact person's own name (rank dropped), line and address", n, p, e)
	}
	ex = extractText("EMERGENCY DISCLOSURE REQUEST\nTo: Example Chat Inc.\n1. REQUESTING OFFICER\nName / rank  Sgt. Willa Brandt\nDirect phone  970-555-0158\n" +
		"Dispatch (24 h): 970-555-0150\n2. ACCOUNT(S) / IDENTIFIERS\nPhone number linked to account  (970) 555-0112\n" +
		"3. CERTIFICATION\nI certify that the information above is true.\nSignature: W. Brandt  Supervisor approval: Lt. Hector Ruelas (970-555-0151)\n")
	if p := ex.Field(app.FieldAgentPhone); p != "+19705550158" {
		t.Errorf("agent phone %q, want the officer's direct line", p)
	}
	if got := targetValues(ex); !slices.Equal(got, []string{"phone +19705550112"}) {
		t.Errorf("targets %v: the dispatch line and the supervisor's number are no targets; the account's, under a bracketed heading, is", got)
	}
}

func TestAgent_NameSignedInBracketsUnderItsClosing(t *testing.T) {
	ex := extractText("OFFICE OF THE INSPECTOR OF POLICE\nTo: Example Mail India Private Limited\nPlease furnish the subscriber details of the account kite.runner@examplemail.example.\n" +
		"Yours faithfully,\n[signature]\n(Meenakshi Sundaram-Iyer)\nInspector of Police & Investigating Officer\nCyber Crime P.S., Chennai\nMob: 98450 55512\n")
	if n := ex.Field(app.FieldAgentName); n != "Meenakshi Sundaram-Iyer" {
		t.Errorf("agent %q, want the name signed in brackets, not the unit under the post", n)
	}
}

func TestAgentEmail_HyphenAtLineEndInsideAnAddress(t *testing.T) {
	ex := extractText("SUBPOENA\nTo: Example Mail Inc.\nQuestions may be directed to Special Agent Callum E. Drummond-Osei, e-mail cedrummond-\nosei@fbi.example.gov.\n")
	if e := ex.Field(app.FieldAgentEmail); e != "cedrummond-osei@fbi.example.gov" {
		t.Errorf("agent e-mail %q, want the hyphen of the name it spells kept", e)
	}
	ex = extractText("SUBPOENA\nTo: Example Mail Inc.\nQuestions may be directed to Special Agent Nadia Farrokhzad, e-mail nfar-\nrokhzad@dea.example.gov.\n")
	if e := ex.Field(app.FieldAgentEmail); e != "nfarrokhzad@dea.example.gov" {
		t.Errorf("agent e-mail %q, want the typesetter's hyphen dropped", e)
	}
}

func TestPhones_NationalWays(t *testing.T) {
	ex := extractText("POLIZIA DI STATO\nVia Roma 1, 20144 Milano - Tel. 02 5555 2700\nAll'attenzione di Example Mail Ireland Limited\n" +
		"Si chiede di fornire i dati dell'utente registrato con il numero di telefono +39 347 555 0199.\n")
	if got := targetValues(ex); slices.Contains(got, "phone +39255552700") {
		t.Errorf("targets %v: an Italian number keeps its leading zero (+39 02 …)", got)
	}
	if got := e164("02 5555 2700", "39"); got != "+390255552700" {
		t.Errorf("e164 %q, want +390255552700", got)
	}
}

func TestCaseNumber_IPAddressAndCaseID(t *testing.T) {
	ex := extractText("From: Special Agent Jo Roe <jroe@fbi.example.gov>\nTo: Example Chat Inc. <emergency@examplechat.example>\n" +
		"This is an emergency request under 18 U.S.C. 2702(b)(8).\nLast IP seen in the device logs:  203.0.113.150\nFBI Case ID: 7A-KC-3391584\n")
	if c := ex.Field(app.FieldCaseNumber); c != "7A-KC-3391584" {
		t.Errorf("case number %q, want the case ID, never an IP address", c)
	}
	if !notCaseNumber("2026") || notCaseNumber("2026-0042") {
		t.Error("a year alone is no case number; a year with its serial is one")
	}
}

func TestAgent_ShortTitleSignatureUnderAnAuthorisingOfficer(t *testing.T) {
	ex := extractText("From:  CIU SPoC <ciu.spoc@example.police.uk>\nTo:  emergency@examplechat.example\nSubject: Emergency Disclosure Request\n" +
		"Account(s)  e-mail heron.line@examplechat.example\n" +
		"Authorised by  Detective Superintendent Ada Whitcombe (Gold Commander)\nPlease respond to the SPoC on call below.\n" +
		"DC Tariq Olawale-Price\nSingle Point of Contact, Communications Intelligence Unit\nLondon SW1A 2JL\n" +
		"Direct: +44 (0)20 7946 0718 | Duty SPoC: +44 (0)20 7946 0700\ntariq.olawale-price@example.police.uk\n")
	if n, p := ex.Field(app.FieldAgentName), ex.Field(app.FieldAgentPhone); n != "Tariq Olawale-Price" || p != "+442079460718" {
		t.Errorf("agent %q %q, want the constable under the authorising officer, and the direct line over the duty desk", n, p)
	}
	if got := targetValues(ex); !slices.Equal(got, []string{"email heron.line@examplechat.example"}) {
		t.Errorf("targets %v: the signature's numbers are the sender's", got)
	}
}

func TestDateRange_FromOnwards(t *testing.T) {
	ex := extractText("EMERGENCY DISCLOSURE REQUEST\nTo: Example Chat Inc.\nData requested: the log-in IP addresses with timestamps (from November 2, 2026 18:00 GMT onwards).\n")
	if s, e := ex.Field(app.FieldDateRangeStart), ex.Field(app.FieldDateRangeEnd); s != "2026-11-02" || e != "" {
		t.Errorf("range %q – %q, want an open start", s, e)
	}
}

func TestPhones_BritishMobile(t *testing.T) {
	if got := nationalNumbers("recovery mobile believed to be 07700 900412", nil, "44"); len(got) != 1 {
		t.Errorf("national numbers %v, want the mobile", got)
	}
}

func TestCaseNumber_CourtsNumberBeforeTheAgencysFile(t *testing.T) {
	ex := extractText("IN THE DISTRICT COURT OF EXAMPLE COUNTY, TEXAS\nWarrant No. SW-EX-26-01127\nSEARCH WARRANT\n" +
		"YOU ARE THEREFORE COMMANDED to serve this warrant on Example Chat Inc. for the records of the user name rook_512.\n" +
		"The offense under investigation is robbery, committed on or about October 18, 2026 (EPD Case No. 26-2910447).\n")
	if c := ex.Field(app.FieldCaseNumber); c != "SW-EX-26-01127" {
		t.Errorf("case number %q, want the court's warrant number over the police department's file", c)
	}
	ex = extractText("Example Police Department\nJune 9, 2026\nTo: Example Chat Inc.\nRe: Preservation request, EPD Case No. 26-2910447\n" +
		"Please preserve the records of the user name rook_512 under 18 U.S.C. 2703(f).\n")
	if c := ex.Field(app.FieldCaseNumber); c != "26-2910447" {
		t.Errorf("case number %q: an agency's own letter is filed under its own number", c)
	}
}

func TestTargets_OfficersContactInTheProductionSentence(t *testing.T) {
	ex := extractText("PRODUCTION ORDER\nTo: Example Mail Canada ULC\nThe documents are to be produced within 30 days, to: Detective Constable Asha Roe-Lindqvist (Badge 71204), " +
		"Example Police Service, Financial Crimes Unit, 40 College Street, Toronto; telephone 416-555-0193; e-mail asha.roe-lindqvist@examplepolice.example.ca.\n" +
		"The data of the account kestrel.nine@examplemail.example are required.\n")
	if got := targetValues(ex); !slices.Equal(got, []string{"email kestrel.nine@examplemail.example"}) {
		t.Errorf("targets %v: the officer's telephone and e-mail in the production sentence are the sender's", got)
	}
	if p, e := ex.Field(app.FieldAgentPhone), ex.Field(app.FieldAgentEmail); p != "+14165550193" || e != "asha.roe-lindqvist@examplepolice.example.ca" {
		t.Errorf("agent contact %q %q", p, e)
	}
	ex = extractText("ORDEM DE PRODUÇÃO\nOs dados deverão ser remetidos à Polícia Judiciária ao cuidado do Inspetor Tiago Roe-Amaral, tel. +351 21 555 0433, e-mail\n" +
		"tiago.roe-amaral@pj.example.pt, relativos à conta mar.azul@examplemail.example.\n")
	if got := targetValues(ex); slices.Contains(got, "email tiago.roe-amaral@pj.example.pt") {
		t.Errorf("targets %v: the inspector's address after \"tel.\" is his", got)
	}
}

func TestAgent_SignatureBlockUnderANameWithItsPost(t *testing.T) {
	ex := extractText("IN THE COURT OF COMMON PLEAS\nORDER\nExample Chat Inc. shall disclose the records of the user name river_gamer_14.\n\n" +
		"Maren E. Oduya-Whitfield\nSenior Deputy Attorney General\nOffice of Attorney General\n(215) 555-0150\n\n" +
		"s/ Naveen R. Holm\n\nNAVEEN R. HOLM, Assistant United States Attorney\n700 Stewart Street, Suite 5220, Seattle, WA 98101  (206) 555-0105\n")
	if got := targetValues(ex); !slices.Equal(got, []string{"username river_gamer_14"}) {
		t.Errorf("targets %v: the numbers under a name and its post are the signer's", got)
	}
}

func TestAgent_UnitAndAddressWordsAreNoName(t *testing.T) {
	for _, v := range []string{"Team Cybercrime", "Block C", "Cyber Crime P.S."} {
		if n, ok := cleanName(v); ok {
			t.Errorf("cleanName(%q) = %q: a unit's or an address's words are no person's name", v, n)
		}
	}
	ex := extractText("From: \"Kuipers, J. (Joost)\" <joost.kuipers@politie.example.nl>\nTo: Example Chat Inc. <lawenforcement@examplechat.example>\nCc:  cybercrime.rotterdam@politie.example.nl\n" +
		"Please preserve the data of the user name maas_brug_7.\nMet vriendelijke groet / Kind regards,\nJoost Kuipers\nRechercheur Team Cybercrime\nPolitie Eenheid Rotterdam\n")
	if n := ex.Field(app.FieldAgentName); n != "Joost Kuipers" {
		t.Errorf("agent %q, want the detective, not his team", n)
	}
	ex = extractText("EUROPEAN PRODUCTION ORDER CERTIFICATE\nSECTION B: Addressee\nAddress / contact:  Block C, Beckett Way, Park West, Dublin 12, Ireland - eulegal@examplechat.example\n" +
		"SECTION I: Authority to which the data must be transferred\nPolitie Eenheid Den Haag - Inspecteur Femke A. Roelofs, contact: +31 70 555 1288\n")
	if n := ex.Field(app.FieldAgentName); n != "Femke A. Roelofs" {
		t.Errorf("agent %q, want the inspector, not the addressee's street", n)
	}
}
