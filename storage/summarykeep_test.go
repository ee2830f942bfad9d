package storage

import (
	"encoding/binary"
	"fmt"
	"reflect"
	"strings"
	"testing"
	"time"
	"unsafe"

	"github.com/warrantdesk/warrantdesk/app"
)

// A kept summary reads as it was decoded, and none of its strings holds on
// to the group it was decoded from: the list kept at launch must not keep
// every group's plaintext alive.
func TestSummaryKeeper_KeepsValuesNotTheGroup(t *testing.T) {
	one := everyField(t, time.UTC)
	one.SortKey = "00" + strings.Repeat("9", 40) + one.ID // ends with the ID, as UrgencyKey's do
	other := one
	other.ID, other.SortKey, other.CaseNumber = "other", "11other", "2:26-mj-0002"
	other.Targets = []string{strings.Repeat("t", slabSize)} // larger than a slab
	group := string(append(encodeSummary(one), encodeSummary(other)...))
	from, to := uintptr(unsafe.Pointer(unsafe.StringData(group))), uintptr(unsafe.Pointer(unsafe.StringData(group)))+uintptr(len(group))
	k := &summaryKeeper{}
	var r summaryReader
	var kept []app.Summary
	for _, e := range []string{group[:len(encodeSummary(one))], group[len(encodeSummary(one)):]} {
		s, err := r.summaryIn(e)
		if err != nil {
			t.Fatal(err)
		}
		want := s
		want.Targets = append([]string{}, s.Targets...)
		k.keep(&s)
		if !reflect.DeepEqual(s, want) {
			t.Fatalf("kept\n %+v\nwas\n %+v", s, want)
		}
		kept = append(kept, s)
	}
	for _, s := range kept {
		for _, v := range append(strs(&s), s.Targets...) {
			if p := uintptr(unsafe.Pointer(unsafe.StringData(v))); v != "" && p >= from && p < to {
				t.Errorf("%q still points into its group", v)
			}
		}
	}
	if kept[0].Agency != kept[1].Agency || unsafe.StringData(kept[0].Agency) != unsafe.StringData(kept[1].Agency) {
		t.Error("a value both summaries hold is kept twice")
	}
}

func strs(s *app.Summary) []string {
	var out []string
	for _, f := range summaryStrings(s) {
		out = append(out, *f)
	}
	return out
}

// BenchmarkSummaryKeeper_Keep is what moving one summary out of its group
// adds to decoding it, the launch's read (docs/PERFORMANCE.md, session 6).
func BenchmarkSummaryKeeper_Keep(b *testing.B) {
	agencies := []string{"Federal Bureau of Investigation", "Drug Enforcement Administration", "Metropolitan Police Service", "Police Judiciaire"}
	var group []byte
	for i := range 4096 {
		s := app.Summary{ID: fmt.Sprintf("%032x", i), Status: app.StatusNew, ProcessType: "search_warrant", CaseNumber: fmt.Sprintf("2:26-mj-%05d", i),
			Deadline: fmt.Sprintf("2026-12-%02d", 1+i%28), Authority: "United States District Court for the District of Columbia", Agency: agencies[i%len(agencies)],
			AgentName: fmt.Sprintf("Agent %d", i%300), Jurisdiction: "US-DC", Targets: []string{fmt.Sprintf("user%d@example.com", i)},
			FileName: fmt.Sprintf("order-%d.pdf", i), Pages: 3, CreatedAt: time.Unix(int64(i), 0).UTC()}
		s.SortKey = "01" + fmt.Sprintf("%040d", i) + s.ID
		e := encodeSummary(s)
		group = append(binary.AppendUvarint(group, uint64(len(e))), e...)
	}
	text := string(group)
	for _, keep := range []bool{false, true} {
		b.Run(fmt.Sprint("keep=", keep), func(b *testing.B) {
			n := 0
			for b.Loop() {
				var r summaryReader
				k := &summaryKeeper{}
				for d := (summaryDecoder{str: text}); d.str != ""; n++ {
					s, err := r.summaryIn(d.string())
					if err != nil {
						b.Fatal(err)
					}
					if keep {
						k.keep(&s)
					}
				}
			}
			b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(n), "ns/summary")
		})
	}
}
