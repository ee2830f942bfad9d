package ui

import (
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"github.com/warrantdesk/warrantdesk/app"
	"github.com/warrantdesk/warrantdesk/app/render"
)

// press sends a shortcut the way the desktop driver does: to the widget
// that has the focus when it takes shortcuts (a text box), else to the
// window's canvas.
func press(w fyne.Window, key fyne.KeyName, mod fyne.KeyModifier) {
	s := &desktop.CustomShortcut{KeyName: key, Modifier: mod}
	if f, ok := w.Canvas().Focused().(fyne.Shortcutable); ok {
		f.TypedShortcut(s)
		return
	}
	w.Canvas().(fyne.Shortcutable).TypedShortcut(s)
}

// key sends one key as the desktop driver does: to what has the focus,
// else to the window's canvas. A key without a modifier (F1, F6) is no
// shortcut to the driver: it goes this way too.
func key(w fyne.Window, name fyne.KeyName) {
	ev := &fyne.KeyEvent{Name: name}
	if f := w.Canvas().Focused(); f != nil {
		f.TypedKey(ev)
	} else if typed := w.Canvas().OnTypedKey(); typed != nil {
		typed(ev)
	}
}

const ctrl = fyne.KeyModifierShortcutDefault

// A text box took the desk's shortcuts while it had the cursor: Ctrl+Enter
// after the rationale, the queue's key (Ctrl+L then, F6 now) from the
// search box, Ctrl+G in the Text tab, Ctrl+1…4 after a correction. They
// work whatever has the focus.
func TestDesk_ShortcutsWorkWhateverHasTheFocus(t *testing.T) {
	store := &memStore{cases: deskCases()}
	d, w := showDesk(t, store)
	v := open(t, d, "2:25-mj-00002")
	// F6 from the search box, and from nowhere.
	w.Canvas().Focus(d.Queue.search)
	key(w, fyne.KeyF6)
	if w.Canvas().Focused() != d.Queue.list || d.Queue.search.Text != "" {
		t.Errorf("F6 from the search box: focus %T, search %q", w.Canvas().Focused(), d.Queue.search.Text)
	}
	w.Canvas().Unfocus()
	key(w, fyne.KeyF6)
	if w.Canvas().Focused() != d.Queue.list {
		t.Errorf("F6 with nothing focused: focus %T", w.Canvas().Focused())
	}
	// Ctrl+G, then Ctrl+1 and Ctrl+3 from the find box.
	press(w, fyne.KeyG, ctrl)
	if w.Canvas().Focused() != v.text.find || v.Tab() != TabText {
		t.Fatalf("Ctrl+G: focus %T, tab %d", w.Canvas().Focused(), v.Tab())
	}
	test.Type(v.text.find, "case")
	press(w, fyne.Key1, ctrl)
	if v.Tab() != TabFields || v.text.find.Text != "case" {
		t.Errorf("Ctrl+1 in the find box: tab %d, find %q", v.Tab(), v.text.find.Text)
	}
	// Ctrl+E opens the editor; Ctrl+4 from inside it still works.
	press(w, fyne.KeyE, ctrl)
	if v.editor == nil || w.Canvas().Focused() != v.editor.entry {
		t.Fatal("Ctrl+E: no editor with the cursor")
	}
	press(w, fyne.Key4, ctrl)
	if v.Tab() != TabHistory {
		t.Errorf("Ctrl+4 in the correction box: tab %d", v.Tab())
	}
	v.editor.close()
	// Ctrl+S and Ctrl+Enter after typing the rationale.
	press(w, fyne.KeyD, ctrl)
	if w.Canvas().Focused() != v.decide.outcome {
		t.Fatalf("Ctrl+D: focus %T", w.Canvas().Focused())
	}
	key(w, fyne.KeyRight) // the first outcome: comply
	w.Canvas().Focus(v.decide.note)
	test.Type(v.decide.note, "Valid and within scope.")
	press(w, fyne.KeyS, ctrl)
	if c := store.last(); c == nil || c.Decision == nil || c.Decision.Note != "Valid and within scope." {
		t.Fatalf("Ctrl+S in the rationale did not save: %q", v.Status())
	}
	if v.decide.note.Text != "Valid and within scope." {
		t.Errorf("the shortcut went into the box: %q", v.decide.note.Text)
	}
	// The keys sheet lines up: one row per shortcut, keys and words apart.
	sheet := d.Keys.Sheet().(*fyne.Container)
	if len(sheet.Objects)%2 != 0 || sheet.Objects[0].(*widget.Label).Text != "Ctrl+F" || !strings.HasPrefix(sheet.Objects[1].(*widget.Label).Text, "search cases") {
		t.Errorf("keys sheet %v", sheet.Objects[:2])
	}
}

