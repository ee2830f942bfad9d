package storage

import (
	"context"
	"encoding/hex"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/warrantdesk/warrantdesk/app"
	bolt "go.etcd.io/bbolt"
)

// threeCases stores three cases and returns their IDs.
func threeCases(t testing.TB, db *DB) []string {
	t.Helper()
	var ids []string
	for i := 0; i < 3; i++ {
		pdf := []byte(fmt.Sprintf("%%PDF-1.4 order %d %s", i, app.NewCaseID()))
		c := newCase(pdf, fmt.Sprintf("1:25-mj-0000%d", i))
		if err := db.CreateCase(context.Background(), c, pdf, []app.PageText{{Number: 1, Text: "x", Source: app.SourceText}}); err != nil {
			t.Fatal(err)
		}
		ids = append(ids, c.ID)
	}
	return ids
}

// reseal changes the plaintext of one stored value of a case and seals it
// again with the store's key: a change made by someone who holds the key.
func reseal(t *testing.T, db *DB, bucket []byte, id string, change func([]byte) []byte) {
	t.Helper()
	key, _ := hex.DecodeString(id)
	spoil(t, db, bucket, id, func(v []byte) []byte {
		plain, err := db.codec.Open(valueAD(bucket, key), v)
		if err != nil {
			t.Fatal(err)
		}
		sealed, err := db.codec.Seal(valueAD(bucket, key), change(plain))
		if err != nil {
			t.Fatal(err)
		}
		return sealed
	})
}

// spoil rewrites one stored value of a case with change applied to it.
func spoil(t *testing.T, db *DB, bucket []byte, id string, change func([]byte) []byte) {
	t.Helper()
	key, _ := hex.DecodeString(id)
	b, release, err := db.acquire()
	if err != nil {
		t.Fatal(err)
	}
	defer release()
	err = b.Update(func(tx *bolt.Tx) error {
		b := tx.Bucket(bucket)
		v := append([]byte{}, b.Get(key)...)
		return b.Put(key, change(v))
	})
	if err != nil {
		t.Fatal(err)
	}
}

func TestDB_OneDamagedCaseIsOneBadRecord(t *testing.T) {
	ctx := context.Background()
	for name, change := range map[string]func([]byte) []byte{
		"a flipped byte":   func(v []byte) []byte { v[1] ^= 0x20; return v }, // the JSON's opening brace
		"an unknown codec": func(v []byte) []byte { v[0] = 0x07; return v },
	} {
		t.Run(name, func(t *testing.T) {
			db := mustOpen(t, t.TempDir())
			ids := threeCases(t, db)
			spoil(t, db, bucketCases, ids[1], change)
			cases, err := db.Cases(ctx)
			d, ok := app.Damaged(err)
			if !ok || app.ErrorCode(err) != app.EDAMAGED || len(d.Cases) != 1 || d.Cases[0] != ids[1] {
				t.Fatalf("got %v", err)
			}
			if len(cases) != 2 || !strings.Contains(app.ErrorMessage(err), ids[1]) {
				t.Errorf("%d cases, message %q", len(cases), app.ErrorMessage(err))
			}
			if _, err := db.Case(ctx, ids[1]); app.ErrorCode(err) != app.EDAMAGED {
				t.Errorf("Case: %v", err)
			}
			if _, err := db.Case(ctx, ids[0]); err != nil {
				t.Errorf("a good case: %v", err)
			}
			rep, err := db.Check(ctx)
			if err != nil {
				t.Fatal(err)
			}
			if rep.Cases != 2 || len(rep.Damaged) != 1 || rep.Damaged[0].Case != ids[1] || rep.OK() {
				t.Errorf("check %+v", rep)
			}
		})
	}
}

