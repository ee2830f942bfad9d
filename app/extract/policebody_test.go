package extract

import (
	"strings"
	"testing"

	"github.com/warrantdesk/warrantdesk/app"
)

// A unit signed with its force is named force first; a force named only in
// running text is the agency, by its whole name.
func TestAgency_UnitUnderItsForceAndForceInProse(t *testing.T) {
	checkField(t, app.FieldAgency, []fieldCase{
		{"a station signed over its force",
			"REQUEST FOR RECORDS\nTo: Example Chat Inc.\nHead of Northgate Police Station,\nRiverside Metropolitan Police Department\nPlease provide the subscriber records of the account heron_9.\nContact: Inspector Lena Park, Northgate Police Station, tel. +81 3 5555 0100\n",
			"Riverside Metropolitan Police Department, Northgate Police Station"},
		{"a force named only in a sentence",
			"JUZGADO DE INSTRUCCIÓN N.º 7 DE EJEMPLO\nA U T O\nPRIMERO.- La Brigada Provincial de Policía Judicial (Grupo de\nFraudes) de la Jefatura Superior de Policía de Ejemplo solicitó los datos de la cuenta heron_9.\nACUERDO: REQUERIR a Example Chat Inc. para que remita la información.\n",
			"Brigada Provincial de Policía Judicial (Grupo de Fraudes) de la Jefatura Superior de Policía de Ejemplo"},
	})
}

func TestForceOverUnit(t *testing.T) {
	for _, tc := range []struct {
		in   []string
		want string
	}{
		{[]string{"Chief of Shibuya Police Station", "Tokyo Metropolitan Police Department"}, "Tokyo Metropolitan Police Department|Shibuya Police Station"},
		{[]string{"Federal Bureau of Investigation", "Denver Division"}, "Federal Bureau of Investigation|Denver Division"},
		{[]string{"West Midlands Police", "Cyber Crime Unit"}, "West Midlands Police|Cyber Crime Unit"},
	} {
		got := forceOverUnit(tc.in)
		if s := strings.Join(got, "|"); s != tc.want {
			t.Errorf("forceOverUnit(%q) = %q, want %q", tc.in, s, tc.want)
		}
	}
}

// A gag for twelve months lasts a year.
func TestNondisclosure_MonthsInYears(t *testing.T) {
	for _, tc := range []struct {
		text string
		want int
	}{
		{"IT IS ORDERED THAT:\n3. The Respondent shall not disclose the making of this order to any person for a period of 12 months from the date of this order.\n", 365},
		{"IT IS ORDERED THAT:\n3. The Respondent shall not disclose the making of this order to any person for a period of 6 months from the date of this order.\n", 180},
		{"IT IS ORDERED THAT:\n3. The Respondent shall not disclose the making of this order to any person for a period of 18 months from the date of this order.\n", 545},
	} {
		if got := extractText(tc.text).Nondisclosure.Days; got != tc.want {
			t.Errorf("%q: days %d, want %d", tc.text, got, tc.want)
		}
	}
}

// A caption's "DI-" / "RECTED TO" hyphenated over two lines, beside a
// column, leaves the word's tail before the provider: not its name.
func TestRecipient_CaptionVerbTailIsNoName(t *testing.T) {
	checkField(t, app.FieldRecipient, []fieldCase{
		{"directed to, hyphenated in a caption",
			"UNITED STATES DISTRICT COURT\nFOR THE DISTRICT OF EXAMPLE\nIN THE MATTER OF THE APPLICATION OF  Misc. No. 26-1\nTHE UNITED STATES OF AMERICA FOR AN\nORDER PURSUANT TO 18 U.S.C. § 2703(d) DI- FILED UNDER SEAL\nRECTED TO EXAMPLE CHAT, INC.\nORDER\nIt is hereby ordered that the provider shall disclose the records of the account heron_9.\n",
			"Example Chat, Inc."},
	})
}

// An agency's subpoena that names the court which would enforce it is
// still the agency's: administrative.
func TestProcessType_AgencySubpoenaNamingTheEnforcingCourt(t *testing.T) {
	ex := extractText("UNITED STATES DEPARTMENT OF EXAMPLE\nEXAMPLE ENFORCEMENT AGENCY\n\nSUBPOENA\nTO: Example Chat, Inc.\n\nYOU ARE HEREBY REQUIRED TO APPEAR BEFORE Special Agent Mara Quell and to bring with you the records of the account heron_9.\nFailure to comply with this subpoena will render you liable to proceedings in the U.S. District Court to enforce obedience to its requirements.\nDate: 10/26/2026\n")
	if got := ex.ProcessType; got != app.AdministrativeSubpoena {
		t.Errorf("process type %q, want %q", got, app.AdministrativeSubpoena)
	}
}

