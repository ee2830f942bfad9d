package casework

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"github.com/warrantdesk/warrantdesk/app"
)

// DefaultMemoFolder is where memos go until the settings name another:
// "WarrantDesk memos" in the user's documents folder (XDG_DOCUMENTS_DIR
// where set, else Documents in the home folder).
func DefaultMemoFolder() string {
	docs := os.Getenv("XDG_DOCUMENTS_DIR")
	if docs == "" || !filepath.IsAbs(docs) {
		home, err := os.UserHomeDir()
		if err != nil {
			home = os.TempDir()
		}
		docs = filepath.Join(home, "Documents")
	}
	return filepath.Join(docs, "WarrantDesk memos")
}

// MemoFolder is the folder memos are written to: the settings', else
// DefaultMemoFolder.
func (s *Service) MemoFolder(ctx context.Context) (string, error) {
	settings, err := s.store.Settings(ctx)
	if err != nil {
		return "", err
	}
	if settings.MemoFolder != "" {
		return settings.MemoFolder, nil
	}
	return DefaultMemoFolder(), nil
}

// ExportMemoToFolder writes case id's memo into the memo folder
// (MemoFolder), named by MemoFileName, never over an earlier file (a
// second memo of the day gets " (2)"), and returns its path. It refuses a
// memo folder that lies in a folder orders are imported from: the next
// import would take the privileged memo in as an order; and a decision
// still awaiting a second reviewer's approval (ErrAwaitApproval):
// ExportDraftMemoToFolder writes that one.
func (s *Service) ExportMemoToFolder(ctx context.Context, id, format string) (string, error) {
	return s.memoToFolder(ctx, id, format, false)
}

// ExportDraftMemoToFolder writes case id's memo as ExportMemoToFolder
// does, marked as a draft (and named so) while its decision awaits
// approval, for the second reviewer to read.
func (s *Service) ExportDraftMemoToFolder(ctx context.Context, id, format string) (string, error) {
	return s.memoToFolder(ctx, id, format, true)
}

func (s *Service) memoToFolder(ctx context.Context, id, format string, draft bool) (string, error) {
	f, err := MemoFormat("", format)
	if err != nil {
		return "", err
	}
	c, err := s.store.Case(ctx, id)
	if err != nil {
		return "", err
	}
	draft = draft && !c.Final()
	if err := awaitingMemo(c); err != nil && !draft {
		return "", err
	}
	settings, err := s.store.Settings(ctx)
	if err != nil {
		return "", err
	}
	dir := settings.MemoFolder
	if dir == "" {
		dir = DefaultMemoFolder()
	}
	if d, ok := settings.InImportFolder(dir); ok {
		return "", &app.Error{Code: app.EINVALID, Message: fmt.Sprintf("the memo folder %s lies in %s, which orders are imported from: choose another memo folder in Settings", app.PrintableName(dir), app.PrintableName(d)), Err: app.ErrMemoFolder}
	}
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return "", &app.Error{Code: app.EIO, Message: fmt.Sprintf("cannot create the memo folder %s: choose another in Settings", app.PrintableName(dir)), Err: err}
	}
	name := MemoFileName(c, f)
	if draft {
		name = strings.TrimSuffix(name, "."+f) + " (draft)." + f
	}
	path := filepath.Join(dir, name)
	stem := strings.TrimSuffix(name, "."+f)
	for n := 2; ; n++ {
		if _, err := os.Lstat(path); errors.Is(err, fs.ErrNotExist) {
			break
		}
		path = filepath.Join(dir, fmt.Sprintf("%s (%d).%s", stem, n, f))
	}
	return path, s.writeMemo(ctx, settings, c, f, path, s.outOptions(false), draft)
}
