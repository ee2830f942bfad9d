//go:build unix

package sandbox

import (
	"os/exec"
	"syscall"
)

// commitLimited is true where the OS limit counts committed memory
// rather than address space.
const commitLimited = false

// killTree kills the child's process group: the child and anything it
// started.
func killTree(cmd *exec.Cmd) error {
	if cmd.Process == nil {
		return nil
	}
	// The group's ID is the child's PID (Setpgid with Pgid 0).
	err := syscall.Kill(-cmd.Process.Pid, syscall.SIGKILL)
	if err != nil {
		err = cmd.Process.Kill()
	}
	return err
}
