package intake

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/warrantdesk/warrantdesk/app"
	"github.com/warrantdesk/warrantdesk/app/extract"
	"github.com/warrantdesk/warrantdesk/storage"
)

// scanText stands in for a PDF whose pages have no text layer.
type scanText struct{ pages int }

// testStore opens a store under a passphrase, deriving its key cheaply.
var testStore = storage.Options{Passphrase: "test passphrase", KDF: &storage.KDFParams{Time: 1, MemoryKiB: 1024, Threads: 1}}

func (s scanText) ReadText(context.Context, []byte) (*app.Document, error) {
	doc := &app.Document{TextSource: app.SourceNone}
	for i := 1; i <= s.pages; i++ {
		doc.Pages = append(doc.Pages, app.PageText{Number: i, Source: app.SourceNone})
	}
	return doc, nil
}

// pageReader returns fixed page texts, as OCR would, page by page.
type pageReader struct {
	texts   map[int]string
	missing error
}

func (r pageReader) Available() error                               { return r.missing }
func (r pageReader) PageCount(context.Context, []byte) (int, error) { return len(r.texts), nil }
func (r pageReader) ReadPages(_ context.Context, _ []byte, pages []int, progress func(int, int, app.PageText)) ([]app.PageText, []string, error) {
	var out []app.PageText
	for i, n := range pages {
		p := app.PageText{Number: n, Text: r.texts[n], Source: app.SourceOCR}
		out = append(out, p)
		progress(i+1, len(pages), p)
	}
	return out, nil, nil
}

func pdfFile(t *testing.T) string {
	f := filepath.Join(t.TempDir(), "scan.pdf")
	os.WriteFile(f, []byte("%PDF-1.4\n(stand-in)\n%%EOF\n"), 0o644)
	return f
}

func TestRead_OCRFieldsArriveEarly(t *testing.T) {
	texts := map[int]string{
		1: "U.S. Department of Justice\nFederal Bureau of Investigation\nFile No. NSL-I6-41O552\nJune 10, 2016\nNATIONAL SECURITY LETTER",
		2: "ATTACHMENT\nIn preparing your response consider the subscriber information requested above.",
	}
	var early []app.Extraction
	im := &Importer{Reader: scanText{2}, Extractor: extract.New(), Scanner: pageReader{texts: texts},
		OnFields: func(_ string, ex app.Extraction) { early = append(early, ex) }}
	r, err := im.Read(context.Background(), pdfFile(t))
	if err != nil {
		t.Fatal(err)
	}
	if r.Document.TextSource != app.SourceOCR || r.Extraction.Field(app.FieldCaseNumber) != "NSL-16-410552" {
		t.Errorf("source %s, case %q", r.Document.TextSource, r.Extraction.Field(app.FieldCaseNumber))
	}
	if len(early) != 2 || early[0].Field(app.FieldIssuedDate) != "2016-06-10" {
		t.Errorf("page 1's fields did not arrive before the file was done: %d updates", len(early))
	}
}

func TestRead_MissingOCRIsAWarning(t *testing.T) {
	hint := &app.Error{Code: app.EINVALID, Message: "OCR needs Tesseract; install it with …"}
	im := &Importer{Reader: scanText{1}, Extractor: extract.New(), Scanner: pageReader{missing: hint}}
	r, err := im.Read(context.Background(), pdfFile(t))
	if err != nil {
		t.Fatal(err)
	}
	if r.Document.TextSource != app.SourceNone || !strings.Contains(strings.Join(r.Extraction.Warnings, "|"), "OCR needs Tesseract") {
		t.Errorf("source %s, warnings %v", r.Document.TextSource, r.Extraction.Warnings)
	}
}

func TestExpand(t *testing.T) {
	dir := t.TempDir()
	for _, f := range []string{"b.pdf", "a.PDF", "notes.txt", "sub/c.pdf"} {
		p := filepath.Join(dir, f)
		os.MkdirAll(filepath.Dir(p), 0o755)
		os.WriteFile(p, []byte("x"), 0o644)
	}
	named := filepath.Join(dir, "notes.txt")
	files, errs := Expand([]string{dir, named, filepath.Join(dir, "missing.pdf"), filepath.Join(dir, "b.pdf")})
	want := []string{"a.PDF", "b.pdf", "sub/c.pdf", "notes.txt"}
	if len(files) != len(want) {
		t.Fatalf("files %v", files)
	}
	for i, w := range want {
		if files[i] != filepath.Join(dir, w) {
			t.Errorf("file %d: %s, want %s", i, files[i], w)
		}
	}
	if len(errs) != 1 || app.ErrorCode(errs[0].Err) != app.EINVALID {
		t.Errorf("errs %+v", errs)
	}
}

func TestReadFile_Refusals(t *testing.T) {
	dir := t.TempDir()
	if _, err := readFile(dir); app.ErrorMessage(err) != "is a folder, not a PDF" {
		t.Errorf("folder: %v", err)
	}
	if _, err := readFile(filepath.Join(dir, "none.pdf")); app.ErrorMessage(err) != "no such file" {
		t.Errorf("missing: %v", err)
	}
	big := filepath.Join(dir, "big.pdf")
	f, _ := os.Create(big)
	f.Truncate(MaxFileSize + 1) // sparse: no disk used
	f.Close()
	if _, err := readFile(big); app.ErrorCode(err) != app.EINVALID {
		t.Errorf("oversized: %v", err)
	}
}

func TestImport_MissingOCR_OutcomeSaysWhy(t *testing.T) {
	store, err := storage.Open(t.TempDir(), testStore)
	if err != nil {
		t.Fatal(err)
	}
	defer store.Close()
	hint := &app.Error{Code: app.EINVALID, Message: "OCR needs Tesseract; install it with …"}
	im := &Importer{Reader: scanText{1}, Extractor: extract.New(), Store: store, Scanner: pageReader{missing: hint}}
	o := im.Import(context.Background(), pdfFile(t))
	if o.Err != nil || !o.NeedsOCR || !errors.Is(o.OCRMissing, hint) {
		t.Fatalf("outcome %+v", o)
	}
	// With OCR turned off nothing is missing: the reviewer chose it.
	store2, err := storage.Open(t.TempDir(), testStore)
	if err != nil {
		t.Fatal(err)
	}
	defer store2.Close()
	im.Store, im.Scanner = store2, nil
	o = im.Import(context.Background(), pdfFile(t))
	if o.Err != nil || o.Duplicate || !o.NeedsOCR || o.OCRMissing != nil {
		t.Errorf("OCR off: outcome %+v", o)
	}
}
