// Package logfile keeps WarrantDesk's log: slog records, as text, in
// warrantdesk.log in the data folder, 0600 in a folder that is 0700,
// rotated at 1 MB with three old files kept
// (gopkg.in/natefinch/lumberjack.v2). The records hold IDs and codes,
// never case values: app.LogError describes errors that way, and nothing
// else logs what an order says.
package logfile

import (
	"errors"
	"io"
	"log/slog"
	"os"
	"path/filepath"
	"sync"

	"gopkg.in/natefinch/lumberjack.v2"
)

// FileName is the log's name in the data folder.
const FileName = "warrantdesk.log"

// Limits of the log: a reviewer's laptop keeps at most four files of 1 MB.
const (
	maxMB      = 1
	maxBackups = 3
)

// Log is the log file. Its folder and file are made on the first record,
// so a command that logs nothing leaves nothing behind.
type Log struct {
	*slog.Logger
	w *writer
}

// Open returns the log in dir.
func Open(dir string) *Log {
	w := &writer{dir: dir, lj: &lumberjack.Logger{Filename: filepath.Join(dir, FileName), MaxSize: maxMB, MaxBackups: maxBackups}}
	return &Log{Logger: slog.New(slog.NewTextHandler(w, &slog.HandlerOptions{Level: slog.LevelInfo})), w: w}
}

// Path is where the log is written.
func (l *Log) Path() string { return l.w.lj.Filename }

// Close closes the file.
func (l *Log) Close() error { return l.w.lj.Close() }

// writer makes the folder 0700 and the file 0600 before the first write:
// lumberjack would make a missing folder 0755, and keeps the mode of a
// file it finds.
type writer struct {
	dir   string
	lj    *lumberjack.Logger
	once  sync.Once
	ready error
}

func (w *writer) Write(p []byte) (int, error) {
	w.once.Do(func() {
		if w.ready = os.MkdirAll(w.dir, 0o700); w.ready != nil {
			return
		}
		if err := os.Chmod(w.lj.Filename, 0o600); err != nil && !errors.Is(err, os.ErrNotExist) {
			w.ready = err
		}
	})
	if w.ready != nil {
		return 0, w.ready
	}
	return w.lj.Write(p)
}

var _ io.Writer = (*writer)(nil)
