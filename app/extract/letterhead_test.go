package extract

import (
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
		if got := ex.Field(app.FieldIssuingAuthority); got != tc.want {
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
