package intake

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/warrantdesk/warrantdesk/app"
	"github.com/warrantdesk/warrantdesk/app/extract"
)

// textReader reads a "PDF" whose bytes are its one page of text.
type textReader struct{}

func (textReader) ReadText(_ context.Context, pdf []byte) (*app.Document, error) {
	return &app.Document{TextSource: app.SourceText, Pages: []app.PageText{{Number: 1, Text: string(pdf), Source: app.SourceText}}}, nil
}

// slowBatchStore commits slowly, as a disk that syncs slowly does, and
// counts its transactions.
type slowBatchStore struct {
	memStore
	mu      sync.Mutex
	commits int
	single  int
	// ready counts the files extracted so far; workers is the importer's
	// parallelism.
	ready   func() int32
	workers int32
}

// countingExtractor counts the files it has read.
type countingExtractor struct {
	app.Extractor
	n atomic.Int32
}

func (c *countingExtractor) Read(doc *app.Document) []app.OrderPart {
	defer c.n.Add(1)
	return c.Extractor.Read(doc)
}

func (s *slowBatchStore) CreateCase(ctx context.Context, c *app.Case, o []byte, p []app.PageText) error {
	s.mu.Lock()
	s.single++
	s.mu.Unlock()
	return s.memStore.CreateCase(ctx, c, o, p)
}

func (s *slowBatchStore) CreateCases(ctx context.Context, cases []app.NewCase) []error {
	s.mu.Lock()
	s.commits++
	first := s.commits == 1
	s.mu.Unlock()
	if first && s.ready != nil {
		// The first commit lasts until the other workers have their cases
		// ready (and a moment more for them to hand them over), however
		// slow the machine: they must then share the next commit.
		for deadline := time.Now().Add(10 * time.Second); s.ready() < s.workers && time.Now().Before(deadline); {
			time.Sleep(5 * time.Millisecond)
		}
	}
	time.Sleep(30 * time.Millisecond)
	errs := make([]error, len(cases))
	for i, nc := range cases {
		errs[i] = s.memStore.CreateCase(ctx, nc.Case, nc.Original, nc.Pages)
	}
	return errs
}

// TestImportAll_GroupCommit: the files of a folder that are ready while a
// commit runs share the next one; every file still has its outcome, a
// duplicate among them too, and the store is never asked case by case.
func TestImportAll_GroupCommit(t *testing.T) {
	dir := t.TempDir()
	const n = 24
	for i := 0; i < n; i++ {
		text := fmt.Sprintf("%%PDF-1.4 SUBPOENA Case No. 1:25-mj-%05d for the account user%d@example.com", i, i)
		os.WriteFile(filepath.Join(dir, fmt.Sprintf("%02d.pdf", i)), []byte(text), 0o644)
	}
	// The same bytes as file 00 under another name.
	first, _ := os.ReadFile(filepath.Join(dir, "00.pdf"))
	os.WriteFile(filepath.Join(dir, "99-copy.pdf"), first, 0o644)

	ex := &countingExtractor{Extractor: extract.New()}
	store := &slowBatchStore{ready: ex.n.Load, workers: 4}
	im := &Importer{Reader: textReader{}, Extractor: ex, Store: store, Parallel: 4}
	var told int
	out := im.ImportAll(context.Background(), []string{dir}, func(done, total int, o Outcome) { told++ })
	if len(out) != n+1 || told != n+1 {
		t.Fatalf("%d outcomes, %d told, want %d", len(out), told, n+1)
	}
	created, dups := 0, 0
	for _, o := range out {
		var dup *app.DuplicateError
		switch {
		case o.Err != nil && !errors.As(o.Err, &dup):
			t.Errorf("%s: %v", o.File, o.Err)
		case o.Duplicate:
			dups++
		default:
			created++
		}
	}
	if created != n || dups != 1 {
		t.Errorf("%d created and %d duplicates, want %d and 1", created, dups, n)
	}
	if store.single != 0 {
		t.Errorf("%d cases created one by one; the batch store was there", store.single)
	}
	if store.commits >= n {
		t.Errorf("%d commits for %d files: nothing was grouped", store.commits, n+1)
	}
	t.Logf("%d files in %d commits", n+1, store.commits)
}

// lateFirst reads a scan's pages as parallel OCR may finish them: the
// second before the first.
type lateFirst struct{ pageReader }

func (r lateFirst) ReadPages(_ context.Context, _ []byte, pages []int, progress func(int, int, app.PageText)) ([]app.PageText, []string, error) {
	var out []app.PageText
	for i, n := range []int{pages[1], pages[0]} {
		p := app.PageText{Number: n, Text: r.texts[n], Source: app.SourceOCR}
		out = append(out, p)
		progress(i+1, len(pages), p)
	}
	return out, nil, nil
}

// TestRead_OnFieldsWaitsForThePageOne: fields are told from the moment the
// first page is in, with every page read by then.
func TestRead_OnFieldsWaitsForThePageOne(t *testing.T) {
	texts := map[int]string{
		1: "U.S. Department of Justice\nFederal Bureau of Investigation\nFile No. NSL-16-410552\nJune 10, 2016\nNATIONAL SECURITY LETTER",
		2: "ATTACHMENT\nthe subscriber information of the account target@example.com",
	}
	var told []app.Extraction
	im := &Importer{Reader: scanText{2}, Extractor: extract.New(), Scanner: lateFirst{pageReader{texts: texts}},
		OnFields: func(_ string, ex app.Extraction) { told = append(told, ex) }}
	if _, err := im.Read(context.Background(), pdfFile(t)); err != nil {
		t.Fatal(err)
	}
	if len(told) != 1 {
		t.Fatalf("told %d times, want once: when page 1 came in after page 2", len(told))
	}
	if told[0].Field(app.FieldCaseNumber) != "NSL-16-410552" || len(told[0].Targets) == 0 {
		t.Errorf("fields told: case %q, targets %v", told[0].Field(app.FieldCaseNumber), told[0].Targets)
	}
}
