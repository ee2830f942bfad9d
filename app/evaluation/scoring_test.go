package evaluation

import (
	"strings"
	"testing"

	"github.com/warrantdesk/warrantdesk/app"
	"github.com/warrantdesk/warrantdesk/app/sampleorders"
)

func TestSame_ReadsAsAReviewerDoes(t *testing.T) {
	for _, tc := range []struct {
		field, want, got string
		right            bool
	}{
		// A fuller name is not wrong; a shorter or another one is.
		{app.FieldIssuingAuthority, "Crown Court at Leeds", "The Crown Court at Leeds (Sitting at Combined Court Centre)", true},
		{app.FieldIssuingAuthority, "Superior Court of Nevada, County of Washoe", "Superior Court of Nevada for the County of Washoe", true},
		{app.FieldIssuingAuthority, "Superior Court of Nevada, County of Washoe", "Superior Court of Nevada", false},
		{app.FieldAgency, "Federal Bureau of Investigation", "U.S. Department of Justice, Federal Bureau of Investigation", true},
		{app.FieldJudge, "Mara T. Quill", "Hon. Mara T. Quill, United States Magistrate Judge", true},
		{app.FieldJudge, "Mara T. Quill", "Mara Quill", false},
		// Not when the value is a page of text that happens to hold the words.
		{app.FieldJudge, "Mara Quill", "Mara went to the store and Quill bought bread, milk, eggs, butter and a newspaper", false},
		// Case numbers: punctuation and a label kept or dropped.
		{app.FieldCaseNumber, "2:26-mj-00412", "Case No. 2:26-MJ-00412", true},
		{app.FieldCaseNumber, "CR 417/2026", "417/2026", true},
		{app.FieldCaseNumber, "417/2026", "4172026", true},
		{app.FieldCaseNumber, "26-0413 (QRS)", "26-0413", false},
		{app.FieldCaseNumber, "26-0413", "1-26-0413", false},
		{app.FieldCaseNumber, "第２０１号", "第201号", true},
		// Dates exactly; other fields but for case and spacing.
		{app.FieldIssuedDate, "2026-03-04", "2026-03-05", false},
		{app.FieldRecipient, "Northwind Social LLC", "NORTHWIND  SOCIAL LLC", true},
		{app.FieldRecipient, "Broward Sheriff's Office", "Broward Sheriff\u2019s Office", true},
	} {
		if got := Same(tc.field, tc.want, tc.got); got != tc.right {
			t.Errorf("Same(%s, %q, %q) = %v, want %v", tc.field, tc.want, tc.got, got, tc.right)
		}
	}
}

func TestReport_InventedValuesCountOnlyWhenStrict(t *testing.T) {
	truth := sampleorders.Truth{ProcessType: app.SearchWarrant, Fields: map[string]string{app.FieldCaseNumber: "1:26-sw-1"}}
	ex := app.Extraction{ProcessType: app.SearchWarrant, Fields: map[string]app.Field{
		app.FieldCaseNumber: {Value: "1:26-sw-1", Confidence: 0.95},
		app.FieldDeadline:   {Value: "2026-05-01", Confidence: 0.92}, // the truth has none
	}}
	loose := &Report{}
	loose.Add("a.pdf", app.SourceText, truth, ex, nil)
	loose.Finish()
	if loose.Overall != 1 || len(loose.Unscored) != 1 {
		t.Errorf("not strict: overall %.3f, unscored %v", loose.Overall, loose.Unscored)
	}
	strict := &Report{Strict: true}
	strict.Add("a.pdf", app.SourceText, truth, ex, nil)
	strict.Finish()
	if s := strict.Fields[app.FieldDeadline]; s == nil || s.Right != 0 || s.Total != 1 {
		t.Errorf("strict: an invented deadline is not a miss: %+v", s)
	}
	// The invented value counts against its confidence band.
	if b := strict.Bands[0]; b.Total != 2 || b.Right != 1 {
		t.Errorf("band ≥ 0.9: %+v, want 1 right of 2", b)
	}
}

func TestReport_SplitsBornDigitalAndScannedAndPrintsCalibration(t *testing.T) {
	truth := sampleorders.Truth{ProcessType: app.NSL, Fields: map[string]string{app.FieldIssuedDate: "2026-01-02"}}
	r := &Report{Strict: true}
	r.Add("text.pdf", app.SourceText, truth, app.Extraction{ProcessType: app.NSL, Fields: map[string]app.Field{app.FieldIssuedDate: {Value: "2026-01-02", Confidence: 0.95}}}, nil)
	r.Add("scan.pdf", app.SourceOCR, truth, app.Extraction{ProcessType: app.Subpoena, Fields: map[string]app.Field{app.FieldIssuedDate: {Value: "2026-01-03", Confidence: 0.55}}}, nil)
	r.Files = 2
	r.Finish()
	if s := r.Sources[SourceBornDigital]; s == nil || s.Accuracy() != 1 {
		t.Errorf("born-digital %+v", s)
	}
	// Wrong type and date; the empty parts (targets, data, gag, emergency)
	// agree.
	if s := r.Sources[SourceScanned]; s == nil || s.Right != 4 || s.Total != 6 {
		t.Errorf("scanned %+v, want 4 of 6", s)
	}
	var b strings.Builder
	r.Print(&b, 10)
	out := b.String()
	for _, want := range []string{"born-digital", "scanned", "confidence calibration", "≥ 0.9", "< 0.6", "misses in scan.pdf:", `want "2026-01-02", got "2026-01-03" (0.55)`} {
		if !strings.Contains(out, want) {
			t.Errorf("report lacks %q:\n%s", want, out)
		}
	}
}
