package ui

import (
	"context"
	"fmt"
	"os"
	"sync"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/widget"

	"github.com/warrantdesk/warrantdesk/app"
)

// Vault is what the lock screen needs of the service: the store's state
// and the passphrase use cases. *casework.Service implements it.
type Vault interface {
	LockState() app.LockState
	CreateStore(ctx context.Context, passphrase string) (recoveryKey string, err error)
	UnlockSession(ctx context.Context, secret string, recovery bool) error
	LockSession(ctx context.Context, why string) error
	ChangePassphrase(ctx context.Context, passphrase string) error
	Settings(ctx context.Context) (app.Settings, error)
}

// Gate stands before the desk: the lock screen at start (or the set-up of
// a new, encrypted data folder), and again on Ctrl+L, after the idle time
// (Settings), or when `warrantdesk lock` asks. Locking keeps the draft
// being written, records the lock, forgets the key and drops the desk —
// every widget that showed case data — and its shortcuts from the window.
type Gate struct {
	p      GateParams
	status *widget.Label

	mu       sync.Mutex
	last     time.Time // the last sign of the reviewer at the window
	seen     string    // what was focused, and how, when last looked
	idle     time.Duration
	open     bool
	stopWake chan struct{}
	// closeDesk locks the desk shown (Open's result); nil while locked.
	closeDesk func(done func())
	// focusNext is the box of the screen being built that takes the
	// cursor once setScreen has shown it.
	focusNext fyne.Focusable
}

// GateParams are what a gate works with.
type GateParams struct {
	Window fyne.Window
	Vault  Vault
	Run    Runner
	Now    func() time.Time
	// Open builds the desk on the unlocked store, shows it in the window
	// and returns what to do to lock: keep the draft, then call done.
	Open func() (close func(done func()))
	// LockRequest is the file `warrantdesk lock` writes ("" for none).
	LockRequest string
	// Every is how often the gate looks for idle time and lock requests:
	// a second when zero; never when negative, for tests that drive the
	// gate themselves (Fyne's test driver runs fyne.DoAndWait on the
	// calling goroutine, so the look would race the test's taps).
	Every time.Duration
}

// NewGate returns the gate for a window.
func NewGate(p GateParams) *Gate {
	if p.Now == nil {
		p.Now = time.Now
	}
	return &Gate{p: p, status: widget.NewLabel("")}
}

// Start shows what the store's state asks for — the set-up, the lock
// screen, or the desk — puts Ctrl+L on the window and starts watching
// for idleness and lock requests.
func (g *Gate) Start() {
	if g.p.LockRequest != "" {
		os.Remove(g.p.LockRequest) // asked of a desk no longer open
	}
	g.p.Window.Canvas().AddShortcut(&desktop.CustomShortcut{KeyName: fyne.KeyL, Modifier: fyne.KeyModifierShortcutDefault}, func(fyne.Shortcut) { g.Lock("on demand") })
	if dc, ok := g.p.Window.Canvas().(desktop.Canvas); ok {
		dc.SetOnKeyDown(func(*fyne.KeyEvent) { g.touch() })
	}
	g.show()
	if g.p.Every >= 0 {
		g.stopWake = make(chan struct{})
		go g.watch(g.stopWake)
	}
}

// Stop ends the watch (the window is closing).
func (g *Gate) Stop() {
	if g.stopWake != nil {
		close(g.stopWake)
		g.stopWake = nil
	}
}

// show puts on the window what the store's state calls for.
func (g *Gate) show() {
	switch g.p.Vault.LockState() {
	case app.StateOpen:
		g.openDesk()
	case app.StateNew:
		g.setScreen(g.setupScreen(false))
	case app.StatePlain:
		g.setScreen(g.setupScreen(true))
	default:
		g.setScreen(g.lockedScreen())
	}
}

// IsOpen reports whether the desk is shown (unlocked).
func (g *Gate) IsOpen() bool {
	g.mu.Lock()
	defer g.mu.Unlock()
	return g.open
}

