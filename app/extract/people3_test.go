package extract

import (
	"slices"
	"strings"
	"testing"

	"github.com/warrantdesk/warrantdesk/app"
)

func TestTargets_AWrappedSentenceStartingWithToIsNoAddress(t *testing.T) {
	ex := extractText("SEARCH WARRANT\nWarrant No. 26-SW-0912\n" +
		"YOU ARE COMMANDED to serve this warrant on Example Chat Inc., 500 Market St, San Francisco, CA 94105, and\n" +
		"to seize the following stored data of the account(s) identified as:\n" +
		"user name harbor_moth77\n" +
		"linked telephone number 415-555-0166\n" +
		"for the period from March 1, 2026 through April 30, 2026.\n")
	got := targetValues(ex)
	for _, want := range []string{"username harbor_moth77", "phone +14155550166"} {
		if !slices.Contains(got, want) {
			t.Errorf("targets %v, want %q: a line of running text beginning \"to seize\" opens no address block", got, want)
		}
	}
	// A real "To" line still opens the provider's address block.
	ex = extractText("PRESERVATION REQUEST\nTo: Example Chat Inc.\n500 Market St, San Francisco, CA 94105\n(415) 555-0123\n" +
		"Re: Case 26-4471\nPlease preserve the records of the user name harbor_moth77.\n")
	if got := targetValues(ex); slices.Contains(got, "phone +14155550123") {
		t.Errorf("targets %v hold the provider's own number from its address block", got)
	}
}

func TestCaseNumber_TheEnclosedOrdersNumberOverTheCoverLettersRef(t *testing.T) {
	cover := "Ministry of Justice\nCentral Authority Unit\nOur ref: CAU-26/0871  2 March 2026\nExample Chat Inc.\nLegal Department\n500 Market St, San Francisco, CA 94105\n" +
		"Dear Sir or Madam\nThe Central Authority hereby sends you the attached production order, which a judge has issued under the Act.\n" +
		"Please produce the information to the police officer named in the order.\nYours faithfully\nA. Moreno-Quist\n"
	order := "PRODUCTION ORDER\nOrder No. PO-HC-2026-00412\n" +
		"I, Justice Rana Obuya, being satisfied on the application of the Police\nmade on 27 February 2026 of the matters in section 12, order Example Chat Inc.\n" +
		"to produce the subscriber details of the account harbor_moth77@examplechat.example.\nDated: 1 March 2026\nJustice Rana Obuya\n"
	ex := extractText(cover, order)
	if got := ex.Field(app.FieldCaseNumber); got != "PO-HC-2026-00412" {
		t.Errorf("case number %q, want the enclosed order's, not the cover letter's own reference", got)
	}
	if got := ex.Field(app.FieldIssuedDate); got != "2026-03-01" {
		t.Errorf("issued %q, want the order's date, not the application's (\"made on\" wrapped into a line's start)", got)
	}
}

func TestCaseNumber_YearRegisterAndSerial(t *testing.T) {
	ex := extractText("REQUEST FOR MUTUAL LEGAL ASSISTANCE\nDate of request: 3 May 2026\n" +
		"Case: Busan District Prosecutors' Office Case No. 2026 Hyeongje 10452\n" +
		"To: Example Chat Inc.\nPlease provide the subscriber details of the account harbor_moth77@examplechat.example.\n")
	if got := ex.Field(app.FieldCaseNumber); got != "2026 Hyeongje 10452" {
		t.Errorf("case number %q, want the year, the register's name and the serial", got)
	}
}

