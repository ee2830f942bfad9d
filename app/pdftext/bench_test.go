package pdftext

import (
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// benchPages is the size of the multi-page text order the benchmarks read.
const benchPages = 10

func benchPDF(b *testing.B) []byte {
	b.Helper()
	var pages []string
	for i := 1; i <= benchPages; i++ {
		var p strings.Builder
		fmt.Fprintf(&p, "UNITED STATES DISTRICT COURT\nfor the Eastern District of Virginia\nCase No. 1:25-mj-%05d   Page %d\n\n", i, i)
		for j := 0; j < 40; j++ {
			fmt.Fprintf(&p, "%d. The provider shall disclose all records associated with account user%d@example.com for the period from January 1, 2025 through March 31, 2025.\n", j+1, j)
		}
		pages = append(pages, p.String())
	}
	return textPDF(b, pages...)
}

func perPage(b *testing.B) {
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*benchPages)/1e6, "ms/page")
}

// BenchmarkReadPages_InProcess is the parser and line rebuild alone.
func BenchmarkReadPages_InProcess(b *testing.B) {
	pdf := benchPDF(b)
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if _, err := ReadPages(pdf); err != nil {
			b.Fatal(err)
		}
	}
	perPage(b)
}

// BenchmarkIsolated_ReadText is what an import pays: a worker process per
// file, started, fed, and read.
func BenchmarkIsolated_ReadText(b *testing.B) {
	pdf := benchPDF(b)
	r := NewIsolated([]string{os.Args[0], "worker", "pdftext"}, 1)
	r.Timeout = time.Minute
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if _, err := r.ReadText(context.Background(), pdf); err != nil {
			b.Fatal(err)
		}
	}
	perPage(b)
}

// BenchmarkPdftotext is the reference: poppler's pdftotext -layout on the
// same file, as a process per file.
func BenchmarkPdftotext(b *testing.B) {
	if _, err := exec.LookPath("pdftotext"); err != nil {
		b.Skip("pdftotext (poppler-utils) is not installed")
	}
	file := filepath.Join(b.TempDir(), "order.pdf")
	if err := os.WriteFile(file, benchPDF(b), 0o644); err != nil {
		b.Fatal(err)
	}
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if out, err := exec.Command("pdftotext", "-layout", file, "-").Output(); err != nil || len(out) == 0 {
			b.Fatal(err)
		}
	}
	perPage(b)
}
