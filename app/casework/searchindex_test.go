package casework

import (
	"context"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/warrantdesk/warrantdesk/app"
	"github.com/warrantdesk/warrantdesk/app/extract"
	"github.com/warrantdesk/warrantdesk/app/intake"
	"github.com/warrantdesk/warrantdesk/app/sampleorders"
	"github.com/warrantdesk/warrantdesk/storage"
)

// readCounting is the real store, counting the whole cases read.
type readCounting struct {
	*storage.DB
	read int
}

func (r *readCounting) EachCase(ctx context.Context, ids []string, fn func(c *app.Case, err error) error) error {
	r.read += len(ids)
	return r.DB.EachCase(ctx, ids, fn)
}

func (r *readCounting) Case(ctx context.Context, id string) (*app.Case, error) {
	r.read++
	return r.DB.Case(ctx, id)
}

func indexService(t *testing.T, store app.Store) *Service {
	im := &intake.Importer{Reader: inProcess{}, Extractor: extract.New(), Now: func() time.Time { return now }}
	return New(Params{Store: store, Importer: im, Now: time.Now})
}

func importOrders(t *testing.T, s *Service, seed uint64, n int) []string {
	t.Helper()
	orders, err := sampleorders.Generate(seed, n)
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	var files []string
	for _, o := range orders {
		f := filepath.Join(dir, o.Name+".pdf")
		os.WriteFile(f, o.PDF, 0o600)
		files = append(files, f)
	}
	var ids []string
	for _, o := range s.Import(context.Background(), files, ImportOptions{}, nil) {
		if o.Err != nil {
			t.Fatal(o.Err)
		}
		ids = append(ids, o.CaseIDs...)
	}
	return ids
}

func searchIn(t *testing.T, s *Service, query string) []string {
	t.Helper()
	ctx := context.Background()
	sums, err := s.Summaries(ctx)
	if err != nil {
		t.Fatal(err)
	}
	ix, err := s.SearchIndex(ctx, sums)
	if err != nil {
		t.Fatal(err)
	}
	if ix.Cases() != len(sums) {
		t.Errorf("the index holds %d cases of %d", ix.Cases(), len(sums))
	}
	var ids []string
	for _, m := range ix.Find(query) {
		ids = append(ids, m.ID)
	}
	return ids
}

// TestSearchIndex_KeptWithTheStore: the index is written at import and
// read back by the next launch without reading a whole case; a correction
// is found at once and, by the next launch, by reading that case alone; a
// case imported by another process is picked up; a damaged stored index is
// rebuilt from the cases.
func TestSearchIndex_KeptWithTheStore(t *testing.T) {
	ctx := context.Background()
	db, err := storage.Open(t.TempDir(), testStore)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	store := &readCounting{DB: db}
	s := indexService(t, store)
	ids := importOrders(t, s, 7, 6)
	if data, err := db.LoadIndex(ctx, searchIndexName); err != nil || data == nil {
		t.Fatalf("no index stored after the import: %v", err)
	}
	c, _ := db.Case(ctx, ids[2])
	number := c.CaseNumber()

	// The next launch.
	store.read = 0
	s = indexService(t, store)
	if got := searchIn(t, s, number); len(got) == 0 || got[0] != ids[2] {
		t.Fatalf("%q found %v, want %s first", number, got, ids[2])
	}
	if store.read != 0 {
		t.Errorf("a launch with the index stored read %d whole cases", store.read)
	}

	// A correction, found by its new value at once.
	if _, err := s.Correct(ctx, ids[2], app.Edit{Field: app.FieldCaseNumber, Value: "QX-CORRECTED-991"}, "tester"); err != nil {
		t.Fatal(err)
	}
	if got := searchIn(t, s, "QX-CORRECTED-991"); len(got) != 1 || got[0] != ids[2] {
		t.Errorf("the corrected value found %v", got)
	}
	// And by the next launch, which reads that case alone.
	store.read = 0
	s = indexService(t, store)
	if got := searchIn(t, s, "QX-CORRECTED-991"); len(got) != 1 || got[0] != ids[2] {
		t.Errorf("after a relaunch the corrected value found %v", got)
	}
	if store.read != 1 {
		t.Errorf("bringing the index up to date read %d cases, want the corrected one", store.read)
	}

	// Another process imports while this one holds its index.
	other := indexService(t, store)
	more := importOrders(t, other, 8, 1)
	c, _ = db.Case(ctx, more[0])
	if got := searchIn(t, s, c.CaseNumber()); len(got) == 0 || got[0] != more[0] {
		t.Errorf("a case imported elsewhere: %v", got)
	}

	// A damaged index is rebuilt.
	if err := db.SaveIndex(ctx, searchIndexName, []byte("not an index")); err != nil {
		t.Fatal(err)
	}
	s = indexService(t, store)
	if got := searchIn(t, s, "QX-CORRECTED-991"); len(got) != 1 || got[0] != ids[2] {
		t.Errorf("after the stored index was damaged: %v", got)
	}
}

// olderSummaries is a store whose summaries were written by an earlier
// version's rules: they differ from what Summarize makes of the case now.
type olderSummaries struct{ *readCounting }

func (o olderSummaries) Summaries(ctx context.Context) ([]app.Summary, error) {
	sums, err := o.DB.Summaries(ctx)
	for i := range sums {
		sums[i].SortKey += "~older"
	}
	return sums, err
}

// TestSearchIndex_SummariesOfAnEarlierVersion: the index is stamped with
// the summaries it was brought up to date against, so a store whose
// summaries an earlier version wrote is read once, not at every launch.
func TestSearchIndex_SummariesOfAnEarlierVersion(t *testing.T) {
	db, err := storage.Open(t.TempDir(), testStore)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	rc := &readCounting{DB: db}
	importOrders(t, indexService(t, rc), 9, 4)
	store := olderSummaries{rc}
	rc.read = 0
	searchIn(t, indexService(t, store), "x")
	if rc.read != 4 {
		t.Errorf("the first launch read %d cases, want the 4 whose summaries differ", rc.read)
	}
	rc.read = 0
	searchIn(t, indexService(t, store), "x")
	if rc.read != 0 {
		t.Errorf("the next launch read %d cases again", rc.read)
	}
}
