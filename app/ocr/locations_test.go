package ocr

import (
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

func TestInstalledAt_EachOSLooksWhereItsInstallerPutsTesseract(t *testing.T) {
	env := map[string]string{"ProgramFiles": `C:\Program Files`, "LOCALAPPDATA": `C:\Users\r\AppData\Local`}
	getenv := func(k string) string { return env[k] }
	exe := func() (string, error) { return filepath.Join("opt", "warrantdesk", "warrantdesk"), nil }
	for goos, want := range map[string][]string{
		// Beside our own executable first: a package may ship it there.
		"linux":   {filepath.Join("opt", "warrantdesk", "tesseract", "tesseract"), "/usr/bin/tesseract"},
		"darwin":  {"/opt/homebrew/bin/tesseract", "/usr/local/bin/tesseract", "/opt/local/bin/tesseract"},
		"windows": {filepath.Join(`C:\Program Files`, "Tesseract-OCR", "tesseract.exe"), filepath.Join(`C:\Users\r\AppData\Local`, "Programs", "Tesseract-OCR", "tesseract.exe")},
	} {
		got := installedAt(goos, getenv, exe)
		for _, w := range want {
			if !slices.Contains(got, w) {
				t.Errorf("%s: %q missing from %q", goos, w, got)
			}
		}
		if got[0] != filepath.Join("opt", "warrantdesk", "tesseract", filepath.Base(want[0])) && goos == "linux" {
			t.Errorf("%s: the copy beside the executable is not looked at first: %q", goos, got)
		}
	}
	// An unset ProgramFiles(x86) must not become a path relative to the
	// working folder.
	for _, p := range installedAt("windows", getenv, exe) {
		if strings.HasPrefix(p, "Tesseract-OCR") {
			t.Errorf("relative candidate %q", p)
		}
	}
}
