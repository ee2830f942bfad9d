package ui

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"github.com/warrantdesk/warrantdesk/app"
	"github.com/warrantdesk/warrantdesk/app/casework"
	"github.com/warrantdesk/warrantdesk/app/extract"
	"github.com/warrantdesk/warrantdesk/app/intake"
	"github.com/warrantdesk/warrantdesk/app/pdftext"
	"github.com/warrantdesk/warrantdesk/app/sampleorders"
)

func TestImportPane_ProgressPagesOutcomesAndCancel(t *testing.T) {
	test.NewTempApp(t)
	done := 0
	var gotCtx context.Context
	var created []string
	var pageLine string
	var p *ImportPane
	fake := importerFunc(func(ctx context.Context, opts casework.ImportOptions, progress func(int, int, app.ImportOutcome)) {
		gotCtx = ctx
		// A long scan: the pane tells of each page OCR reads.
		opts.OnOCR("/orders/scan.pdf", 2, 5)
		pageLine = p.page.Text
		progress(1, 2, app.ImportOutcome{File: "a.pdf", CaseIDs: []string{"3fa8ee16aaaabbbbccccddddeeeeffff"}})
		progress(2, 2, app.ImportOutcome{File: "b.pdf", Err: app.Errorf(app.EUNREADABLE, "could not read PDF: gave up after 10 s")})
	})
	p = NewImportPane(ImportPaneParams{Importer: fake, Run: inline, OnDone: func(ids []string) { done++; created = ids }})
	w := test.NewTempWindow(t, p.Content())
	w.Resize(fyne.NewSize(600, 300))
	p.Start([]string{"/orders"})
	if pageLine != "scan.pdf: OCR page 2 of 5" {
		t.Errorf("page progress %q", pageLine)
	}
	if done != 1 || p.bar.Value != 1 || !strings.Contains(p.count.Text, "Done: 2 files, 1 could not be imported") {
		t.Errorf("after import: done %d, bar %v, count %q", done, p.bar.Value, p.count.Text)
	}
	if !strings.Contains(p.log.Text, "b.pdf: could not read PDF: gave up after 10 s") {
		t.Errorf("log %q", p.log.Text)
	}
	test.AssertRendersToMarkup(t, "import/done.xml", w.Canvas())
	if gotCtx.Err() == nil {
		t.Error("the import's context was not released")
	}
	if len(created) != 1 || created[0] != "3fa8ee16aaaabbbbccccddddeeeeffff" {
		t.Errorf("the pane reported new cases %q", created)
	}
	// Once done, the pane can be closed.
	test.Tap(p.close)
	if p.Content().Visible() {
		t.Error("the pane stays after Close")
	}
}

func TestImportPane_OCRMissing_SaidOnceWithTheInstallCommand(t *testing.T) {
	test.NewTempApp(t)
	missing := &app.Error{Code: app.EINVALID, Message: "OCR needs Tesseract; install it with: sudo apt-get install tesseract-ocr"}
	scan := func(file string) app.ImportOutcome {
		return app.ImportOutcome{File: file, CaseIDs: []string{"3fa8ee16aaaabbbbccccddddeeeeffff"}, NeedsOCR: true, OCRMissing: missing}
	}
	fake := importerFunc(func(_ context.Context, _ casework.ImportOptions, progress func(int, int, app.ImportOutcome)) {
		progress(1, 2, scan("a.pdf"))
		progress(2, 2, scan("b.pdf"))
	})
	p := NewImportPane(ImportPaneParams{Importer: fake, Run: inline})
	test.NewTempWindow(t, p.Content())
	if p.ocrMissing.Visible() {
		t.Fatal("the OCR notice shows before any scan came in")
	}
	p.Start([]string{"/scans"})
	p.Start([]string{"/more-scans"}) // a second import in the same session
	if !p.ocrMissing.Visible() || strings.Count(p.ocrMissing.Text, "sudo apt-get install tesseract-ocr") != 1 {
		t.Fatalf("OCR notice %q (visible %v)", p.ocrMissing.Text, p.ocrMissing.Visible())
	}
	// Each file's own line stays short: the command is said once, above.
	if strings.Contains(p.log.Text, "apt-get") || strings.Count(p.log.Text, "(needs OCR)") != 2 {
		t.Errorf("log %q", p.log.Text)
	}
}

// importerFunc is an Importer that reports what a test makes up, to check
// the pane's own display; the desk's tests import with the real importer.
type importerFunc func(ctx context.Context, opts casework.ImportOptions, progress func(int, int, app.ImportOutcome))

func (f importerFunc) Import(ctx context.Context, _ []string, opts casework.ImportOptions, progress func(int, int, app.ImportOutcome)) []app.ImportOutcome {
	f(ctx, opts, progress)
	return nil
}

// inProcess reads PDFs in the test's process: the tests' orders are
// generated, not hostile, and the worker binary is main's.
type inProcess struct{}

func (inProcess) ReadText(_ context.Context, pdf []byte) (*app.Document, error) {
	return pdftext.ReadPages(pdf)
}

