package main

import (
	"encoding/json"
	"strings"
	"testing"
)

// TestCLI_ImportJSONTellsTheFirstPage: a scan's first page's fields are on
// stdout, as a "first_page" line, before the file's outcome.
func TestCLI_ImportJSONTellsTheFirstPage(t *testing.T) {
	file := corpusFile(t, "court-order-2016-edva-2705b-superseding-order-open-whisper-systems.pdf")
	if !haveTesseract() {
		t.Skip("tesseract is not installed (make test installs it): skipping OCR")
	}
	r := run(t, t.TempDir(), "import", "--json", file)
	if r.code != 0 {
		t.Fatalf("exit %d\n%s\n%s", r.code, r.stdout, r.stderr)
	}
	lines := strings.Split(strings.TrimSpace(r.stdout), "\n")
	if len(lines) != 2 {
		t.Fatalf("want a first_page line and the outcome, got:\n%s", r.stdout)
	}
	var first struct {
		File      string `json:"file"`
		Status    string `json:"status"`
		FirstPage struct {
			TextSource  string `json:"text_source"`
			ProcessType string `json:"process_type"`
		} `json:"first_page"`
	}
	if err := json.Unmarshal([]byte(lines[0]), &first); err != nil {
		t.Fatal(err)
	}
	if first.Status != "first_page" || first.File != file || first.FirstPage.TextSource != "ocr" || first.FirstPage.ProcessType == "" {
		t.Errorf("first line %s", lines[0])
	}
	var outcome struct{ Status string }
	json.Unmarshal([]byte(lines[1]), &outcome)
	if outcome.Status != "created" {
		t.Errorf("second line %s", lines[1])
	}
}
