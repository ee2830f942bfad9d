package extract

import (
	"slices"
	"testing"

	"github.com/warrantdesk/warrantdesk/app"
)

// Who is asked for what, and who asks: invented orders, each in a phrasing
// of its own (the rules must hold for legal process in general).

func targetValues(ex app.Extraction) []string {
	var out []string
	for _, t := range ex.Targets {
		out = append(out, string(t.Kind)+" "+t.Value)
	}
	slices.Sort(out)
	return out
}

func TestAgent_SignerWhoWorksForAFirmIsAPerson(t *testing.T) {
	ex := extractText("SUBPOENA TO PRODUCE DOCUMENTS IN A CIVIL ACTION\nCivil Action No. 3:26-cv-00411\nTo: Example Hosting Inc.\n" +
		"YOU ARE COMMANDED to produce the documents listed in Schedule A.\n" +
		"The name, address, e-mail address, and telephone number of the attorney representing Plaintiff Oakbridge Mills, who issues or requests this subpoena, are:\n" +
		"Tobias K. Wenzel-Ortiz, Halloran & Pike LLP, 12 Market Square, Hartford, CT 06103; twenzel@halloranpike.example; (860) 555-0142")
	if got := ex.Field(app.FieldAgentName); got != "Tobias K. Wenzel-Ortiz" {
		t.Errorf("agent %q, want the attorney who signs for the firm", got)
	}
	ex = extractText("SUBPOENA\nTo: Example Hosting Inc.\nYOU ARE COMMANDED to produce the documents listed below.\n" +
		"The name, address, e-mail address, and telephone number of the attorney representing Plaintiff, who issues or requests this subpoena, are:\n" +
		"Halloran & Pike LLP, 12 Market Square, Hartford, CT 06103")
	if got := ex.Field(app.FieldAgentName); got != "" {
		t.Errorf("agent %q from a firm's name", got)
	}
}

func TestAgent_NumberedFormItemInCapitalsOverItsValue(t *testing.T) {
	ex := extractText("STATE OF EXAMPLE\nOFFICE OF THE ATTORNEY GENERAL\nCIVIL INVESTIGATIVE DEMAND\n1. TO\nExample Hosting Inc.\n" +
		"2. ACTION REQUIRED\nYou are required to produce the documents described in the schedule.\n" +
		"6. REQUESTING INVESTIGATOR\nMarisol T. Achterberg, Consumer Protection Division\nmachterberg@ag.example.gov | (515) 555-0177")
	if got := ex.Field(app.FieldAgentName); got != "Marisol T. Achterberg" {
		t.Errorf("agent %q, want the name under the form's item", got)
	}
}

func TestTargets_ProvidersNumberBesideItsMailboxIsNoTarget(t *testing.T) {
	ex := extractText("SEARCH WARRANT\nATTACHMENT A\nProperty to Be Searched\n" +
		"Records of the account with user name amber_fjord that are held by Example Chat Inc., which accepts service at 9 Pier Road, Portland, OR 97201\n" +
		"(lawenforcement@examplechat.example; (503) 555-0161).\n" +
		"ATTACHMENT B\nThe provider shall disclose subscriber records for the account.")
	for _, got := range targetValues(ex) {
		if got == "phone +15035550161" {
			t.Errorf("targets %v: the provider's number beside its mailbox is no target", targetValues(ex))
		}
	}
	if !slices.Contains(targetValues(ex), "username amber_fjord") {
		t.Errorf("targets %v, want the user name", targetValues(ex))
	}
}

func TestTargets_ARegisteredPhoneIsTheAccountsNotTheSenders(t *testing.T) {
	ex := extractText("STATE POLICE\nMarch 3, 2026\nDear Custodian of Records:\nPlease preserve the records of the following account under 18 U.S.C. 2703(f):\n\n" +
		"Username:  quill_and_ember\nSubscriber phone:  (612) 555-0133\n\n" +
		"You may reach me by phone: (612) 555-0190.\nSincerely,\nDetective Ansel R. Moreau")
	got := targetValues(ex)
	if !slices.Contains(got, "phone +16125550133") {
		t.Errorf("targets %v, want the subscriber's telephone", got)
	}
	if slices.Contains(got, "phone +16125550190") {
		t.Errorf("targets %v hold the detective's number", got)
	}
	if ex.Field(app.FieldAgentPhone) != "+16125550190" {
		t.Errorf("agent phone %q", ex.Field(app.FieldAgentPhone))
	}
}

