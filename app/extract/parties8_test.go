package extract

import (
	"slices"
	"strings"
	"testing"

	"github.com/warrantdesk/warrantdesk/app"
)

func TestAgency_NamedOnlyByTheOfficersMailDomain(t *testing.T) {
	mail := "From: Dana K. Whitfield <dana.whitfield@fbi.gov>\nSent: Tuesday, March 3, 2026 4:12 PM\nTo: lert@examplechat.example\n" +
		"Subject: Emergency Disclosure Request\n\nPlease provide the subscriber information for the user name river_fox_2011.\n" +
		"There is an imminent danger of death or serious physical injury.\n\nThank you,\nDana K. Whitfield\nPortland Field Office\n(503) 555-0199\n"
	ex := extractText(mail)
	if got := ex.Field(app.FieldAgency); got != "Federal Bureau of Investigation" {
		t.Errorf("agency %q, want the body whose own domain the officer writes from", got)
	}
	if got := ex.Fields[app.FieldAgency].Confidence; got >= 0.9 {
		t.Errorf("agency read from a domain at %.2f: a reviewer checks it", got)
	}
	// Fictional orders write the same domains with the reserved label.
	if got, ok := domainAgency("atf.example.gov"); !ok || got != "Bureau of Alcohol, Tobacco, Firearms and Explosives" {
		t.Errorf("domainAgency(atf.example.gov) = %q, %v", got, ok)
	}
	// A department's shared domain, a look-alike and a user's domain name
	// no agency.
	for _, d := range []string{"usdoj.gov", "notfbi.gov", "gmail.com", "polizei.bayern.de"} {
		if got, ok := domainAgency(d); ok {
			t.Errorf("domainAgency(%s) = %q: names no agency", d, got)
		}
	}
	// A letterhead that names the agency with its unit wins over the domain.
	letter := "DRUG ENFORCEMENT ADMINISTRATION\nSeattle Field Division\n\nMarch 9, 2026\n\nADMINISTRATIVE SUBPOENA\n" +
		"You are required to produce the subscriber records for the telephone number 206-555-0183.\n\n" +
		"Sincerely,\nKyle R. Osei\nDiversion Investigator\nkyle.r.osei@fbi.gov\n"
	if ex := extractText(letter); ex.Field(app.FieldAgency) != "Drug Enforcement Administration - Seattle Field Division" {
		t.Errorf("agency %q, want the letterhead's", ex.Field(app.FieldAgency))
	}
}

func TestAgency_AStationWithItsTownUnderTheForceItsDomainNames(t *testing.T) {
	notice := "OFFICE OF THE INSPECTOR OF POLICE\nCYBER CRIME POLICE STATION, SECUNDERABAD\nPolice Complex, Secunderabad - 500 003\n\n" +
		"No. 118/CCS/2026 Date: 07/11/2026\n\nNOTICE U/S 94 OF THE BHARATIYA NAGARIK SURAKSHA SANHITA, 2023\n\n" +
		"You are hereby required to furnish the registration details of the account with the username kite_runner_88.\n\n" +
		"Yours faithfully,\nR. Prasad\nInspector of Police,\nCyber Crime Police Station, Secunderabad\nE-mail: r.prasad-ccs@tspolice.gov.in\n"
	ex := extractText(notice)
	if got := ex.Field(app.FieldAgency); got != "Telangana Police - Cyber Crime Police Station, Secunderabad" {
		t.Errorf("agency %q, want the station with its town, under the force its domain names", got)
	}
	if got := ex.Field(app.FieldIssuingAuthority); got == "" || got[:4] == "Tela" {
		t.Errorf("issuing authority %q, want the station that signs, not the force", got)
	}
}