// A letter that asks for silence and says the government may seek a
// 2705(b) order has requested, not ordered, non-disclosure.
func TestNondisclosure_OrderYetToBeSoughtIsNoGag(t *testing.T) {
	ex := extractText("EXAMPLE ENFORCEMENT AGENCY\nSUBPOENA\nTO: Example Chat, Inc.\nYou are required to produce the records of the account heron_9.\nREQUEST FOR NON-DISCLOSURE\nYou are requested not to disclose the existence of this request to the subscriber for a period of 90 days. This request is not a court order. If your policy is to notify your users, please tell us first so that the government may seek a non-disclosure order under 18 U.S.C. 2705(b).\n")
	nd := ex.Nondisclosure
	if nd.Ordered || !nd.Requested || nd.Days != 90 {
		t.Errorf("nondisclosure %+v, want requested for 90 days, not ordered", nd)
	}
}

// A Polish force is named in its cases ("Komenda Miejska Policji"), and a
// contact line that names it is read as prose when nothing else names one.
func TestAgency_PolishForceInItsCase(t *testing.T) {
	checkField(t, app.FieldAgency, []fieldCase{
		{"a city command of the police",
			"EUROPEAN PRESERVATION ORDER CERTIFICATE\nIssuing authority:  Prokuratura Rejonowa Przykład\nPlease preserve the data of the account heron_9.\nContact person for practical matters  asp. Jan Przykładowy, Komenda Miejska Policji w Przykładowie, Wydział\n(police):  do walki z Cyberprzestępczością\n",
			"Komenda Miejska Policji w Przykładowie"},
	})
}

// A foreign police notice that calls itself a summons to produce, and an
// Italian judge's decree authorising the police to acquire data from the
// provider, are production orders.
func TestProcessType_ForeignSummonsAndDecreeAreProductionOrders(t *testing.T) {
	for _, tc := range []struct{ name, text string }{
		{"a summons to produce",
			"GOVERNMENT OF EXAMPLE STATE\nOFFICE OF THE INSPECTOR OF POLICE\nCYBER CRIME POLICE STATION, EXAMPLE CITY\nDate: 18.10.2026\nNOTICE UNDER SECTION 94 OF THE BHARATIYA NAGARIK SURAKSHA SANHITA, 2023\n(Summons to produce document or other thing)\nTo,\nThe Nodal Officer,\nExample Chat India Private Limited\nyou are hereby directed under Section 94 of BNSS, 2023, to produce the subscriber details of the mobile no. +91 97410 00001.\nYours faithfully,\nInspector of Police\nMob: +91 98450 00002\nE-mail: cyber-officer@police.example.gov.in\n"},
		{"a decree authorising acquisition",
			"TRIBUNALE ORDINARIO DI ESEMPIO\nSezione Giudice per le indagini preliminari\nDECRETO DI AUTORIZZAZIONE ALL'ACQUISIZIONE DI DATI DI TRAFFICO TELEMATICO\nIl Giudice per le indagini preliminari, letta la richiesta del Pubblico Ministero,\nAUTORIZZA\nla Polizia Postale ad acquisire presso il fornitore Example Chat Ireland Limited i log di accesso dell'utente darsena_77.\nEsempio, 7 ottobre 2026\n"},
	} {
		if got := extractText(tc.text).ProcessType; got != app.ProductionOrder {
			t.Errorf("%s: process type %q, want %q", tc.name, got, app.ProductionOrder)
		}
	}
}

