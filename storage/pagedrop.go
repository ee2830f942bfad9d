package storage

import bolt "go.etcd.io/bbolt"

// A page of the mapped file that a read touches counts as this process's
// memory until the file is unmapped or the page dropped (dropPages) — and
// not that page alone: the kernel maps with it the neighbours it holds in
// the page cache, and on a recent kernel whole large folios. How much one
// touched page brings in depends on how the file was last read, not on
// WarrantDesk: on this machine (Linux 6.18, ext4) about 4 KB a touch when
// the store is not in the page cache, 64 KB once read at random, 120–340
// KB once read in order (by `cp`, a backup, `cat`), as large folios. A
// scan that dropped its pages every 1,024 cases therefore held 60 MB of
// the file at one time and 350 MB or more at another: `list --json` at
// 300,000 cases peaked at 238 MB in one session and 744–828 MB in the
// next, on the same store (docs/PERFORMANCE.md, session 8). A scan drops
// them every few reads instead, so what it holds of the file is bounded
// by that count whatever state the page cache is in.

// pageDropper drops the file's pages from this process's memory from
// within tx after every `every` reads of a scan (dropPages), and says
// whether the drops worked (false: this system cannot drop them from
// within a transaction, and the caller unmaps the file instead).
type pageDropper struct {
	tx       *bolt.Tx
	every, n int
	dropped  bool
}

// read counts one read of the scan, and drops the pages every `every`.
func (d *pageDropper) read() {
	if d.n++; d.n >= d.every {
		d.drop()
	}
}

// drop drops the pages now; false if it could not.
func (d *pageDropper) drop() bool {
	d.n = 0
	d.dropped = dropPages(d.tx)
	return d.dropped
}
