package bench

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"math"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
	"time"

	"github.com/warrantdesk/warrantdesk/app"
	"github.com/warrantdesk/warrantdesk/app/casework"
	"github.com/warrantdesk/warrantdesk/app/sampleorders"
	"github.com/warrantdesk/warrantdesk/app/search"
	"github.com/warrantdesk/warrantdesk/storage"
)

// Options say what to measure.
type Options struct {
	// Exe is the warrantdesk binary whose commands are timed.
	Exe string
	// Cases are the store sizes, smallest first.
	Cases []int
	// Bases is how many distinct generated orders the cases are made
	// from (500 if zero).
	Bases int
	// Dir keeps the stores built ("" builds them in a temporary folder
	// and removes it).
	Dir string
	// ImportFiles is how many generated text PDFs an import is timed on
	// beside pdftotext (0: none).
	ImportFiles int
	// OCRFile is a scan whose import is timed beside pdftoppm and
	// tesseract, with the time to its first page's fields ("": none).
	OCRFile string
	Seed    uint64
	// Log is told of each step (nil: nowhere).
	Log io.Writer
}

// Size is what was measured on a store of Cases cases.
type Size struct {
	Cases          int         `json:"cases"`
	Bases          int         `json:"bases"`
	EntriesPerCase float64     `json:"entries_per_case"`
	BuildS         float64     `json:"build_s"`
	DBMB           float64     `json:"db_mb"`
	SearchMS       Percentiles `json:"search_ms"`
	LaunchMS       float64     `json:"launch_ms"`
	LaunchCPUMS    float64     `json:"launch_cpu_ms"`
	// UnlockMS is the part of LaunchMS the passphrase's unlock took
	// (Argon2id as tuned: the same at any size); DeskMS the desk's own
	// part, from the unlocked store to a usable queue.
	UnlockMS float64 `json:"unlock_ms"`
	DeskMS   float64 `json:"desk_ms"`
	// DeskCPUMS is DeskMS's CPU time, every thread of the process.
	DeskCPUMS float64 `json:"desk_cpu_ms,omitempty"`
	RSSMB     float64 `json:"rss_mb"`      // the desk's, once usable
	RSSPeakMB float64 `json:"rss_peak_mb"` // its peak on the way
	// The desk's memory once usable, in parts: the Go heap in use, all
	// anonymous pages (heap, stacks, runtime), and file pages (the
	// binary's code, the store's mapped pages).
	RSSHeapMB float64 `json:"rss_heap_mb"`
	RSSAnonMB float64 `json:"rss_anon_mb"`
	RSSFileMB float64 `json:"rss_file_mb"`
	// SettledMS is from the desk's start to its search index and ⛔
	// flags loaded behind the list; RSSSettledMB its memory then.
	SettledMS      float64 `json:"settled_ms"`
	RSSSettledMB   float64 `json:"rss_settled_mb"`
	ListMS         float64 `json:"list_ms"`
	ListRSSMB      float64 `json:"list_rss_mb"`
	ListJSONMS     float64 `json:"list_json_ms"`
	ListJSONRSSMB  float64 `json:"list_json_rss_mb"`
	SearchCmdMS    float64 `json:"search_cmd_ms"`
	SearchCmdRSSMB float64 `json:"search_cmd_rss_mb"`
	ExportMS       float64 `json:"export_ms"`
	ExportRSSMB    float64 `json:"export_rss_mb"`
	Reference      SizeRef `json:"reference"`
}

// SizeRef are the references measured beside a size.
type SizeRef struct {
	// SearchTrigramMS is a plain trigram index over the same entries,
	// per keystroke of the same typed sequence.
	SearchTrigramMS Percentiles `json:"search_trigram_ms"`
	// CatDBMS is reading the database file once (cat).
	CatDBMS float64 `json:"cat_db_ms"`
}

// Import is an import of generated text PDFs beside pdftotext.
type Import struct {
	Files      int     `json:"files"`
	WallS      float64 `json:"wall_s"`
	CPUS       float64 `json:"cpu_s"`
	RefWallS   float64 `json:"pdftotext_wall_s"`
	RefCPUS    float64 `json:"pdftotext_cpu_s"`
	WallRatio  float64 `json:"wall_ratio"`
	CPURatio   float64 `json:"cpu_ratio"`
	RefCommand string  `json:"reference"`
}

