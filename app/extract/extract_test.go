package extract

import (
	"strings"
	"testing"

	"github.com/warrantdesk/warrantdesk/app"
)

func extractText(pages ...string) app.Extraction {
	doc := &app.Document{TextSource: app.SourceText}
	for i, p := range pages {
		doc.Pages = append(doc.Pages, app.PageText{Number: i + 1, Text: p, Source: app.SourceText})
	}
	return New().Extract(doc)
}

func TestExtract_IssuedDateIsAnchoredNotFirstDate(t *testing.T) {
	ex := extractText("U.S. Department of Justice\nFederal Bureau of Investigation\n\nMarch 11, 2014\n\nUnder the authority of Executive Order 12333, dated July 30, 2008, and 18 U.S.C. § 2709, you are directed to provide records.")
	if got := ex.Field(app.FieldIssuedDate); got != "2014-03-11" {
		t.Errorf("issued_date %q, want the letter's date 2014-03-11", got)
	}
}

func TestExtract_NoIssuedDateRatherThanAGuess(t *testing.T) {
	ex := extractText("SEARCH WARRANT\nRecords created between January 1, 2024 and March 1, 2024 for the account of a@example.com are to be produced.")
	if got := ex.Field(app.FieldIssuedDate); got != "" {
		t.Errorf("issued_date %q guessed from a date in a sentence", got)
	}
	if !hasWarning(ex, "issued_date: not found") {
		t.Errorf("no warning about the missing date: %v", ex.Warnings)
	}
}

func TestExtract_RelativeDeadlineIsComputedAndMarked(t *testing.T) {
	ex := extractText("ORDER\nCase No. 1:25-ec-00077\nIT IS ORDERED that the provider shall, within 14 days of the date of this Order, disclose the records.\nENTERED this 3rd day of March, 2025.")
	f := ex.Fields[app.FieldDeadline]
	if f.Value != "2025-03-17" || !f.Computed || !strings.Contains(f.Snippet, "computed") {
		t.Errorf("deadline %+v, want a computed 2025-03-17", f)
	}
}

func TestExtract_EUFormReadsDatesDayFirst(t *testing.T) {
	ex := extractText("EUROPEAN PRODUCTION ORDER CERTIFICATE (EPOC)\nRegulation (EU) 2023/1543\nIssuing State: Netherlands\nDate of issue: 04/05/2025\nThe data shall be produced at the latest within 10 days upon receipt of the EPOC.")
	if ex.ProcessType != app.EPOC || ex.Field(app.FieldJurisdiction) != "EU-NL" {
		t.Errorf("type %s, jurisdiction %q", ex.ProcessType, ex.Field(app.FieldJurisdiction))
	}
	if got := ex.Field(app.FieldIssuedDate); got != "2025-05-04" {
		t.Errorf("issued_date %q, want 2025-05-04 (day first)", got)
	}
	// The EPOC's ten days run from receipt, which the form does not date:
	// no deadline is invented, a warning says why.
	if got := ex.Field(app.FieldDeadline); got != "" || !hasWarning(ex, "deadline: \"within 10 days upon receipt") {
		t.Errorf("deadline %q, want none and a warning: %v", got, ex.Warnings)
	}
}

func TestExtract_NegatedContentIsNotRequested(t *testing.T) {
	ex := extractText("NATIONAL SECURITY LETTER\nProvide the name, address and length of service of the subscriber.\nPlease do not provide the content of any electronic\ncommunication.")
	for _, c := range ex.DataCategories {
		if c == app.DataContent {
			t.Errorf("content counted despite the negation: %v", ex.DataCategories)
		}
	}
	if len(ex.DataCategories) != 1 || ex.DataCategories[0] != app.DataSubscriber {
		t.Errorf("categories %v, want [subscriber]", ex.DataCategories)
	}
}

func TestExtract_AgentContactIsNotATarget(t *testing.T) {
	ex := extractText("GRAND JURY SUBPOENA\nThe account associated with the telephone number (202) 555-0143 and jane@example.com.\n\nQuestions regarding this request may be directed to Special Agent John Q.\nPublic, at (202) 555-0199 or by e-mail at jpublic@fbi.gov.")
	var targets []string
	for _, tg := range ex.Targets {
		targets = append(targets, tg.Value)
	}
	if strings.Join(targets, ",") != "jane@example.com,+12025550143" {
		t.Errorf("targets %v", targets)
	}
	if ex.Field(app.FieldAgentPhone) != "+12025550199" || ex.Field(app.FieldAgentEmail) != "jpublic@fbi.gov" {
		t.Errorf("agent contact %q %q", ex.Field(app.FieldAgentPhone), ex.Field(app.FieldAgentEmail))
	}
	if ex.Field(app.FieldAgentName) != "John Q. Public" {
		t.Errorf("agent %q", ex.Field(app.FieldAgentName))
	}
}

