package ui

import (
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"github.com/warrantdesk/warrantdesk/app/version"
	"github.com/warrantdesk/warrantdesk/assets"
)

func TestAbout_ShowsVersionAndEveryNoticeLine(t *testing.T) {
	test.NewTempApp(t)
	a := NewAbout(assets.Notices)
	w := test.NewTempWindow(t, a.Content())
	w.Resize(fyne.NewSize(760, 620))
	if a.version.Text != version.String() {
		t.Fatalf("version line %q, want %q", a.version.Text, version.String())
	}
	want := strings.Count(strings.TrimRight(assets.Notices, "\n"), "\n") + 1
	if n := a.notices.Length(); n != want || n < 100 {
		t.Fatalf("%d notice lines listed, the notices have %d", n, want)
	}
	// The licences that must be shown with the program are there: the
	// product's core modules, PDFium, the fonts.
	for _, s := range []string{"fyne.io/fyne/v2 ", "go.etcd.io/bbolt ", "github.com/ledongthuc/pdf ", "Copyright 2014 The PDFium Authors", "DejaVuSans.ttf", "THE GO STANDARD LIBRARY"} {
		if !strings.Contains(assets.Notices, s) {
			t.Errorf("the notices lack %q", s)
		}
	}
}
