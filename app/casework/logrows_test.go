package casework

import (
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"reflect"
	"testing"

	"github.com/warrantdesk/warrantdesk/app"
	"github.com/warrantdesk/warrantdesk/app/report"
)

// The decision log, its checks run on several cores at once, has the rows
// one case at a time would give: most urgent first, each with its own
// case's checks.
func TestExportLog_RowsAreEachCasesOwnInUrgencyOrder(t *testing.T) {
	s, _, _ := newService(t, 12)
	ctx := context.Background()
	settings, _ := s.store.Settings(ctx)
	sums, err := s.Summaries(ctx)
	if err != nil {
		t.Fatal(err)
	}
	var want []report.Row
	findings := 0
	for _, sum := range sums {
		c, err := s.store.Case(ctx, sum.ID)
		if err != nil {
			t.Fatal(err)
		}
		fs, err := s.findings(ctx, settings, c)
		if err != nil {
			t.Fatal(err)
		}
		findings += len(fs)
		want = append(want, report.Log([]*app.Case{c}, map[string][]app.Finding{c.ID: fs})[0])
	}
	if findings == 0 {
		t.Fatal("no case raised a check: the test shows nothing")
	}
	path := filepath.Join(t.TempDir(), "log.json")
	n, err := s.ExportLog(ctx, path, "json", false)
	if err != nil || n != len(sums) {
		t.Fatalf("%d rows, %v", n, err)
	}
	data, _ := os.ReadFile(path)
	var got, wantRT []report.Row
	if err := json.Unmarshal(data, &got); err != nil {
		t.Fatal(err)
	}
	b, _ := json.Marshal(want)
	json.Unmarshal(b, &wantRT)
	if !reflect.DeepEqual(got, wantRT) {
		t.Errorf("the log's rows are not each case's own, in urgency order:\n got %+v\nwant %+v", got, wantRT)
	}
}

// A log cancelled part way stops, says so and leaves no file.
func TestExportLog_CancelledStops(t *testing.T) {
	s, _, _ := newService(t, 6)
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	path := filepath.Join(t.TempDir(), "log.csv")
	if _, err := s.ExportLog(ctx, path, "csv", false); err == nil {
		t.Error("a cancelled log was written")
	}
	if _, err := os.Stat(path); err == nil {
		t.Error("a cancelled log left a file")
	}
}
