package sandbox

import (
	"os"
	"os/exec"
	"syscall"

	"golang.org/x/sys/unix"
)

// pdeathsig is cleared by a test to show the worker's own watchdog ends it
// where the OS has no parent-death signal.
var pdeathsig = syscall.SIGKILL

// prepare puts the child in its own process group and has the kernel kill
// it when its parent dies.
func prepare(cmd *exec.Cmd) {
	cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true, Pdeathsig: pdeathsig}
}

// contain caps the child's address space from outside; the child has not
// been given its input yet, so it cannot have used much.
func contain(p *os.Process, memory int64) (func(), error) {
	if memory <= 0 {
		return nil, nil
	}
	lim := &unix.Rlimit{Cur: uint64(memory), Max: uint64(memory)}
	if err := unix.Prlimit(p.Pid, unix.RLIMIT_AS, lim, nil); err != nil {
		return nil, err
	}
	return nil, nil
}

// PhysicalMemory is the machine's RAM in bytes.
func PhysicalMemory() int64 {
	var si unix.Sysinfo_t
	if err := unix.Sysinfo(&si); err != nil {
		return 8 << 30
	}
	return int64(si.Totalram) * int64(si.Unit)
}
