// Package version says which WarrantDesk this is. The release build stamps
// it from the git tag (make dist: -ldflags -X); a build without the stamp
// falls back to what the Go toolchain recorded (a `go install ...@v1.2.3`
// gets its module version), else "dev", so a bug report always names a build.
package version

import (
	"fmt"
	"runtime"
	"runtime/debug"
	"strings"
)

// Stamped by the linker (see the Makefile's LDFLAGS); empty in a plain
// `go build`.
var (
	// number is the version from `git describe --tags`, without the "v":
	// "1.2.0", or "1.2.0-3-gabc1234" three commits after the tag.
	number string
	// commit is the full commit hash the build was made from.
	commit string
)

// Number is this build's version: "1.2.0", "1.2.0-3-gabc1234" between
// tags, or "dev" for an unstamped build from a work tree.
func Number() string {
	if number != "" {
		return number
	}
	if bi, ok := debug.ReadBuildInfo(); ok && bi.Main.Version != "" && bi.Main.Version != "(devel)" {
		return strings.TrimPrefix(bi.Main.Version, "v")
	}
	return "dev"
}

// Commit is the commit hash the build was made from, or "" when unknown.
func Commit() string {
	if commit != "" {
		return commit
	}
	if bi, ok := debug.ReadBuildInfo(); ok {
		for _, s := range bi.Settings {
			if s.Key == "vcs.revision" {
				return s.Value
			}
		}
	}
	return ""
}

// String is the one line `warrantdesk --version` prints and the About
// dialog shows: "WarrantDesk 1.2.0 (commit abc1234def56, go1.26.1, linux/amd64)".
func String() string {
	s := "WarrantDesk " + Number() + " ("
	if c := Commit(); c != "" {
		s += "commit " + c[:min(len(c), 12)] + ", "
	}
	return s + fmt.Sprintf("%s, %s/%s)", runtime.Version(), runtime.GOOS, runtime.GOARCH)
}
