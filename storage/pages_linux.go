//go:build linux

package storage

import (
	"syscall"
	"unsafe"

	bolt "go.etcd.io/bbolt"
)

// releasePages drops the pages of the mapped file this process touched
// (and those the kernel mapped around them) from its memory, keeping the
// file open: a scan of every case made them count as the process's for as
// long as the file stayed mapped. Closing the file did it too, but bbolt
// reads its whole free list again at each open, which grows with the file
// (at 300,000 cases 13 % of a first fill of the queue's flags).
//
// The mapping is read-only and shared, so the pages are only dropped from
// this process, not lost: the next read faults them in again from the
// page cache. It is done inside a read transaction, while bbolt cannot
// remap the file (a remap waits for every reader), and over the file's
// pages in use only (tx.Size), which the mapping always covers.
func (db *DB) releasePages() {
	released := false
	db.rawView(func(tx *bolt.Tx) error {
		released = dropPages(tx)
		return nil
	})
	if !released {
		db.unmap()
	}
}

// dropPages drops the file's pages from this process's memory from within
// tx (see releasePages); false if they could not be.
func dropPages(tx *bolt.Tx) bool {
	n := tx.Size()
	if n <= 0 {
		return true
	}
	info := tx.DB().Info()
	data := *(*unsafe.Pointer)(unsafe.Pointer(&info.Data))
	return syscall.Madvise(unsafe.Slice((*byte)(data), n), syscall.MADV_DONTNEED) == nil
}
