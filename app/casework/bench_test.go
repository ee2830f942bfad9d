package casework

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"math/rand/v2"
	"path/filepath"
	"testing"
	"time"

	"github.com/warrantdesk/warrantdesk/app"
	"github.com/warrantdesk/warrantdesk/assets"
	"github.com/warrantdesk/warrantdesk/storage"
)

// benchStore fills a real store with n decided cases, one identifier in
// fifty shared with another case, as a year of a busy team's would be.
func benchStore(b *testing.B, n int) (*Service, []string) {
	b.Helper()
	db, err := storage.Open(b.TempDir(), testStore)
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { db.Close() })
	rng := rand.New(rand.NewPCG(1, 2))
	at := time.Date(2025, 1, 1, 9, 0, 0, 0, time.UTC)
	var ids []string
	kinds := []app.ProcessType{app.SearchWarrant, app.Preservation2703f, app.GrandJurySubpoena, app.EPOC, app.CourtOrder2703d}
	for i := 0; i < n; i++ {
		pdf := []byte(fmt.Sprintf("%%PDF-1.4 order %d", i))
		sum := sha256.Sum256(pdf)
		c := &app.Case{ID: app.NewCaseID(), Status: app.StatusDecided, CreatedAt: at, Order: app.Order{SHA256: hex.EncodeToString(sum[:]), ImportedAt: at.Add(time.Duration(i) * time.Hour),
			Extraction: app.Extraction{ProcessType: kinds[i%len(kinds)], Fields: map[string]app.Field{
				app.FieldCaseNumber: {Value: fmt.Sprintf("1:25-mj-%05d", i)}, app.FieldJurisdiction: {Value: "US-federal"},
				app.FieldIssuingAuthority: {Value: "Federal Bureau of Investigation"}}}}}
		for k := 0; k < 3; k++ {
			v := fmt.Sprintf("user%d@example.com", rng.IntN(n*50))
			c.Order.Extraction.Targets = append(c.Order.Extraction.Targets, app.Target{Kind: app.TargetEmail, Value: v})
		}
		c.Decide(app.Decision{Outcome: app.Comply, Reviewer: "R", DecidedAt: c.Order.ImportedAt.Add(time.Hour)})
		if err := db.CreateCase(context.Background(), c, pdf, []app.PageText{{Number: 1, Text: "order", Source: app.SourceText}}); err != nil {
			b.Fatal(err)
		}
		ids = append(ids, c.ID)
	}
	return New(Params{Store: db, MemoTemplate: assets.MemoTemplate, MemoFonts: memoFonts(), Letters: assets.LetterTemplate}), ids
}

// The reference: reading every case, which a matter needs first.
func BenchmarkCases_10k(b *testing.B) {
	s, _ := benchStore(b, 10000)
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if _, err := s.store.Cases(context.Background()); err != nil {
			b.Fatal(err)
		}
	}
}

// A case's matter among 10,000 cases: members, proposals, clocks,
// timeline, flags (what the desk computes when a case is opened).
func BenchmarkMatter_10k(b *testing.B) {
	s, ids := benchStore(b, 10000)
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if _, err := s.Matter(context.Background(), ids[i%len(ids)]); err != nil {
			b.Fatal(err)
		}
	}
}

// The reference for a letter: a decision memo as PDF.
func BenchmarkMemoPDF(b *testing.B) {
	s, ids := benchStore(b, 10)
	dir := b.TempDir()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if err := s.ExportMemo(context.Background(), ids[0], filepath.Join(dir, "memo.pdf"), "", true); err != nil {
			b.Fatal(err)
		}
	}
}

// A production cover letter as PDF, logged with its file.
func BenchmarkLetterPDF(b *testing.B) {
	s, ids := benchStore(b, 10)
	dir := b.TempDir()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if _, err := s.WriteLetter(context.Background(), ids[0], app.LetterProduction, filepath.Join(dir, "letter.pdf"), "", "R", true); err != nil {
			b.Fatal(err)
		}
	}
}
