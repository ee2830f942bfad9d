package ui

import (
	"context"
	"fmt"
	"strings"
	"sync"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"
)

// ImportResult is what became of one file, in words for the reviewer.
type ImportResult struct {
	File   string
	Result string // "new case 3fa8…", "already imported as case …", "could not read PDF: …"
	Failed bool
}

// ImportFunc imports files and folders, calling progress after each file
// (not concurrently), and stops early when ctx is cancelled. main wires it
// to the importer; nothing already imported is lost when one file fails.
type ImportFunc func(ctx context.Context, paths []string, progress func(done, total int, r ImportResult))

// ImportPane runs imports in the background with a progress bar, a count,
// the outcome of each file, and Cancel.
type ImportPane struct {
	importFn ImportFunc
	run      Runner
	onDone   func()

	bar     *widget.ProgressBar
	count   *widget.Label
	log     *widget.Label
	cancel  *widget.Button
	root    *fyne.Container
	mu      sync.Mutex
	stop    context.CancelFunc
	running bool
}

// NewImportPane builds the pane, hidden until an import starts. onDone is
// called on the UI goroutine when an import ends.
func NewImportPane(importFn ImportFunc, run Runner, onDone func()) *ImportPane {
	p := &ImportPane{importFn: importFn, run: run, onDone: onDone}
	p.bar = widget.NewProgressBar()
	p.count = widget.NewLabel("")
	p.log = widget.NewLabel("")
	p.log.Wrapping = fyne.TextWrapWord
	p.cancel = widget.NewButton("Cancel", p.onCancel)
	p.root = container.NewVBox(container.NewBorder(nil, nil, nil, p.cancel, p.bar), p.count, p.log)
	p.root.Hide()
	return p
}

// Content is the pane's root object.
func (p *ImportPane) Content() fyne.CanvasObject { return p.root }

// Start imports paths unless an import is running.
func (p *ImportPane) Start(paths []string) {
	if len(paths) == 0 || p.running {
		return
	}
	ctx, stop := context.WithCancel(context.Background())
	p.mu.Lock()
	p.stop = stop
	p.mu.Unlock()
	p.running = true
	p.root.Show()
	p.bar.SetValue(0)
	p.count.SetText("Importing…")
	p.log.SetText("")
	p.cancel.Enable()
	var lines []string
	failed := 0
	p.run(func() {
		p.importFn(ctx, paths, func(done, total int, r ImportResult) {
			fyne.Do(func() {
				if r.Failed {
					failed++
				}
				lines = append(lines, fmt.Sprintf("%s: %s", r.File, r.Result))
				p.bar.SetValue(float64(done) / float64(max(total, 1)))
				p.count.SetText(fmt.Sprintf("%d of %d files", done, total))
				p.log.SetText(strings.Join(lastLines(lines, 8), "\n"))
			})
		})
		cancelled := ctx.Err() != nil
		stop()
		fyne.Do(func() {
			p.running = false
			p.cancel.Disable()
			summary := fmt.Sprintf("Done: %d files", len(lines))
			if failed > 0 {
				summary += fmt.Sprintf(", %d could not be imported (see below)", failed)
			}
			if cancelled {
				summary = "Cancelled after " + fmt.Sprint(len(lines)) + " files; those already imported are kept"
			}
			p.count.SetText(summary)
			if p.onDone != nil {
				p.onDone()
			}
		})
	})
}

func (p *ImportPane) onCancel() {
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.stop != nil {
		p.stop()
	}
	p.cancel.Disable()
}

func lastLines(lines []string, n int) []string {
	if len(lines) <= n {
		return lines
	}
	return append([]string{fmt.Sprintf("… %d more above", len(lines)-n)}, lines[len(lines)-n:]...)
}
