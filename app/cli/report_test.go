package cli

import (
	"bytes"
	"context"
	"errors"
	"log/slog"
	"strings"
	"testing"

	"github.com/warrantdesk/warrantdesk/app"
	"github.com/warrantdesk/warrantdesk/app/casework"
)

// damaged is a store whose every read fails the way a damaged database
// does: with an error nobody wrote a message for.
type damaged struct{ app.Store }

func (damaged) Cases(context.Context) ([]*app.Case, error) {
	return nil, errors.New("page 7: checksum mismatch")
}

func TestRun_UnknownErrorIsInternalAndLogged(t *testing.T) {
	var log bytes.Buffer
	was := slog.Default()
	slog.SetDefault(slog.New(slog.NewTextHandler(&log, nil)))
	defer slog.SetDefault(was)
	var out, errb bytes.Buffer
	code := Run(context.Background(), []string{"show", "2:25-mj-00002"}, Params{
		Service: casework.New(casework.Params{Store: damaged{}}), Stdout: &out, Stderr: &errb, Getenv: env(nil)})
	if code != ExitInput || !strings.HasPrefix(errb.String(), "warrantdesk: Internal error") || strings.Contains(errb.String(), "checksum") {
		t.Errorf("exit %d, stderr %q", code, errb.String())
	}
	if !strings.Contains(log.String(), "page 7: checksum mismatch") || strings.Contains(log.String(), "2:25-mj-00002") {
		t.Errorf("log %q", log.String())
	}
	// A command that panics says so in the same words, and logs where.
	log.Reset()
	errb.Reset()
	if code := Run(context.Background(), []string{"list"}, Params{Stdout: &out, Stderr: &errb, Getenv: env(nil)}); code != ExitInput ||
		!strings.Contains(errb.String(), "Internal error") || !strings.Contains(log.String(), "goroutine") {
		t.Errorf("a panic: exit %d, stderr %q, log %q", code, errb.String(), log.String())
	}
}
