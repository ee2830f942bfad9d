package extract

import (
	"strings"
	"testing"

	"github.com/warrantdesk/warrantdesk/app"
)

// These orders are invented for the tests, each in a phrasing of its own:
// the rules must hold for legal process in general, not for one set of
// files.

func TestProcessType_FromTitleAndCommandsNotAClause(t *testing.T) {
	for _, tc := range []struct {
		name string
		text string
		want app.ProcessType
	}{
		{"preservation letter asking for silence", "FEDERAL BUREAU OF INVESTIGATION\nRe: Preservation Request\nDear Custodian:\nUnder 18 U.S.C. § 2703(f) we ask that you preserve the records of kite@example.net for 90 days. We also ask that you not disclose the existence of this request to the user.", app.Preservation2703f},
		{"agency subpoena with a gag", "U.S. Department of Agriculture\nOffice of Inspector General\nSUBPOENA\nTO: Example Hosting LLC\nYOU ARE HEREBY REQUIRED to produce the records listed below.\nYou shall not disclose the existence of this subpoena for 90 days.", app.AdministrativeSubpoena},
		{"civil investigative demand", "STATE OF EXAMPLE\nOFFICE OF THE ATTORNEY GENERAL\nCIVIL INVESTIGATIVE DEMAND\nYou are required to produce the documents described in Schedule A.", app.AdministrativeSubpoena},
		{"e-mail that mentions a warrant to come", "From: Officer Lane <lane@town.example.gov>\nSubject: question about an account\nHi team,\nCould you tell me who runs the account ziggy_77? We may get a warrant later if the case grows, but not yet.\nThanks", app.InformalRequest},
		{"subject says emergency, text says not", "From: Det. Cole <cole@county.example.gov>\nSubject: EMERGENCY DISCLOSURE REQUEST\nThis is not an emergency. Please preserve the records of the account mossy.stone under 18 U.S.C. 2703(f).", app.Preservation2703f},
		{"foreign court commands production", "TRIBUNAL DE PRIMERA INSTANCIA N.º 3 DE EJEMPLO (ESPAÑA)\nTel. +34 910 000 000\nAUTO\nSE ACUERDA requerir a Example Corp. para que remita los datos de la cuenta indicada.\nEl Juez, Pedro Ruiz", app.ProductionOrder},
	} {
		ex := extractText(tc.text)
		if ex.ProcessType != tc.want {
			t.Errorf("%s: %s, want %s", tc.name, ex.ProcessType, tc.want)
		}
	}
}

func TestRead_CoverPagesGoWithTheOrderTheyCarry(t *testing.T) {
	fax := "FAX COVER SHEET\nTO: Example Inc. Legal\nFROM: Sgt. Ana Lima\nPages: 2 (including cover)"
	order := "IN THE DISTRICT COURT OF EXAMPLE COUNTY\nORDER TO PRODUCE RECORDS\nCase No. 26-CV-0911\nIT IS ORDERED that Example Inc. shall produce the records of user lima_case.\nDated: 3 March 2026"
	doc := &app.Document{Pages: []app.PageText{{Number: 1, Text: fax, Source: app.SourceText}, {Number: 2, Text: order, Source: app.SourceText}}}
	parts := New().Read(doc)
	if len(parts) != 1 || parts[0].Pages != (app.PageRange{From: 1, To: 2}) {
		t.Fatalf("parts %+v, want one order on pages 1–2", parts)
	}
	if ex := parts[0].Extraction; ex.Field(app.FieldCaseNumber) != "26-CV-0911" {
		t.Errorf("case number %q", ex.Field(app.FieldCaseNumber))
	}
	letter := "OFFICE OF THE DISTRICT ATTORNEY\nMay 4, 2026\nDear Custodian of Records:\nEnclosed please find a grand jury subpoena for records of the account listed in it."
	subpoena := "SUPREME COURT OF THE STATE OF EXAMPLE\nGRAND JURY SUBPOENA DUCES TECUM\nSubpoena No. GJ-26-77\nWE COMMAND YOU to appear before the Grand Jury on the 1st day of June, 2026.\nDated: May 2, 2026"
	doc = &app.Document{Pages: []app.PageText{{Number: 1, Text: letter, Source: app.SourceText}, {Number: 2, Text: subpoena, Source: app.SourceText}}}
	parts = New().Read(doc)
	if len(parts) != 1 {
		t.Fatalf("a cover letter and its subpoena split into %+v", parts)
	}
	ex := parts[0].Extraction
	if ex.ProcessType != app.GrandJurySubpoena || ex.Field(app.FieldIssuedDate) != "2026-05-02" || ex.Field(app.FieldDeadline) != "2026-06-01" {
		t.Errorf("type %s, issued %q, deadline %q: the subpoena's, not the letter's", ex.ProcessType, ex.Field(app.FieldIssuedDate), ex.Field(app.FieldDeadline))
	}
}

