package app

import (
	"errors"
	"fmt"
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
	EENCRYPTED  = "encrypted"  // a PDF that needs a password: no reader can open it
	EDAMAGED    = "damaged"    // stored data that no longer reads back as it was written
	EIO         = "io"         // the disk or file system refused: full, read-only, no permission
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

// ErrorMessage returns the human message of the first *Error in err's chain,
// without the internal detail in its Err, or err's own text.
func ErrorMessage(err error) string {
	if err == nil {
		return ""
	}
	var e *Error
	if errors.As(err, &e) {
		return e.Message
	}
	return err.Error()
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
