package casework

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/csv"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"github.com/warrantdesk/warrantdesk/app"
	"github.com/warrantdesk/warrantdesk/app/memo"
	"github.com/warrantdesk/warrantdesk/app/report"
)

// MemoFormat picks a memo's format: the one asked for, else the one path's
// extension names, else PDF for a path without one. Anything but pdf, docx
// or md is EINVALID.
func MemoFormat(path, asked string) (string, error) {
	return format(path, asked, memo.Formats(), "a memo")
}

// LogFormat picks the decision log's format as MemoFormat does, from csv
// (the default) and json.
func LogFormat(path, asked string) (string, error) {
	return format(path, asked, []string{"csv", "json"}, "the decision log")
}

func format(path, asked string, known []string, what string) (string, error) {
	f := strings.ToLower(strings.TrimSpace(asked))
	if f == "" {
		f = strings.TrimPrefix(strings.ToLower(filepath.Ext(path)), ".")
	}
	if f == "" {
		f = known[0]
	}
	if !slices.Contains(known, f) {
		return "", app.Errorf(app.EINVALID, "%s is written as %s, not %q", what, strings.Join(known, ", "), f)
	}
	return f, nil
}

// MemoFileName names the memo of c in a folder of memos: the day it was
// decided, then the case's file stem.
func MemoFileName(c *app.Case, format string) string {
	day := "undecided"
	if c.Decision != nil {
		day = c.Decision.DecidedAt.UTC().Format(time.DateOnly)
	}
	return day + "-" + c.FileStem() + "." + format
}

// ExportMemo writes the decision memo of case id to path, in format ("" to
// take it from path: MemoFormat). See writeMemo for what it checks.
func (s *Service) ExportMemo(ctx context.Context, id, path, format string) error {
	f, err := MemoFormat(path, format)
	if err != nil {
		return err
	}
	c, err := s.store.Case(ctx, id)
	if err != nil {
		return err
	}
	settings, err := s.store.Settings(ctx)
	if err != nil {
		return err
	}
	if err := awaitingMemo(c); err != nil {
		return err
	}
	return s.writeMemo(ctx, settings, c, f, path, false)
}

// ExportDraftMemo writes the memo of case id as ExportMemo does, marked as
// a draft when the decision still awaits approval, so the second reviewer
// can read what they are asked to approve.
func (s *Service) ExportDraftMemo(ctx context.Context, id, path, format string) error {
	f, err := MemoFormat(path, format)
	if err != nil {
		return err
	}
	c, err := s.store.Case(ctx, id)
	if err != nil {
		return err
	}
	settings, err := s.store.Settings(ctx)
	if err != nil {
		return err
	}
	return s.writeMemo(ctx, settings, c, f, path, !c.Final())
}

// ExportMemos writes into dir the memo of every case decided from from to
// to (zero times are unbounded), named by MemoFileName. A case whose memo
// cannot be written, or whose decision still awaits approval, is passed to
// failed and the others go on; it returns how many were written.
func (s *Service) ExportMemos(ctx context.Context, dir, format string, from, to time.Time, failed func(c *app.Case, err error)) (int, error) {
	f, err := MemoFormat("", format)
	if err != nil {
		return 0, err
	}
	cases, settings, err := s.casesAndSettings(ctx)
	if err != nil {
		return 0, err
	}
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return 0, &app.Error{Code: app.EINVALID, Message: fmt.Sprintf("cannot create the folder %s: %v", dir, err), Err: err}
	}
	n := 0
	for _, c := range cases {
		if c.Decision == nil || !report.InPeriod(c.Decision.DecidedAt, from, to) {
			continue
		}
		err := awaitingMemo(c)
		if err == nil {
			err = s.writeMemo(ctx, settings, c, f, filepath.Join(dir, MemoFileName(c, f)), false)
		}
		if err != nil {
			if failed != nil {
				failed(c, err)
			}
			continue
		}
		n++
	}
	return n, nil
}

// casesAndSettings reads every case, most urgent first, and the settings
// their checks run with, once for a whole export.
func (s *Service) casesAndSettings(ctx context.Context) ([]*app.Case, app.Settings, error) {
	cases, err := s.Cases(ctx)
	if err != nil {
		return nil, app.Settings{}, err
	}
	settings, err := s.store.Settings(ctx)
	return cases, settings, err
}

