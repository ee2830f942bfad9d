package cli

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/warrantdesk/warrantdesk/app"
	"github.com/warrantdesk/warrantdesk/app/extract"
	"github.com/warrantdesk/warrantdesk/storage"
)

// scanReader reads every file as a one-page scan: no text.
type scanReader struct{}

func (scanReader) ReadText(context.Context, []byte) (*app.Document, error) {
	return &app.Document{Pages: []app.PageText{{Number: 1, Source: app.SourceNone}}, TextSource: app.SourceNone}, nil
}

// noTesseract is an OCR reader whose program is not installed.
type noTesseract struct{}

func (noTesseract) Available() error {
	return &app.Error{Code: app.EINVALID, Message: "OCR needs Tesseract; install it with: sudo apt-get install tesseract-ocr"}
}
func (noTesseract) PageCount(context.Context, []byte) (int, error) { return 1, nil }
func (noTesseract) ReadPages(context.Context, []byte, []int, func(int, int, app.PageText)) ([]app.PageText, []string, error) {
	return nil, nil, errors.New("not installed")
}

func TestImportAll_TesseractMissing_SaidOnceWithTheInstallCommand(t *testing.T) {
	dir := t.TempDir()
	store, err := storage.Open(filepath.Join(dir, "data"), storage.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer store.Close()
	var files []string
	for _, name := range []string{"a.pdf", "b.pdf", "c.pdf", "d.pdf", "e.pdf", "f.pdf"} {
		f := filepath.Join(dir, name)
		if err := os.WriteFile(f, []byte("%PDF-1.4 scan "+name), 0o600); err != nil {
			t.Fatal(err)
		}
		files = append(files, f)
	}
	c := &command{deps: Deps{
		NewReader:  func(time.Duration) app.TextReader { return scanReader{} },
		Extractor:  extract.New(),
		NewScanner: func(string) app.PageReader { return noTesseract{} },
		Getenv:     func(string) string { return "" },
		Now:        time.Now,
	}}
	importAll := c.importAll(store)
	var results []string
	for _, batch := range [][]string{files[:3], files[3:]} { // two imports in one desk session
		importAll(context.Background(), batch, func(done, total int, file, result string, failed bool) {
			if failed {
				t.Errorf("%s failed: %s", file, result)
			}
			results = append(results, result)
		})
	}
	hints := 0
	for _, r := range results {
		if !strings.Contains(r, "needs OCR") {
			t.Errorf("result %q: not a new case needing OCR", r)
		}
		if strings.Contains(r, "sudo apt-get install tesseract-ocr") {
			hints++
		}
	}
	if len(results) != 6 || hints != 1 {
		t.Fatalf("want 6 results with the install command once, got %d with it %d times: %q", len(results), hints, results)
	}
}