func (g *Gate) openDesk() {
	g.closeDesk = g.p.Open()
	g.mu.Lock()
	g.open, g.last = true, g.p.Now()
	g.mu.Unlock()
	g.p.Window.SetContent(newActivity(g.p.Window.Content(), g.touch))
	g.p.Run(func() {
		s, err := g.p.Vault.Settings(context.Background())
		g.mu.Lock()
		defer g.mu.Unlock()
		g.idle = app.Settings{}.LockAfter()
		if err == nil {
			g.idle = s.LockAfter()
		}
	})
}

// Lock keeps the draft, records the lock, forgets the key and shows the
// lock screen in place of the desk. why goes into the audit trail.
func (g *Gate) Lock(why string) {
	g.mu.Lock()
	if !g.open {
		g.mu.Unlock()
		return
	}
	g.open = false
	g.mu.Unlock()
	done := func() {
		w := g.p.Window
		// Dialogs (statistics, settings, a memo's folder) show case data
		// too, as overlays of the canvas.
		for o := w.Canvas().Overlays().Top(); o != nil; o = w.Canvas().Overlays().Top() {
			w.Canvas().Overlays().Remove(o)
		}
		g.setScreen(g.lockedScreen())
		g.status.SetText("Locking…")
		g.p.Run(func() {
			err := g.p.Vault.LockSession(context.Background(), why)
			fyne.Do(func() {
				if err != nil {
					g.status.SetText("Locked; the lock could not be recorded: " + app.ErrorMessage(err))
					return
				}
				g.status.SetText("Locked " + why + ".")
			})
		})
	}
	if close := g.closeDesk; close != nil {
		g.closeDesk = nil
		close(done)
		return
	}
	done()
}

// touch notes a sign of the reviewer at the window.
func (g *Gate) touch() {
	g.mu.Lock()
	g.last = g.p.Now()
	g.mu.Unlock()
}

// watch looks every second whether the desk has sat untouched for the
// idle time, or `warrantdesk lock` asked for a lock.
func (g *Gate) watch(stop chan struct{}) {
	every := g.p.Every
	if every == 0 {
		every = time.Second
	}
	t := time.NewTicker(every)
	defer t.Stop()
	for {
		select {
		case <-stop:
			return
		case <-t.C:
		}
		fyne.DoAndWait(g.noteFocus)
		if why := g.due(); why != "" {
			fyne.Do(func() { g.Lock(why) })
		}
	}
}

// due says why the desk should lock now, or "".
func (g *Gate) due() string {
	if g.p.LockRequest != "" {
		if _, err := os.Stat(g.p.LockRequest); err == nil {
			os.Remove(g.p.LockRequest)
			return "at the request of warrantdesk lock"
		}
	}
	g.mu.Lock()
	defer g.mu.Unlock()
	if g.open && g.idle > 0 && g.p.Now().Sub(g.last) >= g.idle {
		return fmt.Sprintf("after %d min untouched", int(g.idle.Minutes()))
	}
	return ""
}

// noteFocus counts typing into a field as a sign of the reviewer: keys
// typed into a focused field reach only that field, so the gate looks at
// what is focused and where its cursor is.
func (g *Gate) noteFocus() {
	f := g.p.Window.Canvas().Focused()
	seen := fmt.Sprintf("%p", f)
	if e := entryOf(f); e != nil {
		seen += fmt.Sprintf(" %d %d %d", len(e.Text), e.CursorRow, e.CursorColumn)
	}
	g.mu.Lock()
	changed := seen != g.seen
	g.seen = seen
	g.mu.Unlock()
	if changed {
		g.touch()
	}
}

// entryOf is the text box f is, if it is one (the desk's hand their
// shortcuts up, keyEntry).
func entryOf(f fyne.Focusable) *widget.Entry {
	switch e := f.(type) {
	case *widget.Entry:
		return e
	case *keyEntry:
		return &e.Entry
	}
	return nil
}

