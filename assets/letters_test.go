package assets

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// An organisation's own wording in the data folder wins over the embedded
// one, file by file.
func TestLetterTemplates_OwnWordingFirst(t *testing.T) {
	dir := t.TempDir()
	os.WriteFile(filepath.Join(dir, "production.md.tmpl"), []byte("{{template \"letterhead\" .}}\nOur own words."), 0o600)
	get := LetterTemplates(dir)
	common, letter, err := get("production")
	if err != nil || letter != "{{template \"letterhead\" .}}\nOur own words." || !strings.Contains(common, `define "letterhead"`) {
		t.Fatalf("production: %q %v", letter, err)
	}
	if _, letter, _ := get("redirect"); !strings.Contains(letter, "enterprise customer") {
		t.Errorf("the embedded redirect letter is not used: %q", letter)
	}
	if _, _, err := get("thank-you"); err == nil {
		t.Error("a letter that does not exist")
	}
	os.Mkdir(filepath.Join(dir, "rejection.md.tmpl"), 0o700)
	if _, _, err := get("rejection"); err == nil {
		t.Error("an unreadable template fell back silently")
	}
}
