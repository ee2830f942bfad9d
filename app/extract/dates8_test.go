package extract

import (
	"strings"
	"testing"

	"github.com/warrantdesk/warrantdesk/app"
)

// Invented orders, each in a phrasing of its own, for the ways orders by
// other hands give their dates (session 8).

func TestDeadline_CountedFromTheOrderInItsLanguage(t *testing.T) {
	for _, tc := range []struct{ name, text, want string }{
		{"German", "AMTSGERICHT MUSTERSTADT\nBeschluss\nDie Muster GmbH hat die Bestandsdaten binnen 14 Tagen ab dem Datum dieses Beschlusses herauszugeben.\nMusterstadt, den 3. Juni 2026", "2026-06-17"},
		{"French", "ORDONNANCE\nLa société communiquera les données dans un délai de 10 jours à compter de la date de la présente ordonnance.\nFait à Lille, le 3 juin 2026", "2026-06-13"},
		{"Italian", "DECRETO\nSi ordina di trasmettere i dati entro 10 giorni dalla data del presente decreto.\nTorino, 3 giugno 2026", "2026-06-13"},
		{"Spanish, in words", "AUTO\nSe requiere a la entidad para que remita en el plazo de diez días desde la fecha de la presente resolución los datos.\nSevilla, a 3 de junio de 2026", "2026-06-13"},
		{"Portuguese, both", "OFÍCIO\nSolicitamos os dados no prazo de 10 (dez) dias a contar da data deste ofício.\nCuritiba, 3 de junho de 2026.", "2026-06-13"},
		{"Swedish", "FÖRELÄGGANDE\nUppgifterna ska lämnas inom 14 dagar från dagen för detta beslut.\nGöteborg den 3 juni 2026", "2026-06-17"},
		{"Polish", "POSTANOWIENIE\nZobowiązuję do przekazania danych w terminie 7 dni od daty wydania niniejszego postanowienia.\nKraków, dnia 3 czerwca 2026 r.", "2026-06-10"},
		{"Dutch", "BEVEL\nDe gegevens dienen binnen 10 dagen na dagtekening van dit bevel te worden verstrekt.\nUtrecht, 3 juni 2026", "2026-06-13"},
		{"business days", "FIELD OFFICE\nJune 3, 2026\nPlease provide the records no later than 10 business days from the date of this letter.", "2026-06-17"},
		{"working days, French", "RÉQUISITION\nRéponse attendue sous 5 jours ouvrables à compter de la date de la présente réquisition.\nFait à Nantes, le 5 juin 2026", "2026-06-12"},
		{"German, one week", "Beschluss\nDie Daten sind innerhalb einer Woche ab dem Datum dieses Beschlusses zu übermitteln.\nMusterstadt, den 3. Juni 2026", "2026-06-10"},
		{"a month", "ORDER\nThe provider shall produce the records within one month of the date of this order.\nDated: June 3, 2026", "2026-07-03"},
		{"you have", "NOTICE\nYou have 14 days from the date of this notice to produce the records.\nDated: June 3, 2026", "2026-06-17"},
		{"French, a month", "ORDONNANCE\nLes données seront transmises dans un délai d'un mois à compter de la date de la présente ordonnance.\nFait à Lille, le 3 juin 2026", "2026-07-03"},
		{"hereof", "ORDER\nThe records shall be produced within 10 days hereof.\nDated: June 3, 2026", "2026-06-13"},
		{"of this order", "ORDER\nThe provider shall disclose the records within 14 days of this Order, to the agent named below.\nDated: June 3, 2026", "2026-06-17"},
	} {
		ex := extractText(tc.text)
		f := ex.Fields[app.FieldDeadline]
		if f.Value != tc.want || !f.Computed {
			t.Errorf("%s: deadline %+v, want %s computed (warnings %v)", tc.name, f, tc.want, ex.Warnings)
		}
		if issued := ex.Fields[app.FieldIssuedDate]; f.Confidence > issued.Confidence {
			t.Errorf("%s: computed deadline at %.2f, above the issued date it counts from (%.2f)", tc.name, f.Confidence, issued.Confidence)
		}
	}
}

