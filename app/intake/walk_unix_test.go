//go:build unix

package intake

import (
	"context"
	"net"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/warrantdesk/warrantdesk/app"
	"github.com/warrantdesk/warrantdesk/app/extract"
)

// hostileFolder lays out what a folder from outside may hold beside a good
// order: a named pipe, a socket and a folder named like PDFs, links out of
// the folder and to a folder, and a link to a file inside it.
func hostileFolder(t *testing.T) (dir string, good string) {
	t.Helper()
	dir = t.TempDir()
	outside := t.TempDir()
	good = filepath.Join(dir, "order.pdf")
	os.WriteFile(good, []byte("%PDF-1.4 stand-in"), 0o600)
	secret := filepath.Join(outside, "passwd")
	os.WriteFile(secret, []byte("root:x:0:0"), 0o600)
	if err := syscall.Mkfifo(filepath.Join(dir, "x.pdf"), 0o600); err != nil {
		t.Fatal(err)
	}
	if l, err := net.Listen("unix", filepath.Join(dir, "sock.pdf")); err == nil {
		t.Cleanup(func() { l.Close() })
	}
	os.Mkdir(filepath.Join(dir, "folder.pdf"), 0o700)
	os.WriteFile(filepath.Join(dir, "folder.pdf", "inner.pdf"), []byte("%PDF-1.4"), 0o600)
	os.Symlink(secret, filepath.Join(dir, "order-copy.pdf"))
	os.Symlink(outside, filepath.Join(dir, "elsewhere.pdf"))
	os.Symlink(good, filepath.Join(dir, "same-order.pdf"))
	os.Symlink(filepath.Join(dir, "gone"), filepath.Join(dir, "dangling.pdf"))
	return dir, good
}

func TestExpand_OnlyRegularFilesInsideTheFolder(t *testing.T) {
	dir, good := hostileFolder(t)
	files, errs := Expand([]string{dir})
	if len(files) != 1 || files[0] != good {
		t.Errorf("files %q, want only %s (the link to it is the same file)", files, good)
	}
	got := map[string]string{}
	for _, o := range errs {
		got[filepath.Base(o.File)] = app.ErrorMessage(o.Err)
	}
	for name, want := range map[string]string{
		"x.pdf":          "is a named pipe (FIFO), not a regular file: not imported",
		"sock.pdf":       "is a socket, not a regular file: not imported",
		"folder.pdf":     "is a folder named like a PDF: not imported",
		"order-copy.pdf": "outside the folder: not imported",
		"elsewhere.pdf":  "outside the folder: not imported",
		"dangling.pdf":   "is a link to nothing",
	} {
		if !strings.Contains(got[name], want) {
			t.Errorf("%s: %q, want %q", name, got[name], want)
		}
	}
	if _, ok := got["inner.pdf"]; ok {
		t.Error("walked into a folder named like a PDF")
	}
}

// TestImportAll_FIFOCannotHangTheImport: a named pipe named x.pdf, given
// by name or found in a folder, is refused at once.
func TestImportAll_FIFOCannotHangTheImport(t *testing.T) {
	dir, _ := hostileFolder(t)
	done := make(chan []Outcome)
	im := &Importer{Reader: scanText{1}, Extractor: extract.New(), Store: &memStore{}, Parallel: 2}
	go func() { done <- im.ImportAll(context.Background(), []string{dir, filepath.Join(dir, "x.pdf")}, nil) }()
	select {
	case out := <-done:
		stored, refused := 0, 0
		for _, o := range out {
			if o.Err != nil {
				refused++
			} else {
				stored++
			}
		}
		if stored != 1 || refused != 7 {
			for _, o := range out {
				t.Logf("%s: %v", o.File, o.Err)
			}
			t.Errorf("%d stored, %d refused; want 1 and 7", stored, refused)
		}
	case <-time.After(20 * time.Second):
		t.Fatal("the import hung on a named pipe")
	}
}