func TestTargets_AnIPInTheFactsIsContextNotATarget(t *testing.T) {
	order := "EMERGENCY DISCLOSURE REQUEST\nTo: Example Chat Inc.\n" +
		"Please provide the subscriber information for the account with the user name river_fox_2011.\n" +
		"The account was last accessed from 198.51.100.23 at 02:14 UTC on March 3, 2026, according to the victim's family.\n" +
		"The threatening messages were sent from 2001:db8:4::17 the same night.\n"
	got := targetValues(extractText(order))
	for _, v := range got {
		if v == "ip 198.51.100.23" || v == "ip 2001:db8:4::17" {
			t.Errorf("targets %v hold an address the facts narrate", got)
		}
	}
	if len(got) != 1 || got[0] != "username river_fox_2011" {
		t.Errorf("targets %v, want the user name only", got)
	}
	// Asked about, in a sentence or a list, the address is a target.
	for _, page := range []string{
		"SUBPOENA\nTo: Example ISP LLC\nProvide the identity of the subscriber assigned 198.51.100.23 when it accessed Example Chat on March 3, 2026 at 02:14 UTC.\n",
		"SEARCH WARRANT\nATTACHMENT A\nProperty to be searched\nRecords of every account that logged in from 198.51.100.23 between March 1 and March 3, 2026.\n",
	} {
		if got := targetValues(extractText(page)); len(got) != 1 || got[0] != "ip 198.51.100.23" {
			t.Errorf("targets %v, want the address the order asks about", got)
		}
	}
}

func TestTargets_ASignaturesNumberBesideAnOfficialAddressIsTheSenders(t *testing.T) {
	// The officer's title is one no rule knows; the number is the
	// sender's because its block of short lines holds an official
	// address.
	letter := "Drug Enforcement Administration\nSeattle Field Division\n\nMarch 9, 2026\n\nSUBPOENA\n" +
		"Pursuant to 21 U.S.C. § 876, you are hereby required to produce the subscriber records for the telephone number 206-555-0183.\n\n" +
		"Group Supervisor Ellen T. Marsh\nDiversion Investigator Kyle R. Osei\n(206) 555-0100\nkyle.r.osei@dea.gov\n"
	ex := extractText(letter)
	if got := targetValues(ex); len(got) != 1 || got[0] != "phone +12065550183" {
		t.Errorf("targets %v, want the number asked about only", got)
	}
	if got := ex.Field(app.FieldAgentPhone); got != "+12065550100" {
		t.Errorf("agent phone %q, want the signature's", got)
	}
	// A list of identifiers of short lines with no official address stays
	// a list of targets.
	list := "SUBPOENA\nYou are required to produce the subscriber records for:\n\n(206) 555-0183\ncoastline.rx@mailbox.example\n(206) 555-0184\n"
	if got := targetValues(extractText(list)); len(got) != 3 {
		t.Errorf("targets %v, want all three", got)
	}
}

func TestTargets_AnIPInAListItemIsAskedAbout(t *testing.T) {
	order := "BESCHLUSS\nDie Example Chat GmbH hat folgende Daten herauszugeben:\n" +
		"— die Bestandsdaten des Kontos lenz_ostro\n" +
		"— das Konto, von dem am 03.10.2026 um 19:02:44 Uhr über die IP-Adresse\n198.51.100.23 zugegriffen wurde\n"
	got := targetValues(extractText(order))
	if len(got) != 2 || got[0] != "ip 198.51.100.23" {
		t.Errorf("targets %v, want the address a list item asks about", got)
	}
	// Without its bullet (a text layer that drops the glyph) the account
	// the address picks out is still what is asked for.
	order = "REQUEST\nTo: Example Chat Inc.\nWe ask for the following data:\n" +
		"the account from which the service was accessed on 3 October 2026 at 19:02 UTC from 198.51.100.23\n"
	if got := targetValues(extractText(order)); len(got) != 1 || got[0] != "ip 198.51.100.23" {
		t.Errorf("targets %v, want the address that picks out the account asked for", got)
	}
}