func TestDeadline_FromServiceInItsLanguageStaysEmptyWithAWarning(t *testing.T) {
	for _, tc := range []struct{ name, text string }{
		{"German", "Beschluss\nDie Daten sind binnen zwei Wochen nach Zustellung dieses Beschlusses herauszugeben.\nMusterstadt, den 3. Juni 2026"},
		{"French", "ORDONNANCE\nLes données seront transmises dans un délai de 8 jours à compter de la réception de la présente.\nFait à Lyon, le 3 juin 2026"},
		{"Italian", "DECRETO\nTrasmettere i dati entro 10 giorni dalla ricezione del presente decreto.\nMilano, 3 giugno 2026"},
		{"Spanish", "AUTO\nRemítanse los datos en el plazo de diez días desde la recepción del presente.\nMadrid, a 3 de junio de 2026"},
		{"Portuguese", "OFÍCIO\nForneça os dados no prazo de 10 (dez) dias contados do recebimento deste ofício.\nRecife, 3 de junho de 2026."},
		{"Swedish", "Föreläggande\nUppgifterna ska lämnas inom 10 dagar från mottagandet av detta föreläggande.\nMalmö den 3 juni 2026"},
		{"Polish", "POSTANOWIENIE\nDane należy przekazać w terminie 7 dni od dnia doręczenia postanowienia.\nGdańsk, dnia 3 czerwca 2026 r."},
		{"English, served", "PRODUCTION ORDER\nThe respondent must produce the material within 7 days beginning with the day on which this order is served.\nMade on 3 June 2026"},
	} {
		ex := extractText(tc.text)
		if got := ex.Field(app.FieldDeadline); got != "" || !hasWarning(ex, "deadline: ") {
			t.Errorf("%s: deadline %q, warnings %v: want none and a warning", tc.name, got, ex.Warnings)
		}
	}
}

func TestDeadline_TheTimeToAppealIsNoDeadline(t *testing.T) {
	for _, tc := range []struct{ name, text string }{
		{"Italian", "DECRETO\nAvverso il presente decreto è ammesso reclamo entro 15 giorni dalla data del presente decreto.\nMilano, 3 giugno 2026"},
		{"Spanish", "AUTO\nContra esta resolución cabe recurso de reforma en el plazo de tres días desde la fecha de la presente resolución.\nMadrid, a 3 de junio de 2026"},
		{"French", "ORDONNANCE\nCette ordonnance peut faire l'objet d'un recours dans un délai de 10 jours à compter de la date de la présente ordonnance.\nFait à Paris, le 3 juin 2026"},
		{"German", "BESCHLUSS\nGegen diesen Beschluss ist die Beschwerde binnen 14 Tagen ab dem Datum dieses Beschlusses zulässig.\nMusterstadt, den 3. Juni 2026"},
	} {
		if ex := extractText(tc.text); ex.Field(app.FieldDeadline) != "" {
			got := ex.Field(app.FieldDeadline)
			t.Errorf("%s: the appeal period gave the deadline %s", tc.name, got)
		}
	}
	// The provider's own period, after the appeal's, is still read.
	ex := extractText("AUTO\nContra esta resolución cabe recurso en el plazo de tres días desde la fecha de la presente. Remítanse los datos en el plazo de diez días desde la fecha de la presente resolución.\nMadrid, a 3 de junio de 2026")
	if got := ex.Field(app.FieldDeadline); got != "2026-06-13" {
		t.Errorf("deadline %q, want 2026-06-13", got)
	}
}

func TestDateRange_AFirstDateWithoutItsYear(t *testing.T) {
	for _, tc := range []struct{ name, text, start, end string }{
		{"English", "Produce the records for the period from March 1 to May 31, 2026.", "2026-03-01", "2026-05-31"},
		{"German", "Die Verkehrsdaten für den Zeitraum vom 1. März bis 31. Mai 2026 sind herauszugeben.", "2026-03-01", "2026-05-31"},
		{"French, bare day", "Les données de connexion pour la période du 1er au 31 mars 2026.", "2026-03-01", "2026-03-31"},
		{"across the new year", "Subscriber records from December 15 through January 31, 2026.", "2025-12-15", "2026-01-31"},
		{"between, bare day", "All login records between 1 and 15 March 2026.", "2026-03-01", "2026-03-15"},
		{"Italian, ordinal mark", "I dati di traffico per il periodo dal 1° marzo 2026 al 31 maggio 2026.", "2026-03-01", "2026-05-31"},
		{"Polish year mark", "Dane za okres od 1 marca 2026 r. do 31 maja 2026 r.", "2026-03-01", "2026-05-31"},
		{"Swedish double dash", "Trafikuppgifter för perioden 2026-03-01 -- 2026-05-31.", "2026-03-01", "2026-05-31"},
	} {
		ex := extractText("ORDER\n" + tc.text + "\nDated: June 3, 2026")
		if s, e := ex.Field(app.FieldDateRangeStart), ex.Field(app.FieldDateRangeEnd); s != tc.start || e != tc.end {
			t.Errorf("%s: range %s – %s, want %s – %s", tc.name, s, e, tc.start, tc.end)
		}
	}
	// A bare number before a date, with nothing to say it is a period,
	// is no start.
	ex := extractText("ORDER\nSee pages 2 to 4 March 2026 minutes.\nDated: June 3, 2026")
	if s := ex.Field(app.FieldDateRangeStart); s != "" {
		t.Errorf("a page number began a period: %s", s)
	}
}

