// Package cli is WarrantDesk's command line: the contract other tools read
// (see docs/cli.md). main wires its dependencies; Run does the rest and
// returns the exit status: 0 when everything succeeded, 1 when some input
// failed, 2 for usage errors.
package cli

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/user"
	"runtime"
	"strconv"
	"strings"
	"time"

	"github.com/warrantdesk/warrantdesk/app"
	"github.com/warrantdesk/warrantdesk/app/intake"
	"github.com/warrantdesk/warrantdesk/app/memo"
)

// Exit statuses.
const (
	ExitOK    = 0
	ExitInput = 1
	ExitUsage = 2
)

// Deps are what the commands need, wired by main.
type Deps struct {
	OpenStore func(dir string) (app.Store, error)
	// OpenStoreReadOnly opens for the commands that only read (list,
	// show, search, stats, export, memo, check), so they run while the
	// desk is open; nil uses OpenStore.
	OpenStoreReadOnly func(dir string) (app.Store, error)
	// NewReader returns the PDF text reader, given the worker time limit.
	NewReader func(timeout time.Duration) app.TextReader
	Extractor app.Extractor
	// NewScanner returns the OCR page reader; tesseract is its path ("" to
	// search). Called at most once per run.
	NewScanner func(tesseract string) app.PageReader
	// OpenDesk runs the desktop app until its window closes; importAll
	// brings orders in from the window.
	OpenDesk func(store app.Store, importAll ImportAll, reviewer string) error
	Getenv   func(string) string
	Now      func() time.Time
	Stdout   io.Writer
	Stderr   io.Writer
	// MemoTemplate and MemoFonts come from assets/: the memo's wording
	// and the fonts its PDF embeds.
	MemoTemplate string
	MemoFonts    memo.Fonts
}

const usage = `WarrantDesk reviews legal process (warrants, subpoenas, court orders) offline.

Usage:
  warrantdesk [--data DIR]                       open the desktop app
  warrantdesk extract [--json] [--text] FILE...  read orders, print what was found (--text: and each page's text)
  warrantdesk import [--json] [--split] PATH...  files or folders (recursive *.pdf); --split: a case per bundled order
  warrantdesk list [--json]                      cases, most urgent first
  warrantdesk show [--json] CASE                 CASE = id, unique id prefix, or case number
  warrantdesk search [--json] QUERY              fuzzy over case number, authority, agency, targets
  warrantdesk decide CASE --decision D [--ground G]... [--note TEXT] [--reviewer NAME]
                     [--produce TARGET]... [--withhold TARGET]... [--notice notify|delayed|not_notified]
                     [--notice-after YYYY-MM-DD]
  warrantdesk memo CASE --out FILE [--format pdf|docx|md] [--force]  the decision memo (format from FILE's extension)
  warrantdesk memo --all --out DIR [--from DATE] [--to DATE] [--format pdf|docx|md] [--force]  memos of decided cases
  warrantdesk export --out FILE [--format csv|json] [--force]  the decision log, one row per case
                   (--out never writes into the data folder; an existing file is replaced only with --force)
  warrantdesk stats [--from DATE] [--to DATE] [--json]       transparency-report statistics of decisions
  warrantdesk settings [--add-domain D] [--add-account A] [--add-provider-name N] [--provider-state XX] [--remove-…] [--json]
                                                 enterprise customers (redirect checks) and your own names
  warrantdesk check [--json]                     read every stored record back and check the database file
  warrantdesk eval [--truth DIR] [--misses N] DIR  score extraction on orders with NAME.json truth files
  warrantdesk demo                               open the desk on a throwaway folder of fictional orders
  warrantdesk samples --out DIR [--n N] [--seed S] [--scanned]  write fictional orders with truth files
                                                 (--scanned: as noisy page images, some upside down)

Decisions: comply, narrow, reject, redirect, preserve, no-data, clarify, challenge.

Options for every command:
  --data DIR       the data folder (default: WARRANTDESK_DATA, else the user data folder)
  --timeout DUR    how long a PDF may take to open (default 10s; each page read adds 20ms)
  --max-pages N    pages read of one file (default 2000; the rest are named in a warning)
  --ocr-pages N    pages OCR'd of one file (default 300)   --ocr-time DUR  OCR time per file (default 15m)
  --no-ocr         do not OCR pages without text (they stay marked as needing OCR)
  --tesseract PATH the tesseract program (default: WARRANTDESK_TESSERACT, else PATH)

Exit status: 0 all succeeded, 1 some input failed, 2 usage error.
`

// usageError is a wrong command line.
type usageError struct{ msg string }

func (e usageError) Error() string { return e.msg }

func usagef(format string, args ...any) error { return usageError{fmt.Sprintf(format, args...)} }