// lockedScreen asks for the passphrase, or the recovery key.
func (g *Gate) lockedScreen() fyne.CanvasObject {
	pass := widget.NewPasswordEntry()
	pass.SetPlaceHolder("Passphrase")
	recovery := widget.NewEntry()
	recovery.SetPlaceHolder("XXXXX-XXXXX-… (55 letters and digits)")
	recovery.Hide()
	useRecovery := widget.NewCheck("I lost the passphrase: use the recovery key", func(on bool) {
		if on {
			pass.Hide()
			recovery.Show()
		} else {
			recovery.Hide()
			pass.Show()
		}
	})
	var unlock *widget.Button
	submit := func() {
		secret, byRecovery := pass.Text, useRecovery.Checked
		if byRecovery {
			secret = recovery.Text
		}
		if secret == "" {
			return
		}
		unlock.Disable()
		g.status.SetText("Unlocking…")
		g.p.Run(func() {
			err := g.p.Vault.UnlockSession(context.Background(), secret, byRecovery)
			fyne.Do(func() {
				unlock.Enable()
				pass.SetText("")
				if err != nil {
					g.status.SetText(app.ErrorMessage(err))
					return
				}
				g.status.SetText("")
				if byRecovery {
					g.setScreen(g.newPassphraseScreen())
					return
				}
				g.openDesk()
			})
		})
	}
	pass.OnSubmitted = func(string) { submit() }
	recovery.OnSubmitted = func(string) { submit() }
	unlock = widget.NewButton("Unlock", submit)
	unlock.Importance = widget.HighImportance
	box := container.NewVBox(
		widget.NewLabelWithStyle("WarrantDesk is locked", fyne.TextAlignCenter, fyne.TextStyle{Bold: true}),
		widget.NewLabel("The data folder is encrypted. Enter its passphrase to open the desk."),
		pass, recovery, useRecovery, unlock, g.status,
	)
	g.focusNext = pass
	return g.frame(box)
}

// setupScreen makes the new data folder's store, encrypted — or, for a
// store written before encryption, encrypts it — under a passphrase given
// twice, then shows the recovery key once.
func (g *Gate) setupScreen(plain bool) fyne.CanvasObject {
	pass, again := widget.NewPasswordEntry(), widget.NewPasswordEntry()
	pass.SetPlaceHolder("Passphrase (a few unrelated words make a good one)")
	again.SetPlaceHolder("The same again")
	title, text := "A new data folder", "WarrantDesk keeps every case encrypted. Choose the passphrase that opens it; it cannot be recovered from WarrantDesk's files, so a recovery key is shown next."
	if plain {
		title, text = "Encrypt this data folder", "This data folder was written before WarrantDesk encrypted its data. Choose a passphrase: the store is encrypted now (the old file is overwritten), and a recovery key is shown next."
	}
	var create *widget.Button
	submit := func() {
		if pass.Text != again.Text {
			g.status.SetText("The two passphrases differ.")
			return
		}
		p := pass.Text
		create.Disable()
		g.status.SetText("Encrypting…")
		g.p.Run(func() {
			key, err := g.p.Vault.CreateStore(context.Background(), p)
			fyne.Do(func() {
				create.Enable()
				if err != nil {
					g.status.SetText(app.ErrorMessage(err))
					return
				}
				pass.SetText("")
				again.SetText("")
				g.status.SetText("")
				g.setScreen(g.recoveryScreen(key))
			})
		})
	}
	again.OnSubmitted = func(string) { submit() }
	create = widget.NewButton("Encrypt and open", submit)
	create.Importance = widget.HighImportance
	g.focusNext = pass
	return g.frame(container.NewVBox(
		widget.NewLabelWithStyle(title, fyne.TextAlignCenter, fyne.TextStyle{Bold: true}),
		wrapped(text), pass, again, create, g.status,
	))
}

// recoveryScreen shows the recovery key once, and opens the desk when the
// reviewer says it is kept.
func (g *Gate) recoveryScreen(key string) fyne.CanvasObject {
	shown := widget.NewLabelWithStyle(key, fyne.TextAlignCenter, fyne.TextStyle{Monospace: true})
	shown.Selectable = true
	var next *widget.Button
	kept := widget.NewCheck("I have printed it or written it down, and keep it away from this computer", func(on bool) {
		if on {
			next.Enable()
		} else {
			next.Disable()
		}
	})
	copyKey := widget.NewButton("Copy", func() { fyne.CurrentApp().Clipboard().SetContent(key) })
	next = widget.NewButton("Open the desk", func() {
		fyne.CurrentApp().Clipboard().SetContent("") // the key does not stay on the clipboard
		g.openDesk()
	})
	next.Importance = widget.HighImportance
	next.Disable()
	return g.frame(container.NewVBox(
		widget.NewLabelWithStyle("Your recovery key", fyne.TextAlignCenter, fyne.TextStyle{Bold: true}),
		wrapped("It opens the data if the passphrase is lost. It is shown this once and is not stored anywhere readable: print this screen or write it down."),
		shown, container.NewCenter(copyKey), kept, next,
	))
}

