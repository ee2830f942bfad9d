package outfile

import (
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"

	"github.com/warrantdesk/warrantdesk/app"
)

func TestWrite_Refusals(t *testing.T) {
	data := t.TempDir()
	db := filepath.Join(data, "warrantdesk.db")
	os.WriteFile(db, []byte("bolt"), 0o600)
	out := t.TempDir()
	link := filepath.Join(out, "data-link")
	os.Symlink(data, link)
	existing := filepath.Join(out, "memo.pdf")
	os.WriteFile(existing, []byte("old memo"), 0o600)
	os.Symlink(existing, filepath.Join(out, "memo-link.pdf"))
	os.Mkdir(filepath.Join(out, "dir.csv"), 0o700)
	fifo := filepath.Join(out, "pipe.csv")
	if runtime.GOOS != "windows" {
		mkfifo(fifo)
	}
	opts := Options{Protected: []string{data}}
	for name, c := range map[string]struct {
		path string
		opts Options
		want string
	}{
		"the database":            {db, Options{Protected: []string{data}, Force: true}, "inside the data folder"},
		"a new file in the data":  {filepath.Join(data, "log.csv"), opts, "inside the data folder"},
		"the data through a link": {filepath.Join(link, "warrantdesk.db"), Options{Protected: []string{data}, Force: true}, "inside the data folder"},
		"the data by a detour":    {filepath.Join(out, "..", filepath.Base(data), "x.csv"), opts, "inside the data folder"},
		"an existing file":        {existing, opts, "exists already: add --force"},
		"a link":                  {filepath.Join(out, "memo-link.pdf"), Options{Force: true}, "is a link"},
		"a folder":                {filepath.Join(out, "dir.csv"), Options{Force: true}, "is a folder"},
		"a named pipe":            {fifo, Options{Force: true}, "not a regular file"},
		"a device":                {os.DevNull, Options{Force: true}, "not a regular file"},
	} {
		if runtime.GOOS == "windows" && (name == "a named pipe" || name == "a device") {
			continue
		}
		err := Write(c.path, []byte("new"), c.opts)
		if app.ErrorCode(err) != app.EINVALID || !strings.Contains(app.ErrorMessage(err), c.want) {
			t.Errorf("%s: got %v, want %q", name, err, c.want)
		}
	}
	if b, _ := os.ReadFile(db); string(b) != "bolt" {
		t.Error("the database was touched")
	}
	if b, _ := os.ReadFile(existing); string(b) != "old memo" {
		t.Error("an existing file was replaced without --force")
	}
	if st, err := os.Stat(os.DevNull); err != nil || st.Mode().IsRegular() {
		t.Errorf("%s is no longer a device", os.DevNull)
	}
}

func TestWrite_NewAndForced(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "log.csv")
	if err := Write(path, []byte("one"), Options{}); err != nil {
		t.Fatal(err)
	}
	if err := Write(path, []byte("two"), Options{Force: true}); err != nil {
		t.Fatal(err)
	}
	if b, _ := os.ReadFile(path); string(b) != "two" {
		t.Errorf("content %q", b)
	}
	entries, _ := os.ReadDir(dir)
	if len(entries) != 1 {
		t.Errorf("left behind: %v", entries)
	}
}

func TestWrite_FailureIsIO(t *testing.T) {
	if os.Getuid() == 0 {
		t.Skip("root writes into read-only folders")
	}
	dir := t.TempDir()
	os.Chmod(dir, 0o500)
	defer os.Chmod(dir, 0o700)
	err := Write(filepath.Join(dir, "x.csv"), []byte("x"), Options{})
	if app.ErrorCode(err) != app.EIO || !strings.Contains(app.ErrorMessage(err), "permission denied") {
		t.Errorf("got %v", err)
	}
}

func TestCheckFolder(t *testing.T) {
	data := t.TempDir()
	if err := CheckFolder(filepath.Join(data, "memos"), Options{Protected: []string{data}}); app.ErrorCode(err) != app.EINVALID {
		t.Errorf("a folder inside the data folder: %v", err)
	}
	if err := CheckFolder(t.TempDir(), Options{Protected: []string{data}}); err != nil {
		t.Error(err)
	}
}