func TestDateRange_StartAndEndLabels(t *testing.T) {
	for _, tc := range []struct{ name, text string }{
		{"beside", "PRODUCTION ORDER\nTime period\nStart date: 1 March 2026\nEnd date: 31 May 2026\nMade on 3 June 2026"},
		{"one line", "PRODUCTION ORDER\nRecords  Start: 1 March 2026  End: 31 May 2026\nMade on 3 June 2026"},
		{"German", "BESCHLUSS\nZeitraum\nVon: 01.03.2026\nBis: 31.05.2026\nMusterstadt, den 3. Juni 2026"},
	} {
		ex := extractText(tc.text)
		if s, e := ex.Field(app.FieldDateRangeStart), ex.Field(app.FieldDateRangeEnd); s != "2026-03-01" || e != "2026-05-31" {
			t.Errorf("%s: range %s – %s", tc.name, s, e)
		}
	}
}

func TestDates_TheOrdersOwnDatesSayDayOrMonthFirst(t *testing.T) {
	// A Brazilian ofício read with no jurisdiction cue: 31/05/2026 says
	// that 01/03/2026 is the first of March.
	ex := extractText("OFÍCIO Nº 12/2026\nSolicitamos os registros de acesso referentes ao período de 01/03/2026 a 31/05/2026.\nData: 03/06/2026")
	if s, e := ex.Field(app.FieldDateRangeStart), ex.Field(app.FieldDateRangeEnd); s != "2026-03-01" || e != "2026-05-31" {
		t.Errorf("range %s – %s, want 2026-03-01 – 2026-05-31", s, e)
	}
	if got := ex.Field(app.FieldIssuedDate); got != "2026-06-03" {
		t.Errorf("issued %s, want 2026-06-03", got)
	}
	// Month first when the order's dates say so, whatever else.
	ex = extractText("SUBPOENA\nRecords from 03/01/2026 through 05/31/2026.\nDated: 06/03/2026")
	if got := ex.Field(app.FieldIssuedDate); got != "2026-06-03" {
		t.Errorf("issued %s, want 2026-06-03", got)
	}
	if !strings.HasPrefix(ex.Field(app.FieldDateRangeStart), "2026-03-01") {
		t.Errorf("range start %s", ex.Field(app.FieldDateRangeStart))
	}
	// A number of a date's shape whose "year" is none says nothing.
	ex = extractText("UNITED STATES DISTRICT COURT\nSUBPOENA\nReference 13-05-1234\nDated: 04/05/2026")
	if got := ex.Field(app.FieldIssuedDate); got != "2026-04-05" {
		t.Errorf("issued %s, want 2026-04-05 (month first, as the court's country writes)", got)
	}
}

func TestDeadline_ADateByWhichInItsLanguage(t *testing.T) {
	for _, tc := range []struct{ name, text string }{
		{"German", "Beschluss\nDie Daten sind bis zum 24. Juni 2026 zu übermitteln.\nMusterstadt, den 3. Juni 2026"},
		{"French", "Ordonnance\nLes données doivent être transmises avant le 24 juin 2026.\nFait à Paris, le 3 juin 2026"},
		{"Spanish", "Auto\nLos datos deberán remitirse antes del 24 de junio de 2026.\nMadrid, a 3 de junio de 2026"},
		{"Polish", "Postanowienie\nDane należy przekazać do dnia 24 czerwca 2026 r.\nWarszawa, dnia 3 czerwca 2026 r."},
		{"a form's box", "NOTICE TO PRODUCE\nDate for compliance: 24 June 2026\nDate of issue: 3 June 2026"},
		{"response due", "ORDER\nResponse due: June 24, 2026\nDated: June 3, 2026"},
		{"close of business", "ORDER\nProvide the records by close of business on June 24, 2026.\nDated: June 3, 2026"},
	} {
		ex := extractText(tc.text)
		if d, i := ex.Field(app.FieldDeadline), ex.Field(app.FieldIssuedDate); d != "2026-06-24" || i != "2026-06-03" {
			t.Errorf("%s: deadline %q, issued %q; want 2026-06-24, 2026-06-03", tc.name, d, i)
		}
	}
}

