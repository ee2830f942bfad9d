//go:build !unix

package storage

// looseModes has nothing to check where access is governed by ACLs
// (Windows): the data folder sits in the user's own profile.
func looseModes(dir, file string) []string { return nil }