func TestCaseNumber_TheIssuersNumberNotTheProvidersOrADocumentSerial(t *testing.T) {
	for _, tc := range []struct{ text, want string }{
		{"SUMMONS\nSummons No.: S-26-40\nAgency Case Number: ZX-26-0087\nYour ref.: TKT-99812", "ZX-26-0087"},
		{"Diligencias Previas n.º 771/2026\nSe acuerda requerir los datos.", "771/2026"},
		{"Please refer to our file no. QR-4410-26 in any reply.", "QR-4410-26"},
		{"NOTICE TO PRODUCE\nReference  PS/2026/00318\nYou are required to produce the documents.", "PS/2026/00318"},
		{"ORDER\nThe provider shall produce the records.\nEX-2026-0042 – Page 1 of 2", "EX-2026-0042"},
	} {
		if ex := extractText(tc.text); ex.Field(app.FieldCaseNumber) != tc.want {
			got := ex.Field(app.FieldCaseNumber)
			t.Errorf("%q: case number %q, want %q", tc.text, got, tc.want)
		}
	}
}

func TestCaseNumber_TwoNumbersAlikeAreBothShown(t *testing.T) {
	ex := extractText("ORDER\nCase No. 26-1001\nand further\nCase No. 26-2002\nIT IS ORDERED that the provider shall disclose the records.")
	f := ex.Fields[app.FieldCaseNumber]
	if len(f.Alternatives) == 0 || f.Confidence >= 0.9 || !hasWarning(ex, "case_number: found") {
		t.Errorf("field %+v, warnings %v: want a runner-up, lowered confidence and a warning", f, ex.Warnings)
	}
}

func TestIssuedDate_TheOrdersOwnDate(t *testing.T) {
	for _, tc := range []struct{ text, want string }{
		// The date of another paper in a sentence does not count.
		{"ORDER\nThe warrant issued on June 2, 2026 is superseded.\nIT IS ORDERED that the provider shall disclose the records.\nDated: June 9, 2026", "2026-06-09"},
		// A place and a date on the line above the signature.
		{"BESCHLUSS\nDie Anbieterin hat Auskunft zu erteilen.\nHamburg, den 3. März 2026\ngez. Dr. Vogt\nRichterin am Amtsgericht", "2026-03-03"},
		// An e-mail's header.
		{"From: Officer Kai Moss <kmoss@city.example.gov>\nSent: Tuesday, April 7, 2026 9:14 AM\nTo: legal@example.com\nSubject: records request\nPlease provide the subscriber of nova_22.", "2026-04-07"},
	} {
		if ex := extractText(tc.text); ex.Field(app.FieldIssuedDate) != tc.want {
			got := ex.Field(app.FieldIssuedDate)
			t.Errorf("%q: issued %q, want %q", tc.text, got, tc.want)
		}
	}
}

func TestDeadline_TheProvidersDateOnly(t *testing.T) {
	ex := extractText("SEARCH WARRANT\nYOU ARE COMMANDED to execute this warrant on or before May 20, 2026.\nDate and time issued: May 6, 2026")
	if got := ex.Field(app.FieldDeadline); got != "" {
		t.Errorf("the officers' execute-by date became the deadline: %q", got)
	}
	ex = extractText("ORDER TO PRODUCE\nThe respondent shall produce the data within 7 days of service of this order.\nMade on 4 May 2026")
	if got := ex.Field(app.FieldDeadline); got != "" || !hasWarning(ex, "deadline:") {
		t.Errorf("a deadline counted from service was invented: %q %v", got, ex.Warnings)
	}
	ex = extractText("Dear Custodian:\nMarch 2, 2026\nPlease produce the records within 21 days of the date of this letter.")
	if f := ex.Fields[app.FieldDeadline]; f.Value != "2026-03-23" || !f.Computed {
		t.Errorf("computed deadline %+v, want 2026-03-23", f)
	}
	ex = extractText("SUBPOENA\nYOU ARE COMMANDED to appear before Investigator R. Hale, at 12 Main Street, Suite 4, on July 14, 2026 at 10:00 a.m.\nDate: June 30, 2026")
	if got := ex.Field(app.FieldDeadline); got != "2026-07-14" {
		t.Errorf("appearance date %q, want 2026-07-14", got)
	}
}

