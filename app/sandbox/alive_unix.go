//go:build unix

package sandbox

import (
	"os"
	"strconv"
	"strings"
	"syscall"
)

// Alive reports whether process pid is running: a zombie (dead, not yet
// reaped by whoever inherited it) is not.
func Alive(pid int) bool {
	if syscall.Kill(pid, 0) != nil {
		return false
	}
	if b, err := os.ReadFile("/proc/" + strconv.Itoa(pid) + "/stat"); err == nil {
		// "pid (comm) S ...": the state follows the last ')'.
		s := string(b)
		if i := strings.LastIndexByte(s, ')'); i >= 0 && i+2 < len(s) {
			return s[i+2] != 'Z' && s[i+2] != 'X'
		}
	}
	return true
}