func TestTargets_ANumberHoldingTwentyFourSevenIsNoSwitchboard(t *testing.T) {
	// "24/7" marks a duty line; the digits 2, 4, 7 inside an account
	// number do not.
	got := targetValues(extractText("Daten:\n\nKontonummer: 5524771109\n"))
	if len(got) != 1 || got[0] != "account_id 5524771109" {
		t.Errorf("targets %v, want the account number", got)
	}
	ex := extractText("EMERGENCY REQUEST\nTo: Example Chat Inc.\nPlease provide the subscriber details of the user name river_fox_2011.\n" +
		"Sincerely,\nDet. Jo Roe\nDesk: (503) 555-0123\nDispatch (24/7): (503) 555-0100\n")
	if got := ex.Field(app.FieldAgentPhone); got != "+15035550123" {
		t.Errorf("agent phone %q, want the desk line over the 24/7 one", got)
	}
}

func TestAgency_FictionalDomainsAndWhoIssues(t *testing.T) {
	for d, want := range map[string]string{"afp.example": "Australian Federal Police", "kapo.zh.example": "Kantonspolizei Zürich", "pf.gov.example": "Polícia Federal", "polisen.example": "Polismyndigheten"} {
		if got, ok := domainAgency(d); !ok || got != want {
			t.Errorf("domainAgency(%s) = %q, %v, want %q", d, got, ok, want)
		}
	}
	// A core several agencies' domains share names none of them.
	if got, ok := domainAgency("police.example"); ok {
		t.Errorf("domainAgency(police.example) = %q", got)
	}
	// A prosecutor's decision names the police officer who receives the
	// data: the police is the agency, the prosecutor still the issuer.
	order := "Staatsanwaltschaft II des Kantons Zürich\nWirtschaftsdelikte\n\nVerfügung\n\nDie Example Hosting AG wird aufgefordert, die Bestandesdaten des Kundenkontos Nr. HH-440918 herauszugeben.\n\n" +
		"Die Daten sind zuzustellen an: Det Wm Nadja Ferrari, nadja.ferrari@kapo.zh.example\n"
	ex := extractText(order)
	if got := ex.Field(app.FieldAgency); got != "Kantonspolizei Zürich" {
		t.Errorf("agency %q, want the force the officer's domain names", got)
	}
	if got := ex.Field(app.FieldIssuingAuthority); got == "Kantonspolizei Zürich" || got == "" {
		t.Errorf("issuing authority %q, want the prosecutor's office", got)
	}
	// A contact block under a schedule is the applicant's, not a target.
	schedule := "NOTICE TO PRODUCE\nTo  Example Telecom Pty Ltd\nSCHEDULE\nSubscriber details of the service 0491 570 156.\n" +
		"Contact  Federal Agent Jo Roe\nAFP Cybercrime Operations, Sydney Office\nTelephone (02) 5550 1234 | Mobile 0491 570 110\njo.roe@afp.example\n"
	for _, v := range targetValues(extractText(schedule)) {
		if v != "phone +61491570156" {
			t.Errorf("target %q: the applicant's contact block", v)
		}
	}
}

func TestTargets_UserNameAndAccountLabelsInMoreLanguages(t *testing.T) {
	for page, want := range map[string]string{
		"ii) Informations concernant les personnes :\n- Identifiant utilisateur : nuit_blanche.69\n": "username nuit_blanche.69",
		"Identificação: nome de utilizador ruivo.lx\n":                                               "username ruivo.lx",
		"Username:    ghostrider_antw\nNumeric ID:  17841400993251\n":                                "account_id 17841400993251",
		"Daten betreffend das Kundenkonto Nr. HH-440918 sind herauszugeben.\n":                       "account_id HH-440918",
	} {
		if got := targetValues(extractText(page)); !slices.Contains(got, want) {
			t.Errorf("targets %v, want %q", got, want)
		}
	}
}