// Run runs the command line args (without the program name).
func Run(ctx context.Context, args []string, d Deps) (status int) {
	if d.Getenv == nil {
		d.Getenv = os.Getenv
	}
	if d.Now == nil {
		d.Now = time.Now
	}
	if d.Stdout == nil {
		d.Stdout = os.Stdout
	}
	if d.Stderr == nil {
		d.Stderr = os.Stderr
	}
	// No command may end in a panic: say what happened instead.
	defer func() {
		if r := recover(); r != nil {
			fmt.Fprintf(d.Stderr, "warrantdesk: internal error: %v\nPlease report this; nothing already saved was lost.\n", r)
			status = ExitInput
		}
	}()
	c := &command{deps: d}
	err := c.dispatch(ctx, args)
	var ue usageError
	switch {
	case err == nil:
		return c.status
	case errors.As(err, &ue):
		fmt.Fprintf(d.Stderr, "warrantdesk: %s\nRun 'warrantdesk help' for usage.\n", ue.msg)
		return ExitUsage
	case errors.Is(err, flag.ErrHelp):
		return ExitOK
	default:
		fmt.Fprintf(d.Stderr, "warrantdesk: %s\n", app.ErrorMessage(err))
		if app.ErrorCode(err) == app.EINVALID || app.ErrorCode(err) == app.EAMBIGUOUS {
			return ExitUsage
		}
		return ExitInput
	}
}

type command struct {
	deps      Deps
	dataDir   string
	timeout   time.Duration
	maxPages  int
	ocrPages  int
	ocrTime   time.Duration
	noOCR     bool
	tesseract string
	status    int
}

// maxPagesFlag is the most pages --max-pages and --ocr-pages allow.
const maxPagesFlag = 100000

// flags returns a flag set with the options every command takes.
func (c *command) flags(name string) *flag.FlagSet {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	fs.StringVar(&c.dataDir, "data", c.dataDir, "data folder")
	fs.DurationVar(&c.timeout, "timeout", c.timeout, "time limit per PDF")
	fs.IntVar(&c.maxPages, "max-pages", c.maxPages, "pages read per file")
	fs.IntVar(&c.ocrPages, "ocr-pages", c.ocrPages, "pages OCR'd per file")
	fs.DurationVar(&c.ocrTime, "ocr-time", c.ocrTime, "OCR time per file")
	fs.BoolVar(&c.noOCR, "no-ocr", c.noOCR, "skip OCR")
	fs.StringVar(&c.tesseract, "tesseract", c.tesseract, "tesseract program")
	return fs
}

// parse parses flags that may come before, between or after positional
// arguments ("decide CASE --decision comply"), and returns the positional
// ones.
func parse(fs *flag.FlagSet, args []string) ([]string, error) {
	var pos []string
	for {
		if err := fs.Parse(args); err != nil {
			if errors.Is(err, flag.ErrHelp) {
				return nil, err
			}
			return nil, usagef("%s: %v", fs.Name(), err)
		}
		var bad error
		fs.Visit(func(f *flag.Flag) {
			v := f.Value.String()
			switch f.Name {
			case "timeout", "ocr-time":
				if d, err := time.ParseDuration(v); err != nil || d <= 0 {
					bad = usagef("--%s takes a positive duration such as 10s or 2m, not %s", f.Name, v)
				}
			case "max-pages", "ocr-pages":
				if n, err := strconv.Atoi(v); err != nil || n < 1 || n > maxPagesFlag {
					bad = usagef("--%s takes a number of pages from 1 to %d, not %s", f.Name, maxPagesFlag, v)
				}
			}
		})
		if bad != nil {
			return nil, bad
		}
		args = fs.Args()
		if len(args) == 0 {
			return pos, nil
		}
		if args[0] == "--" {
			return append(pos, args[1:]...), nil
		}
		pos = append(pos, args[0])
		args = args[1:]
	}
}

func (c *command) dispatch(ctx context.Context, args []string) error {
	c.timeout = 10 * time.Second
	c.noOCR = envBool(c.deps.Getenv("WARRANTDESK_NO_OCR"))
	// Global options before the command.
	fs := c.flags("warrantdesk")
	help := fs.Bool("help", false, "")
	fs.BoolVar(help, "h", false, "")
	if err := fs.Parse(args); err != nil {
		return usagef("%v", err)
	}
	if c.timeout <= 0 || c.ocrTime < 0 || c.maxPages < 0 || c.ocrPages < 0 || c.maxPages > maxPagesFlag || c.ocrPages > maxPagesFlag {
		return usagef("--timeout and --ocr-time take positive durations, --max-pages and --ocr-pages numbers of pages from 1 to %d", maxPagesFlag)
	}
	if *help {
		fmt.Fprint(c.deps.Stdout, usage)
		return nil
	}
	args = fs.Args()
	if len(args) == 0 {
		return c.desk()
	}
	name, rest := args[0], args[1:]
	switch name {
	case "help", "-h", "--help":
		fmt.Fprint(c.deps.Stdout, usage)
		return nil
	case "extract":
		return c.extract(ctx, rest)
	case "import":
		return c.importCmd(ctx, rest)
	case "list":
		return c.list(ctx, rest)
	case "show":
		return c.show(ctx, rest)
	case "search":
		return c.search(ctx, rest)
	case "decide":
		return c.decide(ctx, rest)
	case "memo":
		return c.memo(ctx, rest)
	case "export":
		return c.export(ctx, rest)
	case "stats":
		return c.stats(ctx, rest)
	case "settings":
		return c.settings(ctx, rest)
	case "eval":
		return c.eval(ctx, rest)
	case "samples":
		return c.samples(ctx, rest)
	case "demo":
		return c.demo(ctx, rest)
	case "check":
		return c.check(ctx, rest)
	}
	return usagef("unknown command %q", name)
}

