//go:build android || ios || wasm || js

package ui

import "fyne.io/fyne/v2"

// fitToScreen leaves the size to the system, which shows apps full screen
// there.
func fitToScreen(fyne.Window, fyne.Size) {}
