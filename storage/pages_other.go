//go:build !linux

package storage

import bolt "go.etcd.io/bbolt"

// releasePages drops the pages of the mapped file a scan touched from
// this process's memory, by closing the file if no transaction is using
// it (pages_linux.go keeps it open).
func (db *DB) releasePages() { db.unmap() }

// dropPages cannot drop the pages from within a transaction here: the
// file is closed once the transaction ends instead (unmap).
func dropPages(*bolt.Tx) bool { return false }
