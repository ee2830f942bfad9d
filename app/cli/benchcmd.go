package cli

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/warrantdesk/warrantdesk/app"
	"github.com/warrantdesk/warrantdesk/app/bench"
	"github.com/warrantdesk/warrantdesk/app/sandbox"
)

// benchCmd measures the app at scale beside references (docs/PERFORMANCE.md).
func (c *command) benchCmd(ctx context.Context, args []string) error {
	fs := c.flags("bench")
	casesFlag := fs.String("cases", "10000", "")
	bases := fs.Int("bases", 500, "")
	importFiles := fs.Int("import", 0, "")
	ocrFile := fs.String("ocr", "", "")
	keep := fs.String("keep", "", "")
	seed := fs.Uint64("seed", 1, "")
	asJSON := fs.Bool("json", false, "")
	if pos, err := parse(fs, args); err != nil {
		return err
	} else if len(pos) > 0 {
		return usagef("bench takes no arguments, got %q", pos[0])
	}
	var sizes []int
	for _, f := range strings.Split(*casesFlag, ",") {
		if f = strings.TrimSpace(f); f == "" {
			continue
		}
		n, err := strconv.Atoi(strings.ReplaceAll(f, "_", ""))
		if err != nil || n < 1 || n > 10_000_000 {
			return usagef("bench: --cases takes store sizes between 1 and 10000000, comma-separated (got %q)", f)
		}
		sizes = append(sizes, n)
	}
	if *bases < 1 || *importFiles < 0 {
		return usagef("bench: --bases must be at least 1 and --import not negative")
	}
	rep, err := bench.Run(ctx, bench.Options{Exe: sandbox.Executable(), Cases: sizes, Bases: *bases, Dir: *keep,
		ImportFiles: *importFiles, OCRFile: *ocrFile, Seed: *seed, Log: c.deps.Stderr})
	if err != nil {
		if _, ok := errors.AsType[*app.Error](err); ok {
			return err
		}
		// The bench's stores hold generated orders only: its failures are
		// told in full, where an engineer running it reads them, not
		// only in the log of a data folder it does not use.
		return &app.Error{Code: app.EINTERNAL, Message: "bench: " + err.Error(), Err: err}
	}
	if *asJSON {
		enc := json.NewEncoder(c.deps.Stdout)
		enc.SetEscapeHTML(false)
		return enc.Encode(rep)
	}
	printBench(c.deps.Stdout, rep)
	return nil
}

// printBench is the report as a reviewer's engineer reads it.
func printBench(w io.Writer, rep *bench.Report) {
	sizes := rep.Sizes
	if len(sizes) == 0 && rep.Cases > 0 {
		sizes = []bench.Size{rep.Size}
	}
	for _, s := range sizes {
		fmt.Fprintf(w, "%d cases (%d bases, %.1f search entries a case, %.0f MB database, built in %.0f s)\n", s.Cases, s.Bases, s.EntriesPerCase, s.DBMB, s.BuildS)
		fmt.Fprintf(w, "  search per keystroke   p50 %.1f ms  p99 %.1f ms   (plain trigram index: p50 %.1f  p99 %.1f)\n",
			s.SearchMS.P50, s.SearchMS.P99, s.Reference.SearchTrigramMS.P50, s.Reference.SearchTrigramMS.P99)
		fmt.Fprintf(w, "  launch to usable desk  %.0f ms (%.0f ms CPU; unlock %.0f ms, desk %.0f ms), %.0f MB resident (peak %.0f; Go heap %.0f, anonymous %.0f, mapped files %.0f)\n",
			s.LaunchMS, s.LaunchCPUMS, s.UnlockMS, s.DeskMS, s.RSSMB, s.RSSPeakMB, s.RSSHeapMB, s.RSSAnonMB, s.RSSFileMB)
		fmt.Fprintf(w, "  index and flags loaded %.0f ms, %.0f MB resident\n", s.SettledMS, s.RSSSettledMB)
		fmt.Fprintf(w, "  list %.0f ms (%.0f MB)  list --json %.0f ms (%.0f MB)  search %.0f ms (%.0f MB)  export %.0f ms (%.0f MB)   (cat of the database: %.0f ms)\n",
			s.ListMS, s.ListRSSMB, s.ListJSONMS, s.ListJSONRSSMB, s.SearchCmdMS, s.SearchCmdRSSMB, s.ExportMS, s.ExportRSSMB, s.Reference.CatDBMS)
	}
	for k, v := range rep.Growth {
		fmt.Fprintf(w, "  growth %s: cases^%.2f\n", k, v)
	}
	if i := rep.Import; i != nil {
		fmt.Fprintf(w, "import of %d text PDFs: %.1f s wall, %.1f s CPU; %s: %.1f s wall, %.1f s CPU (ratio %.2f wall, %.2f CPU)\n",
			i.Files, i.WallS, i.CPUS, i.RefCommand, i.RefWallS, i.RefCPUS, i.WallRatio, i.CPURatio)
	}
	if o := rep.OCR; o != nil {
		fmt.Fprintf(w, "OCR of %s (%d pages): %.2f s CPU a page, %.1f s wall, first page's fields after %.1f s; reference %.2f s CPU a page, %.1f s wall, page 1 after %.1f s (ratio %.2f)\n",
			o.File, o.Pages, o.CPUPerPageS, o.WallS, o.FirstFieldsS, o.RefCPUPerPageS, o.RefWallS, o.RefFirstPageS, o.CPURatio)
	}
	fmt.Fprintf(w, "machine: %d CPUs, %s, load %s → %s\n", rep.Machine.CPUs, rep.Machine.OS, rep.Machine.LoadStart, rep.Machine.LoadEnd)
}
