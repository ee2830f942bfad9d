//go:build !unix

package intake

import "os"

// openFile opens path for reading. Windows has no named pipes in the
// file system's folders, so opening cannot block on one.
func openFile(path string) (*os.File, error) { return os.Open(path) }
