package storage

import (
	"bytes"
	"context"
	"crypto/rand"
	"fmt"
	"os"
	"testing"

	"github.com/warrantdesk/warrantdesk/app"
)

// BenchmarkUnlock is what the reviewer waits for at the lock screen: the
// key derived with the parameters tuned to this machine, and unwrapped.
func BenchmarkUnlock(b *testing.B) {
	p := TuneKDF()
	b.Logf("tuned Argon2id: t=%d, %d MiB, %d lanes", p.Time, p.MemoryKiB>>10, p.Threads)
	dir := b.TempDir()
	db, err := Open(dir, Options{KDF: &p})
	if err != nil {
		b.Fatal(err)
	}
	defer db.Close()
	if _, err := db.Create(context.Background(), testPassphrase); err != nil {
		b.Fatal(err)
	}
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		db.Lock()
		if err := db.Unlock(testPassphrase); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkOpenCase_Plain and _Encrypted read what opening a case in the
// desk reads — the case, its pages and its original — from a store of 200
// cases of realistic size (a 300 KB original, 12 pages of text), without a
// passphrase and encrypted: the difference is the cost of decryption.
func BenchmarkOpenCase_Plain(b *testing.B)     { benchOpenCase(b, false) }
func BenchmarkOpenCase_Encrypted(b *testing.B) { benchOpenCase(b, true) }

func benchOpenCase(b *testing.B, encrypted bool) {
	ctx := context.Background()
	dir := b.TempDir()
	var db *DB
	var err error
	if encrypted {
		db, err = Open(dir, testOptions(false))
	} else {
		writeV1(b, dir, 0)
		db, err = Open(dir, Options{})
	}
	if err != nil {
		b.Fatal(err)
	}
	defer db.Close()
	page := bytes.Repeat([]byte("The account named in Attachment A is to be searched for records. "), 45)
	var ids []string
	for i := 0; i < 200; i++ {
		pdf := make([]byte, 300<<10)
		rand.Read(pdf)
		c := newCase(pdf, fmt.Sprintf("2:26-mj-%05d", i))
		pages := make([]app.PageText, 12)
		for p := range pages {
			pages[p] = app.PageText{Number: p + 1, Text: string(page), Source: app.SourceText}
		}
		if err := db.CreateCase(ctx, c, pdf, pages); err != nil {
			b.Fatal(err)
		}
		ids = append(ids, c.ID)
	}
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		id := ids[i%len(ids)]
		if _, err := db.Case(ctx, id); err != nil {
			b.Fatal(err)
		}
		if _, err := db.Pages(ctx, id); err != nil {
			b.Fatal(err)
		}
		if _, err := db.Original(ctx, id); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkSummaries_Store reads the summaries of the store in the folder
// WARRANTDESK_BENCH_STORE names (one `warrantdesk bench --keep` built;
// WARRANTDESK_PASSPHRASE unlocks it) and sorts them, as the desk's launch
// does: the per-case part of the launch at any size a store was built at.
// Skipped without a store.
func BenchmarkSummaries_Store(b *testing.B) {
	dir := os.Getenv("WARRANTDESK_BENCH_STORE")
	if dir == "" {
		b.Skip("WARRANTDESK_BENCH_STORE names no store")
	}
	db, err := Open(dir, Options{ReadOnly: true})
	if err != nil {
		b.Fatal(err)
	}
	defer db.Close()
	if err := db.Unlock(os.Getenv("WARRANTDESK_PASSPHRASE")); err != nil {
		b.Fatal(err)
	}
	ctx := context.Background()
	n := 0
	for b.Loop() {
		sums, err := db.Summaries(ctx)
		if err != nil {
			b.Fatal(err)
		}
		app.SortSummaries(sums)
		n = len(sums)
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/float64(n), "ns/case")
}