func TestIssuedDate_ASentenceEndingOnADateIsNoSigningLine(t *testing.T) {
	// "Place, date" on a line of its own is where an order is signed; a
	// sentence that ends on a date is not, however short.
	ex := extractText("Ordonnance\nLes données doivent être transmises avant le 24 juin 2026.\nFait à Paris, le 3 juin 2026")
	if got := ex.Field(app.FieldIssuedDate); got != "2026-06-03" || hasWarning(ex, "issued_date: found") {
		t.Errorf("issued %q, warnings %v", got, ex.Warnings)
	}
	for _, line := range []string{"Frankfurt am Main, den 3. Juni 2026", "Rio de Janeiro, 3 de junho de 2026.", "Roma, lì 3 giugno 2026", "Warszawa, dnia 3 czerwca 2026 r."} {
		ex := extractText("DECISION\nThe records shall be produced.\n\n" + line + "\nThe Judge")
		if got := ex.Field(app.FieldIssuedDate); got != "2026-06-03" {
			t.Errorf("%q: issued %q", line, got)
		}
	}
}

func TestIssuedDate_MoreWaysOrdersDateThemselves(t *testing.T) {
	for _, tc := range []struct{ name, text string }{
		{"ordered on", "ORDER\nORDERED on 3 June 2026 by the Court."},
		{"German opening sentence", "Beschluss\nIn dem Ermittlungsverfahren erlässt das Amtsgericht Musterstadt am 3. Juni 2026 folgenden Beschluss:"},
	} {
		ex := extractText(tc.text)
		if got := ex.Field(app.FieldIssuedDate); got != "2026-06-03" {
			t.Errorf("%s: issued %q", tc.name, got)
		}
	}
	// OCR read a digit of the day as a letter.
	for _, s := range []string{"Dated: June l3, 2026", "Dated: l3 June 2026", "SO ORDERED this l3th day of June, 2026."} {
		doc := &app.Document{Pages: []app.PageText{{Number: 1, Text: "ORDER\n" + s, Source: app.SourceOCR}}}
		ex := New().Extract(doc)
		if got := ex.Field(app.FieldIssuedDate); got != "2026-06-13" {
			t.Errorf("%q (OCR): issued %q", s, got)
		}
	}
}

func TestDateRange_TimesBesideTheDatesAndOpenEnds(t *testing.T) {
	for _, tc := range []struct{ name, text, start, end string }{
		{"time before each date", "YOU ARE COMMANDED to search the records for the period from 12:00 AM September 20, 2026 through 11:59 PM October 30, 2026 (Eastern Time).", "2026-09-20", "2026-10-30"},
		{"24-hour time after each date", "for the period from 08/01/2026 at 0000 hours to 11/01/2026 at 2359 hours (PST/PDT):", "2026-08-01", "2026-11-01"},
		{"through the date of compliance", "For the period from January 1, 2025 through the date of compliance, all records of the account.", "2025-01-01", ""},
		{"an ISO date broken at its hyphen", "uppgifter under perioden 2026-09-01 – 2026-11-\n30, inklusive eventuella ägarbyten.", "2026-09-01", "2026-11-30"},
	} {
		ex := extractText("ORDER\n" + tc.text + "\nDated: December 1, 2026")
		if s, e := ex.Field(app.FieldDateRangeStart), ex.Field(app.FieldDateRangeEnd); s != tc.start || e != tc.end {
			t.Errorf("%s: range %q – %q, want %q – %q", tc.name, s, e, tc.start, tc.end)
		}
	}
}

func TestDeadline_ATimeBeforeTheDateAndItsIssuance(t *testing.T) {
	ex := extractText("NOTICE TO PRODUCE\nYou must produce the documents (c) by 4:00 pm (AEDT) on 9 December 2026.\nDated 18 November 2026")
	if got := ex.Field(app.FieldDeadline); got != "2026-12-09" {
		t.Errorf("deadline %q, want 2026-12-09", got)
	}
	ex = extractText("ORDER\nThe provider shall produce the records within ten (10) days of its issuance.\nDated: November 3, 2026")
	if got := ex.Field(app.FieldDeadline); got != "2026-11-13" {
		t.Errorf("deadline %q, want 2026-11-13", got)
	}
}

