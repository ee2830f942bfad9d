package sandbox

import "golang.org/x/sys/windows"

// orphaned reports whether the parent process has ended. The Job Object
// kills the worker when the parent dies; this is the belt to its braces.
func orphaned(parent int) bool {
	h, err := windows.OpenProcess(windows.SYNCHRONIZE, false, uint32(parent))
	if err != nil {
		return true
	}
	defer windows.CloseHandle(h)
	ev, err := windows.WaitForSingleObject(h, 0)
	return err == nil && ev == windows.WAIT_OBJECT_0
}