// OCR is the import of one scan beside pdftoppm and tesseract.
type OCR struct {
	File            string  `json:"file"`
	Pages           int     `json:"pages"`
	CPUPerPageS     float64 `json:"cpu_per_page_s"`
	WallS           float64 `json:"wall_s"`
	FirstFieldsS    float64 `json:"first_fields_s"`
	RefCPUPerPageS  float64 `json:"ref_cpu_per_page_s"`
	RefWallS        float64 `json:"ref_wall_s"`
	RefFirstPageS   float64 `json:"ref_first_page_s"`
	CPURatio        float64 `json:"cpu_ratio"`
	RefCommand      string  `json:"reference"`
	ParallelPerFile int     `json:"parallel"`
}

// Machine says what the figures were taken on.
type Machine struct {
	CPUs      int    `json:"cpus"`
	OS        string `json:"os"`
	LoadStart string `json:"load_start"` // /proc/loadavg
	LoadEnd   string `json:"load_end"`
}

// Report is a whole bench: the largest size's figures at the top (so
// `--cases N` prints one flat object), every size, the growth between
// sizes, and the import and OCR runs.
type Report struct {
	Size
	Sizes   []Size             `json:"sizes,omitempty"`
	Growth  map[string]float64 `json:"growth,omitempty"`
	Import  *Import            `json:"import,omitempty"`
	OCR     *OCR               `json:"ocr,omitempty"`
	Machine Machine            `json:"machine"`
}

// Run measures what o asks for.
func Run(ctx context.Context, o Options) (*Report, error) {
	if o.Bases <= 0 {
		o.Bases = 500
	}
	if o.Log == nil {
		o.Log = io.Discard
	}
	root := o.Dir
	if root == "" {
		d, err := os.MkdirTemp("", "warrantdesk-bench-")
		if err != nil {
			return nil, err
		}
		defer os.RemoveAll(d)
		root = d
	}
	rep := &Report{Machine: Machine{CPUs: runtime.NumCPU(), OS: runtime.GOOS + "/" + runtime.GOARCH, LoadStart: loadavg()}}
	if len(o.Cases) > 0 {
		fmt.Fprintf(o.Log, "generating %d base orders…\n", o.Bases)
		bs, err := bases(o.Bases, o.Seed+1)
		if err != nil {
			return nil, err
		}
		for _, n := range o.Cases {
			s, err := measureSize(ctx, o, bs, filepath.Join(root, fmt.Sprintf("store-%d", n)), n)
			if err != nil {
				return nil, err
			}
			rep.Sizes = append(rep.Sizes, s)
		}
		rep.Size = rep.Sizes[len(rep.Sizes)-1]
		rep.Growth = growth(rep.Sizes)
		if len(rep.Sizes) == 1 {
			rep.Sizes = nil
		}
	}
	if o.ImportFiles > 0 {
		imp, err := measureImport(ctx, o, filepath.Join(root, "import"))
		if err != nil {
			return nil, err
		}
		rep.Import = imp
	}
	if o.OCRFile != "" {
		r, err := measureOCR(ctx, o, filepath.Join(root, "ocr"))
		if err != nil {
			return nil, err
		}
		rep.OCR = r
	}
	rep.Machine.LoadEnd = loadavg()
	return rep, nil
}

func measureSize(ctx context.Context, o Options, bs []base, dir string, n int) (Size, error) {
	s := Size{Cases: n, Bases: len(bs)}
	dbFile := filepath.Join(dir, storage.FileName)
	if err := build(ctx, o, bs, dir, n, &s); err != nil {
		return s, err
	}
	if st, err := os.Stat(dbFile); err == nil {
		s.DBMB = float64(st.Size()) / (1 << 20)
	}

	fmt.Fprintf(o.Log, "%d cases: search per keystroke…\n", n)
	keys, err := timeSearch(ctx, o, dir, &s)
	if err != nil {
		return s, err
	}

	fmt.Fprintf(o.Log, "%d cases: launch, list, search, export…\n", n)
	if err := probeLaunch(ctx, o, dir, &s); err != nil {
		return s, err
	}
	query := keys[len(keys)-1]
	for _, k := range keys {
		if strings.ContainsAny(k, "0123456789") {
			query = k // the case number, typed in full
		}
	}
	out := filepath.Join(filepath.Dir(dir), "export-"+filepath.Base(dir)+".json")
	for _, c := range []struct {
		args    []string
		ms, rss *float64
	}{
		{[]string{"list"}, &s.ListMS, &s.ListRSSMB},
		{[]string{"list", "--json"}, &s.ListJSONMS, &s.ListJSONRSSMB},
		{[]string{"search", query}, &s.SearchCmdMS, &s.SearchCmdRSSMB},
		{[]string{"export", "--format", "json", "--force", "--out", out}, &s.ExportMS, &s.ExportRSSMB},
	} {
		r, err := runChild(ctx, o.Exe, dir, c.args...)
		if err != nil {
			return s, err
		}
		*c.ms, *c.rss = ms(r.wall), r.rssMB
	}
	os.Remove(out)
	if cat, err := exec.LookPath("cat"); err == nil {
		if r, err := runCmd(ctx, exec.CommandContext(ctx, cat, dbFile)); err == nil {
			s.Reference.CatDBMS = ms(r.wall)
		}
	}
	return s, nil
}