func TestDB_CheckFindsDamagedPagesAndOriginals(t *testing.T) {
	ctx := context.Background()
	db := mustOpen(t, t.TempDir())
	ids := threeCases(t, db)
	if rep, err := db.Check(ctx); err != nil || !rep.OK() || rep.Cases != 3 {
		t.Fatalf("a sound database: %+v %v", rep, err)
	}
	spoil(t, db, bucketPages, ids[0], func(v []byte) []byte { return v[:len(v)-3] })
	// An original edited by someone who holds the key: it opens, and
	// its hash gives it away.
	reseal(t, db, bucketOriginals, ids[2], func(v []byte) []byte { v[len(v)-1] ^= 1; return v })
	rep, err := db.Check(ctx)
	if err != nil {
		t.Fatal(err)
	}
	got := map[string]string{}
	for _, d := range rep.Damaged {
		got[d.Case] = d.What + ": " + d.Reason
	}
	if !strings.HasPrefix(got[ids[0]], "pages: ") || !strings.Contains(got[ids[2]], "SHA-256 no longer matches") {
		t.Errorf("damaged %v", got)
	}
	if _, err := db.Pages(ctx, ids[0]); app.ErrorCode(err) != app.EDAMAGED {
		t.Errorf("Pages: %v", err)
	}
}

// TestOpen_TruncatedOrCorruptFileSaysItIsDamaged cuts a real database at
// many points and overwrites it with noise: each time Open or the first
// read either works or says the file is damaged — never a panic, never an
// internal error.
func TestOpen_TruncatedOrCorruptFileSaysItIsDamaged(t *testing.T) {
	src := t.TempDir()
	db, err := Open(src, testOptions(false))
	if err != nil {
		t.Fatal(err)
	}
	threeCases(t, db)
	db.Close()
	good, _ := os.ReadFile(filepath.Join(src, FileName))
	variants := map[string][]byte{"empty": {}, "noise": []byte(strings.Repeat("\x5a\x13\xff\x00", 4096))}
	for _, n := range []int{100, 4095, 4096, 8192, 12000, len(good) / 2, len(good) - 4096} {
		if n > 0 && n < len(good) {
			variants[fmt.Sprintf("cut at %d", n)] = good[:n]
		}
	}
	for i := 4096; i < len(good); i += 4096 {
		b := append([]byte{}, good...)
		for j := i; j < i+64; j++ {
			b[j] ^= 0xa5
		}
		variants[fmt.Sprintf("page at %d spoiled", i)] = b
	}
	for name, data := range variants {
		dir := t.TempDir()
		os.WriteFile(filepath.Join(dir, FileName), data, 0o600)
		err := func() (err error) {
			defer func() {
				if r := recover(); r != nil {
					err = fmt.Errorf("panic: %v", r)
				}
			}()
			db, err := Open(dir, testOptions(false))
			if err != nil {
				return err
			}
			defer db.Close()
			if _, err := db.Cases(context.Background()); err != nil {
				return err
			}
			_, err = db.Check(context.Background())
			return err
		}()
		if err == nil {
			continue
		}
		if code := app.ErrorCode(err); code != app.EDAMAGED || !strings.Contains(app.ErrorMessage(err), "is damaged") {
			t.Errorf("%s: %s %v", name, code, err)
		}
	}
}

// TestOpen_ReadOnlyBesideAWriter: while a writer (the desk) has the data
// folder, a read-only open (list, export) reads it, sees what the writer
// saved, and a second writer is still refused.
func TestOpen_ReadOnlyBesideAWriter(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	desk := mustOpen(t, dir)
	threeCases(t, desk)
	ro, err := Open(dir, testOptions(true))
	if err != nil {
		t.Fatal(err)
	}
	defer ro.Close()
	if cases, err := ro.Cases(ctx); err != nil || len(cases) != 3 {
		t.Fatalf("read-only: %d cases, %v", len(cases), err)
	}
	threeCases(t, desk) // the desk goes on writing
	if cases, err := ro.Cases(ctx); err != nil || len(cases) != 6 {
		t.Errorf("after the desk wrote: %d cases, %v", len(cases), err)
	}
	if err := ro.SaveSettings(ctx, app.Settings{ProviderState: "CA"}); app.ErrorCode(err) != app.EIO {
		t.Errorf("a read-only store wrote: %v", err)
	}
	if _, err := Open(dir, Options{LockTimeout: 100 * time.Millisecond}); app.ErrorCode(err) != app.ELOCKED {
		t.Errorf("a second writer: %v", err)
	}
}
