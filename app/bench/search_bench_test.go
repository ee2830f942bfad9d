package bench

import (
	"runtime"
	"slices"
	"sync"
	"testing"
	"time"

	"github.com/warrantdesk/warrantdesk/app"
	"github.com/warrantdesk/warrantdesk/app/search"
)

// The search benchmarks type the bench's sequence (Keystrokes) over
// stores made as `warrantdesk bench` makes them — 500 generated bases,
// each case with its own numbers and targets — built in memory, without
// a store, so a million cases fit: the desk's index beside the plain
// trigram index in the same run (docs/PERFORMANCE.md).

var (
	benchBasesOnce sync.Once
	benchBases     []base
	benchBasesErr  error
)

func searchBases(b *testing.B) []base {
	benchBasesOnce.Do(func() { benchBases, benchBasesErr = bases(500, 2) })
	if benchBasesErr != nil {
		b.Fatal(benchBasesErr)
	}
	return benchBases
}

func BenchmarkSearch_10k(b *testing.B)  { benchSearch(b, 10_000) }
func BenchmarkSearch_100k(b *testing.B) { benchSearch(b, 100_000) }
func BenchmarkSearch_1M(b *testing.B)   { benchSearch(b, 1_000_000) }

func benchSearch(b *testing.B, n int) {
	bs := searchBases(b)
	now := time.Now()
	heap := func() uint64 {
		runtime.GC()
		var m runtime.MemStats
		runtime.ReadMemStats(&m)
		return m.HeapAlloc
	}
	before := heap()
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
	start := time.Now()
	ix := search.NewIndexOf(docs)
	index := time.Since(start)
	start = time.Now()
	ix.Prepare()
	build := time.Since(start)
	keys := Keystrokes(sample, 1)
	docs, sample = nil, nil
	held := heap() - before
	// What the desk does at launch: read the persisted index back (its
	// texts; the posting lists are built after, in the background).
	data, err := ix.MarshalBinary()
	if err != nil {
		b.Fatal(err)
	}
	start = time.Now()
	if _, err := search.Load(data); err != nil {
		b.Fatal(err)
	}
	load := time.Since(start)
	data = nil
	// The reference, over the same cases made again.
	tri := &Trigram{post: map[string][]int32{}}
	for i := 0; i < n; i++ {
		tri.add(int32(i), variantCase(bs[i%len(bs)], i, now))
	}
	b.ResetTimer()
	var desk, ref, deskCPU, refCPU []time.Duration
	runtime.LockOSThread()
	for range b.N {
		wall, cpu := timeKeysCPU(DeskSearch{ix}, keys)
		desk, deskCPU = append(desk, wall...), append(deskCPU, cpu...)
		wall, cpu = timeKeysCPU(tri, keys)
		ref, refCPU = append(ref, wall...), append(refCPU, cpu...)
	}
	runtime.UnlockOSThread()
	b.StopTimer()
	if testing.Verbose() {
		// Each keystroke's best and worst of the runs: the best is its
		// own cost, the worst what the machine's load added to it.
		for i, k := range keys {
			var d, dc, r []time.Duration
			for run := range b.N {
				at := run*len(keys) + i
				d, dc, r = append(d, desk[at]), append(dc, deskCPU[at]), append(r, ref[at])
			}
			b.Logf("%-18q desk %6.2f–%6.2f ms (CPU %6.2f)  trigram %6.2f–%6.2f ms", k, ms(slices.Min(d)), ms(slices.Max(d)), ms(slices.Min(dc)), ms(slices.Min(r)), ms(slices.Max(r)))
		}
	}
	if _, ok := threadCPU(); ok {
		dc, rc := Percentile(deskCPU), Percentile(refCPU)
		b.ReportMetric(dc.P50, "cpu-p50-ms")
		b.ReportMetric(dc.P99, "cpu-p99-ms")
		b.ReportMetric(rc.P50, "trigram-cpu-p50-ms")
		b.ReportMetric(rc.P99, "trigram-cpu-p99-ms")
	}
	d, r := Percentile(desk), Percentile(ref)
	b.ReportMetric(d.P50, "p50-ms")
	b.ReportMetric(d.P99, "p99-ms")
	b.ReportMetric(r.P50, "trigram-p50-ms")
	b.ReportMetric(r.P99, "trigram-p99-ms")
	b.ReportMetric(float64(ix.Len()), "entries")
	b.ReportMetric(index.Seconds(), "index-s")
	b.ReportMetric(load.Seconds(), "load-s")
	b.ReportMetric(build.Seconds(), "prepare-s")
	b.ReportMetric(float64(held)/(1<<20), "index-heap-MB")
	runtime.KeepAlive(tri)
	runtime.KeepAlive(ix)
}

// timeKeysCPU is TimeKeys with the CPU time each keystroke took on its
// thread (the caller locks it).
func timeKeysCPU(s Searcher, keys []string) (wall, cpu []time.Duration) {
	for _, k := range keys {
		c0, _ := threadCPU()
		start := time.Now()
		s.Matches(k)
		wall = append(wall, time.Since(start))
		c1, _ := threadCPU()
		cpu = append(cpu, c1-c0)
	}
	return wall, cpu
}
