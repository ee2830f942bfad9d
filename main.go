// Command warrantdesk reviews legal process offline: a CLI and, with no
// command, the desktop app. This file is the one place the program is put
// together (Main): it reads the options, builds every long-lived part once,
// hands them to the command line or the desk, and closes them in reverse
// order. See docs/architecture.md.
package main

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"os"
	"os/signal"
	"path/filepath"
	"runtime"
	"runtime/debug"
	"time"

	fyneapp "fyne.io/fyne/v2/app"

	_ "github.com/warrantdesk/warrantdesk/app/posixlocale" // before Fyne reads the locale

	"github.com/warrantdesk/warrantdesk/app"
	"github.com/warrantdesk/warrantdesk/app/casework"
	"github.com/warrantdesk/warrantdesk/app/cli"
	"github.com/warrantdesk/warrantdesk/app/extract"
	"github.com/warrantdesk/warrantdesk/app/intake"
	"github.com/warrantdesk/warrantdesk/app/logfile"
	"github.com/warrantdesk/warrantdesk/app/memo"
	"github.com/warrantdesk/warrantdesk/app/ocr"
	"github.com/warrantdesk/warrantdesk/app/pdftext"
	"github.com/warrantdesk/warrantdesk/app/render"
	"github.com/warrantdesk/warrantdesk/app/scan"
	"github.com/warrantdesk/warrantdesk/app/ui"
	"github.com/warrantdesk/warrantdesk/assets"
	"github.com/warrantdesk/warrantdesk/storage"
)

// fileReaders are the commands that read orders from files.
var fileReaders = map[string]bool{"import": true, "extract": true, "eval": true}

// appMemory is their soft memory limit (debug.SetMemoryLimit).
const appMemory = intake.InFlight + 128<<20

// appID matches FyneApp.toml.
const appID = "org.warrantdesk.WarrantDesk"

func main() {
	// The same binary is its own sandboxed PDF reader and page renderer:
	// see app/pdftext, app/render and app/sandbox.
	if len(os.Args) > 2 && os.Args[1] == "worker" && os.Args[2] == "pdftext" {
		os.Exit(pdftext.ServeWorker(os.Args[3:], os.Stdin, os.Stdout))
	}
	render.ServeIfWorker()
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	os.Exit(execute(ctx, os.Args[1:]))
}

// execute does what args ask for: the desk, the demo, or a command.
func execute(ctx context.Context, args []string) int {
	inv, err := cli.Parse(args, os.Getenv)
	if err != nil || inv.Command == "help" {
		return cli.Run(ctx, args, cli.Params{}) // says what is wrong, or the usage: nothing to build
	}
	if fileReaders[inv.Command] {
		// These commands' own memory is the files in flight
		// (intake.InFlight): everything untrusted is parsed in
		// workers. A soft limit near that makes the collector hand a
		// finished file's bytes back before the heap doubles past them
		// (a 250 MB file: 396 MB at most instead of 669). The desk,
		// whose live heap grows with the cases it holds, keeps the
		// collector's default pace.
		debug.SetMemoryLimit(appMemory)
	}
	m := &Main{Options: inv.Options}
	var demo *cli.Demo
	if inv.Command == "demo" {
		if demo, err = cli.NewDemo(inv.Args, cli.Params{}); err != nil {
			return cli.Report(os.Stderr, err)
		}
		defer demo.Remove()
		m.DataDir = demo.Data
		m.Options, demo.NoOCR = forDemo(m.Options)
	} else if m.DataDir, err = cli.DataDir(inv.Options.DataDir, os.Getenv, runtime.GOOS); err != nil && inv.NeedsStore() {
		return cli.Report(os.Stderr, err)
	}
	m.ReadOnly = inv.ReadOnly()
	err = m.Open(inv.NeedsStore() || demo != nil)
	defer m.Close()
	if err != nil {
		return cli.Report(os.Stderr, err)
	}
	what := inv.Command
	if what == "" {
		what = "desk"
	}
	slog.Info("start", "command", what)
	switch {
	case demo != nil:
		if err := demo.Seal(ctx, m.service, os.Stderr); err != nil {
			return cli.Report(os.Stderr, err)
		}
		demo.Fill(ctx, m.service, os.Stderr)
		m.Desk()
	case inv.Command == "":
		m.Desk()
	default:
		return cli.Run(ctx, args, cli.Params{Service: m.service, Importer: m.importer, Terminal: cli.StdTerminal()})
	}
	return cli.ExitOK
}

