package report

import (
	"bytes"
	"encoding/csv"
	"testing"
)

func TestSafeCell(t *testing.T) {
	for in, want := range map[string]string{
		"=HYPERLINK(\"x\")":   "'=HYPERLINK(\"x\")",
		" =cmd|' /C calc'!A0": "' =cmd|' /C calc'!A0",
		"\n=1+1":              "'\n=1+1",
		"\r\n@SUM(A1)":        "'\r\n@SUM(A1)",
		"\u00a0+1":            "'\u00a0+1",
		"＝1+1":                "'＝1+1",
		"\t-2":                "'\t-2",
		"-":                   "'-",
		"2025-03-04":          "2025-03-04",
		"jane@example.com":    "jane@example.com",
		"":                    "",
		"   ":                 "   ",
	} {
		if got := SafeCell(in); got != want {
			t.Errorf("SafeCell(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestWriteCSV_EveryCellGuarded(t *testing.T) {
	var b bytes.Buffer
	if err := WriteCSV(&b, []Row{{"id": "1", "rationale": " =1+1", "file": "\n@evil.pdf"}}); err != nil {
		t.Fatal(err)
	}
	recs, err := csv.NewReader(&b).ReadAll()
	if err != nil || len(recs) != 2 {
		t.Fatalf("%v %v", recs, err)
	}
	for i, col := range Columns() {
		if v := recs[1][i]; (col == "rationale" || col == "file") && v[0] != '\'' {
			t.Errorf("%s: %q unguarded", col, v)
		}
	}
}
