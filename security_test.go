package main

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/warrantdesk/warrantdesk/app"
	"github.com/warrantdesk/warrantdesk/app/casework"
	"github.com/warrantdesk/warrantdesk/storage"
)

// canaryOrder is an order as a text file (requests also come as e-mails)
// whose number, target and text are canaries.
const canaryOrder = `UNITED STATES DISTRICT COURT
SEARCH WARRANT
Case No. CANARY-NUM-4417
To: Example Mail Inc.
The account canary-target-4417@example.org is to be searched.
Text canary: CANARYTEXT4417 appears only here.
Issued: 2026-03-01
`

// TestCLI_NoCanaryOutsideTheStore plants canaries in an order's text, its
// number and target, a correction and a decision's note, uses the store as
// a reviewer would (list, show, search, verify, a memo and the log written
// outside, a backup), and finds none of them anywhere but inside the
// encrypted store and what was asked for: not in the database file, the
// log, the configuration (Fyne's preferences), the cache, the temporary
// folder or the backup. The backup then restores into an empty folder
// and verifies.
func TestCLI_NoCanaryOutsideTheStore(t *testing.T) {
	root := t.TempDir()
	data, home, tmp, outside := filepath.Join(root, "data"), filepath.Join(root, "home"), filepath.Join(root, "tmp"), t.TempDir()
	for _, d := range []string{data, home, tmp} {
		os.MkdirAll(d, 0o700)
	}
	env := []string{"HOME=" + home, "XDG_CONFIG_HOME=" + filepath.Join(home, ".config"), "XDG_CACHE_HOME=" + filepath.Join(home, ".cache"),
		"XDG_DATA_HOME=" + filepath.Join(home, ".local", "share"), "TMPDIR=" + tmp}
	order := filepath.Join(outside, "CANARY-FILE-4417.txt")
	os.WriteFile(order, []byte(canaryOrder), 0o600)
	r := runWith(t, data, env, "import", "--json", order)
	if r.code != 0 {
		t.Fatalf("import: %d %s", r.code, r.stderr)
	}
	var imported struct {
		CaseID string `json:"case_id"`
	}
	json.Unmarshal([]byte(r.stdout), &imported)
	id := imported.CaseID
	// A correction, through the service the desk uses.
	db, err := storage.Open(data, e2eStore)
	if err != nil {
		t.Fatal(err)
	}
	svc := casework.New(casework.Params{Store: db, Actor: "tester"})
	if _, err := svc.Correct(context.Background(), id, app.Edit{Field: app.FieldAgency, Value: "CANARY-CORRECTION-4417"}, "tester"); err != nil {
		t.Fatal(err)
	}
	db.Close()
	backup := filepath.Join(outside, "backup.age")
	for _, args := range [][]string{
		{"decide", id, "--decision", "reject", "--note", "CANARY-NOTE-4417"},
		{"list"}, {"list", "--json"}, {"show", id}, {"search", "canary"},
		{"memo", id, "--out", filepath.Join(outside, "memo.pdf")},
		{"export", "--out", filepath.Join(outside, "log.csv")},
		{"audit", "--out", filepath.Join(outside, "audit.json")},
		{"backup", "--out", backup},
		{"verify"},
	} {
		if r := runWith(t, data, env, args...); r.code != 0 {
			t.Fatalf("%v: %d %s", args, r.code, r.stderr)
		}
	}
	if r := runWith(t, data, env, "show", "--json", id); !strings.Contains(r.stdout, "CANARY-NOTE-4417") || !strings.Contains(r.stdout, "CANARY-CORRECTION-4417") {
		t.Fatalf("the canaries are not in the store:\n%s", r.stdout)
	}
	canaries := []string{"CANARY-NUM-4417", "canary-target-4417", "CANARYTEXT4417", "CANARY-CORRECTION-4417", "CANARY-NOTE-4417", "CANARY-FILE-4417"}
	var hits []string
	for _, place := range []string{data, home, tmp, backup} {
		filepath.WalkDir(place, func(p string, d os.DirEntry, err error) error {
			if err != nil || d.IsDir() {
				return nil
			}
			b, _ := os.ReadFile(p)
			for _, c := range canaries {
				if bytes.Contains(bytes.ToLower(b), bytes.ToLower([]byte(c))) || strings.Contains(strings.ToLower(p), strings.ToLower(c)) {
					hits = append(hits, c+" in "+p)
				}
			}
			return nil
		})
	}
	if len(hits) > 0 {
		t.Errorf("canaries outside the store:\n%s", strings.Join(hits, "\n"))
	}
	// The memo and the log are where they were asked for, and hold them.
	if b, _ := os.ReadFile(filepath.Join(outside, "log.csv")); !bytes.Contains(b, []byte("CANARY-NUM-4417")) {
		t.Error("the log written outside lacks the case")
	}
	restored := filepath.Join(root, "restored")
	r = runWith(t, restored, env, "restore", backup)
	if r.code != 0 || !strings.Contains(r.stdout, "no problem found") {
		t.Fatalf("restore: %d %s %s", r.code, r.stdout, r.stderr)
	}
	if r := runWith(t, restored, env, "show", "--json", id); !strings.Contains(r.stdout, "CANARY-NOTE-4417") {
		t.Errorf("the restored store lacks the case: %d %s", r.code, r.stderr)
	}
	if r := runWith(t, restored, env, "restore", backup); r.code == 0 || !strings.Contains(r.stderr, "holds a store already") {
		t.Errorf("a restore over a store: %d %s", r.code, r.stderr)
	}
	if r := runWith(t, filepath.Join(root, "other"), append(env, "WARRANTDESK_PASSPHRASE=not the passphrase"), "restore", backup); r.code != 1 || !strings.Contains(r.stderr, "wrong passphrase for this backup") {
		t.Errorf("a restore with the wrong passphrase: %d %s", r.code, r.stderr)
	}
}