// build fills a store of n cases in dir, sealed under the Argon2id
// parameters tuned for this machine as every store a user makes is. A
// store kept there by an earlier run (--keep) is measured again as it is,
// if it holds n cases.
func build(ctx context.Context, o Options, bs []base, dir string, n int, s *Size) error {
	if _, err := os.Stat(filepath.Join(dir, storage.FileName)); err == nil {
		db, err := storage.Open(dir, storage.Options{ReadOnly: true, Passphrase: Passphrase})
		if err != nil {
			return err
		}
		sums, err := db.Summaries(ctx)
		db.Close()
		if err != nil {
			return err
		}
		if len(sums) != n {
			return fmt.Errorf("the store kept in %s holds %d cases, not %d: remove it or keep the stores elsewhere", dir, len(sums), n)
		}
		fmt.Fprintf(o.Log, "measuring the store of %d cases kept in %s…\n", n, dir)
		return indexed(ctx, dir)
	}
	fmt.Fprintf(o.Log, "building a store of %d cases in %s…\n", n, dir)
	db, err := storage.Open(dir, storage.Options{Passphrase: Passphrase})
	if err != nil {
		return err
	}
	took, err := Fill(ctx, db, bs, n)
	db.Close()
	s.BuildS = took.Seconds()
	if err != nil {
		return err
	}
	return indexed(ctx, dir)
}

// indexed leaves the store's search index as imports leave it: stored,
// up to date with the cases.
func indexed(ctx context.Context, dir string) error {
	db, err := storage.Open(dir, storage.Options{Passphrase: Passphrase})
	if err != nil {
		return err
	}
	defer db.Close()
	s := casework.New(casework.Params{Store: db})
	sums, err := s.Summaries(ctx)
	if err != nil {
		return err
	}
	_, err = s.SearchIndex(ctx, sums)
	return err
}

// timeSearch times the desk's search and the reference on the store's
// cases, keystroke by keystroke, in this process.
func timeSearch(ctx context.Context, o Options, dir string, s *Size) ([]string, error) {
	db, err := storage.Open(dir, storage.Options{ReadOnly: true, Passphrase: Passphrase})
	if err != nil {
		return nil, err
	}
	cases, err := db.Cases(ctx)
	db.Close()
	if err != nil {
		return nil, err
	}
	app.SortByUrgency(cases)
	keys := Keystrokes(cases, o.Seed)
	ix := search.NewIndex(cases)
	ix.Prepare() // as the desk does once its index is loaded
	s.EntriesPerCase = float64(ix.Len()) / float64(max(len(cases), 1))
	s.SearchMS = Percentile(TimeKeys(DeskSearch{ix}, keys))
	s.Reference.SearchTrigramMS = Percentile(TimeKeys(NewTrigram(cases), keys))
	return keys, nil
}

// ProbeResult is what `warrantdesk bench-probe launch` prints once its
// desk is usable.
type ProbeResult struct {
	Cases   int     `json:"cases"`
	ReadyMS float64 `json:"ready_ms"`
	// UnlockMS is the passphrase's unlock before the desk is built.
	UnlockMS float64 `json:"unlock_ms"`
	// ReadyCPUMS is the process's CPU time (every thread) from the
	// unlocked store to the usable queue: the desk's own part, which wall
	// times on a busy machine hide.
	ReadyCPUMS float64 `json:"ready_cpu_ms,omitempty"`
	RSSMB      float64 `json:"rss_mb"`
	PeakMB     float64 `json:"peak_mb"`
	HeapMB     float64 `json:"heap_mb"`
	AnonMB     float64 `json:"anon_mb"`
	FileMB     float64 `json:"file_mb"`
	// SettledMS and SettledRSSMB: once the index and flags loaded too;
	// the heap and the resident pages then, anonymous (the heap's) and
	// of mapped files (the binary, the database's pages touched).
	SettledMS     float64 `json:"settled_ms"`
	SettledRSSMB  float64 `json:"settled_rss_mb"`
	SettledHeapMB float64 `json:"settled_heap_mb,omitempty"`
	SettledAnonMB float64 `json:"settled_anon_mb,omitempty"`
	SettledFileMB float64 `json:"settled_file_mb,omitempty"`
	Error         string  `json:"error,omitempty"`
}

