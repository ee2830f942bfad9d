//go:build windows

package main

import (
	"log"
	"os"

	"golang.org/x/sys/windows"
)

// The Windows build is a GUI program (linked with -H windowsgui) so that
// opening the desk from the Start menu shows no console window. Such a
// program gets no console of its own, so a command run from a terminal
// (`warrantdesk extract --json order.pdf`) would print nowhere. It therefore
// attaches to the console of the terminal that started it, for each standard
// stream that is not already a file or pipe: `warrantdesk list > cases.txt`
// and a pipe into PowerShell keep what the shell gave them. Started from
// Explorer there is no parent console and nothing changes.
func init() { attachParentConsole() }

// attachParentConsoleProcess is ATTACH_PARENT_PROCESS: the console of the
// process that started this one.
const attachParentConsoleProcess = ^uintptr(0)

func attachParentConsole() {
	in, out, errOut := usableStd(windows.STD_INPUT_HANDLE), usableStd(windows.STD_OUTPUT_HANDLE), usableStd(windows.STD_ERROR_HANDLE)
	if in && out && errOut {
		return
	}
	attach := windows.NewLazySystemDLL("kernel32.dll").NewProc("AttachConsole")
	if r, _, _ := attach.Call(attachParentConsoleProcess); r == 0 {
		return // no parent console: started from Explorer or a shortcut
	}
	if !out {
		if f := openConsole("CONOUT$", windows.STD_OUTPUT_HANDLE); f != nil {
			os.Stdout = f
		}
	}
	if !errOut {
		if f := openConsole("CONOUT$", windows.STD_ERROR_HANDLE); f != nil {
			os.Stderr = f
			// The log package took os.Stderr before this ran.
			log.SetOutput(f)
		}
	}
	if !in {
		if f := openConsole("CONIN$", windows.STD_INPUT_HANDLE); f != nil {
			os.Stdin = f
		}
	}
}

// usableStd reports whether a standard handle leads somewhere: a console, a
// file or a pipe the parent set up.
func usableStd(which uint32) bool {
	h, err := windows.GetStdHandle(which)
	if err != nil || h == 0 || h == windows.InvalidHandle {
		return false
	}
	t, _ := windows.GetFileType(h)
	return t != windows.FILE_TYPE_UNKNOWN
}

// openConsole opens the attached console's input or output and makes it the
// process's standard handle, so child processes inherit it too.
func openConsole(name string, which uint32) *os.File {
	p, err := windows.UTF16PtrFromString(name)
	if err != nil {
		return nil
	}
	h, err := windows.CreateFile(p, windows.GENERIC_READ|windows.GENERIC_WRITE, windows.FILE_SHARE_READ|windows.FILE_SHARE_WRITE, nil, windows.OPEN_EXISTING, 0, 0)
	if err != nil {
		return nil
	}
	_ = windows.SetStdHandle(which, h)
	return os.NewFile(uintptr(h), name)
}
