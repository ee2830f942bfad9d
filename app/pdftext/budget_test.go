package pdftext

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/go-pdf/fpdf"
	"github.com/warrantdesk/warrantdesk/app"
	"github.com/warrantdesk/warrantdesk/app/crafted"
)

func TestIsolated_EncryptedHasItsOwnCode(t *testing.T) {
	f := fpdf.New("P", "pt", "Letter", "")
	f.SetProtection(fpdf.CnProtectPrint, "user-secret", "owner-secret")
	f.SetFont("Helvetica", "", 11)
	f.AddPage()
	f.Cell(0, 14, "Sealed order")
	var b strings.Builder
	if err := f.Output(&b); err != nil {
		t.Fatal(err)
	}
	_, err := testReader(10*time.Second).ReadText(context.Background(), []byte(b.String()))
	if app.ErrorCode(err) != app.EENCRYPTED {
		t.Fatalf("code %q (%v), want %q", app.ErrorCode(err), err, app.EENCRYPTED)
	}
}

// TestIsolated_LongTextFileIsReadNotOCRd: a file past the page cap keeps
// its pages as text, and the pages not read are said, not handed to OCR.
func TestIsolated_LongTextFileIsReadNotOCRd(t *testing.T) {
	var pages []string
	for i := 1; i <= 60; i++ {
		pages = append(pages, fmt.Sprintf("Page %d of the production. The account records follow in the attachment to this subpoena.", i))
	}
	r := testReader(10 * time.Second)
	r.MaxPages = 25
	doc, err := r.ReadText(context.Background(), textPDF(t, pages...))
	if err != nil {
		t.Fatal(err)
	}
	if len(doc.Pages) != 25 {
		t.Fatalf("read %d pages, want the first 25", len(doc.Pages))
	}
	for _, p := range doc.Pages {
		if p.Source != app.SourceText {
			t.Fatalf("page %d is %q, want text", p.Number, p.Source)
		}
	}
	want := "pages 26–60 not read: WarrantDesk reads the first 25 pages of a file"
	if !contains(doc.Warnings, want) {
		t.Errorf("warnings %q lack %q", doc.Warnings, want)
	}
}

// TestIsolated_DeadlineKeepsThePagesRead: a file whose third page loops
// forever comes back with its first two pages and a warning for the third.
func TestIsolated_DeadlineKeepsThePagesRead(t *testing.T) {
	text := "BT /F1 12 Tf 72 700 Td (Search warrant for the account named in attachment A of this order) Tj ET"
	objs := []string{
		"<< /Type /Catalog /Pages 2 0 R >>",
		"<< /Type /Pages /Kids [3 0 R 6 0 R 7 0 R] /Count 3 >>",
		"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >>",
		"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
		stream("", []byte(text)),
		"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >>",
		// Its own parent, without resources: the parser's text walk
		// looks them up the tree forever.
		"<< /Type /Page /Parent 7 0 R /MediaBox [0 0 612 792] /Contents 5 0 R >>",
	}
	r := testReader(2 * time.Second)
	r.PerPage = time.Millisecond
	start := time.Now()
	doc, err := r.ReadText(context.Background(), craft(objs, "", 0))
	if err != nil {
		t.Fatalf("%v after %s", err, time.Since(start))
	}
	if len(doc.Pages) != 2 {
		t.Fatalf("got %d pages, want the 2 before the loop", len(doc.Pages))
	}
	if !contains(doc.Warnings, "page 3 not read: gave up after 2 s") {
		t.Errorf("warnings %q", doc.Warnings)
	}
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// TestIsolated_50000PageTextFile: the first 2,000 pages of a 50,000-page
// text file are read as text, and the rest are named. (Within the default
// budget it takes about 2 s; the race detector's workers are many times
// slower, so the test gives them a minute.)
func TestIsolated_50000PageTextFile(t *testing.T) {
	start := time.Now()
	doc, err := testReader(time.Minute).ReadText(context.Background(), crafted.LongText(50000))
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("read in %s", time.Since(start).Round(time.Millisecond))
	if len(doc.Pages) != MaxPages || doc.TextSource != app.SourceText {
		t.Fatalf("%d pages, source %s", len(doc.Pages), doc.TextSource)
	}
	if want := "pages 2,001–50,000 not read: WarrantDesk reads the first 2,000 pages of a file"; !contains(doc.Warnings, want) {
		t.Errorf("warnings %q lack %q", doc.Warnings, want)
	}
}