// TestCLI_PassphraseNeverAnArgument: a passphrase on the command line is
// refused (exit 2) and stores nothing; without one, a new data folder is
// not made, and says how to give one.
func TestCLI_PassphraseNeverAnArgument(t *testing.T) {
	data := t.TempDir()
	if r := run(t, data, "list", "--passphrase", "hunter2hunter2"); r.code != 2 || !strings.Contains(r.stderr, "never given on the command line") {
		t.Errorf("--passphrase: %d %s", r.code, r.stderr)
	}
	if r := runWith(t, data, []string{"WARRANTDESK_PASSPHRASE="}, "list"); r.code != 1 || !strings.Contains(r.stderr, "--passphrase-file") {
		t.Errorf("no passphrase: %d %s", r.code, r.stderr)
	}
	if _, err := os.Stat(filepath.Join(data, storage.FileName)); err == nil {
		t.Error("a store was made without a passphrase")
	}
	file := filepath.Join(t.TempDir(), "pass")
	os.WriteFile(file, []byte("a passphrase in a file\n"), 0o600)
	r := runWith(t, data, []string{"WARRANTDESK_PASSPHRASE="}, "list", "--passphrase-file", file)
	if r.code != 0 || !strings.Contains(r.stderr, "recovery key") {
		t.Fatalf("--passphrase-file: %d %s", r.code, r.stderr)
	}
	if r := run(t, data, "list"); r.code != 1 || !strings.Contains(r.stderr, "wrong passphrase") {
		t.Errorf("another passphrase: %d %s", r.code, r.stderr)
	}
	if r := runWith(t, data, []string{"WARRANTDESK_PASSPHRASE=a passphrase in a file"}, "verify"); r.code != 0 || !strings.Contains(r.stdout, "(encrypted)") {
		t.Errorf("verify: %d %s %s", r.code, r.stdout, r.stderr)
	}
	// A change from a script: the current one in the environment, the new
	// one in a file; then only the new one opens.
	newFile := filepath.Join(t.TempDir(), "new")
	os.WriteFile(newFile, []byte("the next passphrase\n"), 0o600)
	if r := runWith(t, data, []string{"WARRANTDESK_PASSPHRASE=a passphrase in a file"}, "passphrase", "--passphrase-file", newFile); r.code != 0 {
		t.Fatalf("passphrase change: %d %s", r.code, r.stderr)
	}
	if r := runWith(t, data, []string{"WARRANTDESK_PASSPHRASE="}, "list", "--passphrase-file", newFile); r.code != 0 {
		t.Errorf("the new passphrase: %d %s", r.code, r.stderr)
	}
}
