package pdftext

import (
	"context"
	"errors"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/go-pdf/fpdf"
	"github.com/warrantdesk/warrantdesk/app"
	"github.com/warrantdesk/warrantdesk/app/crafted"
)

// TestMain lets this test binary serve as its own PDF worker, the way the
// real binary does: Isolated re-executes os.Args[0] with "worker pdftext".
func TestMain(m *testing.M) {
	if len(os.Args) > 2 && os.Args[1] == "worker" && os.Args[2] == "pdftext" {
		os.Exit(ServeWorker(os.Args[3:], os.Stdin, os.Stdout))
	}
	if os.Getenv("PDFTEXT_TEST_ROLE") == "reading parent" {
		// An app reading a PDF that loops forever, to be killed.
		r := testReader(time.Minute)
		r.Command = []string{os.Args[0], "worker", "pdftext"}
		r.ReadText(context.Background(), crafted.Craft(crafted.OnePage("BT /F1 12 Tf 72 700 Td (Hello) Tj ET"), "/Prev XREF", 0))
		os.Exit(0)
	}
	if len(os.Args) > 2 && os.Args[1] == "worker" && os.Args[2] == "hang" {
		// Stands in for a parser stuck in a loop.
		time.Sleep(time.Minute)
	}
	os.Exit(m.Run())
}

func testReader(timeout time.Duration) *Isolated {
	r := NewIsolated([]string{os.Args[0], "worker", "pdftext"}, 2)
	r.Timeout = timeout
	r.MemoryLimit = 512 << 20
	return r
}

func textPDF(t testing.TB, pages ...string) []byte {
	t.Helper()
	f := fpdf.New("P", "pt", "Letter", "")
	f.SetFont("Helvetica", "", 11)
	for _, p := range pages {
		f.AddPage()
		f.MultiCell(0, 14, p, "", "L", false)
	}
	var b strings.Builder
	if err := f.Output(&b); err != nil {
		t.Fatal(err)
	}
	return []byte(b.String())
}

func TestIsolated_ReadText_TextPDF(t *testing.T) {
	pdf := textPDF(t,
		"UNITED STATES DISTRICT COURT\nfor the Northern District of California\nCase No. 3:25-mj-70412",
		"ATTACHMENT A\nThe account jane.doe@example.com stored at Example Corp.")
	doc, err := testReader(10*time.Second).ReadText(context.Background(), pdf)
	if err != nil {
		t.Fatal(err)
	}
	if len(doc.Pages) != 2 {
		t.Fatalf("got %d pages, want 2", len(doc.Pages))
	}
	if doc.TextSource != app.SourceText {
		t.Errorf("text source %q, want text", doc.TextSource)
	}
	if !strings.Contains(doc.Pages[0].Text, "Case No. 3:25-mj-70412") {
		t.Errorf("page 1 text lost words: %q", doc.Pages[0].Text)
	}
	if !strings.Contains(doc.Pages[1].Text, "jane.doe@example.com") {
		t.Errorf("page 2 text lost the email: %q", doc.Pages[1].Text)
	}
	if !strings.Contains(doc.Pages[0].Text, "\n") {
		t.Errorf("page 1 text lost its line breaks: %q", doc.Pages[0].Text)
	}
}

func TestIsolated_ReadText_HostileFilesFailCleanly(t *testing.T) {
	const timeout = 5 * time.Second
	r := testReader(timeout)
	for name, pdf := range hostile() {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			start := time.Now()
			doc, err := r.ReadText(context.Background(), pdf)
			elapsed := time.Since(start)
			// A slow machine under -race gets slack; a hang would take
			// forever, which is what this guards against.
			if elapsed > timeout+10*time.Second {
				t.Errorf("took %s, limit was %s", elapsed, timeout)
			}
			if err == nil {
				// Recovering some text from a damaged file is fine;
				// what matters is that nothing hangs or crashes, and that
				// a bomb's output stays capped.
				total := 0
				for _, p := range doc.Pages {
					total += len(p.Text)
				}
				if total > maxTotalText {
					t.Errorf("returned %d bytes of text, cap is %d", total, maxTotalText)
				}
				return
			}
			if code := app.ErrorCode(err); code != app.EUNREADABLE && code != app.EENCRYPTED {
				t.Errorf("error code %q, want %q: %v", app.ErrorCode(err), app.EUNREADABLE, err)
			}
			if !strings.HasPrefix(app.ErrorMessage(err), "could not read PDF: ") {
				t.Errorf("message %q does not say what happened", app.ErrorMessage(err))
			}
			t.Logf("%s in %s", app.ErrorMessage(err), elapsed.Round(time.Millisecond))
		})
	}
}