// newPassphraseScreen follows an unlock by the recovery key: the lost
// passphrase is replaced before the desk opens.
func (g *Gate) newPassphraseScreen() fyne.CanvasObject {
	pass, again := widget.NewPasswordEntry(), widget.NewPasswordEntry()
	pass.SetPlaceHolder("New passphrase")
	again.SetPlaceHolder("The same again")
	var save *widget.Button
	submit := func() {
		if pass.Text != again.Text {
			g.status.SetText("The two passphrases differ.")
			return
		}
		p := pass.Text
		save.Disable()
		g.p.Run(func() {
			err := g.p.Vault.ChangePassphrase(context.Background(), p)
			fyne.Do(func() {
				save.Enable()
				if err != nil {
					g.status.SetText(app.ErrorMessage(err))
					return
				}
				g.status.SetText("")
				g.openDesk()
			})
		})
	}
	again.OnSubmitted = func(string) { submit() }
	save = widget.NewButton("Set the new passphrase", submit)
	save.Importance = widget.HighImportance
	g.focusNext = pass
	return g.frame(container.NewVBox(
		widget.NewLabelWithStyle("Set a new passphrase", fyne.TextAlignCenter, fyne.TextStyle{Bold: true}),
		wrapped("You unlocked with the recovery key. Choose a new passphrase; the recovery key stays as it was."),
		pass, again, save, g.status,
	))
}

// frame centres a screen in a column wide enough to read.
func (g *Gate) frame(box fyne.CanvasObject) fyne.CanvasObject {
	return container.NewCenter(container.New(column{520}, box))
}

// column lays its objects out one width wide, as tall as that width makes
// them (wrapped text is taller when narrower).
type column struct{ width float32 }

func (c column) MinSize(objs []fyne.CanvasObject) fyne.Size {
	h := float32(0)
	for _, o := range objs {
		o.Resize(fyne.NewSize(c.width, o.Size().Height))
		h = max(h, o.MinSize().Height)
	}
	return fyne.NewSize(c.width, h)
}

func (c column) Layout(objs []fyne.CanvasObject, size fyne.Size) {
	for _, o := range objs {
		o.Move(fyne.NewPos(0, 0))
		o.Resize(fyne.NewSize(size.Width, o.MinSize().Height))
	}
}

// setScreen shows one of the gate's screens with the cursor in its first
// box. The focus is given after SetContent, never before: before the app
// runs, Fyne calls fyne.Do at once, and a box not yet in the window's
// content cannot take the focus (the first screen had no cursor).
func (g *Gate) setScreen(o fyne.CanvasObject) {
	g.p.Window.SetContent(o)
	if f := g.focusNext; f != nil {
		g.focusNext = nil
		g.p.Window.Canvas().Focus(f)
	}
}

func wrapped(s string) *widget.Label {
	l := widget.NewLabel(s)
	l.Wrapping = fyne.TextWrapWord
	return l
}

// activity wraps the desk so the pointer moving over it counts as a sign
// of the reviewer: Fyne tells the deepest hoverable object under the
// pointer, which is this one wherever no widget of the desk is.
type activity struct {
	widget.BaseWidget
	content fyne.CanvasObject
	touch   func()
}

var _ desktop.Hoverable = (*activity)(nil)

func newActivity(content fyne.CanvasObject, touch func()) *activity {
	a := &activity{content: content, touch: touch}
	a.ExtendBaseWidget(a)
	return a
}

func (a *activity) CreateRenderer() fyne.WidgetRenderer { return widget.NewSimpleRenderer(a.content) }
func (a *activity) MouseIn(*desktop.MouseEvent)         { a.touch() }
func (a *activity) MouseMoved(*desktop.MouseEvent)      { a.touch() }
func (a *activity) MouseOut()                           {}

func timeStamp() string { return time.Now().Format("2006-01-02-150405") }