func TestExtract_NondisclosureDurationBelongsToTheGag(t *testing.T) {
	ex := extractText("PRESERVATION REQUEST under 18 U.S.C. § 2703(f)\nPlease preserve the records for a period of 90 days. Please do not disclose this request to the subscriber.")
	nd := ex.Nondisclosure
	if nd.Ordered || !nd.Requested || nd.Days != 0 {
		t.Errorf("nondisclosure %+v: the 90 days are the preservation's", nd)
	}
	ex = extractText("ORDER\nIT IS FURTHER ORDERED under 18 U.S.C. § 2705(b) that the provider shall not disclose the existence of this Order for a period of one year.")
	if nd := ex.Nondisclosure; !nd.Ordered || nd.Days != 365 || nd.Basis != "18 U.S.C. § 2705(b)" {
		t.Errorf("nondisclosure %+v, want ordered for 365 days under 2705(b)", nd)
	}
}

func TestExtract_StandaloneNDOVersusOrderWithGag(t *testing.T) {
	alone := extractText("IN RE GRAND JURY SUBPOENA\nORDER\nIT IS ORDERED under 18 U.S.C. § 2705(b) that Example Inc. shall not disclose the existence of the subpoena for 180 days.")
	if alone.ProcessType != app.NondisclosureOrder {
		t.Errorf("stand-alone order read as %s", alone.ProcessType)
	}
	with := extractText("IN THE MATTER OF AN APPLICATION FOR AN ORDER UNDER 18 U.S.C. § 2703(d)\nORDER\nThe Court finds specific and articulable facts. IT IS ORDERED that Example Inc. shall disclose to the United States the records in Attachment A. IT IS FURTHER ORDERED under 18 U.S.C. § 2705(b) that Example Inc. shall not disclose this Order.")
	if with.ProcessType != app.CourtOrder2703d {
		t.Errorf("2703(d) order with a gag read as %s", with.ProcessType)
	}
}

func TestExtract_ForeignCourtDecision(t *testing.T) {
	ex := extractText("№2а-205/2020\nРЕШЕНИЕ\nИменем Российской Федерации\n25 марта 2020 г.  с. Караидель\nСудья Караидельского межрайонного суда")
	if ex.Field(app.FieldCaseNumber) != "2а-205/2020" || ex.Field(app.FieldIssuedDate) != "2020-03-25" {
		t.Errorf("case %q, date %q", ex.Field(app.FieldCaseNumber), ex.Field(app.FieldIssuedDate))
	}
}

func TestExtract_EveryFieldHasEvidence(t *testing.T) {
	ex := extractText("UNITED STATES DISTRICT COURT\nfor the Eastern District of Virginia\nCase No. 1:25-mj-00123\nSEARCH AND SEIZURE WARRANT\nDate and time issued: 04/22/2025 2:15 pm\nPrinted name and title: Jane Q. Smith, United States Magistrate Judge")
	for name, f := range ex.Fields {
		if f.Page != 1 || f.Snippet == "" || f.Confidence <= 0 || f.Confidence > 1 {
			t.Errorf("%s lacks evidence: %+v", name, f)
		}
	}
	if ex.Field(app.FieldJudge) != "Jane Q. Smith" || ex.Field(app.FieldIssuingAuthority) != "United States District Court for the Eastern District of Virginia" {
		t.Errorf("judge %q, authority %q", ex.Field(app.FieldJudge), ex.Field(app.FieldIssuingAuthority))
	}
}

func TestExtract_NoTextWarns(t *testing.T) {
	ex := New().Extract(&app.Document{Pages: []app.PageText{{Number: 1, Source: app.SourceNone}}})
	if ex.ProcessType != app.OtherProcess || len(ex.Warnings) == 0 {
		t.Errorf("%+v", ex)
	}
}

