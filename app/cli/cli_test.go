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

func caseWith(id, number string) *app.Case {
	return &app.Case{ID: id, CreatedAt: time.Now(), Order: app.Order{Extraction: app.Extraction{
		Fields: map[string]app.Field{app.FieldCaseNumber: {Value: number}}}}}
}

func TestResolve(t *testing.T) {
	cases := []*app.Case{
		caseWith("aaaa1111000000000000000000000000", "2:25-mj-01234"),
		caseWith("aaaa2222000000000000000000000000", "NSL-25-000001"),
		caseWith("bbbb3333000000000000000000000000", "2:25-mj-01234"),
	}
	if c, err := resolve(cases, "aaaa1111"); err != nil || c != cases[0] {
		t.Errorf("prefix: %v %v", c, err)
	}
	if c, err := resolve(cases, "nsl-25-000001"); err != nil || c != cases[1] {
		t.Errorf("case number, any case: %v %v", c, err)
	}
	if _, err := resolve(cases, "aaaa"); app.ErrorCode(err) != app.EAMBIGUOUS {
		t.Errorf("ambiguous prefix: %v", err)
	}
	if _, err := resolve(cases, "2:25-mj-01234"); app.ErrorCode(err) != app.EAMBIGUOUS {
		t.Errorf("two cases with one number: %v", err)
	}
	if _, err := resolve(cases, "ccc"); app.ErrorCode(err) != app.ENOTFOUND {
		t.Errorf("missing: %v", err)
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

func TestRun_Version_PrintsBuildAndExitsZero(t *testing.T) {
	var out, errOut strings.Builder
	status := Run(context.Background(), []string{"--version"}, Deps{Stdout: &out, Stderr: &errOut, Getenv: func(string) string { return "" }})
	if status != ExitOK || !strings.HasPrefix(out.String(), "WarrantDesk ") || errOut.Len() != 0 {
		t.Fatalf("status %d, stdout %q, stderr %q", status, out.String(), errOut.String())
	}
}
