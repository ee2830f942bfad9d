//go:build unix

package storage

import (
	"fmt"
	"os"
)

// looseModes says whether others than the owner may read the data folder
// or the database: a folder or file made before WarrantDesk, or copied
// with permissive modes, is kept as it is, but the reviewer must know.
func looseModes(dir, file string) []string {
	var out []string
	for _, p := range []struct {
		path, what, fix string
	}{{dir, "data folder", "chmod 700"}, {file, "database", "chmod 600"}} {
		st, err := os.Stat(p.path)
		if err != nil {
			continue
		}
		if m := st.Mode().Perm(); m&0o077 != 0 {
			out = append(out, fmt.Sprintf("the %s %s can be read by other users of this computer (mode %04o): %s %q", p.what, p.path, m, p.fix, p.path))
		}
	}
	return out
}