// Gags and requests for silence in the languages orders come in, and an
// OCR'd gag with a stray full stop.
func TestNondisclosure_MoreLanguagesAndOCR(t *testing.T) {
	for _, tc := range []struct {
		name, text         string
		ordered, requested bool
	}{
		{"French request", "RÉQUISITION JUDICIAIRE\nREQUÉRONS Example Chat de bien vouloir nous communiquer les informations du compte heron_9.\nIl vous est demandé de ne pas informer le titulaire du compte de l'existence de la présente réquisition.\n", false, true},
		{"English request", "NOTICE\nyou are hereby directed to produce the records of the account heron_9.\nKindly keep this notice confidential and do not inform the account holder.\n", false, true},
		{"Italian decree", "DECRETO\nAUTORIZZA la Polizia ad acquisire presso il fornitore i log dell'utente heron_9.\nDISPONE che il fornitore mantenga il segreto sull'esistenza del presente decreto e non ne dia notizia all'utente.\n", true, false},
		{"Portuguese order", "OFÍCIO\nDetermino que a empresa forneça os dados do usuário heron_9.\nDetermino, ainda, que a empresa se abstenha de comunicar ao usuário a existência desta ordem.\n", true, false},
		{"OCR'd order", "SEARCH WARRANT\nYou are commanded to produce the records of the account heron_9.\nORDER FOR NON- DISCLOSURE. IT IS ORDERED that Example Chat LLC shall not. notify the subscriber of the existence of this warrant.\n", true, false},
	} {
		nd := extractText(tc.text).Nondisclosure
		if nd.Ordered != tc.ordered || nd.Requested != tc.requested {
			t.Errorf("%s: ordered %v requested %v, want %v %v", tc.name, nd.Ordered, nd.Requested, tc.ordered, tc.requested)
		}
	}
}

// The judge who made the order a subpoena rests on is not the subpoena's;
// a decision's opening names its own.
func TestJudge_EarlierOrdersJudgeAndTheDecisionsOwn(t *testing.T) {
	checkField(t, app.FieldJudge, []fieldCase{
		{"a civil subpoena on the court's leave",
			"UNITED STATES DISTRICT COURT\nfor the\nDistrict of Example\nSUBPOENA TO PRODUCE DOCUMENTS IN A CIVIL ACTION\nTo: Example Chat, Inc.\nYOU ARE COMMANDED to produce the records of the account heron_9.\nThis subpoena is issued pursuant to the Order Granting Leave to Serve Third-Party Subpoenas entered October 30,\n2026 (ECF No. 14) by the Hon. Mara T. Quell, United States District Judge.\n",
			""},
		{"the order's own judge",
			"UNITED STATES DISTRICT COURT\nfor the\nDistrict of Example\nORDER\nIt is hereby ordered that Example Chat, Inc. shall disclose the records of the account heron_9.\nSO ORDERED.\nHon. Mara T. Quell\nUnited States Magistrate Judge\n",
			"Mara T. Quell"},
		// A decision that opens with the judge's post, honorific and name.
		{"an Italian decree",
			"TRIBUNALE ORDINARIO DI ESEMPIO\nDECRETO\nIl Giudice per le indagini preliminari, dott.ssa Mara Quellini-Rossi,\nletta la richiesta del Pubblico Ministero,\nAUTORIZZA la Polizia ad acquisire i dati dell'utente heron_9.\n",
			"Mara Quellini-Rossi"},
	})
}

// A letterhead line that names a component after its parent agency names
// the component; a "To:" box whose value is the next column's label has
// the name under it.
func TestAgencyAndRecipient_OneLineStackAndLabelBesideTo(t *testing.T) {
	text := "DEPARTMENT OF HOMELAND SECURITY\nU.S. Immigration and Customs Enforcement — Homeland Security Investigations\nSUMMONS\nTitle 19, United States Code, Section 1509\nTo:  Case Number:\nExample Chat LLC  NY02-0417\nAttn: Custodian of Records\n88 Example Street\nPalo Alto, CA 94301\nYOU ARE HEREBY SUMMONED AND REQUIRED to produce the records of the account heron_9.\n"
	ex := extractText(text)
	if got := ex.Field(app.FieldAgency); got != "Homeland Security Investigations" {
		t.Errorf("agency %q, want Homeland Security Investigations", got)
	}
	if got := ex.Field(app.FieldRecipient); got != "Example Chat LLC" {
		t.Errorf("recipient %q, want Example Chat LLC", got)
	}
}

