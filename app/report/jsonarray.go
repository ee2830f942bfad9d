package report

import (
	"bytes"
	"encoding/json"
	"io"
)

// JSONArray writes a JSON array one element at a time, byte for byte as
// an encoder with two-space indentation and no HTML escaping writes the
// whole slice, so a list of a million cases streams with flat memory and
// its output does not change.
type JSONArray struct {
	w   io.Writer
	buf bytes.Buffer
	enc *json.Encoder
	n   int
}

// NewJSONArray starts an array on w.
func NewJSONArray(w io.Writer) *JSONArray {
	a := &JSONArray{w: w}
	a.enc = json.NewEncoder(&a.buf)
	a.enc.SetEscapeHTML(false)
	a.enc.SetIndent("  ", "  ")
	return a
}

// Add writes one element.
func (a *JSONArray) Add(v any) error {
	a.buf.Reset()
	if a.n == 0 {
		a.buf.WriteString("[\n  ")
	} else {
		a.buf.WriteString(",\n  ")
	}
	if err := a.enc.Encode(v); err != nil {
		return err
	}
	a.buf.Truncate(a.buf.Len() - 1) // the encoder's newline
	a.n++
	_, err := a.w.Write(a.buf.Bytes())
	return err
}

// Close ends the array.
func (a *JSONArray) Close() error {
	end := "\n]\n"
	if a.n == 0 {
		end = "[]\n"
	}
	_, err := io.WriteString(a.w, end)
	return err
}
