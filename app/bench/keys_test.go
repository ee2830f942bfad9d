package bench

import (
	"encoding/json"
	"os"
	"runtime"
	"slices"
	"strconv"
	"testing"
	"time"

	"github.com/warrantdesk/warrantdesk/app"
	"github.com/warrantdesk/warrantdesk/app/search"
)

// TestSearchKeys is the search benchmark's typed sequence over an index
// kept on disk, for working on single keystrokes at a million cases
// without making the cases again each time (minutes on the shared
// cores): WARRANTDESK_SEARCH_INDEX=FILE (made on the first run, with
// FILE.keys), WARRANTDESK_SEARCH_CASES=N (1,000,000 unless set),
// WARRANTDESK_SEARCH_RUNS=R (5). It logs each keystroke's least CPU and
// wall time of the runs, and the p50/p99 of them all; skipped unless
// the index's file is named.
func TestSearchKeys(t *testing.T) {
	path := os.Getenv("WARRANTDESK_SEARCH_INDEX")
	if path == "" {
		t.Skip("WARRANTDESK_SEARCH_INDEX not set")
	}
	n, runs := envInt("WARRANTDESK_SEARCH_CASES", 1_000_000), envInt("WARRANTDESK_SEARCH_RUNS", 5)
	if _, err := os.Stat(path); err != nil {
		saveIndex(t, path, n)
	}
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	// As bytes: a key cut halfway into a character ("Pol\xc3") is not
	// UTF-8, which JSON strings would change.
	var raw [][]byte
	kb, err := os.ReadFile(path + ".keys")
	if err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(kb, &raw); err != nil {
		t.Fatal(err)
	}
	keys := make([]string, len(raw))
	for i, k := range raw {
		keys[i] = string(k)
	}
	start := time.Now()
	ix, err := search.Load(data)
	if err != nil {
		t.Fatal(err)
	}
	data = nil
	load := time.Since(start)
	start = time.Now()
	ix.Prepare()
	prepare := time.Since(start)
	runtime.GC()
	var m runtime.MemStats
	runtime.ReadMemStats(&m)
	t.Logf("%d entries; Load %.1f s, Prepare %.1f s; heap %.0f MB", ix.Len(), load.Seconds(), prepare.Seconds(), float64(m.HeapAlloc)/(1<<20))
	runtime.LockOSThread()
	defer runtime.UnlockOSThread()
	var wall, cpu []time.Duration
	for range runs {
		w, c := timeKeysCPU(DeskSearch{ix}, keys)
		wall, cpu = append(wall, w...), append(cpu, c...)
	}
	for i, k := range keys {
		var w, c []time.Duration
		for r := range runs {
			w, c = append(w, wall[r*len(keys)+i]), append(c, cpu[r*len(keys)+i])
		}
		t.Logf("%-18q CPU %6.2f ms  wall %6.2f ms  (%d found)", k, ms(slices.Min(c)), ms(slices.Min(w)), DeskSearch{ix}.Matches(k))
	}
	wp, cp := Percentile(wall), Percentile(cpu)
	t.Logf("wall p50 %.2f p99 %.2f ms; CPU p50 %.2f p99 %.2f ms", wp.P50, wp.P99, cp.P50, cp.P99)
}

func envInt(name string, def int) int {
	if v, err := strconv.Atoi(os.Getenv(name)); err == nil && v > 0 {
		return v
	}
	return def
}

// saveIndex makes n cases as the benchmark does and writes their index
// to path and the benchmark's typed sequence to path.keys.
func saveIndex(t *testing.T, path string, n int) {
	bs, err := bases(500, 2)
	if err != nil {
		t.Fatal(err)
	}
	now := time.Now()
	docs := make([]search.Doc, 0, n)
	var sample []*app.Case
	every := max(1, n/20_000)
	for i := 0; i < n; i++ {
		c := variantCase(bs[i%len(bs)], i, now)
		docs = append(docs, search.DocOf(c, nil))
		if i%every == 0 {
			sample = append(sample, c)
		}
	}
	data, err := search.NewIndexOf(docs).MarshalBinary()
	if err != nil {
		t.Fatal(err)
	}
	var raw [][]byte
	for _, k := range Keystrokes(sample, 1) {
		raw = append(raw, []byte(k))
	}
	kb, err := json.Marshal(raw)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, data, 0o600); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path+".keys", kb, 0o600); err != nil {
		t.Fatal(err)
	}
}