// Foreign production orders in Portuguese and Swiss German: what they
// command, the data they name, and their gags.
func TestForeignOrders_PortugueseAndSwissGerman(t *testing.T) {
	pt := "MINISTÉRIO PÚBLICO\nPORTUGAL\nProcuradoria da República da Comarca de Exemplo\nExmos. Senhores\nExample Chat Ireland Limited\nDublin 2, Irlanda\nAssunto: Injunção para apresentação de dados informáticos — artigo 14.º da Lei n.º 109/2009\nNos autos de inquérito, ordena-se a V. Exas., nos termos do artigo 14.º, que, no prazo de 10 (dez) dias, comuniquem a estes autos os seguintes dados:\na) dados de base e de identificação do titular da conta heron@example.org;\nb) registos de acesso (endereços IP, portas, data e hora) à referida conta;\nc) excluem-se os dados de conteúdo.\nMais se adverte que o processo se encontra sujeito a segredo de justiça, pelo que V. Exas. não poderão dar conhecimento da presente ordem ao titular da conta.\nTel.: +351 21 555 0000 — e-mail exemplo@pj.example.pt\n"
	ch := "Kanton Zürich\nStaatsanwaltschaft Zürich-Beispiel\nZürich, 24. Juni 2026\nExample Chat LLC\nPalo Alto, CA 94301, USA\nEditionsverfügung\n(Art. 265 der Schweizerischen Strafprozessordnung, StPO)\n1. Die Example Chat LLC wird aufgefordert, der Staatsanwaltschaft bis spätestens 15. Juli 2026 folgende Daten herauszugeben:\na) Bestandesdaten des Kontos mit dem Benutzernamen limmat_77;\nb) Randdaten: Log-in-Historie mit IP-Adressen.\nInhalte der Kommunikation sind nicht herauszugeben.\n3. Der Example Chat LLC wird gestützt auf Art. 73 Abs. 2 StPO untersagt, die betroffene Person oder Dritte über diese Verfügung zu informieren.\nTelefon +41 44 555 20 00 — E-Mail beispiel@kapo.example.zh.ch\n"
	for _, tc := range []struct{ name, text string }{{"Portuguese injunction", pt}, {"Swiss Editionsverfügung", ch}} {
		ex := extractText(tc.text)
		if ex.ProcessType != app.ProductionOrder {
			t.Errorf("%s: process type %q, want %q", tc.name, ex.ProcessType, app.ProductionOrder)
		}
		if got := strings.Join(ex.DataCategories, ","); got != "subscriber,non_content" && got != "non_content,subscriber" {
			t.Errorf("%s: data categories %q, want subscriber and non_content", tc.name, got)
		}
		if !ex.Nondisclosure.Ordered {
			t.Errorf("%s: nondisclosure %+v, want ordered", tc.name, ex.Nondisclosure)
		}
	}
}

// A Brazilian company's "LTDA." ends no sentence: the decision commands it
// to furnish the data.
func TestProcessType_BrazilianDecisionNamingALtda(t *testing.T) {
	ex := extractText("PODER JUDICIÁRIO\nTRIBUNAL DE JUSTIÇA DO ESTADO DE EXEMPLO\nDECISÃO\nVistos.\nPresentes fundados indícios, DEFIRO o pedido e DETERMINO que a empresa EXEMPLO SERVIÇOS DE INTERNET DO\nBRASIL LTDA. forneça, referentes ao período de 01/07/2026 a 31/08/2026, os dados cadastrais vinculados à conta heron@example.org.\nTel.: +55 19 3555-0000 — e-mail vara@tj.example.jus.br\n")
	if ex.ProcessType != app.ProductionOrder {
		t.Errorf("process type %q, want %q", ex.ProcessType, app.ProductionOrder)
	}
}

// A force the order names only in a sentence is its agency, not its
// issuer.
func TestAuthority_ForceInProseIssuesNothing(t *testing.T) {
	ex := extractText("A U T O\nPRIMERO.- La Brigada Provincial de Policía Judicial de la Jefatura Superior de Policía de Ejemplo solicitó los datos de la cuenta heron_9.\nACUERDO: REQUERIR a Example Chat Inc. para que remita la información.\n")
	if got := ex.Field(app.FieldAgency); got == "" {
		t.Errorf("agency empty, want the force named in the sentence")
	}
	if got := ex.Field(app.FieldIssuingAuthority); got != "" {
		t.Errorf("issuing authority %q, want none", got)
	}
}

// A letter's signature names the force that sends it, over a force its
// sentences describe the writer by.
func TestAgency_SignatureBlockOverProse(t *testing.T) {
	checkField(t, app.FieldAgency, []fieldCase{
		{"a detective's e-mail",
			"From:  \"Example, S.\" <s.example@politie.example.nl>\nTo:  Example Chat LLC <le@example.org>\nSubject:  request for subscriber data\nDear team,\nI am a detective with the Cybercrime Team of the Dutch National Police, Unit Exampletown. We kindly ask you to provide the subscriber information of the account heron_9.\nKind regards,\nSanne Example\nRechercheur Team Cybercrime\nPolitie Eenheid Exampletown\nDoelwater 5, 3011 AH Exampletown\nT +31 10 555 0000\n",
			"Politie Eenheid Exampletown"},
	})
}