func TestTargets_ProviderMailboxesAndOfficialsDomainsOfOtherShapes(t *testing.T) {
	// A provider's role mailbox in the order's language or with a region
	// before it, and an addressee block headed in Swedish.
	for _, page := range []string{
		"AUTO\nSE ACUERDA requerir a la entidad EXAMPLE NETWORKS IBERIA, S.L. (C/ Mayor 1, 28001 Madrid; requerimientos@examplenet.example) para que facilite los datos del usuario toni.rueda_vlc.\n",
		"REQUÉRONS\nla société EXEMPLE TÉLÉCOM SAS, Service des obligations légales (obligations.legales@exemple-telecom.example),\nde nous communiquer les données de l'utilisateur fab_leroux33.\n",
		"SUBPOENA\nTO: Example Social, Inc.\n(by e-mail to us-legalprocess@examplesocial.example)\nProduce the records of the user name fab_leroux33.\n",
		"BESLUT\nMottagare: Example Mobil AB, Myndighetskontakt, Exempelgatan 9, 113 59 Stockholm\nE-post: kontakt.lea@examplemobil.example\nUppgifter om användaren med användarnamnet fab_leroux33 ska lämnas ut.\n",
	} {
		for _, v := range targetValues(extractText(page)) {
			if strings.HasPrefix(v, "email") {
				t.Errorf("target %q: the provider's own mailbox", v)
			}
		}
	}
	// A state attorney general's domain, and a domain spelled by the
	// initials of the agency the order names, are the sender's.
	page := "Maricopa County Sheriff's Office\nEMERGENCY DISCLOSURE REQUEST\nUsername @skylarkk.22\nOfficial e-mail l.roe@mcso.example\n" +
		"Copy: leonora.batsakis@ag.ny.example\n"
	for _, v := range targetValues(extractText(page)) {
		if strings.HasPrefix(v, "email") {
			t.Errorf("target %q: an official's address", v)
		}
	}
	if got := initials("Maricopa County Sheriff's Office"); got != "mcso" {
		t.Errorf("initials %q", got)
	}
}

func TestTargets_NationalNumbersWrittenInOneGroupAndFaxStamps(t *testing.T) {
	for page, want := range map[string]string{
		"VORDERING\nOpenbaar Ministerie Rotterdam, Nederland\nTel. +31 10 555 0100\nverstrekking van gegevens betreffende het telefoonnummer 06-55501477.\n": "phone +31655501477",
		"Beschluss\nAmtsgericht München, Deutschland\nTel. +49 89 5597 0\nFolgende Daten sind herauszugeben:\n* Mobilfunkrufnummer 0171 5550134\n":           "phone +491715550134",
		"AUTO\nJuzgado de Instrucción nº 3 de València (España)\nTel. +34 963 550 172\nfacilite los datos de la línea de telefonía móvil 655 50 12 34.\n":    "phone +34655501234",
	} {
		if got := targetValues(extractText(page)); !slices.Contains(got, want) {
			t.Errorf("targets %v, want %q", got, want)
		}
	}
	// A fax machine's header whose date OCR garbled still gives the fax
	// machines' numbers, no target.
	page := "AS NOV. 2026 15:42 AG MUENCHEN ER IV +49 89 555 017 0 -> 0211 3550400 P.001\n\nBeschluss\nAmtsgericht München, Deutschland\nTel. +49 89 5597 0\n" +
		"Folgende Daten sind herauszugeben:\n* Mobilfunkrufnummer 0171 5550134\n"
	if got := targetValues(extractText(page)); len(got) != 1 {
		t.Errorf("targets %v, want the mobile number only", got)
	}
}

func TestAuthority_EPOCSectionsInItalian(t *testing.T) {
	form := "ORDINE EUROPEO DI CONSERVAZIONE\nSEZIONE A: Stato di emissione / autorità di emissione\nStato di emissione: Italia\n" +
		"Autorità di emissione: Procura della Repubblica presso il Tribunale di Torino\n\nSEZIONE C: Informazioni sull'utente\nNome utente: darsena_amm\n\n" +
		"SEZIONE F: Dettagli relativi all'autorità di emissione\nAutorità di polizia delegata: Polizia Postale e delle Comunicazioni - Centro Operativo Piemonte\n"
	ex := extractText(form)
	if got := ex.Field(app.FieldIssuingAuthority); got != "Procura della Repubblica presso il Tribunale di Torino" {
		t.Errorf("issuing authority %q, want the form's \"autorità di emissione\"", got)
	}
	if got := ex.Field(app.FieldAgency); !strings.HasPrefix(got, "Polizia Postale e delle Comunicazioni") {
		t.Errorf("agency %q, want the delegated police authority", got)
	}
}

