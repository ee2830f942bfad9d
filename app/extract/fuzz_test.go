package extract

import (
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/warrantdesk/warrantdesk/app"
	"github.com/warrantdesk/warrantdesk/app/pdftext"
	"github.com/warrantdesk/warrantdesk/app/sampleorders"
)

// FuzzExtract runs the extractor and the bundle splitter on any text, as a
// hostile order's text layer or OCR might give it: never a panic, and
// every field's evidence on a page that exists.
func FuzzExtract(f *testing.F) {
	orders, _ := sampleorders.Generate(11, 6)
	for _, o := range orders {
		if doc, err := pdftext.ReadPages(o.PDF); err == nil {
			var pages []string
			for _, p := range doc.Pages {
				pages = append(pages, p.Text)
			}
			f.Add(strings.Join(pages, "\f"))
		}
	}
	f.Add("")
	f.Add("Case No. \n\n\n Issued: 31/02/2025 \u202e emergency NSL-I6-41O552 @ @@ example..com")
	f.Fuzz(func(t *testing.T, text string) {
		if !utf8.ValidString(text) {
			return
		}
		doc := &app.Document{TextSource: app.SourceText}
		for i, p := range strings.Split(text, "\f") {
			doc.Pages = append(doc.Pages, app.PageText{Number: i + 1, Text: p, Source: app.SourceText})
		}
		ex := New()
		got := ex.Extract(doc)
		for name, fl := range got.Fields {
			if fl.Page < 0 || fl.Page > len(doc.Pages) {
				t.Fatalf("%s on page %d of %d", name, fl.Page, len(doc.Pages))
			}
		}
		for _, r := range ex.Split(doc) {
			if r.From < 1 || r.To > len(doc.Pages) || r.From > r.To {
				t.Fatalf("range %+v of %d pages", r, len(doc.Pages))
			}
		}
	})
}
