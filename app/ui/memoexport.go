package ui

import (
	"context"
	"net/url"
	"path/filepath"

	"fyne.io/fyne/v2"

	"github.com/warrantdesk/warrantdesk/app"
)

// MemoExporter writes a decided case's memo into the memo folder (Settings;
// by default Documents/WarrantDesk memos), never into a folder orders are
// imported from and never over another file, and says where it went.
// app/casework implements it.
type MemoExporter interface {
	ExportMemoToFolder(ctx context.Context, id, format string) (string, error)
}

// ExportMemo writes the shown case's memo (PDF) into the memo folder, once
// decided: no dialog, so it can never land in the folder the last import
// came from. "Open memo" then opens it.
func (v *CaseView) ExportMemo() {
	c := v.c
	if c == nil || v.memos == nil {
		return
	}
	if !c.Decided() {
		v.decide.setStatus("Save a decision first: the memo records it.")
		v.SelectTab(TabDecision)
		return
	}
	id, final := c.ID, c.Final()
	v.decide.setStatus("Writing the memo…")
	Once(v.run, func(ctx context.Context) (string, error) {
		if !final {
			// Awaiting a second reviewer: a draft, marked not final.
			return v.exportDraftMemo(ctx, id)
		}
		return v.memos.ExportMemoToFolder(ctx, id, "pdf")
	}, func(path string, err error) {
		if err != nil {
			v.decide.setStatus("Memo not written: " + app.ErrorMessage(err))
			return
		}
		if v.c == nil || v.c.ID != id {
			return
		}
		v.memo = path
		v.decide.setStatus("Memo written to " + path + " — Open memo opens it.")
		v.renderBar()
	})
}

// Memo is the path of the memo last written for the case shown, or "".
func (v *CaseView) Memo() string { return v.memo }

// OpenMemo opens the memo last written in the program the system uses for
// PDFs.
func (v *CaseView) OpenMemo() {
	if v.memo == "" {
		return
	}
	u := &url.URL{Scheme: "file", Path: filepath.ToSlash(v.memo)}
	if err := fyne.CurrentApp().OpenURL(u); err != nil {
		v.decide.setStatus("Could not open the memo: " + err.Error() + " — it is at " + v.memo)
	}
}