// The demo's emergency request, answered from the keyboard alone: open the
// queue, open the case (it is first), read its checks and its number's
// evidence, decide, write the rationale, Save & next, then the memo. The
// test counts the keys pressed and times the app's waits (the service's
// work off the UI goroutine), for docs/PERFORMANCE.md.
func TestDesk_EmergencyRequestFromTheKeyboardAlone(t *testing.T) {
	orders := demoOrders(t)
	store := &memStore{settings: reviewers}
	for _, o := range orders {
		addCase(t, store, o)
	}
	test.NewTempApp(t)
	svc := service(store)
	var waits time.Duration
	var jobs int
	timed := func(work func()) {
		start := time.Now()
		work()
		waits += time.Since(start)
		jobs++
	}
	memoDir := t.TempDir()
	store.settings.MemoFolder = memoDir
	var renderer PageRenderer
	if !testing.Short() {
		r := render.New(render.CacheDirFor(), 1)
		defer r.Close()
		renderer = r
	}
	d := NewDesk(DeskParams{Service: svc, Alerts: svc, Memos: svc, Actions: svc, Renderer: renderer, Run: timed, Now: time.Now})
	w := test.NewTempWindow(t, d.Content())
	w.Resize(fyne.NewSize(1280, 800))
	d.SetWindow(w)
	d.loadSettings(svc)
	d.Queue.Refresh()
	keys := 0
	pressK := func(k fyne.KeyName, mod fyne.KeyModifier) { press(w, k, mod); keys++ }
	keyK := func(k fyne.KeyName) { key(w, k); keys++ }
	typeK := func(e fyne.Focusable, s string) { test.Type(e, s); keys += len([]rune(s)) }

	keyK(fyne.KeyF6)    // the queue
	keyK(fyne.KeySpace) // opens the first case: the emergency
	v := d.Case
	c := v.Case()
	if c == nil || !c.Emergency() || !strings.HasPrefix(v.title.Text, "EMERGENCY") {
		t.Fatalf("the first case is %v (%q)", c, v.title.Text)
	}
	if !strings.Contains(strings.ToLower(v.fields.checks.Text), "emergency") {
		t.Errorf("checks %q", v.fields.checks.Text)
	}
	pressK(fyne.KeyE, ctrl) // the case number's evidence and editor
	if v.editor == nil {
		t.Fatal("no editor")
	}
	keyK(fyne.KeyEscape)
	if v.editor != nil {
		t.Fatal("Escape did not close the editor")
	}
	pressK(fyne.KeyD, ctrl)
	keyK(fyne.KeyRight) // comply
	if v.decide.outcome.Selected != "Comply" {
		t.Fatalf("outcome %q", v.decide.outcome.Selected)
	}
	w.Canvas().Focus(v.decide.note)
	keys++ // a Tab or two to the rationale: counted as one
	typeK(v.decide.note, "Danger to life stated; disclose the subscriber and location records asked for.")
	// An emergency disclosure is blocked until the requester is verified:
	// Save stays visible, disabled, with the reason beside it.
	if !v.decide.next.Disabled() || !strings.Contains(v.decide.trust.Block.Text, "verified") {
		t.Fatalf("unverified emergency disclosure not blocked: %q", v.decide.trust.Block.Text)
	}
	tr := v.decide.trust
	w.Canvas().Focus(tr.method)
	keys++              // Tab to the verification: counted as one
	keyK(fyne.KeyRight) // callback
	w.Canvas().Focus(tr.contact)
	keys++
	typeK(tr.contact, "+1 602 555 0100 (sheriff's switchboard, from the county's website)")
	w.Canvas().Focus(tr.record)
	keys++
	keyK(fyne.KeySpace) // Record verification
	if v.decide.next.Disabled() {
		t.Fatalf("still blocked after verifying: %q (%q)", tr.Block.Text, tr.recorded.Text)
	}
	pressK(fyne.KeyReturn, ctrl) // Save & next
	stored := store.find(c.ID)
	if stored == nil || stored.Decision == nil || stored.Decision.Outcome != app.Comply || stored.Decision.Reviewer != "R. Reviewer" {
		t.Fatalf("not decided: %+v (%q)", stored, d.Status.Text)
	}
	if d.Case.Case().ID == c.ID || !strings.Contains(d.Status.Text, "Saved") {
		t.Errorf("Save & next stayed on the case: %q", d.Status.Text)
	}
	// Back to it (Shift+Tab and ↑ in the list), then the memo.
	i := 0
	for k, s := range d.Queue.cases {
		if s.ID == c.ID {
			i = k
		}
	}
	keyK(fyne.KeyF6)
	d.Queue.filter.SetSelected(FilterAll)
	d.Queue.list.Select(i)
	keys += 2
	// It awaits the second reviewer: its memo is a draft until approved.
	pressK(fyne.KeyM, ctrl)
	if m := d.Case.Memo(); !strings.HasPrefix(m, memoDir) || !strings.Contains(m, "(draft)") {
		t.Fatalf("no draft memo in the memo folder: %q (%q)", m, d.Case.Status())
	}
	pressK(fyne.KeyD, ctrl) // the decision pane, where the second reviewer answers
	w.Canvas().Focus(tr.approver)
	keys++
	keyK(fyne.KeyRight) // the other reviewer on the list
	w.Canvas().Focus(tr.approveBtn)
	keys++
	keyK(fyne.KeySpace) // Approve
	if a := store.find(c.ID).Approval; a == nil || a.State != app.ApprovalApproved || a.Reviewer != "S. Second" {
		t.Fatalf("not approved: %+v (%q)", a, tr.status.Text)
	}
	pressK(fyne.KeyM, ctrl)
	if m := d.Case.Memo(); !strings.HasPrefix(m, memoDir) || strings.Contains(m, "(draft)") {
		t.Fatalf("no final memo in the memo folder: %q (%q)", m, d.Case.Status())
	}
	t.Logf("emergency request from the keyboard: %d keys (%d typed in the rationale and the number called), 0 clicks; the app waited %s over %d jobs off the UI goroutine",
		keys, len([]rune("Danger to life stated; disclose the subscriber and location records asked for."))+len([]rune("+1 602 555 0100 (sheriff's switchboard, from the county's website)")), waits.Round(time.Millisecond), jobs)
}

