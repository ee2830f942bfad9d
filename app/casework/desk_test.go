package casework

import (
	"context"
	"errors"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/warrantdesk/warrantdesk/app"
	"github.com/warrantdesk/warrantdesk/app/ocr"
	"github.com/warrantdesk/warrantdesk/app/render"
	"github.com/warrantdesk/warrantdesk/app/sampleorders"
	"github.com/warrantdesk/warrantdesk/app/scan"
	"github.com/warrantdesk/warrantdesk/app/search"
)

func TestService_DecidedMeansDecidedUntilReopened(t *testing.T) {
	s, _, ids := newService(t, 1)
	ctx := context.Background()
	if _, err := s.Decide(ctx, ids[0], app.Decision{Outcome: app.Comply, Reviewer: "R"}); err != nil {
		t.Fatal(err)
	}
	for what, err := range map[string]error{
		"decide":  second(s.Decide(ctx, ids[0], app.Decision{Outcome: app.Reject, Reviewer: "S"})),
		"draft":   second(s.SaveDraft(ctx, ids[0], app.Decision{Outcome: app.Reject}, "S")),
		"correct": second(s.Correct(ctx, ids[0], app.Edit{Field: app.FieldJudge, Value: "X"}, "S")),
	} {
		if !errors.Is(err, app.ErrDecided) {
			t.Errorf("%s on a decided case: %v", what, err)
		}
	}
	c, err := s.Reopen(ctx, ids[0], "S. Second", "the agent sent a corrected order")
	if err != nil || c.Status != app.StatusInReview || c.Draft.Outcome != app.Comply || len(c.Superseded) != 1 {
		t.Fatalf("reopen: %+v %v", c, err)
	}
	if c, err = s.Decide(ctx, ids[0], app.Decision{Outcome: app.Reject, Reviewer: "S"}); err != nil || c.Decision.Outcome != app.Reject || c.Superseded[0].Outcome != app.Comply {
		t.Errorf("after reopening: %+v %v", c, err)
	}
}

func second[T any](_ T, err error) error { return err }

