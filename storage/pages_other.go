//go:build !linux

package storage

// releasePages drops the pages of the mapped file a scan touched from
// this process's memory, by closing the file if no transaction is using
// it (pages_linux.go keeps it open).
func (db *DB) releasePages() { db.unmap() }
