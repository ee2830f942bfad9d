package cli

import (
	"bufio"
	"encoding/binary"
	"io"
	"slices"
	"strconv"
	"strings"
	"text/tabwriter"
	"unicode/utf8"

	"github.com/warrantdesk/warrantdesk/app"
)

// tableColumns is how many cells a row of a streamed table has: every one
// but the last is padded to its column's width.
const tableColumns = 7

// tablePadding is the gap after each column, as the CLI's tabwriters pad.
const tablePadding = 2

// writeTable writes the rows each gives (the same rows, in the same order,
// each time it is called) as text/tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
// would write them tab-separated, byte for byte — without holding them:
// tabwriter keeps every row until it is flushed, which made `list` of
// 300,000 cases hold half a gigabyte. One pass measures the columns, the
// next writes. Should a cell hold a byte tabwriter reads as a control
// (a tab, a line or page break, its escape), the rows go through tabwriter
// itself, so the output never differs.
func writeTable(w io.Writer, each func(row func(cells *[tableColumns]string))) error {
	var widths [tableColumns - 1]int
	plain := true
	each(func(cells *[tableColumns]string) {
		for i, c := range cells {
			if strings.ContainsAny(c, "\t\v\n\f") || strings.IndexByte(c, tabwriter.Escape) >= 0 {
				plain = false
			}
			if i < len(widths) {
				widths[i] = max(widths[i], utf8.RuneCountInString(c)+tablePadding)
			}
		}
	})
	out := bufio.NewWriterSize(w, 64<<10)
	if !plain {
		tw := tabwriter.NewWriter(out, 0, 0, tablePadding, ' ', 0)
		each(func(cells *[tableColumns]string) {
			io.WriteString(tw, strings.Join(cells[:], "\t")+"\n")
		})
		if err := tw.Flush(); err != nil {
			return err
		}
		return out.Flush()
	}
	spaces := strings.Repeat(" ", slices.Max(widths[:]))
	each(func(cells *[tableColumns]string) {
		for i, c := range cells[:len(widths)] {
			out.WriteString(c)
			out.WriteString(spaces[:widths[i]-utf8.RuneCountInString(c)])
		}
		out.WriteString(cells[len(widths)])
		out.WriteByte('\n')
	})
	return out.Flush()
}

// listRow is one case's line of `list`'s table, kept in one string: its
// sort key, then each cell behind its length. A summary is ten times that
// (and its strings hold their whole group of summaries), so `list` of
// 300,000 cases kept the summaries' half a gigabyte to sort and align
// them; the rows are about 200 bytes a case.
type listRow struct {
	text   string
	keyLen int
}

func newListRow(k *app.Summary) listRow {
	deadline := k.Deadline
	if k.Emergency {
		deadline = "EMERGENCY " + deadline
	}
	ref := k.CaseNumber
	if ref == "" {
		ref = k.FileName
	}
	cells := [tableColumns]string{app.ShortID(k.ID), string(k.Status), string(k.ProcessType), ref, dash(deadline), app.Clip(dash(k.Authority), 50), strconv.Itoa(len(k.Targets))}
	n := len(k.SortKey)
	for _, c := range cells {
		n += binary.MaxVarintLen64 + len(c)
	}
	b := append(make([]byte, 0, n), k.SortKey...)
	for _, c := range cells {
		b = binary.AppendUvarint(b, uint64(len(c)))
		b = append(b, c...)
	}
	return listRow{text: string(b), keyLen: len(k.SortKey)}
}

// key is the row's case's sort key (app.UrgencyKey).
func (r listRow) key() string { return r.text[:r.keyLen] }

// cells cuts the row's cells out of its string.
func (r listRow) cells(out *[tableColumns]string) {
	rest := r.text[r.keyLen:]
	for i := range out {
		n, w := binary.Uvarint([]byte(rest[:min(len(rest), binary.MaxVarintLen64)]))
		out[i], rest = rest[w:w+int(n)], rest[w+int(n):]
	}
}
