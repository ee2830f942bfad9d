// Package storage keeps WarrantDesk's cases in a bbolt database. Nothing
// else in the program knows bbolt exists.
//
// Basics: Open returns a *DB that implements app.Store. Every value written
// goes through one Codec, so encryption at rest can wrap the plain codec
// later without touching the rest; the layout and its version are in
// docs/storage.md.
//
// Caveats: bbolt holds an exclusive file lock; Open waits at most
// LockTimeout for it and then reports ELOCKED, so a second running
// WarrantDesk says so instead of hanging. Deleting does not shrink the file.
package storage
