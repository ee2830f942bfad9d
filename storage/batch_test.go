package storage

import (
	"context"
	"errors"
	"fmt"
	"testing"

	"github.com/warrantdesk/warrantdesk/app"
)

// TestDB_CreateCases_OneTransaction: a batch stores every case it can; a
// duplicate (of a stored case, or of one earlier in the same batch) and a
// bad ID are refused alone, naming what holds the bytes.
func TestDB_CreateCases_OneTransaction(t *testing.T) {
	ctx := context.Background()
	db := mustOpen(t, t.TempDir())
	stored := []byte("%PDF-1.4 stored before")
	old := newCase(stored, "1:25-mj-00001")
	if err := db.CreateCase(ctx, old, stored, nil); err != nil {
		t.Fatal(err)
	}
	var batch []app.NewCase
	for i := 0; i < 5; i++ {
		pdf := []byte(fmt.Sprintf("%%PDF-1.4 new order %d", i))
		batch = append(batch, app.NewCase{Case: newCase(pdf, fmt.Sprintf("1:25-mj-1%04d", i)), Original: pdf,
			Pages: []app.PageText{{Number: 1, Text: fmt.Sprintf("order %d", i), Source: app.SourceText}}})
	}
	again := app.NewCase{Case: newCase(stored, "1:25-mj-00001"), Original: stored}
	twice := app.NewCase{Case: newCase(batch[1].Original, "1:25-mj-10001"), Original: batch[1].Original}
	badID := app.NewCase{Case: newCase([]byte("%PDF-1.4 bad id"), "x"), Original: []byte("%PDF-1.4 bad id")}
	badID.Case.ID = "not-an-id"
	batch = append(batch, again, twice, badID)

	errs := db.CreateCases(ctx, batch)
	for i := 0; i < 5; i++ {
		if errs[i] != nil {
			t.Fatalf("case %d: %v", i, errs[i])
		}
		got, err := db.Case(ctx, batch[i].Case.ID)
		if err != nil || got.Order.SHA256 != batch[i].Case.Order.SHA256 {
			t.Fatalf("case %d not stored: %v", i, err)
		}
		pages, err := db.Pages(ctx, batch[i].Case.ID)
		if err != nil || len(pages) != 1 || pages[0].Text != fmt.Sprintf("order %d", i) {
			t.Fatalf("case %d pages %v, %v", i, pages, err)
		}
	}
	var dup *app.DuplicateError
	if !errors.As(errs[5], &dup) || dup.CaseID != old.ID {
		t.Errorf("duplicate of a stored case: %v, want it named %s", errs[5], old.ID)
	}
	if !errors.As(errs[6], &dup) || dup.CaseID != batch[1].Case.ID {
		t.Errorf("duplicate within the batch: %v, want it named %s", errs[6], batch[1].Case.ID)
	}
	if app.ErrorCode(errs[7]) != app.EINVALID {
		t.Errorf("bad ID: %v", errs[7])
	}
	cases, err := db.Cases(ctx)
	if err != nil || len(cases) != 6 {
		t.Fatalf("%d cases stored (%v), want 6", len(cases), err)
	}
}

// TestDB_CreateCases_ReadOnlyStoresNothing: a store that cannot commit
// gives every case of the batch its error.
func TestDB_CreateCases_ReadOnlyStoresNothing(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	mustOpen(t, dir).Close()
	db, err := Open(dir, Options{ReadOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	pdf := []byte("%PDF-1.4 read-only")
	errs := db.CreateCases(ctx, []app.NewCase{{Case: newCase(pdf, "1"), Original: pdf}, {Case: newCase(append(pdf, '2'), "2"), Original: append(pdf, '2')}})
	for i, err := range errs {
		if err == nil {
			t.Errorf("case %d stored in a read-only database", i)
		}
	}
}
