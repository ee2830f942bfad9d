package report

import (
	"bytes"
	"encoding/json"
	"testing"
)

// TestJSONArray_SameBytesAsTheWholeSlice: streaming changes nothing a tool
// reading the output sees.
func TestJSONArray_SameBytesAsTheWholeSlice(t *testing.T) {
	for _, rows := range [][]Row{{}, {{"a": "<b>&"}}, {{"a": "1", "b": "2"}, {"c": "x\ny"}, {}}} {
		var want, got bytes.Buffer
		enc := json.NewEncoder(&want)
		enc.SetEscapeHTML(false)
		enc.SetIndent("", "  ")
		enc.Encode(rows)
		a := NewJSONArray(&got)
		for _, r := range rows {
			if err := a.Add(r); err != nil {
				t.Fatal(err)
			}
		}
		a.Close()
		if got.String() != want.String() {
			t.Errorf("streamed\n%q\nwhole\n%q", got.String(), want.String())
		}
	}
}
