//go:build !linux

package sandbox

// limitAddressSpace has no hard equivalent here: macOS does not enforce
// RLIMIT_AS, and on Windows the parent's Job Object caps the worker's
// memory. The runtime's soft limit set by Confine still applies.
func limitAddressSpace(budget int64) {}
