package extract

import (
	"testing"

	"github.com/warrantdesk/warrantdesk/app"
)

// A state attorney general's office that writes its name without its
// state, and whose agent gives a bureau of it first, is the issuer and the
// agency, named by its state.
func TestAgency_StateOfficeBehindItsBureau(t *testing.T) {
	ex := extractText("STATE OF NEW MEXICO\nOFFICE OF ATTORNEY GENERAL\nInternet Crimes Unit\n408 Galisteo Street, Santa Fe, NM 87501\n" +
		"INVESTIGATIVE SUBPOENA\nTO: Example Chat, Inc., 1 Main Street, Springfield\n" +
		"YOU ARE HEREBY COMMANDED to produce the subscriber records of the account heron_77.\n" +
		"Produce the records to Investigator Dana P. Morrow, Bureau of Special Investigations, Office of Attorney General, at dmorrow@nmag.example.gov.\n" +
		"Signed: Lee Anaya, Assistant Attorney General\n")
	for _, f := range []string{app.FieldIssuingAuthority, app.FieldAgency} {
		if got := ex.Field(f); got != "New Mexico Office of Attorney General" {
			t.Errorf("%s %q, want the state's office, named by its state", f, got)
		}
	}
}

// A unit named before its force on a contact line gives the force.
func TestAgency_UnitThenItsForceOnAContactLine(t *testing.T) {
	if body, ok := parentBody("Cyber Crimes Unit", " Riverside County Sheriff's Department"); !ok || body != "Riverside County Sheriff's Department" {
		t.Errorf("parentBody = %q %v, want the department", body, ok)
	}
	if body, ok := parentBody("Fraud Investigation Division", " Busan District Prosecutors' Office — +82 51 555 0100 — kim@spo.example"); !ok || body != "Busan District Prosecutors' Office" {
		t.Errorf("parentBody = %q %v, want the office without its telephone", body, ok)
	}
	for _, next := range []string{" Cyber Desk", " 12 Main Street", " tel. 555 0100"} {
		if body, ok := parentBody("Cyber Crimes Unit", next); ok {
			t.Errorf("parentBody(%q) = %q, want none", next, body)
		}
	}
	if _, ok := parentBody("Federal Bureau of Investigation", " Field Office"); ok {
		t.Error("an agency whose name holds a unit word is no unit")
	}
}

// German puts the verb of a subordinate clause last: "…, dass die X
// GmbH, <address>, folgende Daten herauszugeben hat" commands production
// however long the address between, and however OCR dots it.
func TestProcessType_GermanVerbLastCommand(t *testing.T) {
	ex := extractText("Amtsgericht Köln — Ermittlungsrichter\nLuxemburger Straße 101, 50939 Köln, Deutschland\nAktenzeichen: 502 Gs 118/26\nBESCHLUSS\nIn dem Ermittlungsverfahren gegen Unbekannt\n" +
		"1. Gemäß § 100j StPO wird angeordnet, dass die\n\nExample Chat Europe Limited\n1 Harbour Road, Dublin 2, 02. X9T4, Irland\n\n" +
		"für den Zeitraum vom 01.06.2026 bis 31.08.2026 folgende Daten zu dem E-Mail-Konto rhein.paket@example.test sowie zu den Nutzern der IP-Adresse 192.0.2.61 (Zugriffe am 19.08.2026) herauszugeben hat:\n\n" +
		"a) Bestandsdaten (Name, Anschrift);\n")
	if ex.ProcessType != app.ProductionOrder {
		t.Errorf("process type %s, want production_order", ex.ProcessType)
	}
}

// A judge's signature: the name, the signature rule under it, the post
// in capitals; a Dutch examining judge's post written in lower case.
func TestJudge_SignatureOverTheRuleAndLowerCasePost(t *testing.T) {
	ex := extractText("SEARCH WARRANT\nYOU ARE COMMANDED to seize the data of the account rook_12.\n" +
		"ISSUED on this the 2nd day of May, 2026.\nAdaeze K. Lindqvist-Moreno\n_____________________________\nJUDGE ADAEZE K. LINDQVIST-MORENO\n210th District Court\n")
	if got := ex.Field(app.FieldJudge); got != "Adaeze K. Lindqvist-Moreno" {
		t.Errorf("judge %q, want the name over the signature rule", got)
	}
	ex = extractText("EUROPEAN PRODUCTION ORDER CERTIFICATE\nSECTION J: Details of the validating authority\n" +
		"Name and function: mr. Pieter J. Aalst-Kroon, rechter-commissaris, Rechtbank Utrecht\n")
	if got := ex.Field(app.FieldJudge); got != "Pieter J. Aalst-Kroon" {
		t.Errorf("judge %q, want the rechter-commissaris", got)
	}
}

// A Texas caption parts the parties from the court with a column of "§"
// signs; the court's name runs down the column after them.
func TestAuthority_CaptionInSectionSignColumns(t *testing.T) {
	ex := extractText("Warrant No. SW-26-0117\nTHE STATE OF TEXAS  §  IN THE 211TH JUDICIAL\n§  DISTRICT COURT OF\nCOUNTY OF DENTON  §  DENTON COUNTY, TEXAS\n" +
		"SEARCH WARRANT\nYOU ARE THEREFORE COMMANDED to seize the data of the account lark_442 held by Example Chat, Inc.\n")
	if got := ex.Field(app.FieldIssuingAuthority); got != "211th Judicial District Court of Denton County, Texas" {
		t.Errorf("issuing authority %q, want the court read down its column", got)
	}
	if _, ok := sectionCaption(pageText{text: "Under 18 U.S.C. § 2703(d)  and\n§ 2705(b) the court orders"}, 8); ok {
		t.Error("a section sign before a section number is no column")
	}
}