func TestDateRange_ManyLanguagesAndForms(t *testing.T) {
	for _, tc := range []struct{ text, start, end string }{
		{"Verkehrsdaten für den Zeitraum vom 01.02.2026 bis einschließlich 28.02.2026.", "2026-02-01", "2026-02-28"},
		{"the pen register may be used for the period beginning April 2, 2026 and ending May 31, 2026;", "2026-04-02", "2026-05-31"},
		{"Time range requested  1 March 2026 - 9 March 2026", "2026-03-01", "2026-03-09"},
		{"login records from 00:00 UTC on March 3, 2026 through 12:00 UTC on March 4, 2026", "2026-03-03", "2026-03-04"},
		{"all records of the account from January 5, 2026 to the present", "2026-01-05", ""},
	} {
		ex := extractText("ORDER\n" + tc.text)
		if ex.Field(app.FieldDateRangeStart) != tc.start || ex.Field(app.FieldDateRangeEnd) != tc.end {
			t.Errorf("%q: %q–%q, want %q–%q", tc.text, ex.Field(app.FieldDateRangeStart), ex.Field(app.FieldDateRangeEnd), tc.start, tc.end)
		}
	}
}

func TestTargets_ProviderAndSenderContactsAreNotTargets(t *testing.T) {
	ex := extractText("SEARCH WARRANT\nATTACHMENT A\nThe account dune.walker@mailco.example, stored at premises of MailCo Inc., headquartered at 1 Bay Road (Law Enforcement Response Team: lers@mailco.example; telephone (415) 555-0170).\nAccount ID MC-0042-7781.\nThe subscriber's telephone number (312) 555-0144.\nProduction may be made to Special Agent Rae Okoro at (202) 555-0188 or rokoro@fbi.example.gov.")
	var got []string
	for _, tg := range ex.Targets {
		got = append(got, string(tg.Kind)+" "+tg.Value)
	}
	want := "email dune.walker@mailco.example,account_id MC-0042-7781,phone +13125550144"
	if strings.Join(got, ",") != want {
		t.Errorf("targets %v, want %s", got, want)
	}
	if ex.Field(app.FieldAgentPhone) != "+12025550188" || ex.Field(app.FieldAgentEmail) != "rokoro@fbi.example.gov" {
		t.Errorf("agent contact %q %q", ex.Field(app.FieldAgentPhone), ex.Field(app.FieldAgentEmail))
	}
}

func TestTargets_LabelledIdentifiersInOtherLanguages(t *testing.T) {
	ex := extractText("PEDIDO\nNome de usuário  praia_sol88\nDie Daten des Kontos „nordlicht.42\" sind zu sichern.\nBenutzer-ID: 5519027734")
	var got []string
	for _, tg := range ex.Targets {
		got = append(got, string(tg.Kind)+" "+tg.Value)
	}
	for _, w := range []string{"username praia_sol88", "username nordlicht.42", "account_id 5519027734"} {
		if !strings.Contains(strings.Join(got, ","), w) {
			t.Errorf("targets %v lack %s", got, w)
		}
	}
}

func TestAgent_TheContactNotTheSigner(t *testing.T) {
	ex := extractText("DEPARTMENT OF EXAMPLE POLICE\nREQUEST FOR RECORDS\nPlease provide the subscriber of moss_42.\nQuestions may be directed to Detective Ivo Rask, Cyber Unit, at (503) 555-0119 or irask@police.example.gov.\nSincerely,\nMarta Lind\nChief of Police")
	if got := ex.Field(app.FieldAgentName); got != "Ivo Rask" {
		t.Errorf("agent %q, want the contact Ivo Rask", got)
	}
	ex = extractText("SECTION L: contact point\nContact  Brigadier-chef Lucie Marchand, Office central de lutte, +33 1 00 00 12 34, lucie.marchand@interieur.example.gouv.fr")
	if got := ex.Field(app.FieldAgentName); got != "Lucie Marchand" {
		t.Errorf("agent %q, want Lucie Marchand", got)
	}
}

