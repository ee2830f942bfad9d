// Command warrantdesk reviews legal process offline: a CLI and, with no
// command, the desktop app. This file only wires; see docs/architecture.md.
package main

import (
	"context"
	"os"
	"os/signal"
	"time"

	fyneapp "fyne.io/fyne/v2/app"

	"github.com/warrantdesk/warrantdesk/app"
	"github.com/warrantdesk/warrantdesk/app/cli"
	"github.com/warrantdesk/warrantdesk/app/extract"
	"github.com/warrantdesk/warrantdesk/app/memo"
	"github.com/warrantdesk/warrantdesk/app/ocr"
	"github.com/warrantdesk/warrantdesk/app/pdftext"
	_ "github.com/warrantdesk/warrantdesk/app/posixlocale" // before Fyne reads the locale
	"github.com/warrantdesk/warrantdesk/app/render"
	"github.com/warrantdesk/warrantdesk/app/scan"
	"github.com/warrantdesk/warrantdesk/app/ui"
	"github.com/warrantdesk/warrantdesk/assets"
	"github.com/warrantdesk/warrantdesk/storage"
)

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
	var deps cli.Deps
	deps = cli.Deps{
		MemoTemplate: assets.MemoTemplate,
		MemoFonts:    memo.Fonts{Regular: assets.FontRegular, Bold: assets.FontBold, Fallback: assets.FontFallback},
		OpenStore:    func(dir string) (app.Store, error) { return storage.Open(dir, storage.Options{}) },
		OpenStoreReadOnly: func(dir string) (app.Store, error) {
			return storage.Open(dir, storage.Options{ReadOnly: true})
		},
		NewReader: newReader,
		Extractor: extract.New(),
		NewScanner: func(tesseract string) app.PageReader {
			return &scan.Scanner{Renderer: render.New(render.CacheDirFor(), 0), OCR: &ocr.Tesseract{Path: tesseract}}
		},
		OpenDesk: func(store app.Store, importAll cli.ImportAll, reviewer string) error {
			importFn := func(ctx context.Context, paths []string, progress func(int, int, ui.ImportResult)) {
				importAll(ctx, paths, func(done, total int, file, result string, failed bool) {
					progress(done, total, ui.ImportResult{File: file, Result: result, Failed: failed})
				})
			}
			// One PDFium instance draws the pages the reviewer looks at;
			// imports have their own for OCR.
			pages := render.New(render.CacheDirFor(), 1)
			defer pages.Close()
			exportMemo := func(ctx context.Context, c *app.Case, path string) error {
				return cli.WriteMemo(ctx, deps, store, c, path)
			}
			ui.Run(fyneapp.NewWithID(appID), store, pages, importFn, exportMemo, reviewer, assets.Icon)
			return nil
		},
	}
	os.Exit(cli.Run(ctx, os.Args[1:], deps))
}

func newReader(timeout time.Duration) app.TextReader {
	exe, err := os.Executable()
	if err != nil {
		exe = os.Args[0]
	}
	r := pdftext.NewIsolated([]string{exe, "worker", "pdftext"}, 0)
	r.Timeout = timeout
	return r
}
