package extract

import (
	"strings"
	"testing"

	"github.com/warrantdesk/warrantdesk/app"
)

func TestCutShort(t *testing.T) {
	for _, c := range []struct {
		text, snippet, v string
		cut              bool
	}{
		{"Contact Det. Ines Varro-Lund, ivarro- lund@city.example.gov, (555) 010-2000.", "", "lund@city.example.gov", true},
		{"Contact Det. Ines Varro-Lund, ivarro-\n\"lund@city.example.gov", "", "lund@city.example.gov", true},
		{"E-Mail ines,varro@polizei.example.de zu senden", "", "varro@polizei.example.de", true},
		{"or ivarro@city.example, gov.", "", "ivarro@city.example", true},
		{"Case No. 2:26-mj-\n00418 (sealed)", "", "2:26-mj", true},
		{"Case No. 2:26-mj-00418-ABC", "", "2:26-mj-00418", true},
		// Not cut: a label's full stop, the end of a sentence, a comma
		// and a word of the next clause.
		{"Case No. 2:26-mj-00418. The provider shall", "", "2:26-mj-00418", false},
		{"e-mail ana.souza@pc.example.gov.br, com cópia a este Juízo.", "", "ana.souza@pc.example.gov.br", false},
		{"at (555) 010-2000 or ivarro@city.example.gov.", "", "ivarro@city.example.gov", false},
		{"e-mail: ivarro@city.example.gov", "", "ivarro@city.example.gov", false},
		{"nothing here", "", "ivarro@city.example.gov", false},
		// The line the value was read on counts, not a docket header
		// that names a longer form of it first.
		{"Case 2:26-mj-00418-ABC Document 1 Filed 03/03/26\nCase No. 2:26-mj-00418\nSEARCH WARRANT", "Case No. 2:26-mj-00418", "2:26-mj-00418", false},
		{"Case 2:26-mj-00418-ABC Document 1 Filed 03/03/26\nCase No. 2:26-mj-00418\nSEARCH WARRANT", "", "2:26-mj-00418", true},
	} {
		if got := cutShort(c.text, strings.ToLower(c.text), c.snippet, c.v); got != c.cut {
			t.Errorf("cutShort(%q, %q) = %v, want %v", c.text, c.v, got, c.cut)
		}
	}
}

func TestWeakShape(t *testing.T) {
	for _, c := range []struct {
		field, v string
		weak     bool
	}{
		{app.FieldCaseNumber, "2026", true},
		{app.FieldCaseNumber, "GJ-12", true},
		{app.FieldCaseNumber, "26-mj-0041", false},
		{app.FieldCaseNumber, "Ds 58.2026", false},
		{app.FieldAgentEmail, "ab@city.example.gov", true},
		{app.FieldAgentEmail, "not an address", true},
		{app.FieldAgentEmail, "ivarro@city.example.gov", false},
		{app.FieldAgentName, "Ines Varro- Lund", true},
		{app.FieldAgentName, "Ines Varro-Lund", false},
		{app.FieldJudge, "Hon. Ada Roe", false},
		{app.FieldRecipient, "2026", false}, // only the fields a cut shortens
	} {
		if got := weakShape(c.field, c.v); got != c.weak {
			t.Errorf("weakShape(%s, %q) = %v, want %v", c.field, c.v, got, c.weak)
		}
	}
}

// An address OCR split (a comma read for the full stop) is reported as uncertain, with a warning;
// the same order with the address whole keeps the address's confidence.
func TestCalibrate_CutAddressIsUncertain(t *testing.T) {
	order := func(contact string) string {
		return "SUPERIOR COURT OF THE STATE OF OREGON\nSEARCH WARRANT\nCase No. 26-SW-04417\n" +
			"To: Quillnote Inc., Custodian of Records\nYou are commanded to produce the subscriber records of the account harbour.swift@quillnote.example.\n" +
			"Records shall be delivered to Detective Ines Varro-Lund, Riverbend Police Department, (503) 555-0143, " + contact + "\n" +
			"Issued on March 3, 2026.\nHon. Ada Roe, Circuit Court Judge"
	}
	whole := extractText(order("ivarro-lund@riverbendpd.example.gov."))
	cut := extractText(order("ivarro,lund@riverbendpd.example.gov."))
	w, c := whole.Fields[app.FieldAgentEmail], cut.Fields[app.FieldAgentEmail]
	if w.Value != "ivarro-lund@riverbendpd.example.gov" || w.Confidence < lowConfidence {
		t.Fatalf("whole address: %q at %.2f, want it read at %.2f or more", w.Value, w.Confidence, lowConfidence)
	}
	if c.Value != "lund@riverbendpd.example.gov" {
		t.Fatalf("cut address read as %q, want the part after the comma", c.Value)
	}
	if c.Confidence >= lowConfidence {
		t.Errorf("cut address %q at %.2f, want under %.2f", c.Value, c.Confidence, lowConfidence)
	}
	warned := false
	for _, m := range cut.Warnings {
		warned = warned || strings.HasPrefix(m, app.FieldAgentEmail+":") && strings.Contains(m, "uncertain")
	}
	if !warned {
		t.Errorf("no uncertain warning for the cut address; warnings %q", cut.Warnings)
	}
	if whole.Fields[app.FieldCaseNumber].Confidence != cut.Fields[app.FieldCaseNumber].Confidence {
		t.Errorf("the case number's confidence moved with the address's")
	}
}
