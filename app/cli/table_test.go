package cli

import (
	"bytes"
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"
	"text/tabwriter"

	"github.com/warrantdesk/warrantdesk/app"
)

// writeTable writes what the tabwriter the CLI used writes, byte for
// byte: wide and narrow cells, empty ones, runes of several bytes, bytes
// that are not UTF-8, and cells holding tabwriter's own controls.
func TestWriteTable_IsTabwritersOutput(t *testing.T) {
	pieces := []string{"", "a", "Warrant", "2:26-mj-01234", "Cour d'appel de Paris — chambre", "東京地方裁判所", "é", "\xc3", "-", "EMERGENCY 2026-12-01"}
	controls := []string{"\t", "\n", "\v", "\f", "\xff", "a\tb", "line\nbreak"}
	rng := rand.New(rand.NewPCG(18, 6))
	for round := range 300 {
		rows := make([][tableColumns]string, 1+rng.IntN(40))
		for i := range rows {
			for j := range rows[i] {
				var b strings.Builder
				for range rng.IntN(3) {
					b.WriteString(pieces[rng.IntN(len(pieces))])
				}
				if round%5 == 0 && rng.IntN(30) == 0 {
					b.WriteString(controls[rng.IntN(len(controls))])
				}
				rows[i][j] = b.String()
			}
		}
		var want, got bytes.Buffer
		tw := tabwriter.NewWriter(&want, 0, 0, 2, ' ', 0)
		for _, r := range rows {
			fmt.Fprintf(tw, "%s\n", strings.Join(r[:], "\t"))
		}
		tw.Flush()
		passes := 0
		err := writeTable(&got, func(row func(*[tableColumns]string)) {
			passes++
			for i := range rows {
				r := rows[i]
				row(&r)
			}
		})
		if err != nil {
			t.Fatal(err)
		}
		if got.String() != want.String() {
			t.Fatalf("round %d: rows %q\n got %q\nwant %q", round, rows, got.String(), want.String())
		}
		if passes != 2 {
			t.Fatalf("the rows were read %d times", passes)
		}
	}
}

// `list`'s table is what the tabwriter it was written through made of the
// same summaries, most urgent first: an emergency, a case known by its
// file, an authority clipped, names in other scripts.
func TestPrintTable_IsWhatTabwriterMade(t *testing.T) {
	sums := []app.Summary{
		{ID: "0123456789abcdef0123456789abcdef", Status: app.StatusNew, ProcessType: "search_warrant", CaseNumber: "2:26-mj-01234",
			Deadline: "2026-12-03", Emergency: true, Authority: "United States District Court for the Eastern District of Pennsylvania, Philadelphia", Targets: []string{"a@example.com", "b@example.com"}},
		{ID: "fedcba9876543210fedcba9876543210", Status: app.StatusDecided, ProcessType: "epoc", FileName: "ordonnance 東京.pdf", Authority: "Tribunal judiciaire de Paris — juge d'instruction"},
		{ID: "00000000000000000000000000000001", Status: "in_review", ProcessType: "subpoena", CaseNumber: "GJ-2026-7"},
	}
	for i, key := range []string{"00", "10", "01"} {
		sums[i].SortKey = key + sums[i].ID
	}
	var rows []listRow
	for i := range sums {
		rows = append(rows, newListRow(&sums[i]))
	}
	app.SortSummaries(sums)
	var want bytes.Buffer
	tw := tabwriter.NewWriter(&want, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "ID\tSTATUS\tTYPE\tCASE NUMBER\tDEADLINE\tAUTHORITY\tTARGETS")
	for _, k := range sums {
		deadline := k.Deadline
		if k.Emergency {
			deadline = "EMERGENCY " + deadline
		}
		ref := k.CaseNumber
		if ref == "" {
			ref = k.FileName
		}
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\t%s\t%d\n", app.ShortID(k.ID), k.Status, k.ProcessType, ref, dash(deadline), app.Clip(dash(k.Authority), 50), len(k.Targets))
	}
	tw.Flush()
	var got bytes.Buffer
	c := &command{deps: Params{Stdout: &got}}
	if err := c.printTable(rows); err != nil {
		t.Fatal(err)
	}
	if got.String() != want.String() {
		t.Errorf("got\n%s\nwant\n%s", got.String(), want.String())
	}
}