func TestIssuedDate_LetterAfterAFaxCoverOnADepartmentsLetterhead(t *testing.T) {
	fax := "Example Chat Inc. - Legal\n(503) 555-0100\nInv. Rhea Quist\n04/14/2026  PAGES: 2 (including cover)\nPreservation request"
	letter := "DEPARTMENT OF LABOR\nOFFICE OF INSPECTOR GENERAL\n200 Constitution Ave NW, Washington, DC 20210\n\nApril 14, 2026\n\n" +
		"Example Chat Inc.\nAttn: Legal\n\nOur reference:  OIG-26-0412\n\nDear Custodian of Records:\n" +
		"Pursuant to 18 U.S.C. § 2703(f), please preserve all records of the account harbor_lantern for 90 days.\nSincerely,\nRhea Quist\nSpecial Agent"
	ex := extractText(fax, letter)
	if got := ex.Field(app.FieldIssuedDate); got != "2026-04-14" {
		t.Errorf("issued %q, want the letter's date line", got)
	}
	if got := ex.Field(app.FieldCaseNumber); got != "OIG-26-0412" {
		t.Errorf("case number %q", got)
	}
}

func TestAgentPhone_NationalNumbersOfCountriesOutsideTheEU(t *testing.T) {
	for _, tc := range []struct{ name, text, want string }{
		{"Australian notice", "AUSTRALIAN FEDERAL POLICE\nNOTICE TO PRODUCE\nTo: Example Hosting Pty Ltd, Sydney, Australia\n" +
			"YOU ARE REQUIRED to produce the documents to Federal Agent Mia Tollard by e-mail to\nmia.tollard@afp.example.gov.au, telephone (03) 5550 7781.", "+61355507781"},
		{"Brazilian request", "POLÍCIA CIVIL DO ESTADO DE MINAS GERAIS, BRASIL\nOfício nº 77/2026\nÀ Example Ltda.\n" +
			"Requisito os dados cadastrais da conta abaixo. Contato: Delegada Lúcia Ferraz, tel. (31)\n3555-0190, e-mail lucia.ferraz@policiacivil.mg.example.gov.br.", "+553135550190"},
	} {
		ex := extractText(tc.text)
		if got := ex.Field(app.FieldAgentPhone); got != tc.want {
			t.Errorf("%s: agent phone %q, want %q", tc.name, got, tc.want)
		}
	}
}

func TestTargets_AWordForTelephoneDescribesATarget(t *testing.T) {
	ex := extractText("JUZGADO DE INSTRUCCIÓN N.º 5 DE EJEMPLO\nAUTO\n" +
		"Se requiere a EXAMPLEMAIL INC. para que aporte los datos asociados a la cuenta de correo electrónico\n" +
		"ruiseñor.azul@examplemail.example y al número de teléfono +34 622 000 148.\n" +
		"Contacto policial: Subinspector Luis Marín, tel. +34 913 000 111")
	got := targetValues(ex)
	if !slices.Contains(got, "phone +34622000148") || !slices.Contains(got, "email ruiseñor.azul@examplemail.example") {
		t.Errorf("targets %v, want the account and its number", got)
	}
	if slices.Contains(got, "phone +34913000111") {
		t.Errorf("targets %v hold the officer's number", got)
	}
}

func TestTargets_AnAddressOnTheProvidersDomainIsAUsers(t *testing.T) {
	ex := extractText("METROPOLITAN POLICE\nREQUEST FOR DATA\nTo: Quillnote Inc.\n\n" +
		"Account concerned\nE-mail:  harbour.swift@quillnote.example\n" +
		"Please reply to lers@quillnote.example with the subscriber details.\nContact: PC Dana Obi, E-mail: dana.obi@met.example.police.uk")
	got := targetValues(ex)
	if !slices.Contains(got, "email harbour.swift@quillnote.example") {
		t.Errorf("targets %v, want the user's address on the provider's domain", got)
	}
	if slices.Contains(got, "email lers@quillnote.example") {
		t.Errorf("targets %v hold the provider's mailbox", got)
	}
}