func hasWarning(ex app.Extraction, prefix string) bool {
	for _, w := range ex.Warnings {
		if strings.HasPrefix(w, prefix) {
			return true
		}
	}
	return false
}

func TestFixOCRDigits(t *testing.T) {
	for in, want := range map[string]string{
		"File No. NSL-I6-41O552":    "File No. NSL-16-410552",
		"dated March 11, 2O14":      "dated March 11, 2014",
		"l0/22/2O14 and Sl5":        "10/22/2014 and Sl5",
		"NSL-16-410552 SEARCH":      "NSL-16-410552 SEARCH",
		"Illinois Boston 1999 Oslo": "Illinois Boston 1999 Oslo",
		"account SB0123 of user":    "account 580123 of user",
	} {
		if got := fixOCRDigits(in); got != want {
			t.Errorf("fixOCRDigits(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestCleanOCR(t *testing.T) {
	for in, want := range map[string]string{
		"Misc. No.: 1:26-m¢-89108":         "Misc. No.: 1:26-mc-89108",
		"_IN THE UNITED STATES":            "IN THE UNITED STATES",
		"tomasoyelaran80 @example.org":     "tomasoyelaran80@example.org",
		"mail jane.roe@ example.com today": "mail jane.roe@example.com today",
		"Case No. 4:24-mc- 22560-VBZ":      "Case No. 4:24-mc-22560-VBZ",
		"a well-known fact, a - b":         "a well-known fact, a - b",
	} {
		if got := cleanOCR(in); got != want {
			t.Errorf("cleanOCR(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestExtract_OCRDigitsOnlyInRecognisedText(t *testing.T) {
	page := "NATIONAL SECURITY LETTER\nFile No. NSL-I6-41O552\nJune 10, 2016"
	ocr := New().Extract(&app.Document{Pages: []app.PageText{{Number: 1, Text: page, Source: app.SourceOCR}}})
	if got := ocr.Field(app.FieldCaseNumber); got != "NSL-16-410552" {
		t.Errorf("OCR page: case number %q, want NSL-16-410552", got)
	}
	clean := New().Extract(&app.Document{Pages: []app.PageText{{Number: 1, Text: "Case No. 1:25-mj-00123\nAccount ID: SB0123-4567", Source: app.SourceText}}})
	for _, tg := range clean.Targets {
		if tg.Kind == app.TargetAccountID && tg.Value != "SB0123-4567" {
			t.Errorf("clean text was changed: %q", tg.Value)
		}
	}
}

func TestSplit_BundledOrders(t *testing.T) {
	letter := func(date, number string) string {
		return "U.S. Department of Justice\nFederal Bureau of Investigation\nFile No. " + number + "\n" + date + "\nDear Custodian of Records:\nUnder 18 U.S.C. § 2709 you are directed to provide records."
	}
	doc := &app.Document{Pages: []app.PageText{
		{Number: 1, Text: letter("March 29, 2013", "NSL-13-365658"), Source: app.SourceOCR},
		{Number: 2, Text: "ATTACHMENT\nIn preparing your response, consider the following records.", Source: app.SourceOCR},
		{Number: 3, Text: letter("August 1, 2013", "NSL-13-371110"), Source: app.SourceOCR},
		{Number: 4, Text: "Custodian of Records\nPage 2\nYou are further advised that the law prohibits disclosure.", Source: app.SourceOCR},
		{Number: 5, Text: letter("May 29, 2015", "NSL-15-415070"), Source: app.SourceOCR},
	}}
	got := New().Split(doc)
	want := []app.PageRange{{From: 1, To: 2}, {From: 3, To: 4}, {From: 5, To: 5}}
	if len(got) != len(want) {
		t.Fatalf("parts %v, want %v", got, want)
	}
	for i := range want {
		if got[i] != want[i] {
			t.Errorf("part %d: %v, want %v", i, got[i], want[i])
		}
	}
	if ex := New().Extract(doc.Sub(got[1])); ex.Field(app.FieldCaseNumber) != "NSL-13-371110" || ex.Field(app.FieldIssuedDate) != "2013-08-01" {
		t.Errorf("second part: %q %q", ex.Field(app.FieldCaseNumber), ex.Field(app.FieldIssuedDate))
	}
	if parts := New().Split(&app.Document{Pages: doc.Pages[:2]}); len(parts) != 1 {
		t.Errorf("a letter and its attachment split into %v", parts)
	}
}
