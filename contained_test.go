package main

import (
	"context"
	"encoding/hex"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/warrantdesk/warrantdesk/storage"
	bolt "go.etcd.io/bbolt"
)

// importSamples imports n generated orders into data and returns their
// case IDs.
func importSamples(t *testing.T, data string, n int) []string {
	t.Helper()
	samples, _ := writeSamples(t, n)
	r := run(t, data, "import", "--json", samples)
	if r.code != 0 {
		t.Fatalf("import: %d %s", r.code, r.stderr)
	}
	var ids []string
	for _, line := range strings.Split(strings.TrimSpace(r.stdout), "\n") {
		var o struct {
			CaseID string `json:"case_id"`
		}
		json.Unmarshal([]byte(line), &o)
		ids = append(ids, o.CaseID)
	}
	return ids
}

func TestCLI_OutputsGoOnlyWhereTheyShould(t *testing.T) {
	data := t.TempDir()
	importSamples(t, data, 1)
	db := filepath.Join(data, storage.FileName)
	before, _ := os.ReadFile(db)
	out := t.TempDir()
	existing := filepath.Join(out, "log.csv")
	os.WriteFile(existing, []byte("keep me"), 0o600)
	for _, c := range []struct {
		args []string
		code int
		want string
	}{
		{[]string{"export", "--out", db, "--format", "csv", "--force"}, 2, "inside the data folder"},
		{[]string{"export", "--out", filepath.Join(data, "log.csv")}, 2, "inside the data folder"},
		{[]string{"export", "--out", os.DevNull, "--format", "csv", "--force"}, 2, "not a regular file"},
		{[]string{"export", "--out", existing}, 2, "exists already: add --force"},
		{[]string{"export", "--out", filepath.Join(out, "no", "such", "folder", "log.csv")}, 1, "could not write"},
		{[]string{"list", "--timeout", "-5s"}, 2, "--timeout takes a positive duration"},
		{[]string{"memo", "--all", "--out", filepath.Join(data, "memos")}, 2, "inside the data folder"},
	} {
		r := run(t, data, c.args...)
		if r.code != c.code || !strings.Contains(r.stderr, c.want) {
			t.Errorf("%v: exit %d (want %d), stderr %q", c.args, r.code, c.code, r.stderr)
		}
	}
	if after, _ := os.ReadFile(db); string(after) != string(before) {
		t.Error("the database changed")
	}
	if b, _ := os.ReadFile(existing); string(b) != "keep me" {
		t.Error("an existing file was replaced without --force")
	}
	if r := run(t, data, "export", "--out", existing, "--force"); r.code != 0 {
		t.Errorf("--force: %d %s", r.code, r.stderr)
	}
	if r := run(t, data, "list"); r.code != 0 {
		t.Errorf("list after the refusals: %d %s", r.code, r.stderr)
	}
}

// TestCLI_DamagedRecordIsOneBadRecord flips a byte in one case's record:
// list, search, stats and export go on for the others and name it; check
// reports it; a truncated database file says it is damaged.
func TestCLI_DamagedRecordIsOneBadRecord(t *testing.T) {
	data := t.TempDir()
	ids := importSamples(t, data, 3)
	bdb, err := bolt.Open(filepath.Join(data, storage.FileName), 0o600, &bolt.Options{Timeout: time.Second})
	if err != nil {
		t.Fatal(err)
	}
	key, _ := hex.DecodeString(ids[1])
	bdb.Update(func(tx *bolt.Tx) error {
		v := append([]byte{}, tx.Bucket([]byte("cases")).Get(key)...)
		v[1] ^= 0x20
		return tx.Bucket([]byte("cases")).Put(key, v)
	})
	bdb.Close()
	// The list as a table reads only the cases' summaries: the damaged
	// record is named by everything that reads whole cases.
	for _, args := range [][]string{{"list", "--json"}, {"search", "warrant"}, {"stats"}, {"export", "--out", filepath.Join(t.TempDir(), "log.csv")}} {
		r := run(t, data, args...)
		if r.code != 1 || !strings.Contains(r.stderr, "case "+ids[1]+": its stored record is damaged") {
			t.Errorf("%v: exit %d, stderr %q", args, r.code, r.stderr)
		}
	}
	if r := run(t, data, "list", "--json"); strings.Count(r.stdout, `"id":`) != 2 {
		t.Errorf("list --json did not list the other two:\n%s", r.stdout)
	}
	r := run(t, data, "check")
	if r.code != 1 || !strings.Contains(r.stdout, "damaged: case "+ids[1]+", case:") || !strings.Contains(r.stdout, "2 cases read back whole") {
		t.Errorf("check: exit %d\n%s%s", r.code, r.stdout, r.stderr)
	}
	if r := run(t, data, "show", ids[1]); r.code != 1 {
		t.Errorf("show of the damaged case: %d %s", r.code, r.stderr)
	}
	db := filepath.Join(data, storage.FileName)
	st, _ := os.Stat(db)
	os.Truncate(db, st.Size()/8)
	r = run(t, data, "list")
	if r.code != 1 || !strings.Contains(r.stderr, "is damaged") || strings.Contains(r.stderr, "internal error") {
		t.Errorf("truncated: exit %d, stderr %q", r.code, r.stderr)
	}
}

// TestCLI_ReadOnlyCommandsWhileTheDeskIsOpen: with a writer holding the
// data folder (as the desk does), list, export, stats and check work and
// import is refused.
func TestCLI_ReadOnlyCommandsWhileTheDeskIsOpen(t *testing.T) {
	data := t.TempDir()
	importSamples(t, data, 2)
	desk, err := storage.Open(data, e2eStore)
	if err != nil {
		t.Fatal(err)
	}
	defer desk.Close()
	cases, _ := desk.Cases(context.Background())
	for _, args := range [][]string{{"list"}, {"stats"}, {"check"}, {"show", cases[0].ID}, {"export", "--out", filepath.Join(t.TempDir(), "log.json")}} {
		if r := run(t, data, args...); r.code != 0 {
			t.Errorf("%v while the desk is open: %d %s", args, r.code, r.stderr)
		}
	}
}

func TestCLI_LooseModesAndLocaleNoise(t *testing.T) {
	data := t.TempDir()
	importSamples(t, data, 1)
	os.Chmod(data, 0o755)
	os.Chmod(filepath.Join(data, storage.FileName), 0o644)
	cmd := exec.Command(binary(t), "list")
	cmd.Env = append(os.Environ(), "WARRANTDESK_DATA="+data, "LANG=C.UTF-8", "LC_ALL=", "LANGUAGE=")
	out, _ := cmd.CombinedOutput()
	for _, want := range []string{"warning: the data folder " + data + " can be read by other users of this computer (mode 0755)", "warning: the database", "(mode 0644)"} {
		if !strings.Contains(string(out), want) {
			t.Errorf("output lacks %q:\n%s", want, out)
		}
	}
	if strings.Contains(string(out), "Error parsing user locale") {
		t.Errorf("Fyne's locale noise under LANG=C.UTF-8:\n%s", out)
	}
}