func TestAuthority_ACourtsPlaceWrappedInItsColumn(t *testing.T) {
	page := "JUZGADO DE INSTRUCCIÓN Nº 3  Procedimiento: DILIGENCIAS PREVIAS Nº\nDE SEVILLA  1184/2026\nAUTO\n" +
		"En Sevilla, a 19 de noviembre de 2026.\nSE ACUERDA requerir a la entidad Example Chat S.L. para que facilite los datos del usuario toni_rueda.\n"
	if ex := extractText(page); ex.Field(app.FieldIssuingAuthority) != "Juzgado de Instrucción Nº 3 de Sevilla" {
		t.Errorf("issuing authority %q, want the court with the town its column wraps onto", ex.Field(app.FieldIssuingAuthority))
	}
}

func TestAuthority_ACourtNamedWithItsCountyAddsNoCaptionVenue(t *testing.T) {
	page := "IN THE LICKING COUNTY MUNICIPAL COURT\nLICKING COUNTY, OHIO\n\nSTATE OF OHIO )  Warrant No. SW-2026-0048\n) ss:\nCOUNTY OF LICKING )\n\nSEARCH WARRANT\n" +
		"TO: Example Chat Inc., Custodian of Records\nYou are commanded to search the account of the user name river_fox_2011.\n"
	if ex := extractText(page); ex.Field(app.FieldIssuingAuthority) != "Licking County Municipal Court" {
		t.Errorf("issuing authority %q, want the court's own name", ex.Field(app.FieldIssuingAuthority))
	}
}

func TestTargets_AQuotedUserNameOCRReadWithSpaces(t *testing.T) {
	page := "SEARCH WARRANT\nCase No. 26-SW-0912\nthe account with the username \"orl dealz 407\" (account no. GP-20938475), for the period\n"
	doc := &app.Document{TextSource: app.SourceOCR, Pages: []app.PageText{{Number: 1, Text: page, Source: app.SourceOCR}}}
	got := targetValues(New().Extract(doc))
	if !slices.Contains(got, "username orl_dealz_407") || slices.Contains(got, "username orl") {
		t.Errorf("targets %v, want the user name with its underscores", got)
	}
	// A text layer's spaces are spaces, and words in capitals are a name.
	for _, p := range []string{page, "the account with the username \"John Smith 2\"\n"} {
		ex := extractText(p)
		for _, v := range targetValues(ex) {
			if strings.Contains(v, "_dealz_") || strings.Contains(v, "John_") {
				t.Errorf("target %q joined on a text layer", v)
			}
		}
	}
}

func TestAgency_ACityDivisionOrBureauOfPolice(t *testing.T) {
	page := "IN THE FRANKLIN COUNTY MUNICIPAL COURT\nSEARCH WARRANT\nUpon the affidavit of Detective Jo Roe, Westerville Division of Police, the Court commands the search of the account river_fox_2011.\n"
	if ex := extractText(page); ex.Field(app.FieldAgency) != "Westerville Division of Police" {
		t.Errorf("agency %q, want the city's division of police", ex.Field(app.FieldAgency))
	}
}