func TestAgent_OCRBreaksInANameAndAMailboxAreMended(t *testing.T) {
	page := "PRODUCTION ORDER\nCase No. 26-PO-0412\nTo: Example Chat Inc.\n" +
		"The provider shall produce the subscriber details of the user name harbor_moth77 and deliver them to\n" +
		"Detective Mira J. Oyelaran- Stroud, Example City Police, tel. (614) 555-0187, e-mail mira. oyelaran-stroud@ecpd.example.gov.\n"
	ex := New().Extract(&app.Document{TextSource: app.SourceOCR, Pages: []app.PageText{{Number: 1, Text: page, Source: app.SourceOCR}}})
	if got := ex.Field(app.FieldAgentName); got != "Mira J. Oyelaran-Stroud" {
		t.Errorf("agent %q, want the name without OCR's space after its hyphen", got)
	}
	if got := ex.Field(app.FieldAgentEmail); got != "mira.oyelaran-stroud@ecpd.example.gov" {
		t.Errorf("agent e-mail %q, want the mailbox OCR cut at its dot", got)
	}
	// Text of a born-digital page is as printed, and words ending a phrase
	// before an address are no part of it.
	for _, s := range []string{"reach me by e-mail, jo.roe@ecpd.example.gov", "write to us. jo.roe@ecpd.example.gov"} {
		if _, _, ok := mendMailboxStart(s, strings.Index(s, "jo.roe")); ok {
			t.Errorf("%q: mailbox mended across a phrase's end", s)
		}
	}
	if got := mendNameHyphen("Ana Lopez- Ruiz"); got != "Ana Lopez-Ruiz" {
		t.Errorf("mendNameHyphen = %q", got)
	}
	if got := mendNameHyphen("Ana Lopez - Ruiz"); got != "Ana Lopez - Ruiz" {
		t.Errorf("mendNameHyphen closed a dash between words: %q", got)
	}
}

func TestGermanOrder_SwissFileNumberDeadlineAndFaxHeader(t *testing.T) {
	page := "03-MAR-2026 09:12 VON: STA BERN +41 31 555 40 99  AN: +1 415 555 0100  S. 01/01\n" +
		"Kanton Bern  Geschäfts-Nr.: BM-7/2026/4471\nStaatsanwaltschaft Bern-Mittelland\nBern, 3. März 2026\n" +
		"Editionsverfügung\n1. Die Example Chat Inc. wird aufgefordert, bis spätestens 24. März 2026 folgende Daten herauszugeben:\n" +
		"Bestandesdaten des Kontos mit dem Benutzernamen aare_wolf_77.\n"
	ex := extractText(page)
	if got := ex.Field(app.FieldCaseNumber); got != "BM-7/2026/4471" {
		t.Errorf("case number %q, want the Geschäfts-Nr.", got)
	}
	if got := ex.Field(app.FieldDeadline); got != "2026-03-24" {
		t.Errorf("deadline %q, want the date after \"bis spätestens\"", got)
	}
	got := targetValues(ex)
	if !slices.Contains(got, "username aare_wolf_77") {
		t.Errorf("targets %v, want the user name after \"dem Benutzernamen\"", got)
	}
	for _, v := range got {
		if strings.HasPrefix(v, "phone ") {
			t.Errorf("targets %v hold a number from the fax machine's header", got)
		}
	}
}

func TestTargets_AnUnlabelledUserNameInASentenceAboutAccounts(t *testing.T) {
	ex := extractText("PRODUCTION ORDER\nOrder No. PO-2026-0077\nTo: Example Chat Inc.\n" +
		"1. Identifiers. The Example Chat accounts harbor.moth@examplechat.example and tidewater_jo_88 (account ID 7730019284).\n" +
		"2. Records are to be produced as a file named export_records_2026.csv under the SECTION_B heading.\n" +
		"3. The user aare_wolf must not be told.\n")
	got := targetValues(ex)
	for _, want := range []string{"username tidewater_jo_88", "username aare_wolf"} {
		if !slices.Contains(got, want) {
			t.Errorf("targets %v, want %q", got, want)
		}
	}
	for _, v := range got {
		if strings.Contains(v, "export_records") || strings.Contains(v, "SECTION_B") {
			t.Errorf("targets %v hold a file's or a heading's name", got)
		}
	}
	// Outside a sentence about accounts or users an underscored word is no
	// target.
	ex = extractText("SUBPOENA\nCase No. 26-0412\nTo: Example Chat Inc.\nThe form field tracking_code_2 is to be left blank.\n")
	if got := targetValues(ex); slices.Contains(got, "username tracking_code_2") {
		t.Errorf("targets %v", got)
	}
}