func TestJurisdiction_FromTheSender(t *testing.T) {
	ex := extractText("MAPLETON POLICE DEPARTMENT\n44 Elm Street, Mapleton, OR 97453\nEMERGENCY DISCLOSURE REQUEST\nUnder 18 U.S.C. § 2702(b)(8) we ask for the records of moss_42.")
	if got := ex.Field(app.FieldJurisdiction); got != "US-OR" {
		t.Errorf("local police in Oregon read as %q", got)
	}
	ex = extractText("Policja\nPlease provide the subscriber data of the account lato_77.\nKontakt: asp. Jan Nowak, tel. +48 22 000 11 22, jan.nowak@policja.example.pl")
	if got := ex.Field(app.FieldJurisdiction); got != "EU-PL" {
		t.Errorf("a Polish sender read as %q", got)
	}
}

func TestAsks_EmptyBoxesDoNotCount(t *testing.T) {
	ex := extractText("EUROPEAN PRODUCTION ORDER CERTIFICATE (EPOC)\nRegulation (EU) 2023/1543\n[X] subscriber data\n[ ] traffic data: records of connections\n[ ] content data: stored content of e-mails\n[ ] in emergency cases: at the latest within 8 hours\n[X] The addressee must refrain from informing the person whose data are sought.")
	if strings.Join(ex.DataCategories, ",") != "subscriber" {
		t.Errorf("categories %v, want subscriber only", ex.DataCategories)
	}
	if ex.Emergency {
		t.Errorf("an empty emergency box made the order an emergency")
	}
	if !ex.Nondisclosure.Ordered {
		t.Errorf("a ticked refrain box is not a gag: %+v", ex.Nondisclosure)
	}
}

func TestNondisclosure_AnApplicationOnlyAsks(t *testing.T) {
	app1 := "APPLICATION FOR AN ORDER PURSUANT TO 18 U.S.C. § 2703(d)\nThe United States asks the Court to direct the provider under 18 U.S.C. § 2705(b) not to notify any person for 180 days.\nDated: May 1, 2026"
	order := "ORDER\nCase No. 26-mj-4410\nIT IS ORDERED that the provider shall disclose the records in Attachment A.\nSO ORDERED this 4th day of May, 2026."
	doc := &app.Document{Pages: []app.PageText{{Number: 1, Text: app1, Source: app.SourceText}, {Number: 2, Text: order, Source: app.SourceText}}}
	parts := New().Read(doc)
	if len(parts) != 1 {
		t.Fatalf("parts %+v", parts)
	}
	ex := parts[0].Extraction
	if ex.Nondisclosure.Ordered || !ex.Nondisclosure.Requested || ex.ProcessType != app.CourtOrder2703d || ex.Field(app.FieldIssuedDate) != "2026-05-04" {
		t.Errorf("gag %+v, type %s, issued %q", ex.Nondisclosure, ex.ProcessType, ex.Field(app.FieldIssuedDate))
	}
}

func TestConfidence_NamesNeverClaimCertainty(t *testing.T) {
	ex := extractText("FEDERAL BUREAU OF INVESTIGATION\nNATIONAL SECURITY LETTER\nFile No. NSL-26-101010\nTo: Example Inc.\nMarch 3, 2026\nDear Custodian:\nUnder 18 U.S.C. § 2709 you are directed to provide records.\nQuestions may be directed to Special Agent Ada Roe at (202) 555-0100.")
	for _, n := range []string{app.FieldAgency, app.FieldRecipient, app.FieldAgentName, app.FieldIssuingAuthority} {
		if f, ok := ex.Fields[n]; ok && f.Confidence >= 0.9 {
			t.Errorf("%s %q at %.2f: names are checked by the reviewer", n, f.Value, f.Confidence)
		}
	}
	if f := ex.Fields[app.FieldCaseNumber]; f.Confidence < 0.9 {
		t.Errorf("an NSL number at %.2f", f.Confidence)
	}
}

func TestText_IsWhatTheRulesRead(t *testing.T) {
	text := New().Text([]app.PageText{{Number: 1, Text: "Case No.: '1:26-sw-0O412\nMag-\nistrate", Source: app.SourceOCR}})
	if !strings.Contains(text, "1:26-sw-00412") || !strings.Contains(text, "Magistrate") {
		t.Errorf("prepared text %q", text)
	}
}
