//go:build !linux

package pdftext

// limitAddressSpace has no hard equivalent here: macOS does not enforce
// RLIMIT_AS and Windows would need a job object. The soft runtime limit set
// by ServeWorker and the parent's wall-clock limit still apply.
func limitAddressSpace(budget int64) {}
