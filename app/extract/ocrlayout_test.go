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

func TestOCRLayout_ASmallLabelHalfALineOffJoinsTheCellBeside(t *testing.T) {
	rows := [][2]string{
		{"TO (Name, Address)", "SUMMONS NUMBER"},
		{"Parcelchat LLC", "LA-26-S-2291"},
		{"Attn: Custodian of Records", "HSI CASE NUMBER"},
		{"801 Fennel Street", "LA12QR26LA0045"},
	}
	ws := formWords(rows, 0)
	// The right column's label sits 19 px (0.63 of a word's height) below
	// the text beside it: alone, it would stand on a line of its own.
	for i := range ws {
		if ws[i].Text == "HSI" || ws[i].Text == "CASE" || ws[i].Text == "NUMBER" && ws[i].Y > 250 {
			ws[i].Y += 19
		}
	}
	got, ok := ocrLayout(ws)
	want := "TO (Name, Address)  SUMMONS NUMBER\nParcelchat LLC  LA-26-S-2291\nAttn: Custodian of Records  HSI CASE NUMBER\n801 Fennel Street  LA12QR26LA0045"
	if !ok || got != want {
		t.Errorf("%v\n%s\nwant\n%s", ok, got, want)
	}
	// Lines of one column over one another stay apart however close.
	close := formWords([][2]string{{"the first line of running text", ""}, {"the second line of running text", ""}, {"the third line of running text", ""}, {"the fourth line of running text", ""}}, 0)
	for i := range close {
		close[i].Y -= (close[i].Y - 200) / 2 // 20 px apart
	}
	if got, ok := ocrLayout(close); !ok || strings.Count(got, "\n") != 3 {
		t.Errorf("%v: one column's lines were joined:\n%s", ok, got)
	}
}
