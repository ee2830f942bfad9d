package ui

import (
	"context"
	"fmt"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/widget"

	"github.com/warrantdesk/warrantdesk/app"
)

// renderBar puts beside the title what can be done with the case as it
// stands: export its memo once decided, open the memo written, reopen it,
// read its pages by OCR, split the orders its file bundles.
func (v *CaseView) renderBar() {
	v.bar.RemoveAll()
	c := v.c
	if c == nil {
		return
	}
	v.bar.Add(v.busy)
	decided := c.Decided()
	if decided && v.memos != nil {
		label := "Export memo (Ctrl+M)"
		if !c.Final() {
			label = "Export draft memo (Ctrl+M)"
		}
		v.bar.Add(widget.NewButton(label, v.ExportMemo))
	}
	if v.memo != "" {
		v.bar.Add(widget.NewButton("Open memo", v.OpenMemo))
	}
	if decided {
		v.bar.Add(widget.NewButton("Reopen…", v.AskReopen))
	}
	if v.actions != nil && !decided && c.Status != app.StatusSplit {
		if c.Order.NeedsOCR {
			v.bar.Add(widget.NewButton("Run OCR", v.RunOCR))
		}
		if len(v.parts) > 1 {
			v.bar.Add(widget.NewButton(fmt.Sprintf("Split this bundle (%d orders)", len(v.parts)), v.Split))
		}
	}
	v.bar.Refresh()
}

// AskReopen asks why the decided case is reopened, then reopens it.
func (v *CaseView) AskReopen() {
	if v.c == nil || !v.c.Decided() {
		return
	}
	reason := newKeyEntry(v.keys)
	reason.SetPlaceHolder("Why it is reopened (recorded in the history)")
	do := func() { v.Reopen(reason.Text) }
	if v.Window == nil {
		do()
		return
	}
	d := dialog.NewForm("Reopen this decided case?", "Reopen", "Cancel", []*widget.FormItem{widget.NewFormItem("Reason", reason)}, func(ok bool) {
		if ok {
			do()
		}
	}, v.Window)
	d.Resize(fyne.NewSize(520, 200))
	d.Show()
	v.Window.Canvas().Focus(reason)
}

// Reopen makes the decided case open again, its decision the draft.
func (v *CaseView) Reopen(reason string) {
	who := v.who()
	if who == "" && v.c != nil && v.c.Decision != nil {
		who = v.c.Decision.Reviewer
	}
	v.commit(func(ctx context.Context, id string) (*app.Case, error) {
		return v.service.Reopen(ctx, id, who, reason)
	}, func(c *app.Case) {
		v.decide.fill(c)
		v.decide.setStatus("Reopened: the decision is the draft until saved again.")
		v.SelectTab(TabDecision)
	}, nil)
}

// RunOCR reads the case's pages without text by OCR, with per-page
// progress beside the title.
func (v *CaseView) RunOCR() {
	if v.c == nil || v.actions == nil {
		return
	}
	v.busy.SetText("OCR: starting…")
	v.commit(func(ctx context.Context, id string) (*app.Case, error) {
		return v.actions.RunOCR(ctx, id, func(done, total int) {
			fyne.Do(func() {
				if v.c != nil && v.c.ID == id {
					v.busy.SetText(fmt.Sprintf("OCR: page %d of %d…", done, total))
				}
			})
		})
	}, func(c *app.Case) {
		v.busy.SetText("")
		v.Show(c) // the text and its evidence are new: lay the case out again
	}, func(err error) { v.busy.SetText("OCR failed: " + app.ErrorMessage(err)) })
}

// Split makes a case of each order the file bundles and shows the first.
func (v *CaseView) Split() {
	if v.c == nil || v.actions == nil {
		return
	}
	id := v.c.ID
	v.busy.SetText("Splitting…")
	Once(v.run, func(ctx context.Context) ([]string, error) { return v.actions.SplitBundle(ctx, id) }, func(ids []string, err error) {
		if err != nil {
			v.busy.SetText("Not split: " + app.ErrorMessage(err))
			return
		}
		v.busy.SetText("")
		if v.onSplit != nil {
			v.onSplit(ids)
		}
	})
}