// indexed reports whether case id's text is in the store's text index.
func indexed(t *testing.T, s *Service, id string) bool {
	t.Helper()
	index, err := s.store.TextIndex(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	return index[id] != ""
}

func TestService_ImportIndexesTheTextAndRemembersTheFolder(t *testing.T) {
	s, store, ids := newService(t, 2)
	ctx := context.Background()
	cases, _ := s.Cases(ctx)
	pages, _ := s.Pages(ctx, ids[0])
	word := app.WordKeys(pages[0].Text)[3]
	index, err := s.TextIndex(ctx)
	if err != nil || len(index) != 2 || len(search.Text(cases, index, word)) == 0 {
		t.Fatalf("the text is not indexed: %q, %v", word, err)
	}
	settings, _ := s.Settings(ctx)
	if len(settings.ImportFolders) != 1 {
		t.Errorf("import folders %q", settings.ImportFolders)
	}
	// The memo folder cannot be the folder orders come from.
	if _, err := s.SaveSettings(ctx, app.Settings{MemoFolder: settings.ImportFolders[0]}); !errors.Is(err, app.ErrMemoFolder) {
		t.Errorf("memo folder in the import folder: %v", err)
	}
	// A case stored before the index existed is searched all the same,
	// and indexed once.
	store.unindexed = map[string]bool{ids[0]: true}
	if index, err := s.TextIndex(ctx); err != nil || len(search.Text(cases, index, word)) == 0 {
		t.Errorf("an unindexed case's text is not searched: %v", err)
	}
	if n, err := s.IndexText(ctx); err != nil || n != 1 || len(store.unindexed) != 0 {
		t.Errorf("IndexText: %d %v", n, err)
	}
	if n, _ := s.IndexText(ctx); n != 0 {
		t.Error("indexed twice")
	}
}

func TestService_MemoGoesToTheMemoFolderNeverOverAnother(t *testing.T) {
	s, _, ids := newService(t, 1)
	ctx := context.Background()
	s.Decide(ctx, ids[0], app.Decision{Outcome: app.Comply, Reviewer: "R"})
	dir := filepath.Join(t.TempDir(), "memos")
	if _, err := s.SaveSettings(ctx, app.Settings{MemoFolder: dir}); err != nil {
		t.Fatal(err)
	}
	a, err := s.ExportMemoToFolder(ctx, ids[0], "md")
	if err != nil || filepath.Dir(a) != dir {
		t.Fatalf("%q %v", a, err)
	}
	b, err := s.ExportMemoToFolder(ctx, ids[0], "md")
	if err != nil || a == b || !strings.HasSuffix(b, " (2).md") {
		t.Errorf("second memo %q over %q: %v", b, a, err)
	}
	if st, err := os.Stat(dir); err != nil || st.Mode().Perm() != 0o700 {
		t.Errorf("memo folder %v %v", st, err)
	}
	if !strings.Contains(DefaultMemoFolder(), filepath.Join("Documents", "WarrantDesk memos")) && os.Getenv("XDG_DOCUMENTS_DIR") == "" {
		t.Errorf("default memo folder %q", DefaultMemoFolder())
	}
}

func TestService_SplitBundleMakesACaseOfEachOrder(t *testing.T) {
	s, _, _ := newService(t, 0)
	ctx := context.Background()
	f := filepath.Join(t.TempDir(), "bundle.txt")
	os.WriteFile(f, []byte("UNITED STATES DISTRICT COURT\nfor the District of Arizona\nCase No. 2:26-mj-00011\nSEARCH AND SEIZURE WARRANT\nTo any authorized officer: the account jane.roe@example.com\n"+
		"\fFEDERAL BUREAU OF INVESTIGATION\nWashington, D.C.\nFile No. NSL-26-000042\nNATIONAL SECURITY LETTER\nsubscriber information for mallory@example.net\n"), 0o600)
	out := s.Import(ctx, []string{f}, ImportOptions{}, nil)
	if len(out) != 1 || len(out[0].Created()) != 1 {
		t.Fatalf("%+v", out)
	}
	whole := out[0].CaseIDs[0]
	ids, err := s.SplitBundle(ctx, whole)
	if err != nil || len(ids) != 2 {
		t.Fatalf("split: %v %v", ids, err)
	}
	b, _ := s.Case(ctx, whole)
	first, _ := s.Case(ctx, ids[0])
	next, _ := s.Case(ctx, ids[1])
	if b.Status != app.StatusSplit || len(b.SplitInto) != 2 || !b.Closed() {
		t.Errorf("the bundle's case: %+v", b)
	}
	if first.CaseNumber() != "2:26-mj-00011" || next.Order.Part.From != 2 || next.SplitFrom != whole || !indexed(t, s, next.ID) {
		t.Errorf("parts %q %+v", first.CaseNumber(), next.Order.Part)
	}
	if _, err := s.SplitBundle(ctx, whole); app.ErrorCode(err) != app.EINVALID {
		t.Errorf("split twice: %v", err)
	}
	if _, err := s.SplitBundle(ctx, ids[0]); app.ErrorCode(err) != app.EINVALID {
		t.Errorf("split a part: %v", err)
	}
	// The queue flags what needs no text: here nothing, the bundle closed.
	cases, _ := s.Cases(ctx)
	alerts, err := s.Alerts(ctx, cases)
	if err != nil || alerts[whole] != nil {
		t.Errorf("alerts %v %v", alerts, err)
	}
}

func TestService_RunOCROnACaseStoredAsNeedingIt(t *testing.T) {
	tess := &ocr.Tesseract{}
	if !tess.Available() {
		t.Skip("tesseract is not installed (make test installs it)")
	}
	if testing.Short() {
		t.Skip("renders and reads a page by OCR")
	}
	r := render.New(render.CacheDirFor(), 1)
	defer r.Close()
	s, _, _ := newService(t, 0)
	s.importer.Scanner = &scan.Scanner{Renderer: r, OCR: tess}
	orders, err := sampleorders.Generate(21, 1)
	if err != nil {
		t.Fatal(err)
	}
	scanned, err := scan.Rasterize(context.Background(), r, orders[0].PDF, 200, rand.New(rand.NewPCG(1, 2)))
	if err != nil {
		t.Fatal(err)
	}
	f := filepath.Join(t.TempDir(), "scan.pdf")
	os.WriteFile(f, scanned, 0o600)
	ctx := context.Background()
	out := s.Import(ctx, []string{f}, ImportOptions{NoOCR: true}, nil)
	if len(out) != 1 || !out[0].NeedsOCR {
		t.Fatalf("imported without OCR: %+v", out)
	}
	id := out[0].CaseIDs[0]
	s.Correct(ctx, id, app.Edit{Field: app.FieldJudge, Value: "Jane Q. Smith"}, "R")
	calls := 0
	c, err := s.RunOCR(ctx, id, func(done, total int) { calls++ })
	if err != nil {
		t.Fatal(err)
	}
	pages, _ := s.Pages(ctx, id)
	if c.Order.NeedsOCR || c.Order.TextSource != app.SourceOCR || calls == 0 || pages[0].Source != app.SourceOCR || !indexed(t, s, id) {
		t.Errorf("after OCR: %+v, %d progress calls", c.Order, calls)
	}
	if c.Order.Extraction.ProcessType != orders[0].Truth.ProcessType || c.Value(app.FieldJudge) != "Jane Q. Smith" {
		t.Errorf("extraction %q (want %q), judge %q", c.Order.Extraction.ProcessType, orders[0].Truth.ProcessType, c.Value(app.FieldJudge))
	}
	if _, err := s.RunOCR(ctx, id, nil); app.ErrorCode(err) != app.EINVALID {
		t.Errorf("OCR of a case with all its text: %v", err)
	}
}
