package evaluation

import (
	"fmt"
	"io"
	"sort"
)

// Print writes the report: per-field accuracy, the score of born-digital
// and scanned orders, the calibration table, then up to misses misses,
// grouped by file.
func (r *Report) Print(w io.Writer, misses int) {
	fmt.Fprintf(w, "%d orders evaluated", r.Files)
	if len(r.Failed) > 0 {
		fmt.Fprintf(w, ", %d could not be read", len(r.Failed))
	}
	fmt.Fprintln(w)
	names := make([]string, 0, len(r.Fields))
	for n := range r.Fields {
		names = append(names, n)
	}
	sort.Strings(names)
	// One column per source group when the set holds both kinds.
	groups := []string{}
	for _, g := range []string{SourceBornDigital, SourceScanned} {
		if r.Sources[g] != nil && len(r.Sources) > 1 {
			groups = append(groups, g)
		}
	}
	if len(groups) > 0 {
		fmt.Fprintf(w, "  %-18s %-15s", "", "all")
		for _, g := range groups {
			fmt.Fprintf(w, " %-15s", g)
		}
		fmt.Fprintln(w)
	}
	cell := func(s *Score) string {
		if s == nil || s.Total == 0 {
			return fmt.Sprintf("%-15s", "-")
		}
		return fmt.Sprintf("%-15s", fmt.Sprintf("%.3f (%d/%d)", s.Accuracy(), s.Right, s.Total))
	}
	for _, n := range names {
		fmt.Fprintf(w, "  %-18s %s", n, cell(r.Fields[n]))
		for _, g := range groups {
			fmt.Fprintf(w, " %s", cell(r.Sources[g].Fields[n]))
		}
		fmt.Fprintln(w)
	}
	fmt.Fprintf(w, "overall %.3f\n", r.Overall)
	for _, g := range []string{SourceBornDigital, SourceScanned} {
		if s := r.Sources[g]; s != nil {
			fmt.Fprintf(w, "  %-12s %6.3f  (%d/%d values, %d orders)\n", g, s.Accuracy(), s.Right, s.Total, s.Files)
		}
	}
	if len(r.Bands) > 0 {
		fmt.Fprintln(w, "confidence calibration (field values reported):")
		for _, b := range r.Bands {
			label := fmt.Sprintf("%.1f–%.1f", b.Low, b.High)
			if b.High > 1 {
				label = fmt.Sprintf("≥ %.1f", b.Low)
			} else if b.Low == 0 {
				label = fmt.Sprintf("< %.1f", b.High)
			}
			fmt.Fprintf(w, "  %-9s %4d right of %4d  %6.3f\n", label, b.Right, b.Total, b.Accuracy())
		}
	}
	if len(r.Unscored) > 0 {
		fmt.Fprintf(w, "%d values reported for fields the truth leaves out, not scored (--strict scores them as wrong)\n", len(r.Unscored))
	}
	for _, f := range r.Failed {
		fmt.Fprintf(w, "unreadable: %s\n", f)
	}
	file := ""
	for i, m := range r.Misses {
		if i >= misses {
			fmt.Fprintf(w, "… and %d more misses\n", len(r.Misses)-misses)
			break
		}
		if m.File != file {
			file = m.File
			fmt.Fprintf(w, "misses in %s:\n", file)
		}
		conf := ""
		if m.Confidence > 0 {
			conf = fmt.Sprintf(" (%.2f)", m.Confidence)
		}
		fmt.Fprintf(w, "  %-18s want %q, got %q%s\n", m.Field, m.Want, m.Got, conf)
	}
}
