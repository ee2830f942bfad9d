//go:build unix

package intake

import (
	"os"
	"syscall"
)

// openFile opens path for reading without blocking: opening a named pipe
// waits for a writer forever otherwise, holding the import (and the
// database) with it. The caller then refuses anything that is not a
// regular file.
func openFile(path string) (*os.File, error) {
	return os.OpenFile(path, os.O_RDONLY|syscall.O_NONBLOCK, 0)
}
