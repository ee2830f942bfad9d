package version

import (
	"runtime"
	"strings"
	"testing"
)

func TestString_Unstamped_SaysDevAndPlatform(t *testing.T) {
	number, commit = "", ""
	s := String()
	// A test binary has no module version, so the fallback must be "dev".
	if !strings.HasPrefix(s, "WarrantDesk dev (") || !strings.HasSuffix(s, runtime.GOOS+"/"+runtime.GOARCH+")") {
		t.Fatalf("String() = %q", s)
	}
}

func TestString_Stamped_ShowsTagAndShortCommit(t *testing.T) {
	number, commit = "1.2.0-3-gabc1234", "abc1234def567890abc1234def567890abc12345"
	t.Cleanup(func() { number, commit = "", "" })
	if got := Number(); got != "1.2.0-3-gabc1234" {
		t.Fatalf("Number() = %q", got)
	}
	if s := String(); !strings.HasPrefix(s, "WarrantDesk 1.2.0-3-gabc1234 (commit abc1234def56, go") {
		t.Fatalf("String() = %q", s)
	}
}
