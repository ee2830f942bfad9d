package ui

import (
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"github.com/warrantdesk/warrantdesk/app"
	"github.com/warrantdesk/warrantdesk/app/casework"
	"github.com/warrantdesk/warrantdesk/assets"
)

var _ MatterDesk = (*casework.Service)(nil)

// showMatterDesk is the desk on a store that keeps matters, with its
// Matter tab, its matter settings and a notifier.
func showMatterDesk(t *testing.T, store *matterMem) (*Desk, *notes, fyne.Window) {
	t.Helper()
	test.NewTempApp(t)
	store.settings.Reviewers = reviewers.Reviewers
	svc := casework.New(casework.Params{Store: store, Now: func() time.Time { return now }, Letters: assets.LetterTemplate, MemoFonts: memoFonts()})
	n := &notes{}
	d := NewDesk(DeskParams{Service: svc, Alerts: svc, Memos: svc, Actions: svc, Stats: svc, Settings: svc, Index: svc, Run: inline,
		Now: func() time.Time { return now }, Matters: svc, Notify: n})
	w := test.NewTempWindow(t, d.Content())
	w.Resize(fyne.NewSize(1280, 800))
	d.SetWindow(w)
	d.loadSettings(svc)
	d.Queue.Refresh()
	return d, n, w
}

// The case view's Matter tab (Ctrl+5) shows the open case's matter with
// the link the desk proposes; the reviewer confirms it there and the queue
// follows.
func TestDesk_MatterTabProposesTheLink(t *testing.T) {
	store := &matterMem{memStore: memStore{cases: matterCases()}}
	d, _, w := showMatterDesk(t, store)
	v := open(t, d, "2:25-mj-00042")
	if n := len(v.tabs.Items); n != 5 || v.tabs.Items[TabMatter].Text != "Matter" {
		t.Fatalf("%d tabs", n)
	}
	if strings.Contains(v.matter.title.Text, "bbbb2222") {
		t.Error("the matter was worked out before its tab was chosen")
	}
	if !d.Keys.Handle(&desktop.CustomShortcut{KeyName: fyne.Key5, Modifier: fyne.KeyModifierShortcutDefault}) {
		t.Fatal("Ctrl+5 is not bound")
	}
	if v.tabs.SelectedIndex() != TabMatter || !strings.Contains(v.matter.title.Text, "Matter bbbb2222 — 1 case(s), open") || len(v.matter.proposals.Objects) != 1 {
		t.Fatalf("tab %d, title %q, %d proposals", v.tabs.SelectedIndex(), v.matter.title.Text, len(v.matter.proposals.Objects))
	}
	test.AssertRendersToMarkup(t, "matter/desk.xml", w.Canvas())
	test.Tap(findButton(v.matter.proposals, "Link"))
	if !strings.Contains(v.matter.title.Text, "2 case(s)") {
		t.Errorf("after Link: %q", v.matter.title.Text)
	}
	// The next case opened starts on its fields; its matter loads when
	// the tab is chosen again.
	open(t, d, "2025-FBI-000123")
	if v.tabs.SelectedIndex() != TabFields {
		t.Errorf("tab %d", v.tabs.SelectedIndex())
	}
	v.SelectTab(TabMatter)
	if !strings.Contains(v.matter.title.Text, "Matter aaaa1111 — 2 case(s)") {
		t.Errorf("the preservation's matter: %q", v.matter.title.Text)
	}
}

// An emergency imported while the desk is open raises a notification; a
// routine order does not.
func TestDesk_EmergencyImportedNotifies(t *testing.T) {
	em := sampleCase("2025-000003", app.EmergencyRequest, "", true, app.StatusNew)
	em.Order.ImportedAt = now
	routine := sampleCase("2:25-mj-00002", app.SearchWarrant, "2025-06-20", false, app.StatusNew)
	store := &matterMem{memStore: memStore{cases: []*app.Case{em, routine}}}
	d, n, _ := showMatterDesk(t, store)
	d.afterImport([]string{routine.ID})
	if len(n.sent) != 0 {
		t.Fatalf("a routine order notified: %+v", n.sent)
	}
	d.afterImport([]string{em.ID, routine.ID})
	if len(n.sent) != 1 || !strings.Contains(n.sent[0].Content, "emergency") {
		t.Errorf("notifications %+v", n.sent)
	}
}

// Settings shows the matter settings beside the general ones.
func TestDesk_SettingsHoldTheMatterSettings(t *testing.T) {
	d, _, _ := showMatterDesk(t, &matterMem{})
	tabs, ok := d.settingsContent(widget.NewLabel("general")).(*container.AppTabs)
	if !ok || len(tabs.Items) != 2 || tabs.Items[1].Text != "Matters and letters" {
		t.Fatalf("settings content %T", d.settingsContent(widget.NewLabel("general")))
	}
	plain := &Desk{}
	if _, ok := plain.settingsContent(widget.NewLabel("general")).(*widget.Label); !ok {
		t.Error("a desk without matters shows a matters tab")
	}
}
