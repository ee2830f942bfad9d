package scan

import (
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"sync"
	"testing"

	"github.com/warrantdesk/warrantdesk/app/ocr"
	"github.com/warrantdesk/warrantdesk/app/render"
)

// benchScan is a typical 4-page scan from the shared corpus.
const benchScan = "nsl-2013-credo-mobile-13-364689.pdf"

func scanFile(b *testing.B) []byte {
	b.Helper()
	data, err := os.ReadFile(filepath.Join("..", "..", "..", "shared", "corpus", benchScan))
	if err != nil {
		b.Skipf("the shared corpus is not beside this checkout: %v", err)
	}
	if !(&ocr.Tesseract{}).Available() {
		b.Skip("tesseract is not installed")
	}
	return data
}

var pages = []int{1, 2, 3, 4}

// BenchmarkScanner_FourPages is what an import of a 4-page scan pays for
// OCR: PDFium-wasm renders at 300 dpi and Tesseract reads, 2 pages at once.
func BenchmarkScanner_FourPages(b *testing.B) {
	data := scanFile(b)
	s := &Scanner{Renderer: render.New(filepath.Join(os.TempDir(), "warrantdesk-bench-pdfium"), 2), OCR: &ocr.Tesseract{}, Parallel: 2}
	defer s.Renderer.Close()
	if _, err := s.Renderer.PageCount(context.Background(), data); err != nil { // start-up outside the timing
		b.Fatal(err)
	}
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if _, _, err := s.ReadPages(context.Background(), data, pages, nil); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(b.Elapsed().Seconds()/float64(b.N*len(pages)), "s/page")
}

// BenchmarkReference_PdftoppmTesseract is the reference: poppler's pdftoppm
// at 300 dpi in grey, then tesseract on each page, 2 pages at once.
func BenchmarkReference_PdftoppmTesseract(b *testing.B) {
	data := scanFile(b)
	if _, err := exec.LookPath("pdftoppm"); err != nil {
		b.Skip("pdftoppm is not installed")
	}
	dir := b.TempDir()
	file := filepath.Join(dir, "scan.pdf")
	os.WriteFile(file, data, 0o644)
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		var wg sync.WaitGroup
		sem := make(chan struct{}, 2)
		for _, p := range pages {
			wg.Add(1)
			sem <- struct{}{}
			go func(p int) {
				defer wg.Done()
				defer func() { <-sem }()
				prefix := filepath.Join(dir, fmt.Sprintf("p%d", p))
				if err := exec.Command("pdftoppm", "-r", "300", "-gray", "-png", "-singlefile", "-f", fmt.Sprint(p), "-l", fmt.Sprint(p), file, prefix).Run(); err != nil {
					b.Error(err)
					return
				}
				cmd := exec.Command("tesseract", prefix+".png", "stdout", "--psm", "1", "tsv")
				cmd.Env = append(os.Environ(), "OMP_THREAD_LIMIT=1")
				if err := cmd.Run(); err != nil {
					b.Error(err)
				}
			}(p)
		}
		wg.Wait()
	}
	b.ReportMetric(b.Elapsed().Seconds()/float64(b.N*len(pages)), "s/page")
}

// BenchmarkRender_PDFium and BenchmarkRender_Pdftoppm compare the renderers
// alone on the same pages at 300 dpi.
func BenchmarkRender_PDFium(b *testing.B) {
	data := scanFile(b)
	r := render.New(filepath.Join(os.TempDir(), "warrantdesk-bench-pdfium"), 1)
	defer r.Close()
	r.PageCount(context.Background(), data)
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if err := r.Render(context.Background(), data, pages, 300, func(_ int, _ render.Page, err error) error { return err }); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(b.Elapsed().Seconds()/float64(b.N*len(pages)), "s/page")
}

func BenchmarkRender_Pdftoppm(b *testing.B) {
	data := scanFile(b)
	dir := b.TempDir()
	file := filepath.Join(dir, "scan.pdf")
	os.WriteFile(file, data, 0o644)
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if err := exec.Command("pdftoppm", "-r", "300", "-gray", "-png", "-f", "1", "-l", "4", file, filepath.Join(dir, "p")).Run(); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(b.Elapsed().Seconds()/float64(b.N*len(pages)), "s/page")
}
