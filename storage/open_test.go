package storage

import (
	"fmt"
	"io/fs"
	"strings"
	"syscall"
	"testing"

	"github.com/warrantdesk/warrantdesk/app"
)

// TestOpenError_SaysWhy: "cannot open the database" always says why, and
// what to do.
func TestOpenError_SaysWhy(t *testing.T) {
	for _, c := range []struct {
		err  error
		code string
		want string
	}{
		{&fs.PathError{Op: "open", Path: "/x/warrantdesk.db", Err: syscall.EROFS}, app.EIO, "the disk is read-only"},
		{&fs.PathError{Op: "open", Path: "/x/warrantdesk.db", Err: fs.ErrPermission}, app.EIO, "permission denied"},
		{fmt.Errorf("%w: assertion failed: page 7 already freed", errDamaged), app.EDAMAGED, "is damaged (assertion failed: page 7 already freed) and was not changed: restore the data folder /x from a backup"},
	} {
		err := openError("/x/warrantdesk.db", c.err)
		if app.ErrorCode(err) != c.code || !strings.Contains(app.ErrorMessage(err), c.want) {
			t.Errorf("%v: %s %q", c.err, app.ErrorCode(err), app.ErrorMessage(err))
		}
	}
}
