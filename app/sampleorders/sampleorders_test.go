package sampleorders

import (
	"bytes"
	"testing"

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
		if tr.ProcessType == "" || tr.Fields[app.FieldCaseNumber] == "" || tr.Fields[app.FieldIssuedDate] == "" {
			t.Errorf("%s: truth lacks type, case number or date: %+v", a[i].Name, tr)
		}
		kinds[tr.ProcessType] = true
	}
	if len(kinds) < len(templates)-1 {
		t.Errorf("only %d process types among %d templates", len(kinds), len(templates))
	}
}