func TestAgentEmail_UnderATitledOfficersLines(t *testing.T) {
	ex := extractText("PRODUCTION ORDER\nTo: Example Social Corp.\nYou are ordered to produce the subscriber records of the account pine_marten_42.\n\n" +
		"Detective Constable Ola Brekke-Hart\nNorthfield Police Service, Digital Crime Unit\n40 Harbour Road, Northfield NF1 2AB\nTel. 604-555-0166\nola.brekke-hart@nps.example.ca\n" +
		"Failure to comply without lawful excuse is an offence under the statute that governs this order.")
	if got := ex.Field(app.FieldAgentEmail); got != "ola.brekke-hart@nps.example.ca" {
		t.Errorf("agent e-mail %q, want the officer's under the name", got)
	}
	for _, got := range targetValues(ex) {
		if got == "email ola.brekke-hart@nps.example.ca" {
			t.Errorf("targets %v hold the officer's address", targetValues(ex))
		}
	}
}

func TestTargets_AContactAfterALabelInAListOfTargets(t *testing.T) {
	ex := extractText("OVERSEAS PRODUCTION ORDER\nSCHEDULE\nAccount: user name tidewater_9, telephone number +44 7700 900123.\n\n" +
		"Production to: Officer Joan Pell, telephone 0113 496 0150, via the secure portal.")
	got := targetValues(ex)
	if slices.Contains(got, "phone +441134960150") {
		t.Errorf("targets %v hold the officer's number", got)
	}
	if !slices.Contains(got, "phone +447700900123") {
		t.Errorf("targets %v, want the account's number", got)
	}
	if ex.Field(app.FieldAgentPhone) != "+441134960150" {
		t.Errorf("agent phone %q, want the officer's", ex.Field(app.FieldAgentPhone))
	}
}

func TestRecipient_ThePostBeforeTheCompanyGoes(t *testing.T) {
	ex := extractText("NORTHFIELD POLICE\nREQUEST FOR THE DISCLOSURE OF PERSONAL DATA\n" +
		"To (data controller)  Privacy Manager, Quillnote Inc., 40 Pier Street, Austin, TX 78701\nOur reference  NP/2026/0412\n")
	if got := ex.Field(app.FieldRecipient); got != "Quillnote Inc." {
		t.Errorf("recipient %q, want the company without the post", got)
	}
}

func TestTargets_OCRSpaceInsideAnAddressIsClosed(t *testing.T) {
	doc := &app.Document{TextSource: app.SourceOCR, Pages: []app.PageText{{Number: 1, Source: app.SourceOCR,
		Text: "PRODUCTION ORDER\nYou are ordered to produce all subscriber information for the account\nmarsh.wren 27@quillnote.example and the messages stored in it."}}}
	ex := New().Extract(doc)
	if got := targetValues(ex); !slices.Contains(got, "email marsh.wren27@quillnote.example") {
		t.Errorf("targets %v, want the address OCR split", got)
	}
}

func TestAgentPhone_ANumberWrappedInAFormsCell(t *testing.T) {
	ex := extractText("EUROPEAN PRODUCTION ORDER CERTIFICATE (EPOC)\nSECTION A: Issuing authority\nTel./E-mail  +33 1 40 00 11 22 / greffe@justice.example.gouv.fr\n" +
		"SECTION B: Addressee\nName  Quillnote Inc.\nSECTION C: Data requested\n[X] subscriber data\n[ ] content data\n" +
		"SECTION L: Contact point\n(b) Authority or contact person that can be  Lieutenant Aurèle Vasseur, cyber duty desk (24/7), tel. +33 1 40 00\n" +
		"contacted for further information  58 16, aurele.vasseur@interieur.example.gouv.fr\n")
	if got := ex.Field(app.FieldAgentPhone); got != "+33140005816" {
		t.Errorf("agent phone %q, want the contact officer's number joined across the cell's lines", got)
	}
}

