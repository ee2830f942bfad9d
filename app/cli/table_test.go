package cli

import (
	"bytes"
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"
	"text/tabwriter"
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
