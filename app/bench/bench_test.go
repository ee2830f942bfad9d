package bench

import (
	"fmt"
	"math"
	"strings"
	"testing"
	"time"

	"github.com/warrantdesk/warrantdesk/app"
)

func TestVary_KeepsTheShape(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"2:25-mj-01234", "2:25-mj-"},
		{"NSL-25-000001", "NSL-25-"},
		{"GJ2025-0042", "GJ2025-"},
	} {
		got := vary(tc.in, 77)
		if !strings.HasPrefix(got, tc.want) || len(got) != len(tc.in) {
			t.Errorf("vary(%q) = %q", tc.in, got)
		}
		if vary(tc.in, 77) != got || vary(tc.in, 78) == got {
			t.Errorf("vary(%q) is not one number per case", tc.in)
		}
	}
	if got := vary("no digits", 5); got != "no digits-5" {
		t.Errorf("%q", got)
	}
	if got := varyTarget(app.Target{Kind: app.TargetEmail, Value: "jdoe12@example.com"}, 9); got != "jdoe9@example.com" {
		t.Errorf("%q", got)
	}
}

func cases(n int) []*app.Case {
	var out []*app.Case
	for i := 0; i < n; i++ {
		out = append(out, &app.Case{ID: fmt.Sprint(i), Order: app.Order{FileName: fmt.Sprintf("%d.pdf", i), Extraction: app.Extraction{
			Fields: map[string]app.Field{
				app.FieldCaseNumber: {Value: fmt.Sprintf("2:25-mj-%05d", i)},
				app.FieldAgency:     {Value: []string{"Federal Bureau of Investigation", "Drug Enforcement Administration"}[i%2]},
				app.FieldAgentName:  {Value: "Special Agent Dana Whitfield"},
			},
			Targets: []app.Target{{Kind: app.TargetEmail, Value: fmt.Sprintf("user%d@example.com", i)}},
		}}})
	}
	return out
}

// TestTrigram_FindsWhatASubstringScanFinds: the reference answers as a
// scan of every entry for a substring would.
func TestTrigram_FindsWhatASubstringScanFinds(t *testing.T) {
	cs := cases(500)
	tri := NewTrigram(cs)
	for _, q := range []string{"2", "25", "mj-0012", "USER4", "bureau", "enforcement adm", "zzz", "e"} {
		want := 0
		for _, c := range cs {
			for _, e := range entries(c) {
				if strings.Contains(strings.ToLower(e), strings.ToLower(q)) {
					want++
					break
				}
			}
		}
		if got := tri.Matches(q); got != want {
			t.Errorf("%q: %d cases, a scan finds %d", q, got, want)
		}
	}
}

func TestKeystrokes_TypeEachWordFromItsFirstCharacter(t *testing.T) {
	keys := Keystrokes(cases(100), 3)
	if len(keys) < 20 {
		t.Fatalf("%d keystrokes", len(keys))
	}
	if len(keys[0]) != 1 {
		t.Errorf("the first keystroke is %q", keys[0])
	}
	for i := 1; i < len(keys); i++ {
		if len(keys[i]) != 1 && !strings.HasPrefix(keys[i], keys[i-1]) {
			t.Errorf("keystroke %d %q does not extend %q", i, keys[i], keys[i-1])
		}
	}
}

func TestPercentileAndGrowth(t *testing.T) {
	var ds []time.Duration
	for i := 1; i <= 100; i++ {
		ds = append(ds, time.Duration(i)*time.Millisecond)
	}
	p := Percentile(ds)
	if p.P50 != 50 || p.P99 != 99 || p.Max != 100 || p.N != 100 {
		t.Errorf("%+v", p)
	}
	g := growth([]Size{{Cases: 10000, LaunchMS: 100, SearchMS: Percentiles{P99: 10}}, {Cases: 100000, LaunchMS: 1000, SearchMS: Percentiles{P99: 10}}})
	if math.Abs(g["launch 10000-100000"]-1) > 0.01 || g["search_p99 10000-100000"] != 0 {
		t.Errorf("%v", g)
	}
}