// Ctrl+L locks the desk whatever has the focus, and is on the keys sheet
// beside F6 (the queue); once the desk's shortcuts are taken off the
// window (it locked), none of them works there.
func TestDesk_CtrlLLocksFromATextBox(t *testing.T) {
	test.NewTempApp(t)
	store := &memStore{cases: deskCases(), settings: reviewers}
	svc := service(store)
	locked := 0
	d := NewDesk(DeskParams{Service: svc, Run: inline, Now: func() time.Time { return now }, Lock: func() { locked++ }})
	w := test.NewTempWindow(t, d.Content())
	d.SetWindow(w)
	d.Queue.Refresh()
	w.Canvas().Focus(d.Queue.search)
	test.Type(d.Queue.search, "acme")
	press(w, fyne.KeyL, ctrl)
	if locked != 1 || d.Queue.search.Text != "acme" {
		t.Errorf("Ctrl+L in the search box: locked %d, search %q", locked, d.Queue.search.Text)
	}
	var keys []string
	for i, o := range d.Keys.Sheet().(*fyne.Container).Objects {
		if i%2 == 0 {
			keys = append(keys, o.(*widget.Label).Text)
		}
	}
	if sheet := strings.Join(keys, " "); !strings.Contains(sheet, "F6") || !strings.Contains(sheet, "Ctrl+L") {
		t.Errorf("keys sheet: %s", sheet)
	}
	d.RemoveShortcuts(w)
	w.Canvas().Unfocus()
	press(w, fyne.KeyL, ctrl)
	key(w, fyne.KeyF6)
	if locked != 1 || w.Canvas().Focused() != nil {
		t.Errorf("shortcuts after locking: locked %d, focus %T", locked, w.Canvas().Focused())
	}
}
