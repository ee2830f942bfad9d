package ocr

import (
	"os/exec"
	"syscall"
)

// noConsoleWindow keeps tesseract.exe, a console program, from flashing a
// console window for every page when the desk (a GUI program with no
// console) runs it.
func noConsoleWindow(cmd *exec.Cmd) {
	const createNoWindow = 0x08000000 // CREATE_NO_WINDOW
	cmd.SysProcAttr = &syscall.SysProcAttr{HideWindow: true, CreationFlags: createNoWindow}
}
