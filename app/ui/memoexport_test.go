package ui

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/warrantdesk/warrantdesk/app"
)

func TestMemoTarget(t *testing.T) {
	dir := t.TempDir()
	os.WriteFile(filepath.Join(dir, "old.pdf"), []byte("x"), 0o600)
	if p, exists, err := memoTarget(dir, " memo.pdf "); err != nil || exists || p != filepath.Join(dir, "memo.pdf") {
		t.Errorf("new: %q %v %v", p, exists, err)
	}
	if _, exists, err := memoTarget(dir, "old.pdf"); err != nil || !exists {
		t.Errorf("existing: %v %v", exists, err)
	}
	for _, bad := range []string{"", "..", "../warrantdesk.db", "a/b.pdf", `a\b.pdf`, "x\n.pdf"} {
		if _, _, err := memoTarget(dir, bad); app.ErrorCode(err) != app.EINVALID {
			t.Errorf("%q accepted", bad)
		}
	}
}
