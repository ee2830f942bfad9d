// Package app is the domain root of WarrantDesk: what a case, an order, an
// extracted field with its evidence, a target and a decision are, and the
// interfaces the technology packages implement.
//
// It imports the standard library only. Each technology lives in its own
// package below it (app/pdftext reads PDFs, app/extract finds fields, app/ui
// is Fyne) or beside it (storage is bbolt); those packages talk to each other
// in the terms defined here.
package app
