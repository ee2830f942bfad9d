package cli

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/warrantdesk/warrantdesk/app"
)

func env(m map[string]string) func(string) string { return func(k string) string { return m[k] } }

func TestDataDir(t *testing.T) {
	for _, tc := range []struct {
		name, flag, goos string
		env              map[string]string
		want             string
	}{
		{"flag wins", "/x/data", "linux", map[string]string{"WARRANTDESK_DATA": "/y"}, "/x/data"},
		{"env", "", "linux", map[string]string{"WARRANTDESK_DATA": "/y", "XDG_DATA_HOME": "/z"}, "/y"},
		{"xdg", "", "linux", map[string]string{"XDG_DATA_HOME": "/z", "HOME": "/home/r"}, "/z/warrantdesk"},
		{"relative xdg ignored", "", "linux", map[string]string{"XDG_DATA_HOME": "rel", "HOME": "/home/r"}, "/home/r/.local/share/warrantdesk"},
		{"macOS", "", "darwin", map[string]string{"HOME": "/Users/r"}, "/Users/r/Library/Application Support/WarrantDesk"},
	} {
		got, err := DataDir(tc.flag, env(tc.env), tc.goos)
		if err != nil || got != tc.want {
			t.Errorf("%s: got %q, %v; want %q", tc.name, got, err, tc.want)
		}
	}
	if _, err := DataDir("", env(nil), "linux"); app.ErrorCode(err) != app.EINVALID {
		t.Errorf("no HOME: %v", err)
	}
}

func TestParse_FlagsAnywhere(t *testing.T) {
	c := &command{}
	fs := c.flags("decide")
	d := fs.String("decision", "", "")
	var g multi
	fs.Var(&g, "ground", "")
	pos, err := parse(fs, []string{"abcd", "--decision", "comply", "--ground", "a", "--ground", "b", "--", "--odd"})
	if err != nil || *d != "comply" || len(g) != 2 || len(pos) != 2 || pos[0] != "abcd" || pos[1] != "--odd" {
		t.Errorf("got %v %q %v %v", pos, *d, g, err)
	}
}

func TestParse_OptionsWhereverTheyStand(t *testing.T) {
	getenv := env(map[string]string{"WARRANTDESK_TESSERACT": "/opt/tesseract", "WARRANTDESK_NO_OCR": "1"})
	inv, err := Parse([]string{"--data", "/d", "extract", "--timeout", "2s", "a.pdf", "--json", "b.pdf"}, getenv)
	if err != nil || inv.Command != "extract" || inv.Options.DataDir != "/d" || inv.Options.Timeout != 2*time.Second ||
		!inv.Options.NoOCR || inv.Options.Tesseract != "/opt/tesseract" || inv.NeedsStore() || len(inv.Args) != 5 {
		t.Errorf("got %+v, %v", inv, err)
	}
	// A flag's value that looks like an option is the flag's.
	inv, err = Parse([]string{"decide", "abcd", "--note", "--data", "--decision", "comply"}, env(nil))
	if err != nil || inv.Options.DataDir != "" || inv.Command != "decide" || !inv.NeedsStore() {
		t.Errorf("note that reads like an option: %+v, %v", inv, err)
	}
	if inv, err := Parse(nil, env(nil)); err != nil || inv.Command != "" || !inv.NeedsStore() || inv.Options.Timeout != 10*time.Second {
		t.Errorf("the desk: %+v, %v", inv, err)
	}
	for _, args := range [][]string{{"frobnicate"}, {"list", "--bogus"}, {"--timeout", "soon"}, {"demo", "--n", "many"}} {
		if _, err := Parse(args, env(nil)); err == nil {
			t.Errorf("%v parsed", args)
		}
	}
}

func TestRun_Version_PrintsBuildAndOpensNothing(t *testing.T) {
	// main builds nothing for what Parse calls help: not the desk.
	if inv, err := Parse([]string{"--version"}, env(nil)); err != nil || inv.Command != "help" {
		t.Fatalf("Parse(--version) = %+v, %v", inv, err)
	}
	var out, errOut strings.Builder
	status := Run(context.Background(), []string{"--version"}, Params{Stdout: &out, Stderr: &errOut, Getenv: env(nil)})
	if status != ExitOK || !strings.HasPrefix(out.String(), "WarrantDesk ") || errOut.Len() != 0 {
		t.Fatalf("status %d, stdout %q, stderr %q", status, out.String(), errOut.String())
	}
}
