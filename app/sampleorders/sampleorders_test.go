package sampleorders

import (
	"bytes"
	"testing"
	"time"

	"github.com/warrantdesk/warrantdesk/app"
)

func TestGenerate_DeterministicAndComplete(t *testing.T) {
	a, err := Generate(5, len(templates))
	if err != nil {
		t.Fatal(err)
	}
	b, _ := Generate(5, len(templates))
	kinds := map[app.ProcessType]bool{}
	for i := range a {
		if a[i].Name != b[i].Name || a[i].Truth.Fields[app.FieldCaseNumber] != b[i].Truth.Fields[app.FieldCaseNumber] {
			t.Errorf("seed 5 gave different orders at %d", i)
		}
		if !bytes.HasPrefix(a[i].PDF, []byte("%PDF-")) {
			t.Errorf("%s is not a PDF", a[i].Name)
		}
		tr := a[i].Truth
		if tr.ProcessType == "" || (tr.Fields[app.FieldCaseNumber] == "" && len(tr.FakeSigns) == 0) || tr.Fields[app.FieldIssuedDate] == "" {
			t.Errorf("%s: truth lacks type, case number or date: %+v", a[i].Name, tr)
		}
		kinds[tr.ProcessType] = true
	}
	if len(kinds) < len(templates)-4 {
		t.Errorf("only %d process types among %d templates", len(kinds), len(templates))
	}
}

func TestGenerateAround_DatesNearNow(t *testing.T) {
	now := time.Date(2026, 11, 28, 0, 0, 0, 0, time.UTC)
	orders, err := GenerateAround(9, 19, now)
	if err != nil {
		t.Fatal(err)
	}
	for _, o := range orders {
		d, err := time.Parse(time.DateOnly, o.Truth.Fields[app.FieldIssuedDate])
		if err != nil || d.After(now) || d.Before(now.AddDate(0, 0, -14)) {
			t.Errorf("%s issued %v, want within 14 days before %s", o.Name, d, now.Format(time.DateOnly))
		}
	}
}
