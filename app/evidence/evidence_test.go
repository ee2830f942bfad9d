package evidence

import (
	"testing"

	"github.com/warrantdesk/warrantdesk/app"
)

func words(texts ...string) []app.Word {
	out := make([]app.Word, len(texts))
	for i, t := range texts {
		out[i] = app.Word{Text: t, X: i * 10, Y: 100, W: 8, H: 12}
	}
	return out
}

func TestFind_ToleratesOCRNoise(t *testing.T) {
	ws := words("In", "re:", "Case", "No.", "2:25-mj-0OO02,", "filed", "Case", "No.", "2:25-mj-00002")
	p := Find(ws, "Case No. 2:25-mj-00002 filed", "2:25-mj-00002")
	if len(p.Snippet) != 4 || p.Snippet[0].Text != "Case" || len(p.Value) != 1 || p.Value[0].Text != "2:25-mj-00002" {
		t.Errorf("snippet %+v, value %+v", p.Snippet, p.Value)
	}
	if q := Find(ws, "nothing like it", "absent"); q.Found() {
		t.Errorf("found %+v for text that is not there", q)
	}
	b, ok := p.Bounds()
	if !ok || b.X0 != 20 || b.X1 != 88 || b.Y0 != 100 || b.Y1 != 112 {
		t.Errorf("bounds %+v", b)
	}
}

func TestFind_ValueElsewhereAndWordSplits(t *testing.T) {
	// A text layer splits "Smith," from nothing: the key ignores the comma.
	ws := words("Printed", "name:", "Jane", "Q.", "Smith,", "Judge", "…", "mallory@example.net")
	p := Find(ws, "Printed name: Jane Q. Smith", "Jane Q. Smith")
	if len(p.Value) != 3 || p.Value[2].Text != "Smith," {
		t.Errorf("value %+v", p.Value)
	}
	// The snippet is not on the page, the value is.
	p = Find(ws, "something else entirely here", "mallory@example.net")
	if p.Snippet != nil || len(p.Value) != 1 {
		t.Errorf("%+v", p)
	}
	if _, ok := (Place{}).Bounds(); ok {
		t.Error("bounds of nothing")
	}
}
