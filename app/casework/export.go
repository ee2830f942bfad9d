package casework

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"github.com/warrantdesk/warrantdesk/app"
	"github.com/warrantdesk/warrantdesk/app/memo"
	"github.com/warrantdesk/warrantdesk/app/outfile"
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
// take it from path: MemoFormat), replacing an existing file only with
// force. A decision awaiting a second reviewer's approval is refused
// (ErrAwaitApproval): ExportDraftMemo writes that one. See writeMemo for
// what it checks.
func (s *Service) ExportMemo(ctx context.Context, id, path, format string, force bool) error {
	return s.exportMemo(ctx, id, path, format, force, false)
}

// ExportDraftMemo writes the memo of case id as ExportMemo does, marked as
// a draft when the decision still awaits approval, so the second reviewer
// can read what they are asked to approve.
func (s *Service) ExportDraftMemo(ctx context.Context, id, path, format string, force bool) error {
	return s.exportMemo(ctx, id, path, format, force, true)
}

func (s *Service) exportMemo(ctx context.Context, id, path, format string, force, draft bool) error {
	f, err := MemoFormat(path, format)
	if err != nil {
		return err
	}
	opts := s.outOptions(force)
	if err := outfile.Check(path, opts); err != nil {
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
	if err := awaitingMemo(c); err != nil && !draft {
		return err
	}
	return s.writeMemo(ctx, settings, c, f, path, opts, draft && !c.Final())
}

// outOptions say where a memo or the log may go: never into the data
// folder, over an existing file only with force.
func (s *Service) outOptions(force bool) outfile.Options {
	return outfile.Options{Force: force, Protected: s.protected}
}

// ExportMemos writes into dir the memo of every case decided from from to
// to (zero times are unbounded), named by MemoFileName. A case whose memo
// cannot be written, or whose decision still awaits approval, is passed to
// failed and the others go on; it returns how many were written, and the
// EDAMAGED error of cases that could not be read, if any.
func (s *Service) ExportMemos(ctx context.Context, dir, format string, from, to time.Time, force bool, failed func(c *app.Case, err error)) (int, error) {
	f, err := MemoFormat("", format)
	if err != nil {
		return 0, err
	}
	opts := s.outOptions(force)
	if err := outfile.CheckFolder(dir, opts); err != nil {
		return 0, err
	}
	cases, settings, damaged := s.casesAndSettings(ctx)
	if _, ok := app.Damaged(damaged); damaged != nil && !ok {
		return 0, damaged
	}
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return 0, &app.Error{Code: app.EIO, Message: fmt.Sprintf("cannot create the folder %s: %v", app.PrintableName(dir), err), Err: err}
	}
	n := 0
	for _, c := range cases {
		if c.Decision == nil || !report.InPeriod(c.Decision.DecidedAt, from, to) {
			continue
		}
		err := awaitingMemo(c)
		if err == nil {
			err = s.writeMemo(ctx, settings, c, f, filepath.Join(dir, MemoFileName(c, f)), opts, false)
		}
		if err != nil {
			if failed != nil {
				failed(c, err)
			}
			continue
		}
		n++
	}
	return n, damaged
}

// casesAndSettings reads every case, most urgent first, and the settings
// their checks run with, once for a whole export. The error may be the
// EDAMAGED one of Cases, with the readable cases.
func (s *Service) casesAndSettings(ctx context.Context) ([]*app.Case, app.Settings, error) {
	cases, damaged := s.Cases(ctx)
	if _, ok := app.Damaged(damaged); damaged != nil && !ok {
		return nil, app.Settings{}, damaged
	}
	settings, err := s.store.Settings(ctx)
	if err != nil {
		return nil, app.Settings{}, err
	}
	return cases, settings, damaged
}

// writeMemo re-verifies the stored original against the SHA-256 recorded
// at import, so a memo never vouches for a file that has changed, then
// writes the memo — printing the audit trail's head — where opts allow,
// atomically, and records the export in the trail with the memo's hash;
// draft marks it not final.
func (s *Service) writeMemo(ctx context.Context, settings app.Settings, c *app.Case, format, path string, opts outfile.Options, draft bool) error {
	orig, err := s.store.Original(ctx, c.ID)
	if err != nil {
		return err
	}
	sum := sha256.Sum256(orig)
	if hex.EncodeToString(sum[:]) != c.Order.SHA256 {
		return app.Errorf(app.EDAMAGED, "the stored original of case %s no longer matches the SHA-256 recorded at import (%s): the memo is refused; restore the database from a backup or re-import the order", c.ID, c.Order.SHA256)
	}
	findings, err := s.findings(ctx, settings, c)
	if err != nil {
		return err
	}
	head, err := s.AuditHead(ctx)
	if err != nil {
		return err
	}
	md, err := memo.Markdown(s.memoTemplate, memo.Input{Case: c, Findings: findings, Written: s.now(), AuditHead: head, Draft: draft})
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
	detail := format
	if draft {
		detail += " draft"
	}
	return s.writeRecorded(ctx, path, opts.Force, app.AuditEntry{Action: app.AuditMemoExport, Case: c.ID, Detail: detail}, func(w io.Writer) error {
		_, err := w.Write(data)
		return err
	})
}

// ExportLog writes the decision log — one row per case, most urgent
// first, with the checks each raised — to path as CSV or JSON ("" takes
// the format from path: LogFormat), replacing an existing file only with
// force, and returns how many rows it wrote. Cases are read a few at a
// time, so the log of any store is written in flat memory. Damaged cases
// are left out (a case whose page texts are damaged is logged without its
// checks) and named by the EDAMAGED error returned after the log is
// written. The export is recorded in the audit trail.
func (s *Service) ExportLog(ctx context.Context, path, format string, force bool) (int, error) {
	f, err := LogFormat(path, format)
	if err != nil {
		return 0, err
	}
	if err := outfile.Check(path, s.outOptions(force)); err != nil {
		return 0, err
	}
	settings, err := s.store.Settings(ctx)
	if err != nil {
		return 0, err
	}
	var bad []string
	n := 0
	err = s.writeRecorded(ctx, path, force, app.AuditEntry{Action: app.AuditLogExport, Detail: f}, func(w io.Writer) error {
		add, done, err := logWriter(w, f)
		if err != nil {
			return err
		}
		err = s.eachChecked(ctx, settings, func(c *app.Case, fs []app.Finding, err error) error {
			if dc, ok := app.Damaged(err); ok {
				bad = append(bad, dc.Cases...)
				fs = nil
			} else if err != nil {
				return err
			}
			n++
			return add(report.Log([]*app.Case{c}, map[string][]app.Finding{c.ID: fs})[0])
		})
		if d, ok := app.Damaged(err); ok {
			bad = append(bad, d.Cases...)
		} else if err != nil {
			return err
		}
		return done()
	})
	if err != nil {
		return 0, err
	}
	if len(bad) > 0 {
		return n, &app.Error{Code: app.EDAMAGED, Message: fmt.Sprintf("%d case(s) are damaged and left out of the log, or logged without their checks: %s", len(bad), strings.Join(bad, ", ")), Err: &app.DamagedError{Cases: bad}}
	}
	return n, nil
}

// logWriter writes log rows one at a time as CSV or JSON.
func logWriter(w io.Writer, format string) (add func(report.Row) error, done func() error, err error) {
	if format == "json" {
		a := report.NewJSONArray(w)
		return func(r report.Row) error { return a.Add(r) }, a.Close, nil
	}
	cw, err := report.NewCSV(w)
	if err != nil {
		return nil, nil, err
	}
	return cw.Write, cw.Flush, nil
}