func TestTargets_ANamedDomainAndACaseNumbersSuffix(t *testing.T) {
	page := "EDITIONSVERFÜGUNG\nÜber den Webshop unter der Domain kiesel-markt.example wurden Waren angeboten.\n" +
		"Die Example Hosting AG wird aufgefordert, Daten betreffend das Kundenkonto Nr. HH-440918 sowie die Domain kiesel-\nmarkt.example herauszugeben.\n"
	got := targetValues(extractText(page))
	if !slices.Equal(got, []string{"account_id HH-440918", "url kiesel-markt.example"}) {
		t.Errorf("targets %v, want the account and the domain as the page writes it", got)
	}
	page = "ORDER\nRecords shall be delivered to Special Agent Jo Roe, tel. (313) 555-0163. Please refer to USSS case\nnumber 204-772-0019-S.\n" +
		"The provider shall disclose the records of the telephone number (313) 555-0177.\n"
	for _, v := range targetValues(extractText(page)) {
		if v == "phone +12047720019" {
			t.Errorf("targets hold the digits of a case number with its suffix")
		}
	}
}

func TestAuthority_AProsecutionOfficesLetterheadInItsLanguage(t *testing.T) {
	page := "OPENBAAR MINISTERIE\nArrondissementsparket Utrecht\nParketnummer: 16/223344-26\nDatum: 25 november 2026\n" +
		"VORDERING VERSTREKKEN GEGEVENS\nDe officier van justitie VORDERT van Example Telecom B.V. de verstrekking van gegevens betreffende het telefoonnummer 06-55501488.\n"
	if ex := extractText(page); !strings.HasPrefix(ex.Field(app.FieldIssuingAuthority), "Openbaar Ministerie") {
		t.Errorf("issuing authority %q, want the public prosecutor's office of the letterhead", ex.Field(app.FieldIssuingAuthority))
	}
}

func TestAgency_AFormsInvestigatingServiceLabel(t *testing.T) {
	form := "CERTIFICAT D'INJONCTION EUROPÉENNE DE PRODUCTION (EPOC)\nSECTION A : État d'émission / autorité d'émission\nÉtat d'émission : France\n" +
		"Autorité d'émission : Parquet de la République près le tribunal judiciaire de Lille\n" +
		"Service d'enquête / point de contact : Office anti-cybercriminalité (OFAC), antenne de Lille — Capitaine Jo Roe\n"
	if ex := extractText(form); ex.Field(app.FieldAgency) != "Office anti-cybercriminalité (OFAC)" {
		t.Errorf("agency %q, want the investigating service the form names", ex.Field(app.FieldAgency))
	}
}

func TestAuthority_AProsecutorsInvestigativeSubpoenaIsTheProsecutors(t *testing.T) {
	page := "IN THE CIRCUIT COURT OF THE FIFTH JUDICIAL CIRCUIT\nIN AND FOR MARION COUNTY, FLORIDA\n\nINVESTIGATIVE SUBPOENA DUCES TECUM\n(Section 27.04, Florida Statutes)\n" +
		"TO: Custodian of Records, Example Chat Inc.\nYOU ARE HEREBY COMMANDED to appear before the State Attorney of the Fifth Judicial Circuit at the Office\nof the State Attorney, 110 NW 1st Ave, Ocala, and produce the records of the user name river_fox_2011.\n\n" +
		"STATE ATTORNEY, FIFTH JUDICIAL CIRCUIT\nBy: Jo Roe\nAssistant State Attorney\n"
	if ex := extractText(page); ex.Field(app.FieldIssuingAuthority) != "Office of the State Attorney, Fifth Judicial Circuit" {
		t.Errorf("issuing authority %q, want the prosecutor's office, not the court its caption borrows", ex.Field(app.FieldIssuingAuthority))
	}
	// A court's own subpoena stays the court's.
	page = "IN THE CIRCUIT COURT OF THE FIFTH JUDICIAL CIRCUIT\nIN AND FOR MARION COUNTY, FLORIDA\n\nSUBPOENA DUCES TECUM\nTO: Custodian of Records, Example Chat Inc.\n" +
		"YOU ARE COMMANDED to produce the records of the user name river_fox_2011.\n"
	if ex := extractText(page); !strings.HasPrefix(ex.Field(app.FieldIssuingAuthority), "Circuit Court") {
		t.Errorf("issuing authority %q, want the court", ex.Field(app.FieldIssuingAuthority))
	}
}
