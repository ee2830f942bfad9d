package extract

import (
	"strings"
	"testing"

	"github.com/warrantdesk/warrantdesk/app"
)

func TestExtract_AValueOCRWasUnsureOfIsNotReportedAsSure(t *testing.T) {
	page := func(conf float64, src app.TextSource) *app.Document {
		lines := []string{"GRAND JURY SUBPOENA", "Case No. 1:26-mj-04417", "Issued: June 10, 2026", "Contact: jcolomer@ policia.example.es"}
		var words []app.Word
		for i, l := range lines {
			x := 100
			for _, w := range strings.Fields(l) {
				c := 96.0
				if w == "1:26-mj-04417" {
					c = conf
				}
				words = append(words, app.Word{Text: w, X: x, Y: 100 + 50*i, W: 20 * len(w), H: 30, Confidence: c})
				x += 20*len(w) + 12
			}
		}
		text := strings.Join(lines, "\n")
		if src != app.SourceOCR {
			words = nil
		}
		return &app.Document{Pages: []app.PageText{{Number: 1, Text: text, Source: src, Words: words}}}
	}
	sure := New().Extract(page(96, app.SourceOCR)).Fields[app.FieldCaseNumber]
	unsure := New().Extract(page(60, app.SourceOCR)).Fields[app.FieldCaseNumber]
	text := New().Extract(page(60, app.SourceText)).Fields[app.FieldCaseNumber]
	if sure.Value != "1:26-mj-04417" || unsure.Value != sure.Value || text.Value != sure.Value {
		t.Fatalf("case numbers %q, %q, %q", sure.Value, unsure.Value, text.Value)
	}
	if sure.Confidence < 0.9 {
		t.Errorf("a number read confidently beside its label at %.2f: the test shows nothing", sure.Confidence)
	}
	if unsure.Confidence > unsureOCRCap {
		t.Errorf("a number OCR read at 60 reported at %.2f", unsure.Confidence)
	}
	if text.Confidence < 0.9 {
		t.Errorf("a page's own text, which has no word confidence, cost confidence: %.2f", text.Confidence)
	}
	// The issued date's words were read confidently: untouched.
	a := New().Extract(page(60, app.SourceOCR)).Fields[app.FieldIssuedDate]
	b := New().Extract(page(96, app.SourceOCR)).Fields[app.FieldIssuedDate]
	if a.Confidence != b.Confidence || a.Value == "" {
		t.Errorf("issued date %q %.2f against %.2f", a.Value, a.Confidence, b.Confidence)
	}
}

func TestPartOf_PiecesAtATokensEnds(t *testing.T) {
	tokens := map[string]bool{"jcolomer@policia.example.es": true}
	for w, want := range map[string]bool{"jcolomer": true, "policia.example.es": true, "example": false, "es": false, "jcolomer@policia.example.es": true} {
		if got := partOf(w, tokens); got != want {
			t.Errorf("partOf(%q) = %v", w, got)
		}
	}
}
