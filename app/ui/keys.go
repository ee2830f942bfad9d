package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/widget"
)

// Keys are the desk's window-wide shortcuts, in the order the keys sheet
// (F1) lists them. Each works whatever has the focus: the window's canvas
// handles them when no text box has the cursor, and every text box of the
// desk (keyEntry) hands them up instead of taking them. A key without a
// modifier (F1, F6) is no shortcut to Fyne's desktop driver, which types
// it to what has the focus: the canvas (nothing focused) and the desk's
// text boxes hand it here.
type Keys struct {
	list []binding
	by   map[string]func()
	// plain are the keys bound without a modifier, by name.
	plain map[fyne.KeyName]func()
	// escape closes what Escape closes (the correction editor) when a text
	// box has the cursor.
	escape func()
}

type binding struct {
	shortcut *desktop.CustomShortcut
	keys     string // as the sheet shows them ("Ctrl+Enter")
	help     string
}

// NewKeys returns an empty set of shortcuts.
func NewKeys() *Keys { return &Keys{by: map[string]func(){}, plain: map[fyne.KeyName]func(){}} }

// Add binds key with mod (0 for none) to do, described on the keys sheet
// as keys and help.
func (k *Keys) Add(key fyne.KeyName, mod fyne.KeyModifier, keys, help string, do func()) {
	s := &desktop.CustomShortcut{KeyName: key, Modifier: mod}
	k.list = append(k.list, binding{s, keys, help})
	if mod == 0 {
		k.plain[key] = do
		return
	}
	k.by[s.ShortcutName()] = do
}

// Note adds a line to the keys sheet for keys that are not shortcuts of
// the window (Tab, arrows in a list).
func (k *Keys) Note(keys, help string) { k.list = append(k.list, binding{nil, keys, help}) }

// Handle runs the action bound to s and reports whether there was one.
func (k *Keys) Handle(s fyne.Shortcut) bool {
	if k == nil {
		return false
	}
	do, ok := k.by[s.ShortcutName()]
	if ok {
		do()
	}
	return ok
}

// HandleKey runs the action bound to a key without a modifier (or
// Escape's) and reports whether there was one.
func (k *Keys) HandleKey(name fyne.KeyName) bool {
	if k == nil {
		return false
	}
	if do, ok := k.plain[name]; ok {
		do()
		return true
	}
	if name == fyne.KeyEscape && k.escape != nil {
		k.escape()
		return true
	}
	return false
}

// Attach makes the shortcuts work on c when no text box has the cursor.
func (k *Keys) Attach(c fyne.Canvas) {
	for _, b := range k.list {
		if b.shortcut != nil && b.shortcut.Modifier != 0 {
			c.AddShortcut(b.shortcut, func(s fyne.Shortcut) { k.Handle(s) })
		}
	}
	c.SetOnTypedKey(func(ev *fyne.KeyEvent) { k.HandleKey(ev.Name) })
}

// Detach takes the shortcuts off c again (the desk is locking).
func (k *Keys) Detach(c fyne.Canvas) {
	for _, b := range k.list {
		if b.shortcut != nil && b.shortcut.Modifier != 0 {
			c.RemoveShortcut(b.shortcut)
		}
	}
	c.SetOnTypedKey(nil)
}

// Sheet is the keys sheet: one line per shortcut, keys and what they do
// in two aligned columns.
func (k *Keys) Sheet() fyne.CanvasObject {
	var cells []fyne.CanvasObject
	for _, b := range k.list {
		cells = append(cells, widget.NewLabelWithStyle(b.keys, fyne.TextAlignTrailing, fyne.TextStyle{Bold: true}), widget.NewLabel(b.help))
	}
	return container.New(&columns{}, cells...)
}

// keyEntry is a text box that hands the desk's shortcuts up to the window
// rather than taking them (a plain widget.Entry swallows every shortcut
// while it has the cursor), and can go to the next thing with ↓.
type keyEntry struct {
	widget.Entry
	keys *Keys
	// onDown, when set, is called for ↓ in a one-line box (the search
	// box goes to its results).
	onDown func()
}

func newKeyEntry(keys *Keys) *keyEntry {
	e := &keyEntry{keys: keys}
	e.ExtendBaseWidget(e)
	return e
}

func newMultiLineKeyEntry(keys *Keys) *keyEntry {
	e := newKeyEntry(keys)
	e.MultiLine = true
	e.Wrapping = fyne.TextWrapWord
	return e
}

// TypedShortcut runs a desk shortcut, or edits the text (copy, paste, …).
func (e *keyEntry) TypedShortcut(s fyne.Shortcut) {
	if e.keys.Handle(s) {
		return
	}
	e.Entry.TypedShortcut(s)
}

// TypedKey moves on with ↓ where onDown is set, and hands Escape and the
// desk's keys without a modifier (F1, F6) up.
func (e *keyEntry) TypedKey(ev *fyne.KeyEvent) {
	switch {
	case ev.Name == fyne.KeyDown && e.onDown != nil && !e.MultiLine:
		e.onDown()
	case e.keys.HandleKey(ev.Name):
	default:
		e.Entry.TypedKey(ev)
	}
}

// columns lays out pairs of cells in two columns, the first as wide as its
// widest cell, so a sheet of keys and meanings lines up.
type columns struct{}

func (*columns) widths(objects []fyne.CanvasObject) (float32, float32) {
	var a, b float32
	for i, o := range objects {
		if i%2 == 0 {
			a = max(a, o.MinSize().Width)
		} else {
			b = max(b, o.MinSize().Width)
		}
	}
	return a, b
}

func (c *columns) MinSize(objects []fyne.CanvasObject) fyne.Size {
	a, b := c.widths(objects)
	var h float32
	for i := 0; i < len(objects); i += 2 {
		h += objects[i].MinSize().Height
	}
	return fyne.NewSize(a+b, h)
}

func (c *columns) Layout(objects []fyne.CanvasObject, size fyne.Size) {
	a, _ := c.widths(objects)
	var y float32
	for i := 0; i < len(objects); i += 2 {
		h := objects[i].MinSize().Height
		objects[i].Move(fyne.NewPos(0, y))
		objects[i].Resize(fyne.NewSize(a, h))
		if i+1 < len(objects) {
			objects[i+1].Move(fyne.NewPos(a, y))
			objects[i+1].Resize(fyne.NewSize(size.Width-a, h))
		}
		y += h
	}
}
