package ui

import (
	"context"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/widget"

	"github.com/warrantdesk/warrantdesk/app"
)

// showExportMemo asks where to write a case's memo: a folder, then a file
// name, then — only if that file exists — whether to replace it. Fyne's
// save dialog is not used because it opens (and so empties) the chosen
// file before the app sees the name, whatever the file is.
func showExportMemo(w fyne.Window, c *app.Case, status func(string), export func(ctx context.Context, path string) error) {
	write := func(path string) {
		status("Writing the memo…")
		GoRunner(func() {
			err := export(context.Background(), path)
			fyne.Do(func() {
				if err != nil {
					status("Memo not written: " + app.ErrorMessage(err))
					return
				}
				status("Memo written to " + path)
			})
		})
	}
	folder := dialog.NewFolderOpen(func(dir fyne.ListableURI, err error) {
		if err != nil || dir == nil {
			return
		}
		name := widget.NewEntry()
		name.SetText("memo-" + c.FileStem() + ".pdf")
		dialog.ShowForm("Memo file name", "Write", "Cancel", []*widget.FormItem{widget.NewFormItem("File", name)}, func(ok bool) {
			if !ok {
				return
			}
			path, exists, err := memoTarget(dir.Path(), name.Text)
			switch {
			case err != nil:
				status("Memo not written: " + app.ErrorMessage(err))
			case exists:
				dialog.ShowConfirm("Replace the file?", filepath.Base(path)+" exists already in that folder. Replace it with this memo?", func(yes bool) {
					if yes {
						write(path)
					}
				}, w)
			default:
				write(path)
			}
		}, w)
	}, w)
	folder.Show()
}

// memoTarget joins a folder and a file name typed by the reviewer, refusing
// a name that would lead elsewhere, and says whether the file exists.
func memoTarget(dir, name string) (path string, exists bool, err error) {
	name = strings.TrimSpace(name)
	if name == "" || name == "." || name == ".." || strings.ContainsAny(name, `/\`) || strings.ContainsFunc(name, func(r rune) bool { return r < 32 }) {
		return "", false, app.Errorf(app.EINVALID, "give a file name without folders, such as memo.pdf")
	}
	path = filepath.Join(dir, name)
	_, err = os.Lstat(path)
	if errors.Is(err, fs.ErrNotExist) {
		return path, false, nil
	}
	return path, true, nil
}
