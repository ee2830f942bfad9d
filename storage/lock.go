package storage

import (
	"errors"
	"os"
	"time"
)

// errLocked says another process holds the instance lock.
var errLocked = errors.New("the data folder is in use by another WarrantDesk")

// instanceLock is an exclusive lock on a file beside the database, held by
// whoever may write (the desk, an import, a decision) for as long as it is
// open. The file is never removed: removing a lock file races with the
// next locker.
type instanceLock struct{ f *os.File }

// lockInstance takes the lock at path, waiting up to timeout.
func lockInstance(path string, timeout time.Duration) (*instanceLock, error) {
	f, err := os.OpenFile(path, os.O_RDWR|os.O_CREATE, 0o600)
	if err != nil {
		return nil, err
	}
	deadline := time.Now().Add(timeout)
	for {
		ok, err := tryLock(f)
		if err != nil {
			f.Close()
			return nil, err
		}
		if ok {
			return &instanceLock{f}, nil
		}
		if time.Now().After(deadline) {
			f.Close()
			return nil, errLocked
		}
		time.Sleep(50 * time.Millisecond)
	}
}

func (l *instanceLock) release() {
	unlock(l.f)
	l.f.Close()
}