func TestIssuedDate_BesideTheSignature(t *testing.T) {
	for _, tc := range []struct{ name, text, want string }{
		{"a form's signing line", "EMERGENCY DISCLOSURE REQUEST\nMissing person, 15 years old, last seen 11/20/2026.\nSignature: L Ortega  Date / time: 11/21/2026 03:14 MST", "2026-11-21"},
		{"place and date beside the signature box", "PEDIDO DE CONSERVAÇÃO\nSECÇÃO A\nLisboa, 27 de novembro de 2026  Assinatura: ______________________", "2026-11-27"},
		{"a date alone under the judge", "OVERSEAS PRODUCTION ORDER\nON the application dated 16 September 2026, the Judge orders production.\n\nHis Honour Judge Alasdair Quillon-Marsh\n18 September 2026\nSealed", "2026-09-18"},
	} {
		ex := extractText(tc.text)
		if got := ex.Field(app.FieldIssuedDate); got != tc.want {
			t.Errorf("%s: issued %q, want %s", tc.name, got, tc.want)
		}
		if f := ex.Fields[app.FieldIssuedDate]; f.Confidence < 0.8 {
			t.Errorf("%s: issued at %.2f", tc.name, f.Confidence)
		}
	}
}

func TestIssuedDate_PortugueseInWords(t *testing.T) {
	for _, tc := range []struct{ text, want string }{
		{"OFÍCIO\nSolicitamos os dados.\nLisboa, aos vinte e dois dias do mês de setembro de dois mil e vinte e seis\nO Juiz de Direito", "2026-09-22"},
		{"DECISÃO\nForneça os dados.\nSão Paulo, em três de março de dois mil e vinte e seis.\nJuíza de Direito", "2026-03-03"},
	} {
		ex := extractText(tc.text)
		if got := ex.Field(app.FieldIssuedDate); got != tc.want {
			t.Errorf("%q: issued %q, want %s", tc.text, got, tc.want)
		}
	}
	// A date in words in a sentence is some other date's.
	ex := extractText("DECISÃO\nO crime ocorreu em dois de março de dois mil e vinte e seis, conforme o boletim.\nForneça os dados.")
	if got := ex.Field(app.FieldIssuedDate); got != "" {
		t.Errorf("the offence's date in words was taken as issued: %s", got)
	}
}

func TestDateRange_ATablesFromAndToAreNotThePeriod(t *testing.T) {
	// The sessions' table stands in the heading, the period further down.
	var body strings.Builder
	for i := 1; i <= 25; i++ {
		body.WriteString("The applicant states fact number " + strings.Repeat("I", i%4+1) + " of the case.\n")
	}
	ex := extractText("ORDER\nSessions seen\nFrom: 02/04/2026\nTo: 03/04/2026\n" + body.String() + "The provider shall disclose the subscriber records for the period from 1 March 2026 to 31 May 2026.\nMade on 3 June 2026")
	if s, e := ex.Field(app.FieldDateRangeStart), ex.Field(app.FieldDateRangeEnd); s != "2026-03-01" || e != "2026-05-31" {
		t.Errorf("range %s – %s, want the period the order names", s, e)
	}
}

func TestIssuedDate_AReceiptStampIsNoIssueDate(t *testing.T) {
	for _, tc := range []struct {
		text string
		src  app.TextSource
	}{
		{"CITY POLICE DEPARTMENT\nRECEIVED NOV 06 2026\nNovember 3, 2026\nDear Custodian of Records:\nPlease provide the subscriber records for the account kite99.", app.SourceText},
		{"POLIZEIPRÄSIDIUM MUSTERSTADT\nEINGEGANGEN 06. Nov. 2026\nMusterstadt, 03.11.2026\nSehr geehrte Damen und Herren,\nbitte übermitteln Sie die Bestandsdaten.", app.SourceOCR},
	} {
		doc := &app.Document{Pages: []app.PageText{{Number: 1, Text: tc.text, Source: tc.src}}}
		ex := New().Extract(doc)
		if got := ex.Field(app.FieldIssuedDate); got != "2026-11-03" {
			t.Errorf("%q: issued %q, want the letter's date, not the stamp's", tc.text, got)
		}
	}
}
