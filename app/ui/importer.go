package ui

import (
	"context"
	"fmt"
	"path/filepath"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/warrantdesk/warrantdesk/app"
	"github.com/warrantdesk/warrantdesk/app/casework"
)

// Importer brings files and folders in, calling progress after each file
// (not concurrently), and stops between files when ctx is cancelled;
// nothing already imported is lost when one file fails. app/casework
// implements it.
type Importer interface {
	Import(ctx context.Context, paths []string, opts casework.ImportOptions, progress func(done, total int, o app.ImportOutcome)) []app.ImportOutcome
}

// ImportPaneParams are what an import pane works with.
type ImportPaneParams struct {
	Importer Importer
	Run      Runner
	// OnDone is called on the UI goroutine when an import ends, with the
	// cases it made in the order their files were done; it may be nil.
	OnDone func(created []string)
}

// ImportPane runs imports in the background with a progress bar that
// moves with each page OCR reads, a count, the outcome of each file, and
// Cancel; once done it can be closed. Its state is touched only on the UI
// goroutine: the import's goroutine hands each outcome over with fyne.Do.
type ImportPane struct {
	importer Importer
	run      Runner
	onDone   func(created []string)

	bar    *widget.ProgressBar
	count  *widget.Label
	page   *widget.Label // the page OCR is reading
	log    *widget.Label
	cancel *widget.Button
	close  *widget.Button
	// ocrMissing says, once a session and then for good, that scans wait
	// for an OCR program, and how to install it.
	ocrMissing *widget.Label
	root       *fyne.Container
	// stop cancels the running import; nil when none runs.
	stop context.CancelFunc
}

// NewImportPane builds the pane, hidden until an import starts.
func NewImportPane(p ImportPaneParams) *ImportPane {
	pane := &ImportPane{importer: p.Importer, run: p.Run, onDone: p.OnDone}
	pane.bar = widget.NewProgressBar()
	pane.count = widget.NewLabel("")
	pane.count.Wrapping = fyne.TextWrapWord
	pane.page = widget.NewLabel("")
	pane.page.Truncation = fyne.TextTruncateEllipsis
	pane.log = widget.NewLabel("")
	pane.log.Wrapping = fyne.TextWrapWord
	pane.cancel = widget.NewButton("Cancel", pane.Cancel)
	pane.close = widget.NewButtonWithIcon("", theme.CancelIcon(), pane.Dismiss)
	pane.ocrMissing = &widget.Label{Wrapping: fyne.TextWrapWord, Importance: widget.WarningImportance}
	pane.ocrMissing.Hide()
	pane.root = container.NewVBox(pane.ocrMissing, container.NewBorder(nil, nil, nil, container.NewHBox(pane.cancel, pane.close), pane.bar), pane.count, pane.page, pane.log)
	pane.root.Hide()
	return pane
}

// Content is the pane's root object.
func (p *ImportPane) Content() fyne.CanvasObject { return p.root }

// Running reports whether an import runs.
func (p *ImportPane) Running() bool { return p.stop != nil }

// Dismiss hides the pane once its import is over.
func (p *ImportPane) Dismiss() {
	if p.stop == nil {
		p.root.Hide()
	}
}

// Start imports paths unless an import is running.
func (p *ImportPane) Start(paths []string) {
	if len(paths) == 0 || p.stop != nil {
		return
	}
	ctx, stop := context.WithCancel(context.Background())
	p.stop = stop
	p.root.Show()
	p.bar.SetValue(0)
	p.count.SetText("Importing…")
	p.page.SetText("")
	p.log.SetText("")
	p.cancel.Enable()
	p.close.Disable()
	var lines, created []string
	failed, files, total := 0, 0, 1
	opts := casework.ImportOptions{OnOCR: func(file string, done, pages int) {
		line := fmt.Sprintf("%s: OCR page %d of %d", filepath.Base(file), done, pages)
		fyne.Do(func() {
			p.page.SetText(line)
			// The bar moves with the pages of a long scan, not only
			// between files.
			p.bar.SetValue((float64(files) + float64(done)/float64(max(pages, 1))) / float64(max(total, 1)))
		})
	}}
	p.run(func() {
		p.importer.Import(ctx, paths, opts, func(done, n int, o app.ImportOutcome) {
			line := o.File + ": " + outcomeText(o)
			fyne.Do(func() {
				if o.Err != nil {
					failed++
				}
				files, total = done, n
				created = append(created, o.Created()...)
				lines = append(lines, line)
				if o.OCRMissing != nil && !p.ocrMissing.Visible() {
					p.ocrMissing.SetText(app.ErrorMessage(o.OCRMissing) + ". Until then, scanned orders are kept as needing OCR.")
					p.ocrMissing.Show()
				}
				p.bar.SetValue(float64(done) / float64(max(n, 1)))
				p.count.SetText(fmt.Sprintf("%d of %s", done, app.Plural(n, "file")))
				p.page.SetText("")
				p.log.SetText(strings.Join(lastLines(lines, 8), "\n"))
			})
		})
		cancelled := ctx.Err() != nil
		stop()
		fyne.Do(func() {
			p.stop = nil
			p.cancel.Disable()
			p.close.Enable()
			p.page.SetText("")
			summary := "Done: " + app.Plural(len(lines), "file")
			if failed > 0 {
				summary += fmt.Sprintf(", %d could not be imported (see below)", failed)
			}
			if cancelled {
				summary = "Cancelled after " + app.Plural(len(lines), "file") + "; those already imported are kept"
			}
			p.count.SetText(summary)
			if p.onDone != nil {
				p.onDone(created)
			}
		})
	})
}

// Cancel stops the running import between files; what was imported stays.
func (p *ImportPane) Cancel() {
	if p.stop != nil {
		p.stop()
	}
	p.cancel.Disable()
}

// outcomeText says what became of a file, naming cases by their short ID.
func outcomeText(o app.ImportOutcome) string {
	ids := make([]string, len(o.CaseIDs))
	for i, id := range o.CaseIDs {
		ids[i] = app.ShortID(id)
	}
	switch {
	case o.Err != nil:
		return app.ErrorMessage(o.Err)
	case o.Duplicate:
		return "already imported as case " + strings.Join(ids, ", ")
	case len(ids) > 1:
		return fmt.Sprintf("%d orders, new cases %s", len(ids), strings.Join(ids, ", "))
	case o.NeedsOCR:
		return "new case " + strings.Join(ids, "") + " (needs OCR)"
	}
	return "new case " + strings.Join(ids, "")
}

func lastLines(lines []string, n int) []string {
	if len(lines) <= n {
		return lines
	}
	return append([]string{fmt.Sprintf("… %d more above", len(lines)-n)}, lines[len(lines)-n:]...)
}