// forDemo returns the options a demo's desk runs with, and whether the
// demo's own orders are filled without OCR: --no-ocr speeds up filling the
// demo (its orders have text), but the desk's own imports still read scans.
func forDemo(o cli.Options) (cli.Options, bool) {
	noOCR := o.NoOCR
	o.NoOCR = false
	return o, noOCR
}

// Main is the program put together: every long-lived part, built once by
// Open, handed down, and closed by Close in reverse order. Nothing below it
// builds its own.
type Main struct {
	Options cli.Options
	// DataDir holds the store and the log; "" when it cannot be told
	// (then there is no log, and no command that needs the store runs).
	DataDir string
	// ReadOnly opens the store for reading only (the commands that only
	// read), so they run while the desk is open.
	ReadOnly bool

	log      *logfile.Log
	store    *storage.DB // nil for commands that need none
	reader   *pdftext.Isolated
	renderer *render.Renderer // one pool of PDFium instances: OCR and the page view
	importer *intake.Importer
	service  *casework.Service // nil without a store
}

// Open builds the parts, the store only when withStore. On an error what
// was built stays for Close.
func (m *Main) Open(withStore bool) error {
	if m.DataDir != "" {
		m.log = logfile.Open(m.DataDir)
		slog.SetDefault(m.log.Logger)
	}
	exe, err := os.Executable()
	if err != nil {
		exe = os.Args[0]
	}
	m.reader = pdftext.NewIsolated([]string{exe, "worker", "pdftext"}, 0)
	m.reader.Timeout = m.Options.Timeout
	m.reader.SetMaxPages(m.Options.MaxPages)
	// PDFium runs in render workers, started as pages are drawn: a
	// command that renders nothing pays nothing for it.
	m.renderer = render.New(render.CacheDirFor(), 0)
	m.importer = &intake.Importer{Reader: m.reader, Extractor: extract.New(), Now: time.Now, Parallel: runtime.NumCPU(),
		MaxPages: m.Options.MaxPages, OCRPages: m.Options.OCRPages, OCRTime: m.Options.OCRTime}
	if !m.Options.NoOCR {
		m.importer.Scanner = &scan.Scanner{Renderer: m.renderer, OCR: &ocr.Tesseract{Path: m.Options.Tesseract}}
	}
	if !withStore {
		return nil
	}
	if m.store, err = storage.Open(m.DataDir, storage.Options{ReadOnly: m.ReadOnly, KDF: newKeyKDF}); err != nil {
		return err
	}
	for _, w := range m.store.Warnings() {
		fmt.Fprintf(os.Stderr, "warning: %s\n", w)
	}
	m.importer.Store = m.store
	m.service = casework.New(casework.Params{
		Store: m.store, Importer: m.importer, Now: time.Now, Protected: []string{m.DataDir}, Actor: cli.Reviewer(os.Getenv),
		MemoTemplate: assets.MemoTemplate,
		MemoFonts:    memo.Fonts{Regular: assets.FontRegular, Bold: assets.FontBold, Fallback: assets.FontFallback},
	})
	return nil
}

// Desk runs the desktop app until its window closes.
func (m *Main) Desk() {
	ui.Run(ui.Params{
		App: fyneapp.NewWithID(appID), Service: m.service, Renderer: m.renderer,
		Reviewer: os.Getenv("WARRANTDESK_REVIEWER"), DefaultMemoFolder: casework.DefaultMemoFolder(), Icon: assets.Icon,
		LockRequest: filepath.Join(m.DataDir, app.LockRequestFile),
	})
}

// Close closes what Open built, last built first; what fails to close is
// logged before the log itself closes.
func (m *Main) Close() {
	var errs []error
	if m.store != nil {
		errs = append(errs, m.store.Close())
	}
	if m.renderer != nil {
		errs = append(errs, m.renderer.Close())
	}
	if err := errors.Join(errs...); err != nil {
		app.LogError(err)
	}
	if m.log != nil {
		m.log.Close()
	}
}
