package ui

import (
	"context"
	"strings"
	"testing"

	"fyne.io/fyne/v2/test"

	"github.com/warrantdesk/warrantdesk/app"
	"github.com/warrantdesk/warrantdesk/app/casework"
)

// firstPageImporter tells a scan's first page's fields, lets the test look
// at the pane, then tells the scan's outcome.
type firstPageImporter struct{ between func() }

func (f firstPageImporter) Import(_ context.Context, _ []string, opts casework.ImportOptions, progress func(int, int, app.ImportOutcome)) []app.ImportOutcome {
	opts.OnFields("/scans/nsl.pdf", app.Extraction{ProcessType: app.NSL, Fields: map[string]app.Field{
		app.FieldCaseNumber: {Value: "NSL-16-410552"}, app.FieldAgency: {Value: "Federal Bureau of Investigation"}},
		Targets: []app.Target{{Kind: app.TargetEmail, Value: "a@example.com"}}})
	f.between()
	progress(1, 1, app.ImportOutcome{File: "/scans/nsl.pdf", CaseIDs: []string{"3fa8ee16aaaabbbbccccddddeeeeffff"}})
	return nil
}

// TestImportPane_ShowsAScansFirstPage: while a scan is read, the pane says
// what its first page holds; once the scan is in, that line goes.
func TestImportPane_ShowsAScansFirstPage(t *testing.T) {
	test.NewTempApp(t)
	var p *ImportPane
	var during string
	var shown bool
	p = NewImportPane(ImportPaneParams{Importer: firstPageImporter{between: func() {
		during, shown = p.firstPage.Text, p.firstPage.Visible()
	}}, Run: inline})
	test.NewTempWindow(t, p.Content())
	p.Start([]string{"/scans"})
	for _, want := range []string{"nsl.pdf", "NSL · NSL-16-410552", "Federal Bureau of Investigation", "1 target(s)"} {
		if !strings.Contains(during, want) {
			t.Errorf("first-page line %q lacks %q", during, want)
		}
	}
	if !shown {
		t.Error("the first-page line was not shown while the scan was read")
	}
	if p.firstPage.Visible() {
		t.Error("the first-page line stayed after the scan was in")
	}
}