// writeMemo re-verifies the stored original against the SHA-256 recorded
// at import, so a memo never vouches for a file that has changed, then
// writes the memo atomically (temporary file, then rename).
func (s *Service) writeMemo(ctx context.Context, settings app.Settings, c *app.Case, format, path string, draft bool) error {
	orig, err := s.store.Original(ctx, c.ID)
	if err != nil {
		return err
	}
	sum := sha256.Sum256(orig)
	if hex.EncodeToString(sum[:]) != c.Order.SHA256 {
		return app.Errorf(app.EINVALID, "the stored original of case %s no longer matches the SHA-256 recorded at import (%s): the memo is refused; restore the database from a backup or re-import the order", c.ID, c.Order.SHA256)
	}
	findings, err := s.findings(ctx, settings, c)
	if err != nil {
		return err
	}
	md, err := memo.Markdown(s.memoTemplate, memo.Input{Case: c, Findings: findings, Written: s.now(), Draft: draft})
	if err != nil {
		return err
	}
	var data []byte
	switch format {
	case "md":
		data = []byte(md)
	case "docx":
		data, err = memo.DOCX(md)
	default:
		data, err = memo.PDF(md, s.memoFonts)
	}
	if err != nil {
		return err
	}
	return writeFileAtomic(path, data)
}

// ExportLog writes the decision log — one row per case, most urgent
// first, with the checks each raised — to path as CSV or JSON ("" takes
// the format from path: LogFormat), and returns how many rows it wrote.
func (s *Service) ExportLog(ctx context.Context, path, format string) (int, error) {
	f, err := LogFormat(path, format)
	if err != nil {
		return 0, err
	}
	cases, settings, err := s.casesAndSettings(ctx)
	if err != nil {
		return 0, err
	}
	found := map[string][]app.Finding{}
	for _, c := range cases {
		fs, err := s.findings(ctx, settings, c)
		if err != nil {
			return 0, err
		}
		found[c.ID] = fs
	}
	rows := report.Log(cases, found)
	var data []byte
	if f == "json" {
		data, err = logJSON(rows)
	} else {
		data, err = logCSV(rows)
	}
	if err != nil {
		return 0, err
	}
	return len(rows), writeFileAtomic(path, data)
}

func logJSON(rows []report.Row) ([]byte, error) {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	err := enc.Encode(rows)
	return buf.Bytes(), err
}

func logCSV(rows []report.Row) ([]byte, error) {
	var buf bytes.Buffer
	w := csv.NewWriter(&buf)
	cols := report.Columns()
	w.Write(cols)
	for _, r := range rows {
		rec := make([]string, len(cols))
		for i, col := range cols {
			rec[i] = csvSafe(r[col])
		}
		w.Write(rec)
	}
	w.Flush()
	return buf.Bytes(), w.Error()
}

// csvSafe keeps a spreadsheet from running text an order put in a field as
// a formula (CSV injection): a leading =, +, - or @ gets a quote mark.
func csvSafe(s string) string {
	if s != "" && strings.ContainsRune("=+-@\t\r", rune(s[0])) {
		return "'" + s
	}
	return s
}

// writeFileAtomic writes data to path through a temporary file in the same
// folder, so a reader never sees half a file and a full disk leaves the
// old one as it was.
func writeFileAtomic(path string, data []byte) error {
	dir := filepath.Dir(path)
	tmp, err := os.CreateTemp(dir, ".warrantdesk-*")
	if err != nil {
		return &app.Error{Code: app.EINVALID, Message: fmt.Sprintf("cannot write in %s: %v", dir, err), Err: err}
	}
	_, werr := tmp.Write(data)
	cerr := tmp.Close()
	if werr == nil {
		werr = cerr
	}
	if werr == nil {
		werr = os.Rename(tmp.Name(), path)
	}
	if werr != nil {
		os.Remove(tmp.Name())
		return &app.Error{Code: app.EINVALID, Message: fmt.Sprintf("could not write %s: %v (is the disk full?)", path, werr), Err: werr}
	}
	return nil
}
