package main

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// TestCLI_FullDiskSaysSoAndLosesNothing puts the data folder on a small
// tmpfs (in a mount namespace of its own; skipped where that is not
// permitted), imports until it is full, and finds a clear message for the
// files that did not fit, and every case saved before them whole.
func TestCLI_FullDiskSaysSoAndLosesNothing(t *testing.T) {
	unshare := []string{"unshare", "-m"}
	if exec.Command("unshare", "-m", "true").Run() != nil {
		unshare = []string{"unshare", "-rm"}
		if exec.Command("unshare", "-rm", "true").Run() != nil {
			t.Skip("mount namespaces are not permitted here")
		}
	}
	exe := binary(t)
	data := t.TempDir()
	few, _ := writeSamples(t, 3)
	many := t.TempDir()
	if r := run(t, t.TempDir(), "samples", "--out", many, "--n", "120", "--seed", "9"); r.code != 0 {
		t.Fatal(r.stderr)
	}
	script := `set -u; mount -t tmpfs -o size=768k tmpfs "$D" || exit 97
"$W" import "$FEW" >/dev/null 2>&1; echo "first=$?"
"$W" import "$MANY" 2>&1 | grep -m1 -i 'disk is full' ; echo "second=$?"
"$W" verify; echo "verify=$?"
"$W" list | grep -c '^[0-9a-f]\{8\} '`
	cmd := exec.Command(unshare[0], append(unshare[1:], "sh", "-c", script)...)
	cmd.Env = append(os.Environ(), "D="+data, "W="+exe, "FEW="+few, "MANY="+many, "WARRANTDESK_DATA="+data, "WARRANTDESK_PASSPHRASE="+e2ePassphrase)
	b, _ := cmd.CombinedOutput()
	out := string(b)
	if strings.Contains(out, "first=97") || strings.Contains(out, "mount:") {
		t.Skipf("tmpfs could not be mounted: %s", out)
	}
	if !strings.Contains(out, "first=0") || !strings.Contains(out, "the disk is full; free some space and try again") {
		t.Errorf("no clear message for a full disk:\n%s", out)
	}
	if !strings.Contains(out, "no problem found") || !strings.Contains(out, "verify=0") {
		t.Errorf("the store is not whole after the disk filled:\n%s", out)
	}
	if strings.Contains(out, "panic") || strings.Contains(out, "Internal error") {
		t.Errorf("a panic or an internal error:\n%s", out)
	}
}

// TestCLI_ReadOnlyFolderAndCorruptFile: a data folder that cannot be
// written, and a database file that is not one, each get a message that
// says what to do — never a panic.
func TestCLI_ReadOnlyFolderAndCorruptFile(t *testing.T) {
	ro := t.TempDir()
	ids := importSamples(t, ro, 1)
	// A read-only mount of the folder (a DVD, a share mounted read-only):
	// root writes through mode bits, so it takes a mount namespace.
	script := `mount --bind "$D" "$D" && mount -o remount,ro,bind "$D" || exit 97
"$W" decide "$ID" --decision reject; echo "decide=$?"
"$W" show "$ID" >/dev/null; echo "show=$?"`
	if exec.Command("unshare", "-m", "true").Run() == nil {
		cmd := exec.Command("unshare", "-m", "sh", "-c", script)
		cmd.Env = append(os.Environ(), "D="+ro, "W="+binary(t), "ID="+ids[0], "WARRANTDESK_DATA="+ro, "WARRANTDESK_PASSPHRASE="+e2ePassphrase)
		b, _ := cmd.CombinedOutput()
		out := string(b)
		if !strings.Contains(out, "decide=1") || !strings.Contains(out, "read-only") || strings.Contains(out, "panic") {
			t.Errorf("a read-only data folder:\n%s", out)
		}
	} else {
		t.Log("mount namespaces are not permitted: the read-only folder is left to the storage tests")
	}
	data := t.TempDir()
	os.WriteFile(filepath.Join(data, "warrantdesk.db"), []byte(strings.Repeat("not a database ", 500)), 0o600)
	r := run(t, data, "list")
	if r.code != 1 || !strings.Contains(r.stderr, "is damaged") || !strings.Contains(r.stderr, "warrantdesk restore") {
		t.Errorf("corrupt file: %d %s", r.code, r.stderr)
	}
}