func TestIsolated_ReadText_TimeoutSaysSo(t *testing.T) {
	r := NewIsolated([]string{os.Args[0], "worker", "hang"}, 1)
	r.Timeout = 300 * time.Millisecond
	_, err := r.ReadText(context.Background(), []byte("%PDF-1.4\n"))
	if err == nil || app.ErrorMessage(err) != "could not read PDF: gave up after 300ms" {
		t.Fatalf("got %v, want the give-up message", err)
	}
}

func TestIsolated_ReadText_CancelStopsWorker(t *testing.T) {
	r := NewIsolated([]string{os.Args[0], "worker", "hang"}, 1)
	ctx, cancel := context.WithCancel(context.Background())
	time.AfterFunc(200*time.Millisecond, cancel)
	start := time.Now()
	_, err := r.ReadText(ctx, []byte("%PDF-1.4\n"))
	if !errors.Is(err, context.Canceled) {
		t.Fatalf("got %v, want context.Canceled", err)
	}
	if time.Since(start) > 5*time.Second {
		t.Fatal("cancel did not stop the worker")
	}
}

func TestIsolated_ReadText_Encrypted(t *testing.T) {
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
	if err == nil || !strings.Contains(app.ErrorMessage(err), "encrypted") {
		t.Fatalf("got %v, want an 'encrypted' error", err)
	}
}

func TestUsable(t *testing.T) {
	for _, tc := range []struct {
		text string
		want bool
	}{
		{"", false},
		{"UNITED STATES DISTRICT COURT for the Eastern District of Virginia", true},
		{"1:25-mj-00123 04/22/2025 12345 67890 555-0100 555-0101 555-0102 555-0103", true},
		{"qxzvbnm rtzkpwq jjhgfdsx zxcvbnmq plkmjnhb vcxzlkjh wqrtzpsd mnbvcxzl", false},
		{"\uFFFD\uFFFD\uFFFD\uFFFD\uFFFD\uFFFD\uFFFD\uFFFD \uFFFD\uFFFD\uFFFD Court of the district", false},
	} {
		if got := Usable(tc.text); got != tc.want {
			t.Errorf("Usable(%q) = %v, want %v", tc.text, got, tc.want)
		}
	}
}

func TestNormaliseHeader_PDF20(t *testing.T) {
	pdf := textPDF(t, "Grand jury subpoena for records of the account example")
	pdf20 := append([]byte("%PDF-2.0\n"), pdf[9:]...)
	doc, err := ReadPages(pdf20)
	if err != nil {
		t.Fatalf("PDF 2.0 header: %v", err)
	}
	if !strings.Contains(doc.Pages[0].Text, "Grand jury subpoena") {
		t.Errorf("text %q", doc.Pages[0].Text)
	}
}

func TestUsable_BackwardsLayerIsNotUsable(t *testing.T) {
	// As read from a real upside-down scan's OCR layer: words reversed one
	// by one, some read the right way.
	layer := "Accordingly, dna tnetsisnoc htiw ,wal uoy yam esicrexe your discretion ot esolcsid the :gniwollof\n" +
		"ehT tcaf that uoy deviecer eht LSN on a niatrec ;etad ehT remotsuc )s(tnuocca rof hcihw noitamrofni was sought"
	if Usable(layer) {
		t.Error("a backwards text layer was taken as usable")
	}
	if !Usable("Accordingly, and consistent with law, you may exercise your discretion to disclose the following") {
		t.Error("the same sentence the right way round was rejected")
	}
}
