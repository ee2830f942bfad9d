package report

import (
	"encoding/csv"
	"io"
	"strings"
	"unicode"
)

// WriteCSV writes the log as CSV: a header of Columns(), then one record per
// row, every cell guarded against formula injection (SafeCell).
func WriteCSV(w io.Writer, rows []Row) error {
	cw, err := NewCSV(w)
	if err != nil {
		return err
	}
	for _, r := range rows {
		if err := cw.Write(r); err != nil {
			return err
		}
	}
	return cw.Flush()
}

// CSV writes the log a row at a time, as WriteCSV does all at once.
type CSV struct {
	cw   *csv.Writer
	cols []string
	rec  []string
}

// NewCSV writes the header and returns the writer for the rows.
func NewCSV(w io.Writer) (*CSV, error) {
	c := &CSV{cw: csv.NewWriter(w), cols: Columns()}
	c.rec = make([]string, len(c.cols))
	return c, c.cw.Write(c.cols)
}

// Write writes one row.
func (c *CSV) Write(r Row) error {
	for i, col := range c.cols {
		c.rec[i] = SafeCell(r[col])
	}
	return c.cw.Write(c.rec)
}

// Flush writes what is buffered.
func (c *CSV) Flush() error {
	c.cw.Flush()
	return c.cw.Error()
}

// SafeCell keeps a spreadsheet from running text an order put in a field
// as a formula (CSV injection): a cell whose first character past any
// blanks and line breaks is =, +, -, @ (or their full-width forms, which
// some spreadsheets take too), a tab or a carriage return gets a leading
// quote mark. Spreadsheets skip leading blanks before they look for a
// formula, so checking only the very first character lets " =cmd|…" through.
func SafeCell(s string) string {
	first := strings.TrimLeftFunc(s, func(r rune) bool {
		return unicode.IsSpace(r) && r != '\t' && r != '\r' || r == '\u200b' || r == '\ufeff'
	})
	if first == "" {
		return s
	}
	switch []rune(first)[0] {
	case '=', '+', '-', '@', '\t', '\r', '＝', '＋', '－', '＠':
		return "'" + s
	}
	return s
}
