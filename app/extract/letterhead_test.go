package extract

import (
	"strings"
	"testing"

	"github.com/warrantdesk/warrantdesk/app"
)

// A stacked letterhead's issuer is the agency that acts, with its office,
// not the department above it; a department's own divisions stand whole.
func TestAuthority_StackedLetterheadNamesTheAgencyThatActs(t *testing.T) {
	for _, tc := range []struct{ name, text, want string }{
		{"department over agency over field office",
			"U.S. Department of Justice\n\nFederal Bureau of Investigation\n\nDenver Division\n\nFile No. DN-2291\n\nApril 2, 2026\n\nCustodian of Records\nExample Mail LLC\n\nUnder 18 U.S.C. § 2709 you are hereby directed to provide to the FBI the subscriber information of quill@example.net.",
			"Federal Bureau of Investigation, Denver Division"},
		{"department over agency",
			"U.S. Department of Justice\nDrug Enforcement Administration\n\nMay 7, 2026\n\nExample Chat Inc.\nDear Custodian:\nPursuant to 21 U.S.C. § 876 you are required to produce the records of user fern_22.",
			"Drug Enforcement Administration"},
		{"a department's own divisions",
			"U.S. Department of Justice\nCriminal Division\nOffice of International Affairs\n\nJune 3, 2026\n\nExample Cloud Inc.\nDear Sir or Madam:\nWe transmit the enclosed request for assistance.",
			"U.S. Department of Justice, Criminal Division, Office of International Affairs"},
	} {
		ex := extractText(tc.text)
		// The office may be joined by a comma or a dash: the agency
		// comes first, its office after it, no department above.
		got := strings.Replace(ex.Field(app.FieldIssuingAuthority), " - ", ", ", 1)
		if got != tc.want {
			t.Errorf("%s: issuing authority %q, want %q", tc.name, got, tc.want)
		}
	}
}

func TestFromAgency(t *testing.T) {
	for _, tc := range []struct{ orgs, agency, want string }{
		{"Department of Homeland Security, Homeland Security Investigations, Newark Field Office", "Homeland Security Investigations", "Homeland Security Investigations, Newark Field Office"},
		{"Federal Bureau of Investigation, Boston Division", "Federal Bureau of Investigation", "Federal Bureau of Investigation, Boston Division"},
		{"Ministry of the Interior, Directorate of Cyber Police", "Cyber Police", "Ministry of the Interior, Directorate of Cyber Police"},
		{"U.S. Department of Justice, Criminal Division", "", "U.S. Department of Justice, Criminal Division"},
	} {
		if got := fromAgency(tc.orgs, tc.agency); got != tc.want {
			t.Errorf("fromAgency(%q, %q) = %q, want %q", tc.orgs, tc.agency, got, tc.want)
		}
	}
}

// A body named short in one place and with its unit in another is one
// body, named in full; a police unit's name keeps its head noun.
func TestAgency_FullerNameAndUnitHeadNoun(t *testing.T) {
	checkField(t, app.FieldAgency, []fieldCase{
		{"short in the text, full on the contact line",
			"PRESERVATION REQUEST\nThe Royal Example Police asks you to preserve the records of the account heron_9.\nContact  Inspector Mila Brandt, Royal Example Police Northbank - Digital Evidence Unit (DEU), +32 2 000 11 22\n",
			"Royal Example Police Northbank - Digital Evidence Unit (DEU)"},
		{"a police bureau",
			"Dear Sir or Madam:\nThe request arises from an investigation conducted by the Estonian Criminal Police Bureau into a fraud.\nPlease preserve the account heron_9.",
			"Estonian Criminal Police Bureau"},
		{"a letterhead's unit set a line apart",
			"DEPARTMENT OF THE TREASURY\nINTERNAL REVENUE SERVICE\n\nCRIMINAL INVESTIGATION\n\nMay 4, 2026\n\nDear Custodian of Records:\nPlease preserve the records of the account heron_9 under 18 U.S.C. § 2703(f).",
			"Internal Revenue Service - Criminal Investigation"},
	})
}

// A department's office that transmits a foreign agency's request is
// named by its letterhead's whole stack; a form's value wrapped under its
// label keeps its second line.
func TestAuthority_OfficeStackAndWrappedFormValue(t *testing.T) {
	checkField(t, app.FieldIssuingAuthority, []fieldCase{
		{"the stack over an office, a foreign agency in the text",
			"U.S. Department of Justice\nCriminal Division\nOffice of International Affairs\n\nMarch 2, 2026\n\nCustodian of Records\nExample Mail LLC\n\nDear Custodian:\nWe have received a request for assistance based on an investigation conducted by the Estonian Criminal Police Bureau. Please produce the subscriber information of quail.fen@example.org.",
			"U.S. Department of Justice, Criminal Division, Office of International Affairs"},
		{"a form's value wrapped under its label",
			"EUROPEAN PRODUCTION ORDER CERTIFICATE (EPOC)\nSECTION A: Issuing authority\nIssuing authority  Parquet de Villebelle, Section de lutte contre la\ncybercriminalité (J3)\nFile number  PV 26/0412\n",
			"Parquet de Villebelle, Section de lutte contre la cybercriminalité (J3)"},
	})
}

// A contact line's officer, post, unit and force: the force is named
// first, its unit after it, and the post is no body.
func TestAgency_ContactLineUnitBeforeForce(t *testing.T) {
	checkField(t, app.FieldAgency, []fieldCase{
		{"name, post, unit – force",
			"OFÍCIO Nº 77/2026\nSolicito os dados cadastrais da conta exemplo_77.\nAs informações deverão ser enviadas à autoridade policial: Dra.\nMarta Lopes Vieira, Delegada de Polícia, 2ª Delegacia de Sorocaba – Polícia Civil do Estado de Exemplo, tel. (15) 3000-1000.",
			"Polícia Civil do Estado de Exemplo - 2ª Delegacia de Sorocaba"},
		{"title, name, force - unit",
			"PRESERVATION REQUEST\nPlease preserve the account heron_9.\nContact: Inspector Mila Brandt, Example State Police - Cyber Unit, +1 555 000 1000",
			"Example State Police - Cyber Unit"},
	})
	if got := forceFirst("Cyber Unit – Example Police"); got != "Example Police - Cyber Unit" {
		t.Errorf("forceFirst: %q", got)
	}
	if !officerPost("Delegado de Polícia") || !officerPost("Detective Sergeant") || officerPost("Polícia Civil do Estado de Exemplo") {
		t.Error("officerPost reads a post as a body or a body as a post")
	}
}

// fieldCase is an invented text and the value a field must read from it.
type fieldCase struct{ name, text, want string }

// checkField extracts each case's text and compares one field.
func checkField(t *testing.T, field string, cases []fieldCase) {
	t.Helper()
	for _, tc := range cases {
		ex := extractText(tc.text)
		if got := ex.Field(field); got != tc.want {
			t.Errorf("%s: %s %q, want %q", tc.name, field, got, tc.want)
		}
	}
}
