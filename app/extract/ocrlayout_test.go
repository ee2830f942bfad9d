package extract

import (
	"strings"
	"testing"

	"github.com/warrantdesk/warrantdesk/app"
)

// words lays out rows of cells as Tesseract boxes them, 20 px a letter
// and 40 px a line, climbing by skew pixels per 1000 across the page, and
// returns them in the order given by order: the column of labels first,
// then the column of values, as Tesseract reads a two-column form.
func formWords(rows [][2]string, skew float64) []app.Word {
	var labels, values []app.Word
	for i, r := range rows {
		for col, cell := range r {
			x := 100 + col*900
			for _, w := range strings.Fields(cell) {
				y := 200 + i*40 - int(skew*float64(x)/1000)
				word := app.Word{Text: w, X: x, Y: y, W: 20 * len(w), H: 30, Confidence: 90}
				if col == 0 {
					labels = append(labels, word)
				} else {
					values = append(values, word)
				}
				x += 20*len(w) + 10
			}
		}
	}
	return append(labels, values...)
}

func TestOCRLayout_LabelsBesideTheirValues(t *testing.T) {
	rows := [][2]string{
		{"Issuing authority", "Fiscalía Provincial de Ejemplo"},
		{"File number", "DP 412/2026"},
		{"Name of its representative", "Irene Montalbán Ruiz"},
	}
	for _, skew := range []float64{0, 12, -12} {
		got, ok := ocrLayout(formWords(rows, skew))
		want := "Issuing authority  Fiscalía Provincial de Ejemplo\nFile number  DP 412/2026\nName of its representative  Irene Montalbán Ruiz"
		if !ok || got != want {
			t.Errorf("skew %v: %v\n%s\nwant\n%s", skew, ok, got, want)
		}
	}
	// Read as a whole, the label gets its value.
	doc := &app.Document{Pages: []app.PageText{{Number: 1, Source: app.SourceOCR, Text: "Issuing authority\nFile number\nName of its representative\nFiscalía Provincial de Ejemplo\nDP 412/2026\nIrene Montalbán Ruiz", Words: formWords(rows, 8)}}}
	ex := New().Extract(doc)
	if got := ex.Field(app.FieldIssuingAuthority); got != "Fiscalía Provincial de Ejemplo" {
		t.Errorf("issuing authority %q", got)
	}
}

func TestOCRLayout_KeepsTesseractsTextWhenTheBoxesRunBackwards(t *testing.T) {
	ws := formWords([][2]string{{"one two three four five", "six seven eight nine"}, {"ten eleven twelve", "thirteen fourteen"}}, 0)
	for i, j := 0, len(ws)-1; i < j; i, j = i+1, j-1 {
		ws[i], ws[j] = ws[j], ws[i] // a page recognised upside down
	}
	if _, ok := ocrLayout(ws); ok {
		t.Error("a page whose words run right to left was laid out")
	}
	if _, ok := ocrLayout(ws[:3]); ok {
		t.Error("three words were laid out")
	}
}

func TestOCRLayout_AHyphenatedValueGoesOnAtTheFrontOfTheNextLine(t *testing.T) {
	rows := [][2]string{
		{"(b) Contact person that can", "Officer Jo Roe, tel. 555 0100, jo.roe.bri-"},
		{"be contacted for information", "ggs@police.example.org"},
	}
	got, ok := ocrLayout(formWords(rows, 0))
	want := "(b) Contact person that can  Officer Jo Roe, tel. 555 0100, jo.roe.bri-\nggs@police.example.org  be contacted for information"
	if !ok || got != want {
		t.Errorf("%v\n%s\nwant\n%s", ok, got, want)
	}
}
