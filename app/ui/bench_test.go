package ui

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"github.com/warrantdesk/warrantdesk/app"
	"github.com/warrantdesk/warrantdesk/app/casework"
	"github.com/warrantdesk/warrantdesk/app/extract"
	"github.com/warrantdesk/warrantdesk/app/pdftext"
	"github.com/warrantdesk/warrantdesk/app/sampleorders"
	"github.com/warrantdesk/warrantdesk/storage"
)

// testStore opens a store under a passphrase, deriving its key cheaply.
var testStore = storage.Options{Passphrase: "test passphrase", KDF: &storage.KDFParams{Time: 1, MemoryKiB: 1024, Threads: 1}}

// BenchmarkDesk_Launch10000 measures what stands between starting the app
// and a usable desk on a database of 10,000 cases: opening the database,
// reading every case and the full-text index of their orders, sorting by
// urgency, indexing for search, running the text-free checks that flag the queue's
// rows, and laying out the window with the queue filled. (Creating the GL
// window adds a roughly constant start-up that the headless driver does
// not have.)
func BenchmarkDesk_Launch10000(b *testing.B) {
	dir := b.TempDir()
	fill(b, dir, 10000)
	test.NewTempApp(b)
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		db, err := storage.Open(dir, testStore)
		if err != nil {
			b.Fatal(err)
		}
		svc := casework.New(casework.Params{Store: db})
		d := NewDesk(DeskParams{Service: svc, Alerts: svc, Text: svc, Run: inline, Now: time.Now, Reviewer: "R. Reviewer"})
		w := test.NewWindow(d.Content())
		w.Resize(fyne.NewSize(1280, 800))
		d.Queue.Refresh()
		if len(d.Queue.cases) != 10000 {
			b.Fatalf("%d cases shown", len(d.Queue.cases))
		}
		w.Canvas().Content().Refresh()
		b.StopTimer()
		w.Close()
		db.Close()
		b.StartTimer()
	}
}

// fill stores n cases made from generated orders, read and extracted as an
// import does; each original differs by a trailing comment so the
// duplicate check keeps them all.
func fill(b *testing.B, dir string, n int) {
	orders, err := sampleorders.Generate(11, 19)
	if err != nil {
		b.Fatal(err)
	}
	type read struct {
		doc *app.Document
		ex  app.Extraction
	}
	var reads []read
	for _, o := range orders {
		doc, err := pdftext.ReadPages(o.PDF)
		if err != nil {
			b.Fatal(err)
		}
		reads = append(reads, read{doc, extract.New().Extract(doc)})
	}
	db, err := storage.Open(dir, testStore)
	if err != nil {
		b.Fatal(err)
	}
	defer db.Close()
	ctx := context.Background()
	for i := 0; i < n; i++ {
		k := i % len(orders)
		pdf := append(append([]byte{}, orders[k].PDF...), fmt.Sprintf("\n%% copy %d\n", i)...)
		ex := reads[k].ex
		sum := sha256.Sum256(pdf)
		c := &app.Case{ID: app.NewCaseID(), Status: app.StatusNew, CreatedAt: time.Now(), Order: app.Order{
			FileName: fmt.Sprintf("%s-%d.pdf", orders[k].Name, i), SHA256: hex.EncodeToString(sum[:]),
			Size: int64(len(pdf)), Pages: len(reads[k].doc.Pages), Extraction: ex}}
		if err := db.CreateCase(ctx, c, pdf, reads[k].doc.Pages); err != nil {
			b.Fatal(err)
		}
	}
}
