// Package ui is WarrantDesk's desktop interface, and the only package that
// knows Fyne. It depends on narrow interfaces over the domain (CaseLister),
// never on storage.
//
// Threading: Fyne runs callbacks on its UI goroutine. Anything slow
// (reading the store, importing) runs in a goroutine started by a Runner,
// and its result lands in widgets through one fyne.Do. See docs/threading.md.
package ui