func (c *command) reader() app.TextReader { return c.deps.NewReader(c.timeout) }

// importer returns an importer; store may be nil for commands that store
// nothing.
func (c *command) importer(store app.Store) *intake.Importer {
	im := &intake.Importer{Reader: c.reader(), Extractor: c.deps.Extractor, Store: store, Now: c.deps.Now, Parallel: runtime.NumCPU(),
		MaxPages: c.maxPages, OCRPages: c.ocrPages, OCRTime: c.ocrTime}
	if r, ok := im.Reader.(interface{ SetMaxPages(int) }); ok && c.maxPages > 0 {
		r.SetMaxPages(c.maxPages)
	}
	if !c.noOCR && c.deps.NewScanner != nil {
		t := c.tesseract
		if t == "" {
			t = c.deps.Getenv("WARRANTDESK_TESSERACT")
		}
		im.Scanner = c.deps.NewScanner(t)
		im.OnOCR = func(file string, done, total int) {
			fmt.Fprintf(c.deps.Stderr, "%s: OCR page %d of %d\n", app.PrintableName(file), done, total)
		}
	}
	return im
}

// openStore opens the data folder's database.
func (c *command) openStore() (app.Store, error) { return c.openStoreFor(false) }

// openStoreFor opens it for reading only when readOnly is set and main
// wired a read-only opener: then it works while the desk is open.
func (c *command) openStoreFor(readOnly bool) (app.Store, error) {
	dir, err := DataDir(c.dataDir, c.deps.Getenv, runtime.GOOS)
	if err != nil {
		return nil, err
	}
	open := c.deps.OpenStore
	if readOnly && c.deps.OpenStoreReadOnly != nil {
		open = c.deps.OpenStoreReadOnly
	}
	store, err := open(dir)
	if err != nil {
		return nil, err
	}
	if w, ok := store.(interface{ Warnings() []string }); ok {
		for _, msg := range w.Warnings() {
			fmt.Fprintf(c.deps.Stderr, "warning: %s\n", msg)
		}
	}
	return store, nil
}

func (c *command) desk() error {
	store, err := c.openStore()
	if err != nil {
		return err
	}
	defer store.Close()
	return c.deps.OpenDesk(store, c.importAll(store), c.reviewer())
}

// ImportAll imports files and folders for the desk, reporting each file's
// outcome in words.
type ImportAll func(ctx context.Context, paths []string, progress func(done, total int, file, result string, failed bool))

func (c *command) importAll(store app.Store) ImportAll {
	return func(ctx context.Context, paths []string, progress func(done, total int, file, result string, failed bool)) {
		im := c.importer(store)
		im.OnOCR = nil // the desk shows files, not pages
		im.ImportAll(ctx, paths, func(done, total int, o intake.Outcome) {
			progress(done, total, o.File, outcomeText(o), o.Err != nil)
		})
	}
}

// outcomeText says what became of a file.
func outcomeText(o intake.Outcome) string {
	switch {
	case o.Err != nil:
		return "could not import: " + app.ErrorMessage(o.Err)
	case o.Duplicate:
		return "already imported as case " + o.CaseID
	case len(o.More) > 0:
		return fmt.Sprintf("%d orders, new cases %s", 1+len(o.More), strings.Join(append([]string{o.CaseID}, o.More...), ", "))
	case o.NeedsOCR:
		return "new case " + o.CaseID + " (needs OCR)"
	}
	return "new case " + o.CaseID
}

// reviewer is the default reviewer name: WARRANTDESK_REVIEWER, else the
// login name.
func (c *command) reviewer() string {
	if r := c.deps.Getenv("WARRANTDESK_REVIEWER"); r != "" {
		return r
	}
	if u, err := user.Current(); err == nil {
		if u.Name != "" {
			return u.Name
		}
		return u.Username
	}
	return "unknown reviewer"
}

func (c *command) fail(file string, err error) {
	c.status = ExitInput
	fmt.Fprintf(c.deps.Stderr, "%s: %s\n", app.PrintableName(file), oneLine(app.ErrorMessage(err)))
}

// envBool reads a boolean environment value.
func envBool(v string) bool { return v == "1" || strings.EqualFold(v, "true") }

func oneLine(s string) string { return strings.Join(strings.Fields(s), " ") }
