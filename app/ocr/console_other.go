//go:build !windows

package ocr

import "os/exec"

// noConsoleWindow matters on Windows only (console_windows.go).
func noConsoleWindow(*exec.Cmd) {}
