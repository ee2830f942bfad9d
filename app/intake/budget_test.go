package intake

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/warrantdesk/warrantdesk/app"
	"github.com/warrantdesk/warrantdesk/app/extract"
)

// slowPages reads one page per tick, as slow OCR would, and stops with
// ctx's error and the pages read so far.
type slowPages struct {
	tick  time.Duration
	count int
}

func (s *slowPages) Available() error { return nil }
func (s *slowPages) PageCount(context.Context, []byte) (int, error) {
	return s.count, nil
}
func (s *slowPages) ReadPages(ctx context.Context, _ []byte, pages []int, progress func(int, int, app.PageText)) ([]app.PageText, []string, error) {
	var out []app.PageText
	for _, n := range pages {
		select {
		case <-ctx.Done():
			return out, nil, ctx.Err()
		case <-time.After(s.tick):
		}
		out = append(out, app.PageText{Number: n, Text: "UNITED STATES DISTRICT COURT for the district of the order", Source: app.SourceOCR})
	}
	return out, nil, nil
}

func TestRead_OCRPageCapIsSaid(t *testing.T) {
	im := &Importer{Reader: scanText{5}, Extractor: extract.New(), Scanner: &slowPages{}, OCRPages: 2}
	r, err := im.Read(context.Background(), pdfFile(t))
	if err != nil {
		t.Fatal(err)
	}
	if got := r.Document.Pages; got[1].Source != app.SourceOCR || got[2].Source != app.SourceNone {
		t.Errorf("pages %+v", got)
	}
	want := "pages 3–5 not read: WarrantDesk OCRs 2 pages of a file at most; they stay marked as needing OCR"
	if !strings.Contains(strings.Join(r.Extraction.Warnings, "\n"), want) {
		t.Errorf("warnings %q lack %q", r.Extraction.Warnings, want)
	}
}

func TestRead_OCRTimeBudgetKeepsWhatWasRead(t *testing.T) {
	im := &Importer{Reader: scanText{6}, Extractor: extract.New(), Scanner: &slowPages{tick: 200 * time.Millisecond}, OCRTime: 500 * time.Millisecond}
	r, err := im.Read(context.Background(), pdfFile(t))
	if err != nil {
		t.Fatal(err)
	}
	read := 0
	for _, p := range r.Document.Pages {
		if p.Source == app.SourceOCR {
			read++
		}
	}
	if read != 2 {
		t.Errorf("%d pages read by OCR in 0.5 s at 0.2 s a page", read)
	}
	if !strings.Contains(strings.Join(r.Extraction.Warnings, "\n"), "pages 3–6 not read: the file's OCR ran past its 500ms time budget") {
		t.Errorf("warnings %q", r.Extraction.Warnings)
	}
}

// failing is a text reader that cannot open the file.
type failing struct{ err error }

func (f failing) ReadText(context.Context, []byte) (*app.Document, error) { return nil, f.err }

func TestRead_EncryptedIsNotOCRd(t *testing.T) {
	scanner := &slowPages{count: 3}
	im := &Importer{Reader: failing{app.Errorf(app.EENCRYPTED, "could not read PDF: it is encrypted with a password")}, Extractor: extract.New(), Scanner: scanner}
	_, err := im.Read(context.Background(), pdfFile(t))
	if app.ErrorCode(err) != app.EENCRYPTED {
		t.Fatalf("got %v", err)
	}
	// A file the reader could not open otherwise falls back to OCR,
	// kept to the page cap.
	im = &Importer{Reader: failing{app.Errorf(app.EUNREADABLE, "could not read PDF: gave up after 10 s")}, Extractor: extract.New(),
		Scanner: &slowPages{count: 5}, MaxPages: 3}
	r, err := im.Read(context.Background(), pdfFile(t))
	if err != nil {
		t.Fatal(err)
	}
	if len(r.Document.Pages) != 3 || !strings.Contains(strings.Join(r.Extraction.Warnings, "\n"), "pages 4–5 not read: WarrantDesk reads the first 3 pages of a file") {
		t.Errorf("%d pages, warnings %q", len(r.Document.Pages), r.Extraction.Warnings)
	}
}

func TestReadAll_InOrder(t *testing.T) {
	var files []string
	for i := 0; i < 6; i++ {
		files = append(files, pdfFile(t))
	}
	files = append(files, "/no/such/file.pdf")
	im := &Importer{Reader: scanText{1}, Extractor: extract.New(), Parallel: 3}
	var got []string
	im.ReadAll(context.Background(), files, func(f string, r *Read, err error) {
		got = append(got, f)
		if (err != nil) != (f == "/no/such/file.pdf") {
			t.Errorf("%s: %v", f, err)
		}
	})
	if strings.Join(got, "|") != strings.Join(files, "|") {
		t.Errorf("order %q", got)
	}
}

// brokenOCR fails a whole file, as a renderer that cannot open it does.
type brokenOCR struct{ slowPages }

func (brokenOCR) ReadPages(context.Context, []byte, []int, func(int, int, app.PageText)) ([]app.PageText, []string, error) {
	return nil, nil, app.Errorf(app.EUNREADABLE, "could not render the file: PDFium stopped on it (a damaged or hostile page)")
}

func TestRead_OCRFailureSaidOnce(t *testing.T) {
	im := &Importer{Reader: scanText{1}, Extractor: extract.New(), Scanner: &brokenOCR{}}
	r, err := im.Read(context.Background(), pdfFile(t))
	if err != nil {
		t.Fatal(err)
	}
	all := strings.Join(r.Extraction.Warnings, "\n")
	if strings.Count(all, "OCR failed") != 1 || !strings.Contains(all, "OCR failed: could not render the file: PDFium stopped on it") {
		t.Errorf("warnings %q", r.Extraction.Warnings)
	}
}
