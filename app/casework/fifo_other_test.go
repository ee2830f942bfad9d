//go:build !unix

package casework

import "errors"

func mkfifo(string) error { return errors.New("no FIFOs") }