// probeLaunch starts the desk headless in a process of its own and times
// it from the start of the process to a usable queue.
func probeLaunch(ctx context.Context, o Options, dir string, s *Size) error {
	cmd := exec.CommandContext(ctx, o.Exe, "bench-probe", "launch")
	cmd.Env = childEnv(dir)
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		return err
	}
	start := time.Now()
	if err := cmd.Start(); err != nil {
		return err
	}
	lines := bufio.NewReader(stdout)
	line, _ := lines.ReadString('\n')
	ready := time.Since(start)
	var settled ProbeResult
	if more, _ := lines.ReadString('\n'); more != "" {
		json.Unmarshal([]byte(more), &settled)
	}
	io.Copy(io.Discard, stdout)
	if err := cmd.Wait(); err != nil {
		return fmt.Errorf("the launch probe failed: %w", err)
	}
	var p ProbeResult
	if err := json.Unmarshal([]byte(line), &p); err != nil || p.Error != "" {
		return fmt.Errorf("the launch probe said %q: %v", line, err)
	}
	if p.Cases != s.Cases {
		return fmt.Errorf("the desk showed %d cases of %d", p.Cases, s.Cases)
	}
	cpu, _ := usage(cmd.ProcessState)
	s.LaunchMS, s.LaunchCPUMS, s.RSSMB, s.RSSPeakMB = ms(ready), ms(cpu), p.RSSMB, p.PeakMB
	s.UnlockMS, s.DeskMS, s.DeskCPUMS = p.UnlockMS, p.ReadyMS, p.ReadyCPUMS
	s.RSSHeapMB, s.RSSAnonMB, s.RSSFileMB = p.HeapMB, p.AnonMB, p.FileMB
	if settled.SettledMS > 0 {
		// From the process's start, as LaunchMS is.
		s.SettledMS, s.RSSSettledMB = ms(ready)-p.ReadyMS+settled.SettledMS, settled.SettledRSSMB
	}
	return nil
}

type childRun struct {
	wall  time.Duration
	cpu   time.Duration
	rssMB float64
}

// Passphrase seals the bench's stores; its commands are given it as a
// script gives one (WARRANTDESK_PASSPHRASE).
const Passphrase = "bench: correct horse battery staple"

func childEnv(dataDir string) []string {
	return append(os.Environ(), "WARRANTDESK_DATA="+dataDir, "LANG=en_US.UTF-8", "WARRANTDESK_PASSPHRASE="+Passphrase)
}

// runChild runs a warrantdesk command on the store in dir, its output
// discarded, through the helper that measures it (child.go).
func runChild(ctx context.Context, exe, dir string, args ...string) (childRun, error) {
	cmd := exec.CommandContext(ctx, exe, append([]string{"bench-probe", "run"}, args...)...)
	cmd.Env = childEnv(dir)
	var stderr strings.Builder
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	var rep runReport
	if jerr := json.Unmarshal(out, &rep); jerr != nil || rep.Error != "" || err != nil {
		return childRun{}, fmt.Errorf("warrantdesk %s: %v %s: %.300s", strings.Join(args, " "), err, rep.Error, stderr.String())
	}
	return childRun{wall: time.Duration(rep.WallMS * 1e6), cpu: time.Duration(rep.CPUMS * 1e6), rssMB: rep.RSSMB}, nil
}

func runCmd(_ context.Context, cmd *exec.Cmd) (childRun, error) {
	var stderr strings.Builder
	cmd.Stderr = &stderr
	start := time.Now()
	err := cmd.Run()
	r := childRun{wall: time.Since(start)}
	if cmd.ProcessState != nil {
		r.cpu, r.rssMB = usage(cmd.ProcessState)
	}
	if err != nil {
		return r, fmt.Errorf("%w: %.300s", err, stderr.String())
	}
	return r, nil
}

