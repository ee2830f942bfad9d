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

// touchAll reads every case's record through the mapped file, as a scan
// that does not drop its pages would, and returns how much of the file is
// then resident.
func touchAll(t *testing.T, db *DB) int {
	t.Helper()
	sum := 0
	err := db.rawView(func(tx *bolt.Tx) error {
		return tx.Bucket(bucketCases).ForEach(func(_, v []byte) error {
			for _, b := range v {
				sum += int(b)
			}
			return nil
		})
	})
	if err != nil {
		t.Fatal(err)
	}
	kb := mappedKB(t, db)
	if kb == 0 {
		t.Fatalf("reading every case left no page of the file resident (%d): the test measures nothing", sum)
	}
	return kb
}

// Released pages of the file stop counting as the process's memory, the
// file stays open, and every case reads back the same after.
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
		err := db.EachCase(ctx, ids, func(c *app.Case, err error) error {
			out = append(out, c)
			return err
		})
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
	touchAll(t, db)
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

// Every scan of the store drops the file's pages it read as it goes, so
// what it leaves resident — between EachCase's batches, and once any scan
// returns — is nothing, whatever the page cache held (pagedrop.go).
func TestScans_LeaveNoPageOfTheFileResident(t *testing.T) {
	db := mustOpen(t, t.TempDir())
	cases := variedCases(t, db, 3*eachCaseBatch/2)
	ids := make([]string, len(cases))
	for i, c := range cases {
		ids[i] = c.ID
	}
	ctx := context.Background()
	_, release, err := db.acquire() // the file stays open throughout
	if err != nil {
		t.Fatal(err)
	}
	defer release()
	scans := map[string]func() error{
		"EachCase": func() error {
			n := 0
			return db.EachCase(ctx, ids, func(c *app.Case, err error) error {
				// fn runs between batches: the last batch's pages
				// are gone already.
				if n++; n%eachCaseBatch == 1 {
					if kb := mappedKB(t, db); kb != 0 {
						t.Errorf("EachCase: %d kB of the file resident at case %d", kb, n)
					}
				}
				return err
			})
		},
		"UrgencyOrder": func() error { _, err := db.UrgencyOrder(ctx); return err },
		"Summaries":    func() error { _, err := db.Summaries(ctx); return err },
		"EachSummary":  func() error { return db.EachSummary(ctx, func(*app.Summary) error { return nil }) },
	}
	for name, scan := range scans {
		touchAll(t, db)
		if err := scan(); err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		if kb := mappedKB(t, db); kb != 0 {
			t.Errorf("%s left %d kB of the file resident", name, kb)
		}
	}
}