func importDesk(t *testing.T, store *memStore) (*Desk, fyne.Window) {
	t.Helper()
	im := &intake.Importer{Reader: inProcess{}, Extractor: extract.New(), Now: func() time.Time { return now }}
	svc := casework.New(casework.Params{Store: store, Importer: im, Now: func() time.Time { return now }})
	test.NewTempApp(t)
	d := NewDesk(DeskParams{Service: svc, Importer: svc, Actions: svc, Alerts: svc, Run: inline, Now: func() time.Time { return now }})
	w := test.NewTempWindow(t, d.Content())
	w.Resize(fyne.NewSize(1280, 800))
	d.SetWindow(w)
	d.loadSettings(svc)
	d.Queue.Refresh()
	return d, w
}

func TestDesk_PickerImportsSeveralFilesAndOpensTheFirstNewCase(t *testing.T) {
	orders, err := sampleorders.Generate(5, 3)
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	for _, o := range orders {
		os.WriteFile(filepath.Join(dir, o.Name+".pdf"), o.PDF, 0o600)
	}
	os.WriteFile(filepath.Join(dir, "notes.docx"), []byte("not an order"), 0o600)
	os.Mkdir(filepath.Join(dir, "older"), 0o700)
	store := &memStore{cases: deskCases(), settings: reviewers}
	d, _ := importDesk(t, store)
	// A filter that hides new cases: the import shows its case all the same.
	d.Queue.filter.SetSelected(FilterDecided)
	k := d.Picker()
	k.path.SetText(dir)
	k.path.OnSubmitted(dir)
	entries := k.Entries()
	if k.Dir() != dir || len(entries) != 4 || entries[0] != "older"+string(filepath.Separator) || strings.Contains(strings.Join(entries, " "), "notes.docx") {
		t.Fatalf("picker shows %q in %q", entries, k.Dir())
	}
	// Two of the three files.
	k.Choose(orders[2].Name + ".pdf")
	k.Choose(orders[0].Name + ".pdf")
	k.Import()
	if len(d.Queue.all) != 4 || !strings.Contains(d.Import.count.Text, "Done: 2 files") {
		t.Fatalf("%d cases after the import; %q", len(d.Queue.all), d.Import.count.Text)
	}
	// The files are imported in name order; the first is shown.
	first := orders[0]
	if orders[2].Name < first.Name {
		first = orders[2]
	}
	if want := first.Truth.Fields["case_number"]; d.Case.c == nil || d.Case.c.CaseNumber() != want || !strings.Contains(d.Case.title.Text, want) {
		t.Errorf("showing %q after importing %s", d.Case.title.Text, want)
	}
	if !strings.Contains(d.Import.log.Text, "new case ") || !strings.Contains(d.Status.Text, "Imported 2 new cases") {
		t.Errorf("import log %q, status %q", d.Import.log.Text, d.Status.Text)
	}
	// The folder is remembered in the store for the next picker, never in
	// Fyne's plaintext preferences.
	store.mu.Lock()
	folders := store.settings.ImportFolders
	store.mu.Unlock()
	if len(folders) != 1 || folders[0] != dir {
		t.Errorf("import folders %q", folders)
	}
	if fyne.CurrentApp().Preferences().String(lastFolderKey) != "" {
		t.Error("a folder name went into Fyne's preferences")
	}
	// A whole folder at once.
	k = d.Picker()
	k.Open(dir)
	k.done([]string{k.Dir()})
	if !strings.Contains(d.Import.log.Text, "already imported") {
		t.Errorf("the whole folder: %q", d.Import.log.Text)
	}
}

func TestDesk_SplitThisBundle(t *testing.T) {
	store := &memStore{settings: reviewers}
	d, _ := importDesk(t, store)
	f := filepath.Join(t.TempDir(), "bundle.txt")
	os.WriteFile(f, []byte("UNITED STATES DISTRICT COURT\nfor the District of Arizona\nCase No. 2:26-mj-00011\nSEARCH AND SEIZURE WARRANT\nthe account jane.roe@example.com\n"+
		"\fFEDERAL BUREAU OF INVESTIGATION\nWashington, D.C.\nFile No. NSL-26-000042\nNATIONAL SECURITY LETTER\nsubscriber information for mallory@example.net\n"), 0o600)
	d.Import.Start([]string{f})
	v := d.Case
	var split func()
	for _, o := range v.bar.Objects {
		if b, ok := o.(interface{ Tapped(*fyne.PointEvent) }); ok && strings.Contains(textOf(o), "Split this bundle (2 orders)") {
			split = func() { b.Tapped(nil) }
		}
	}
	if split == nil {
		t.Fatalf("no Split button beside %q", v.title.Text)
	}
	split()
	if v.Case() == nil || v.Case().CaseNumber() != "2:26-mj-00011" || v.Case().Order.Part == nil {
		t.Fatalf("after the split: %+v", v.Case())
	}
	d.Queue.filter.SetSelected(FilterOpen)
	if len(d.Queue.cases) != 2 {
		t.Errorf("%d open cases after splitting into 2", len(d.Queue.cases))
	}
}
