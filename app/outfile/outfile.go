// Package outfile writes the files WarrantDesk hands out — memos, the
// decision log — so that a path cannot point them at the wrong file: never
// into the data folder (where one could replace the database), never onto a
// device, pipe, socket, link or folder, never over an existing file unless
// the reviewer said so (--force, or a confirmation in the desk), and always
// whole or not at all (a temporary file beside the target, synced, then
// moved into place).
package outfile

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"syscall"

	"github.com/warrantdesk/warrantdesk/app"
)

// Options say what a write may do.
type Options struct {
	// Force replaces an existing regular file.
	Force bool
	// Protected are folders nothing may be written into: the data folder.
	Protected []string
}

// Check returns why path may not be written, as an EINVALID *app.Error the
// reviewer can act on, or nil.
func Check(path string, opts Options) error {
	if strings.TrimSpace(path) == "" {
		return app.Errorf(app.EINVALID, "no file name given")
	}
	abs, err := resolve(path)
	if err != nil {
		return app.Errorf(app.EINVALID, "cannot write %s: %v", app.PrintableName(path), err)
	}
	for _, p := range opts.Protected {
		if p == "" {
			continue
		}
		if root, err := resolve(p); err == nil && within(root, abs) {
			return app.Errorf(app.EINVALID, "%s is inside the data folder %s: write it somewhere else (the data folder holds the database)", app.PrintableName(path), root)
		}
	}
	st, err := os.Lstat(path)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return nil
	case err != nil:
		return app.Errorf(app.EINVALID, "cannot write %s: %v", app.PrintableName(path), err)
	case st.IsDir():
		return app.Errorf(app.EINVALID, "%s is a folder: give a file name", app.PrintableName(path))
	case st.Mode()&fs.ModeSymlink != 0:
		return app.Errorf(app.EINVALID, "%s is a link: give the file itself", app.PrintableName(path))
	case !st.Mode().IsRegular():
		return app.Errorf(app.EINVALID, "%s is not a regular file (a device, pipe or socket): give a file name", app.PrintableName(path))
	case !opts.Force:
		return app.Errorf(app.EINVALID, "%s exists already: add --force to replace it, or choose another name", app.PrintableName(path))
	}
	return nil
}

// CheckFolder returns why files may not be written into dir (inside the
// data folder, or not a folder), or nil; dir may not exist yet.
func CheckFolder(dir string, opts Options) error {
	abs, err := resolve(dir)
	if err != nil {
		return app.Errorf(app.EINVALID, "cannot write in %s: %v", app.PrintableName(dir), err)
	}
	for _, p := range opts.Protected {
		if root, err := resolve(p); err == nil && p != "" && within(root, abs) {
			return app.Errorf(app.EINVALID, "%s is inside the data folder %s: write it somewhere else (the data folder holds the database)", app.PrintableName(dir), root)
		}
	}
	if st, err := os.Stat(dir); err == nil && !st.IsDir() {
		return app.Errorf(app.EINVALID, "%s is not a folder", app.PrintableName(dir))
	}
	return nil
}

// Write writes data to path after Check: atomically, and without Force
// only if no file appears there meanwhile. A failure to write (disk full,
// read-only, no permission) is an EIO *app.Error; nothing is left behind.
func Write(path string, data []byte, opts Options) error {
	return WriteStream(path, opts, func(w io.Writer) error {
		_, err := w.Write(data)
		return err
	})
}

// WriteStream is Write for what is written a piece at a time (a backup, a
// long log), so it never sits in memory whole: write fills the temporary
// file, and only when it returns nil is the file synced and moved into
// place. An *app.Error from write is returned as it is.
func WriteStream(path string, opts Options, write func(w io.Writer) error) error {
	if err := Check(path, opts); err != nil {
		return err
	}
	dir := filepath.Dir(path)
	tmp, err := os.CreateTemp(dir, ".warrantdesk-*.tmp")
	if err != nil {
		return ioError(path, err)
	}
	name := tmp.Name()
	werr := write(tmp)
	if werr == nil {
		werr = tmp.Sync()
	}
	if cerr := tmp.Close(); werr == nil {
		werr = cerr
	}
	if werr == nil {
		werr = place(name, path, opts.Force)
	}
	if werr != nil {
		os.Remove(name)
		var ae *app.Error
		switch {
		case errors.Is(werr, fs.ErrExist):
			return app.Errorf(app.EINVALID, "%s appeared while the file was written: add --force to replace it, or choose another name", app.PrintableName(path))
		case errors.As(werr, &ae):
			return werr
		}
		return ioError(path, werr)
	}
	return nil
}

// place moves the finished file into place: over the old one with force,
// else by a hard link, which fails if the name was taken meanwhile.
func place(tmp, path string, force bool) error {
	if force {
		return os.Rename(tmp, path)
	}
	if err := os.Link(tmp, path); err != nil {
		if errors.Is(err, fs.ErrExist) {
			return err
		}
		// File systems without hard links (FAT, some network shares):
		// check again and rename.
		if _, serr := os.Lstat(path); serr == nil {
			return fs.ErrExist
		}
		return os.Rename(tmp, path)
	}
	return os.Remove(tmp)
}

func ioError(path string, err error) error {
	msg := fmt.Sprintf("could not write %s", app.PrintableName(path))
	switch {
	case errors.Is(err, syscall.ENOSPC):
		msg += ": the disk is full"
	case errors.Is(err, fs.ErrPermission):
		msg += ": permission denied"
	case isReadOnly(err):
		msg += ": the disk is read-only"
	default:
		msg += ": " + rootCause(err)
	}
	return &app.Error{Code: app.EIO, Message: msg, Err: err}
}

func rootCause(err error) string {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err.Error()
	}
	var le *os.LinkError
	if errors.As(err, &le) {
		return le.Err.Error()
	}
	return err.Error()
}

// resolve makes path absolute with its links resolved, as far as it
// exists: a file not yet written is its folder's resolved path plus its
// name.
func resolve(path string) (string, error) {
	abs, err := filepath.Abs(path)
	if err != nil {
		return "", err
	}
	var rest []string
	for p := abs; ; {
		if r, err := filepath.EvalSymlinks(p); err == nil {
			return filepath.Join(append([]string{r}, rest...)...), nil
		}
		parent := filepath.Dir(p)
		if parent == p {
			return abs, nil
		}
		rest = append([]string{filepath.Base(p)}, rest...)
		p = parent
	}
}

// within reports whether path is root or lies under it.
func within(root, path string) bool {
	if runtime.GOOS == "windows" || runtime.GOOS == "darwin" {
		// Case-insensitive file systems by default.
		root, path = strings.ToLower(root), strings.ToLower(path)
	}
	rel, err := filepath.Rel(root, path)
	return err == nil && rel != ".." && !strings.HasPrefix(rel, ".."+string(filepath.Separator)) && !filepath.IsAbs(rel)
}
