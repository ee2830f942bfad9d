//go:build unix

package outfile

import "syscall"

func mkfifo(path string) { syscall.Mkfifo(path, 0o600) }
