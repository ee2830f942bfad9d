//go:build unix

package sandbox

import "os"

// orphaned reports whether the parent has died: the worker then belongs to
// init or a subreaper, and its parent PID has changed.
func orphaned(parent int) bool { return os.Getppid() != parent }
