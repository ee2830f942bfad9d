//go:build !android && !ios && !wasm && !js

package ui

import (
	"fyne.io/fyne/v2"
	"github.com/go-gl/glfw/v3.3/glfw"
)

// fitToScreen sizes w to want, or to the screen it opens on when that is
// smaller (a laptop at FYNE_SCALE=1.5 has 853×533 units), and centres it.
// Fyne says nothing of screens, so the size comes from GLFW, Fyne's own
// window library, on the UI goroutine once the window exists.
func fitToScreen(w fyne.Window, want fyne.Size) {
	go fyne.Do(func() {
		m := glfw.GetPrimaryMonitor()
		if m == nil {
			return
		}
		mode := m.GetVideoMode()
		scale := w.Canvas().Scale()
		if mode == nil || scale <= 0 {
			return
		}
		// Leave room for the desktop's panels and the window's frame.
		screen := fyne.NewSize(float32(mode.Width)/scale*0.96, float32(mode.Height)/scale*0.9)
		w.Resize(fyne.NewSize(min(want.Width, screen.Width), min(want.Height, screen.Height)))
		w.CenterOnScreen()
	})
}
