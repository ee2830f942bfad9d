package ui

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"github.com/warrantdesk/warrantdesk/app"
	"github.com/warrantdesk/warrantdesk/app/casework"
	"github.com/warrantdesk/warrantdesk/storage"
)

// shown finds, in what the window shows, the widgets of type T that keep.
func shown[T fyne.CanvasObject](w fyne.Window, keep func(T) bool) []T {
	var out []T
	for _, o := range test.LaidOutObjects(w.Content()) {
		if x, ok := o.(T); ok && o.Visible() && keep(x) {
			out = append(out, x)
		}
	}
	return out
}

func button(t *testing.T, w fyne.Window, text string) *widget.Button {
	t.Helper()
	b := shown(w, func(b *widget.Button) bool { return b.Text == text })
	if len(b) != 1 {
		t.Fatalf("no button %q on the screen", text)
	}
	return b[0]
}

func passwordEntries(w fyne.Window) []*widget.Entry {
	return shown(w, func(e *widget.Entry) bool { return e.Password })
}

func screenText(w fyne.Window) string {
	var b strings.Builder
	for _, l := range shown(w, func(*widget.Label) bool { return true }) {
		b.WriteString(l.Text + "\n")
	}
	return b.String()
}

// TestGate_SetUpLockUnlock walks the desk's gate on a real encrypted store:
// a new data folder asks for a passphrase twice and shows the recovery key
// once, then the desk; Ctrl+L's lock keeps the draft (the desk's close),
// records the lock and takes the desk off the window; a wrong passphrase
// says so and opens nothing; the right one opens a new desk.
func TestGate_SetUpLockUnlock(t *testing.T) {
	test.NewTempApp(t)
	dir := t.TempDir()
	db, err := storage.Open(dir, storage.Options{KDF: &storage.KDFParams{Time: 1, MemoryKiB: 1024, Threads: 1}})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	svc := casework.New(casework.Params{Store: db, Actor: "R. Reviewer"})
	w := test.NewTempWindow(t, widget.NewLabel(""))
	opened, closed := 0, 0
	g := NewGate(GateParams{Window: w, Vault: svc, Run: func(f func()) { f() }, LockRequest: filepath.Join(dir, app.LockRequestFile), Every: -1,
		Open: func() func(func()) {
			opened++
			w.SetContent(widget.NewLabel("CASE DATA 2:26-mj-00001"))
			return func(done func()) { closed++; done() }
		}})
	g.Start()
	defer g.Stop()

	p := passwordEntries(w)
	if len(p) != 2 || !strings.Contains(screenText(w), "A new data folder") {
		t.Fatalf("set-up screen: %d passphrase fields\n%s", len(p), screenText(w))
	}
	if w.Canvas().Focused() != p[0] {
		t.Errorf("the set-up screen's first passphrase box has not the cursor: %v", w.Canvas().Focused())
	}
	test.Type(p[0], "correct horse battery")
	test.Type(p[1], "correct horse battery")
	test.Tap(button(t, w, "Encrypt and open"))
	text := screenText(w)
	if !strings.Contains(text, "Your recovery key") || strings.Count(text, "-") < 10 {
		t.Fatalf("no recovery key shown:\n%s", text)
	}
	next := button(t, w, "Open the desk")
	if !next.Disabled() {
		t.Error("the desk opens before the key is said to be kept")
	}
	test.Tap(shown(w, func(c *widget.Check) bool { return true })[0])
	test.Tap(next)
	if opened != 1 || !g.IsOpen() || !strings.Contains(screenText(w), "CASE DATA") {
		t.Fatalf("the desk did not open: %d\n%s", opened, screenText(w))
	}

	g.Lock("on demand")
	if closed != 1 || g.IsOpen() || svc.LockState() != app.StateLocked || strings.Contains(screenText(w), "CASE DATA") {
		t.Fatalf("locking: closed %d, %s\n%s", closed, svc.LockState(), screenText(w))
	}
	p = passwordEntries(w)
	if w.Canvas().Focused() != p[0] {
		t.Errorf("the lock screen's passphrase box has not the cursor: %v", w.Canvas().Focused())
	}
	test.Type(p[0], "wrong horse battery")
	test.Tap(button(t, w, "Unlock"))
	if !strings.Contains(screenText(w), "wrong passphrase") || svc.LockState() != app.StateLocked || opened != 1 {
		t.Fatalf("a wrong passphrase:\n%s", screenText(w))
	}
	test.Type(passwordEntries(w)[0], "correct horse battery")
	test.Tap(button(t, w, "Unlock"))
	if opened != 2 || !g.IsOpen() {
		t.Fatalf("the right passphrase did not open the desk:\n%s", screenText(w))
	}
	var actions []string
	db.EachAudit(context.Background(), func(e app.AuditEntry) error { actions = append(actions, e.Action+" by "+e.Actor); return nil })
	if got := strings.Join(actions, "; "); got != "encrypt by R. Reviewer; lock by R. Reviewer; unlock by R. Reviewer" {
		t.Errorf("audit trail: %s", got)
	}
}

// TestGate_LocksWhenIdleOrAsked: the idle time and `warrantdesk lock`'s
// request each make the gate due to lock, and the request is used up.
func TestGate_LocksWhenIdleOrAsked(t *testing.T) {
	dir := t.TempDir()
	now := time.Date(2026, 3, 1, 9, 0, 0, 0, time.UTC)
	g := NewGate(GateParams{Now: func() time.Time { return now }, LockRequest: filepath.Join(dir, app.LockRequestFile)})
	g.open, g.idle, g.last = true, 10*time.Minute, now
	if why := g.due(); why != "" {
		t.Errorf("due at once: %s", why)
	}
	now = now.Add(10 * time.Minute)
	if why := g.due(); why != "after 10 min untouched" {
		t.Errorf("idle: %q", why)
	}
	g.touch()
	os.WriteFile(g.p.LockRequest, nil, 0o600)
	if why := g.due(); why != "at the request of warrantdesk lock" {
		t.Errorf("asked: %q", why)
	}
	if _, err := os.Stat(g.p.LockRequest); err == nil {
		t.Error("the request was not used up")
	}
}

// TestKeepNoFolders: Fyne's dialogs cannot leave the last folder in the
// preferences file.
func TestKeepNoFolders(t *testing.T) {
	a := test.NewTempApp(t)
	a.Preferences().SetString(lastFolderKey, "file:///cases/2-26-mj-00001")
	p := keepNoFolders(a)
	if a.Preferences().String(lastFolderKey) != "" {
		t.Error("a folder kept before was not removed")
	}
	fyne.CurrentApp().Preferences().SetString(lastFolderKey, "file:///cases/sealed")
	fyne.CurrentApp().Preferences().SetString("other", "kept")
	if a.Preferences().String(lastFolderKey) != "" || p.Preferences().String("other") != "kept" {
		t.Errorf("preferences: %q %q", a.Preferences().String(lastFolderKey), p.Preferences().String("other"))
	}
}