func TestIssuedDate_SpanishOrderWritesItsDateInWords(t *testing.T) {
	ex := extractText("JUZGADO DE INSTRUCCIÓN N.º 4 DE EJEMPLO\nDiligencias Previas n.º 118/2026\nAUTO\n" +
		"En Zaragoza, a treinta y uno de marzo de dos  mil\nveintisiete.\n" +
		"HECHOS: el quince de enero de dos mil veintiséis se denunció una estafa.\n" +
		"ACUERDO: requerir a Example Corp. los datos de la cuenta lince.ibérico@example.com.")
	if got := ex.Field(app.FieldIssuedDate); got != "2027-03-31" {
		t.Errorf("issued %q, want the date the order is given, in words", got)
	}
	if _, ok := spanishNumber("treinta y dos"); !ok {
		t.Errorf("spanishNumber refused 32 (a day is checked apart)")
	}
	if ds := spanishWordDates("a treinta y uno de abril de dos mil veintiséis"); len(ds) != 0 {
		t.Errorf("31 April read as %v", ds)
	}
}

func TestTargets_OCRSpacesInsideAURLAndAGroupedNumberAreClosed(t *testing.T) {
	doc := &app.Document{TextSource: app.SourceOCR, Pages: []app.PageText{{Number: 1, Source: app.SourceOCR,
		Text: "EUROPEAN PRODUCTION ORDER CERTIFICATE (EPOC)\nSECTION A: Issuing authority\nName  Parquet de Lille\n\nSECTION C: Identification of the data\nQuillnote account ID 7310-552 9-0417\nshared folder: https://files. quillnote.example/s/Ab12Cd\nTime range requested  2026-03-01 2026-04-30"}}}
	got := targetValues(New().Extract(doc))
	for _, want := range []string{"account_id 7310-5529-0417", "url https://files.quillnote.example/s/Ab12Cd"} {
		if !slices.Contains(got, want) {
			t.Errorf("targets %v, want %s", got, want)
		}
	}
	if s := cleanOCR("from 2026-06-01 2026-06-30"); s != "from 2026-06-01 2026-06-30" {
		t.Errorf("two dates joined: %q", s)
	}
}

func TestTargets_InternationalWaysOfWritingANumber(t *testing.T) {
	for _, tc := range []struct{ raw, cc, want string }{
		{"+44 (0)20 7946 0958", "1", "+442079460958"},
		{"0049 89 1234 5678", "1", "+498912345678"},
		{"0033 1 40 00 11 22", "33", "+33140001122"},
		{"0099 1234 5678", "1", ""}, // no country dials as 99
	} {
		if got := e164(tc.raw, tc.cc); got != tc.want {
			t.Errorf("e164(%q) = %q, want %q", tc.raw, got, tc.want)
		}
	}
	ex := extractText("POLIZEIPRÄSIDIUM BEISPIELSTADT\nKriminalinspektion 4\nTelefon 089 2345 6789\n\n12.03.2026\n\n" +
		"An Example Hosting Inc.\n\nBitte sichern Sie die Daten des Kontos sternwarte_77 und des Anschlusses 0049 151 2345 6789.\n" +
		"Mit freundlichen Grüßen\nKHK Lena Oberhuber")
	got := targetValues(ex)
	if !slices.Contains(got, "phone +4915123456789") || slices.Contains(got, "phone +498923456789") {
		t.Errorf("targets %v, want the account's number and not the letterhead's", got)
	}
}

func TestAgentEmail_LocalUSAgenciesDomains(t *testing.T) {
	for _, d := range []string{"riverbendpd.org", "ci.riverbend.or.us", "sheriff.examplecounty.org", "cityofriverbend.net"} {
		if !isGovDomain(d) {
			t.Errorf("%s: a local agency's domain not known as one", d)
		}
	}
	for _, d := range []string{"gmail.com", "quillnote.example", "us.example.com"} {
		if isGovDomain(d) {
			t.Errorf("%s taken for a government's", d)
		}
	}
	ex := extractText("RIVERBEND POLICE DEPARTMENT\n100 Main Street, Riverbend, OR 97000\n\nMay 4, 2026\n\nQuillnote Inc.\nAttn: Legal\n\n" +
		"Re: preservation request under 18 U.S.C. § 2703(f)\nPlease preserve the records of the account with e-mail address moss.lantern@quillnote.example.\n" +
		"Sincerely,\nOfficer Dale Ruiz\ndruiz@riverbendpd.org")
	if got := ex.Field(app.FieldAgentEmail); got != "druiz@riverbendpd.org" {
		t.Errorf("agent e-mail %q", got)
	}
	if got := targetValues(ex); len(got) != 1 || got[0] != "email moss.lantern@quillnote.example" {
		t.Errorf("targets %v", got)
	}
}
