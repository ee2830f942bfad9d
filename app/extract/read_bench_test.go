package extract

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/warrantdesk/warrantdesk/app"
	"github.com/warrantdesk/warrantdesk/app/pdftext"
	"github.com/warrantdesk/warrantdesk/app/sampleorders"
)

// BenchmarkRead measures what an import pays for extraction: one pass that
// prepares the pages, splits a bundle and extracts each order.
func BenchmarkRead(b *testing.B) {
	benchRead(b, generatedDocs(b, 3, 16))
}

// generatedDocs are the pages of the orders sampleorders generates.
func generatedDocs(tb testing.TB, seed uint64, perKind int) []*app.Document {
	orders, err := sampleorders.Generate(seed, perKind)
	if err != nil {
		tb.Fatal(err)
	}
	var docs []*app.Document
	for _, o := range orders {
		d, err := pdftext.ReadPages(o.PDF)
		if err != nil {
			tb.Fatal(err)
		}
		docs = append(docs, d)
	}
	return docs
}

// BenchmarkRead_DevSet does the same on the born-digital orders of
// ../shared/devset, written by other hands (skipped when absent).
func BenchmarkRead_DevSet(b *testing.B) {
	var docs []*app.Document
	for _, set := range []string{"us", "intl"} {
		files, _ := filepath.Glob(filepath.Join("..", "..", "..", "shared", "devset", set, "orders", "*.pdf"))
		for _, f := range files {
			data, err := os.ReadFile(f)
			if err != nil {
				continue
			}
			d, err := pdftext.ReadPages(data)
			if err != nil || d.TextSource == app.SourceNone {
				continue // a scan: its text comes from OCR
			}
			docs = append(docs, d)
		}
	}
	if len(docs) == 0 {
		b.Skip("../shared/devset is not beside this checkout")
	}
	benchRead(b, docs)
}

func benchRead(b *testing.B, docs []*app.Document) {
	x := New()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		for _, d := range docs {
			x.Read(d)
		}
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*len(docs))/1e6, "ms/order")
}