// sealed makes an empty store in dir sealed under Passphrase, so that an
// import timed into it does not include making the key.
func sealed(dir string) error {
	db, err := storage.Open(dir, storage.Options{Passphrase: Passphrase})
	if err != nil {
		return err
	}
	return db.Close()
}

// measureImport imports generated text PDFs with the binary and reads the
// same files with pdftotext, one process per file.
func measureImport(ctx context.Context, o Options, dir string) (*Import, error) {
	in := filepath.Join(dir, "in")
	if err := os.MkdirAll(in, 0o755); err != nil {
		return nil, err
	}
	orders, err := sampleorders.Generate(o.Seed+99, o.ImportFiles)
	if err != nil {
		return nil, err
	}
	var files []string
	for _, od := range orders {
		f := filepath.Join(in, od.Name+".pdf")
		if err := os.WriteFile(f, od.PDF, 0o644); err != nil {
			return nil, err
		}
		files = append(files, f)
	}
	fmt.Fprintf(o.Log, "import of %d text PDFs beside pdftotext…\n", len(files))
	imp := &Import{Files: len(files), RefCommand: "pdftotext -layout FILE - (a process per file)"}
	data := filepath.Join(dir, "data")
	if err := sealed(data); err != nil {
		return nil, err
	}
	r, err := runChild(ctx, o.Exe, data, "import", "--no-ocr", in)
	if err != nil {
		return nil, err
	}
	imp.WallS, imp.CPUS = r.wall.Seconds(), r.cpu.Seconds()
	tool, err := exec.LookPath("pdftotext")
	if err != nil {
		fmt.Fprintln(o.Log, "pdftotext is not installed: no reference")
		return imp, nil
	}
	start := time.Now()
	var cpu time.Duration
	for _, f := range files {
		r, err := runCmd(ctx, exec.CommandContext(ctx, tool, "-layout", f, os.DevNull))
		if err != nil {
			return nil, err
		}
		cpu += r.cpu
	}
	imp.RefWallS, imp.RefCPUS = time.Since(start).Seconds(), cpu.Seconds()
	imp.WallRatio, imp.CPURatio = ratio(imp.WallS, imp.RefWallS), ratio(imp.CPUS, imp.RefCPUS)
	return imp, nil
}

// measureOCR imports one scan and reads it the reference way: pdftoppm
// -r 300 -gray (PGM) and tesseract --psm 1 per page, two pages at once as
// the app runs two on two cores.
func measureOCR(ctx context.Context, o Options, dir string) (*OCR, error) {
	res := &OCR{File: filepath.Base(o.OCRFile), ParallelPerFile: runtime.NumCPU(),
		RefCommand: "pdftoppm -r 300 -gray (PGM) + OMP_THREAD_LIMIT=1 tesseract --psm 1 tsv, per page, a page per core"}
	fmt.Fprintf(o.Log, "OCR of %s beside pdftoppm and tesseract…\n", res.File)
	data := filepath.Join(dir, "data")
	if err := sealed(data); err != nil {
		return nil, err
	}
	cmd := exec.CommandContext(ctx, o.Exe, "import", "--json", o.OCRFile)
	cmd.Env = childEnv(data)
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		return nil, err
	}
	start := time.Now()
	if err := cmd.Start(); err != nil {
		return nil, err
	}
	sc := bufio.NewScanner(stdout)
	sc.Buffer(make([]byte, 1<<20), 16<<20)
	for sc.Scan() {
		if res.FirstFieldsS == 0 && strings.Contains(sc.Text(), `"status":"first_page"`) {
			res.FirstFieldsS = time.Since(start).Seconds()
		}
	}
	if err := cmd.Wait(); err != nil {
		return nil, fmt.Errorf("import of the scan: %w", err)
	}
	res.WallS = time.Since(start).Seconds()
	cpu, _ := usage(cmd.ProcessState)
	var cases []struct {
		Pages int `json:"pages"`
	}
	list := exec.CommandContext(ctx, o.Exe, "list", "--json")
	list.Env = childEnv(data)
	if out, err := list.Output(); err != nil || json.Unmarshal(out, &cases) != nil || len(cases) != 1 {
		return nil, fmt.Errorf("the scan was not imported as one case: %v", err)
	}
	res.Pages = cases[0].Pages
	res.CPUPerPageS = cpu.Seconds() / float64(max(res.Pages, 1))
	if err := referenceOCR(ctx, o.OCRFile, dir, res); err != nil {
		fmt.Fprintf(o.Log, "no OCR reference: %v\n", err)
		return res, nil
	}
	res.CPURatio = ratio(res.CPUPerPageS, res.RefCPUPerPageS)
	return res, nil
}

