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
	cw := csv.NewWriter(w)
	cols := Columns()
	if err := cw.Write(cols); err != nil {
		return err
	}
	rec := make([]string, len(cols))
	for _, r := range rows {
		for i, col := range cols {
			rec[i] = SafeCell(r[col])
		}
		if err := cw.Write(rec); err != nil {
			return err
		}
	}
	cw.Flush()
	return cw.Error()
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
