//go:build unix && !linux

package sandbox

import (
	"os"
	"os/exec"
	"runtime"
	"syscall"

	"golang.org/x/sys/unix"
)

// prepare puts the child in its own process group. These systems have no
// parent-death signal: the worker's watchdog (Confine) ends it when its
// parent is gone.
func prepare(cmd *exec.Cmd) {
	cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true}
}

// contain has no outside memory limit to set here: macOS does not enforce
// RLIMIT_AS, and a child's own limits cannot be set from its parent. The
// budget and the time limits still hold.
func contain(p *os.Process, memory int64) (func(), error) { return nil, nil }

// PhysicalMemory is the machine's RAM in bytes.
func PhysicalMemory() int64 {
	name := "hw.physmem"
	if runtime.GOOS == "darwin" {
		name = "hw.memsize"
	}
	if n, err := unix.SysctlUint64(name); err == nil && n > 0 {
		return int64(n)
	}
	return 8 << 30
}