func referenceOCR(ctx context.Context, file, dir string, res *OCR) error {
	pdftoppm, err := exec.LookPath("pdftoppm")
	if err != nil {
		return err
	}
	tess, err := exec.LookPath("tesseract")
	if err != nil {
		return err
	}
	var mu sync.Mutex
	var cpu time.Duration
	var firstErr error
	sem := make(chan struct{}, res.ParallelPerFile)
	var wg sync.WaitGroup
	start := time.Now()
	for p := 1; p <= res.Pages; p++ {
		wg.Add(1)
		sem <- struct{}{}
		go func(p int) {
			defer wg.Done()
			defer func() { <-sem }()
			prefix := filepath.Join(dir, fmt.Sprintf("ref-%d", p))
			r1, err := runCmd(ctx, exec.CommandContext(ctx, pdftoppm, "-r", "300", "-gray", "-singlefile", "-f", fmt.Sprint(p), "-l", fmt.Sprint(p), file, prefix))
			var r2 childRun
			if err == nil {
				t := exec.CommandContext(ctx, tess, prefix+".pgm", "stdout", "--psm", "1", "tsv")
				t.Env = append(os.Environ(), "OMP_THREAD_LIMIT=1")
				t.Stdout = io.Discard
				r2, err = runCmd(ctx, t)
			}
			os.Remove(prefix + ".pgm")
			mu.Lock()
			defer mu.Unlock()
			cpu += r1.cpu + r2.cpu
			if p == 1 {
				res.RefFirstPageS = time.Since(start).Seconds()
			}
			if err != nil && firstErr == nil {
				firstErr = err
			}
		}(p)
	}
	wg.Wait()
	res.RefWallS = time.Since(start).Seconds()
	res.RefCPUPerPageS = cpu.Seconds() / float64(max(res.Pages, 1))
	return firstErr
}

// growth is the exponent k in time ∝ cases^k between each pair of
// consecutive sizes (1 is linear), for the figures that should not grow.
func growth(sizes []Size) map[string]float64 {
	if len(sizes) < 2 {
		return nil
	}
	out := map[string]float64{}
	for i := 1; i < len(sizes); i++ {
		a, b := sizes[i-1], sizes[i]
		k := fmt.Sprintf("%d-%d", a.Cases, b.Cases)
		n := math.Log(float64(b.Cases) / float64(a.Cases))
		for name, v := range map[string][2]float64{
			"search_p50": {a.SearchMS.P50, b.SearchMS.P50}, "search_p99": {a.SearchMS.P99, b.SearchMS.P99},
			"launch": {a.LaunchMS, b.LaunchMS}, "rss": {a.RSSMB, b.RSSMB}, "list_json": {a.ListJSONMS, b.ListJSONMS},
			"list_json_rss": {a.ListJSONRSSMB, b.ListJSONRSSMB},
		} {
			if v[0] > 0 && v[1] > 0 {
				out[name+" "+k] = math.Round(math.Log(v[1]/v[0])/n*100) / 100
			}
		}
	}
	return out
}

func ratio(a, b float64) float64 {
	if b <= 0 {
		return 0
	}
	return math.Round(a/b*100) / 100
}

// RSSMB is this process's resident memory now, in MB (Linux; 0
// elsewhere): the desk's memory with the store's mapped pages it touched.
func RSSMB() float64 { return statusMB("VmRSS:") }

func statusMB(key string) float64 {
	b, err := os.ReadFile("/proc/self/status")
	if err != nil {
		return 0
	}
	for _, line := range strings.Split(string(b), "\n") {
		if v, ok := strings.CutPrefix(line, key); ok {
			var kb float64
			fmt.Sscanf(strings.TrimSpace(v), "%f", &kb)
			return kb / 1024
		}
	}
	return 0
}

func loadavg() string {
	b, err := os.ReadFile("/proc/loadavg")
	if err != nil {
		return ""
	}
	f := strings.Fields(string(b))
	if len(f) < 3 {
		return ""
	}
	return strings.Join(f[:3], " ")
}
