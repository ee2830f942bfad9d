package app

import (
	"errors"
	"fmt"
	"io/fs"
	"log/slog"
	"strings"
)

// Error codes. They are stable: the CLI maps them to exit statuses and the UI
// to messages.
const (
	ECONFLICT   = "conflict"   // the thing exists already (e.g. the same PDF imported twice)
	EINTERNAL   = "internal"   // a bug or an unexpected failure
	EINVALID    = "invalid"    // the input is wrong and the user can correct it
	ENOTFOUND   = "not_found"  // no such case
	ELOCKED     = "locked"     // another WarrantDesk holds the database
	EUNREADABLE = "unreadable" // a PDF that could not be read
	EAMBIGUOUS  = "ambiguous"  // a case reference that matches more than one case
	EBLOCKED    = "blocked"    // refused until something else is done first (a verification, an approval)
	EENCRYPTED  = "encrypted"  // a PDF that needs a password: no reader can open it
	EDAMAGED    = "damaged"    // stored data that no longer reads back as it was written
	EIO         = "io"         // the disk or file system refused: full, read-only, no permission
	EPASSPHRASE = "passphrase" // a wrong or missing passphrase, or a store that is locked
)

// Error is an error a user can act on: a machine code and a human message.
// Detail that helps only a developer goes in Err and into the log.
type Error struct {
	Code    string
	Message string
	Err     error
}

func (e *Error) Error() string {
	if e.Err != nil {
		return fmt.Sprintf("%s: %v", e.Message, e.Err)
	}
	return e.Message
}

func (e *Error) Unwrap() error { return e.Err }

// Errorf returns an *Error with the given code and a formatted message.
func Errorf(code, format string, args ...any) *Error {
	return &Error{Code: code, Message: fmt.Sprintf(format, args...)}
}

// ErrorCode returns the code of the first *Error in err's chain, EINTERNAL
// for any other error, and "" for nil.
func ErrorCode(err error) string {
	if err == nil {
		return ""
	}
	var e *Error
	if errors.As(err, &e) {
		return e.Code
	}
	return EINTERNAL
}

// InternalMessage is what a reviewer is told of an error WarrantDesk did
// not expect; its detail goes to the log, never to the screen.
const InternalMessage = "Internal error: something went wrong that WarrantDesk did not expect. Nothing already saved was lost. " +
	"The details are in warrantdesk.log in the data folder; please report it."

// ErrorMessage returns the human message of the first *Error in err's chain,
// without the internal detail in its Err. Any other error is one nobody
// wrote a message for — a database's, a parser's, a bug's — and the
// reviewer gets InternalMessage instead of its text.
//
// Errors that are not *Error, and EINTERNAL ones, are also logged with
// their chain (LogError): wherever a front end shows an error, the log
// gets what a developer needs.
func ErrorMessage(err error) string {
	if err == nil {
		return ""
	}
	var e *Error
	if errors.As(err, &e) {
		if e.Code == EINTERNAL {
			LogError(err)
		}
		return e.Message
	}
	LogError(err)
	return InternalMessage
}

// LogError logs err on slog's default logger (main points it at the log
// file) with its code and chain, which hold no case values (see chain).
func LogError(err error) {
	if err == nil {
		return
	}
	slog.Error("unexpected error", "code", ErrorCode(err), "chain", chain(err))
}

// chain describes err and what it wraps, outermost first: each link's Go
// type and the words it adds. Left out is what may hold a case's values:
// an *Error's Message (written for the reviewer, it may quote a field;
// its code stands instead) and file paths (an order's file is often named
// after its case). Our own wrapping adds IDs and operations, never values.
func chain(err error) []string {
	var out, paths []string
	var walk func(e error)
	walk = func(e error) {
		for ; e != nil; e = errors.Unwrap(e) {
			var pe *fs.PathError
			if errors.As(e, &pe) && pe.Path != "" {
				paths = append(paths, pe.Path)
			}
			var own string
			switch x := e.(type) {
			case *Error:
				own = "code " + x.Code
			case *fs.PathError:
				own = x.Op + " <path>"
			case interface{ Unwrap() []error }:
				own = fmt.Sprintf("%d errors", len(x.Unwrap()))
			default:
				own = e.Error()
				if inner := errors.Unwrap(e); inner != nil {
					own = strings.TrimSuffix(strings.TrimSuffix(own, inner.Error()), ": ")
				}
			}
			out = append(out, fmt.Sprintf("%T: %s", e, own))
			if j, ok := e.(interface{ Unwrap() []error }); ok {
				for _, inner := range j.Unwrap() {
					walk(inner)
				}
				return
			}
		}
	}
	walk(err)
	for i := range out {
		for _, p := range paths {
			out[i] = strings.ReplaceAll(out[i], p, "<path>")
		}
	}
	return out
}

// DamagedError names stored cases that could not be read back (a flipped
// byte, a value written by an unknown codec). Store.Cases returns it,
// inside an EDAMAGED *Error, together with every case it could read: one
// bad record is one bad record.
type DamagedError struct {
	Cases []string // case IDs
}

func (e *DamagedError) Error() string {
	return fmt.Sprintf("%d damaged case record(s): %v", len(e.Cases), e.Cases)
}

// Damaged returns the damaged cases err names, if it names any.
func Damaged(err error) (*DamagedError, bool) {
	var d *DamagedError
	if errors.As(err, &d) {
		return d, true
	}
	return nil, false
}
