//go:build linux

package storage

import (
	"bufio"
	"context"
	"os"
	"reflect"
	"strconv"
	"strings"
	"testing"

	"github.com/warrantdesk/warrantdesk/app"
	bolt "go.etcd.io/bbolt"
)

// mappedKB is how much of the database file is resident in this process,
// from /proc/self/smaps.
func mappedKB(t *testing.T, db *DB) int {
	t.Helper()
	f, err := os.Open("/proc/self/smaps")
	if err != nil {
		t.Skip("no /proc/self/smaps")
	}
	defer f.Close()
	kb, in := 0, false
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		line := sc.Text()
		if fields := strings.Fields(line); len(fields) >= 5 && strings.Contains(fields[0], "-") && !strings.HasSuffix(fields[0], ":") {
			in = fields[len(fields)-1] == db.path
			continue
		}
		if v, ok := strings.CutPrefix(line, "Rss:"); ok && in {
			n, _ := strconv.Atoi(strings.TrimSuffix(strings.TrimSpace(v), " kB"))
			kb += n
		}
	}
	return kb
}

// A scan's pages of the file stop counting as the process's memory once
// released, the file stays open, and every case reads back the same after.
func TestReleasePages_DropsTheScansPagesAndKeepsTheFile(t *testing.T) {
	db := mustOpen(t, t.TempDir())
	cases := variedCases(t, db, 40)
	ids := make([]string, len(cases))
	for i, c := range cases {
		ids[i] = c.ID
	}
	ctx := context.Background()
	read := func() []*app.Case {
		var out []*app.Case
		err := db.rawView(func(*bolt.Tx) error { return nil }) // opens the file
		if err == nil {
			err = db.EachCase(ctx, ids, func(c *app.Case, err error) error {
				out = append(out, c)
				return err
			})
		}
		if err != nil {
			t.Fatal(err)
		}
		return out
	}
	before := read()
	// Held open by a user, as the desk's flags fill holds it between
	// batches, so closing it is not how the pages go.
	b, release, err := db.acquire()
	if err != nil {
		t.Fatal(err)
	}
	defer release()
	read()
	if mappedKB(t, db) == 0 {
		t.Fatal("the scan left no page of the file resident: the test measures nothing")
	}
	db.releasePages()
	if kb := mappedKB(t, db); kb != 0 {
		t.Errorf("%d kB of the file still resident after releasePages", kb)
	}
	if db.bolt != b {
		t.Error("the file was closed")
	}
	if after := read(); !reflect.DeepEqual(after, before) {
		t.Error("the cases read back differently after their pages were released")
	}
}
