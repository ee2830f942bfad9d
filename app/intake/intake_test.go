package intake

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/warrantdesk/warrantdesk/app"
)

func TestExpand(t *testing.T) {
	dir := t.TempDir()
	for _, f := range []string{"b.pdf", "a.PDF", "notes.txt", "sub/c.pdf"} {
		p := filepath.Join(dir, f)
		os.MkdirAll(filepath.Dir(p), 0o755)
		os.WriteFile(p, []byte("x"), 0o644)
	}
	named := filepath.Join(dir, "notes.txt")
	files, errs := Expand([]string{dir, named, filepath.Join(dir, "missing.pdf"), filepath.Join(dir, "b.pdf")})
	want := []string{"a.PDF", "b.pdf", "sub/c.pdf", "notes.txt"}
	if len(files) != len(want) {
		t.Fatalf("files %v", files)
	}
	for i, w := range want {
		if files[i] != filepath.Join(dir, w) {
			t.Errorf("file %d: %s, want %s", i, files[i], w)
		}
	}
	if len(errs) != 1 || app.ErrorCode(errs[0].Err) != app.EINVALID {
		t.Errorf("errs %+v", errs)
	}
}

func TestReadFile_Refusals(t *testing.T) {
	dir := t.TempDir()
	if _, err := readFile(dir); app.ErrorMessage(err) != "is a folder, not a PDF" {
		t.Errorf("folder: %v", err)
	}
	if _, err := readFile(filepath.Join(dir, "none.pdf")); app.ErrorMessage(err) != "no such file" {
		t.Errorf("missing: %v", err)
	}
	big := filepath.Join(dir, "big.pdf")
	f, _ := os.Create(big)
	f.Truncate(MaxFileSize + 1) // sparse: no disk used
	f.Close()
	if _, err := readFile(big); app.ErrorCode(err) != app.EINVALID {
		t.Errorf("oversized: %v", err)
	}
}
