package extract

import (
	"testing"
	"time"

	"github.com/warrantdesk/warrantdesk/app"
	"github.com/warrantdesk/warrantdesk/app/pdftext"
	"github.com/warrantdesk/warrantdesk/app/sampleorders"
)

// BenchmarkExtract measures extraction alone on generated orders of every
// kind, and reports beside it what reading the same PDFs in-process costs
// (read-ms/order), so the two compare in one run.
func BenchmarkExtract(b *testing.B) {
	orders, err := sampleorders.Generate(3, 16)
	if err != nil {
		b.Fatal(err)
	}
	docs := make([]*app.Document, len(orders))
	start := time.Now()
	for i, o := range orders {
		if docs[i], err = pdftext.ReadPages(o.PDF); err != nil {
			b.Fatal(err)
		}
	}
	read := time.Since(start)
	x := New()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		for _, d := range docs {
			x.Extract(d)
		}
	}
	n := float64(b.N * len(docs))
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/n/1e6, "ms/order")
	b.ReportMetric(float64(read.Nanoseconds())/float64(len(docs))/1e6, "read-ms/order")
}

// BenchmarkExtract_DenseFivePages is a worst case: five pages of nothing
// but identifiers (400 targets).
func BenchmarkExtract_DenseFivePages(b *testing.B) {
	doc := denseDoc()
	x := New()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		x.Extract(doc)
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/1e6, "ms/order")
}