// Forces are named in the languages of the states orders come from.
func TestAgency_ForcesInMoreLanguages(t *testing.T) {
	for _, force := range []string{"Københavns Politi", "Policie České republiky", "Lietuvos policija", "Poliția Română", "Politsei- ja Piirivalveamet", "Guardia di Finanza", "Ertzaintza"} {
		if !isPoliceForce(force) {
			t.Errorf("%q is not read as a police force", force)
		}
	}
}

// A header's value on the line above is no part of the provider's name.
func TestRecipient_HeaderValueAboveIsNoName(t *testing.T) {
	checkField(t, app.FieldRecipient, []fieldCase{
		{"an e-mail's importance over the salutation",
			"From: Agent Mara Quell <mquell@fbi.example.gov>\nSent: Saturday, November 21, 2026 2:07 AM\nSubject: EMERGENCY DISCLOSURE REQUEST\nImportance: High\nExample Chat, Inc. - Emergency Response Team,\nThis is an emergency request under 18 U.S.C. 2702(b)(8) for the account heron_9.\n",
			"Example Chat, Inc."},
	})
}

// Where an order comes from: the state a respondent is incorporated in is
// not the court's (a Crown Court's order to a Delaware company is a UK
// order); a British force's request citing 18 U.S.C. § 2702 is a UK request,
// the U.S. Code being no U.S. body; a local force's e-mail is of its state,
// read from the signature under the closing however long the disclaimer.
func TestJurisdiction_WhereTheOrderComesFrom(t *testing.T) {
	disclaimer := strings.Repeat("This message may contain confidential law enforcement information intended only for its addressee.\n", 18)
	checkField(t, app.FieldJurisdiction, []fieldCase{
		{"a UK order to a Delaware company",
			"IN THE CROWN COURT AT EXAMPLETOWN\nOVERSEAS PRODUCTION ORDER\nBETWEEN\nTHE CHIEF CONSTABLE OF EXAMPLE POLICE\nApplicant\nand\nEXAMPLE CHAT, INC.\n(a company incorporated in the State of Delaware, United States of America)\nRespondent\nIT IS ORDERED THAT the Respondent shall produce the data of the account heron_9.\n",
			"UK"},
		{"a state court's caption still counts",
			"STATE OF TEXAS\nCOUNTY OF EXAMPLE\nSEARCH WARRANT\nThe State of Texas, to any peace officer: you are commanded to search the account heron_9 held by Example Chat, Inc.\n",
			"US-TX"},
		{"a UK force's emergency request",
			"From:  Example Police SPoC <spoc@police.example.uk>\nTo:  emergency@example.org\nSubject:  URGENT – THREAT TO LIFE – Emergency Disclosure Request\nThe Metropolitan Police Service requests the emergency disclosure of data under 18 U.S.C. § 2702(b)(8), as there is a risk of death.\nAccount  heron_9\nDC Mara Quell\nMetropolitan Police Service\nLondon SW1A 2JL\nDirect: +44 (0)20 7946 0000\n",
			"UK"},
		{"a detective's e-mail",
			"From: Det. Mara Quell <mquell@example.org>\nTo: legal@example.net\nSubject: Preservation request\nDate: May 4, 2026\n\nHello,\nPlease preserve the records of the account heron_9 under 18 U.S.C. § 2703(f).\n\nThanks,\nDet. Mara Quell\nRiverbend Police Department\n100 Main Street, Riverbend, OR 97000\n(541) 555-0100\n\n" + disclaimer,
			"US-OR"},
	})
}

// A signature that reads from the officer outwards issues as its force,
// then its unit, without the officer's post; an issuing authority given as
// its judge and the judge's post is the court.
func TestAuthority_ForceOverUnitAndCourtOverJudge(t *testing.T) {
	checkField(t, app.FieldIssuingAuthority, []fieldCase{
		{"post of a station, then the force",
			"Chief of Northgate Police Station,\nRiverside Metropolitan Police Department\n\nMay 4, 2026\n\nTo: Example Chat Inc.\nWe hereby make an inquiry about the account heron_9.\n",
			"Riverside Metropolitan Police Department, Northgate Police Station"},
		{"an eligible judge",
			"INTERNATIONAL PRODUCTION ORDER\nOrder No. IPO-2026-1\nIssuing authority  Judge Mara T. Quell, a Judge of the Federal Circuit\nand Family Court of Exampleland (Division 2), acting as an eligible\nJudge\nI, Mara T. Quell, order Example Chat, Inc. to produce the records of the account heron_9.\n",
			"Federal Circuit and Family Court of Exampleland (Division 2)"},
	})
}
