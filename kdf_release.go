//go:build !warrantdesk_testkdf

package main

import "github.com/warrantdesk/warrantdesk/storage"

// newKeyKDF is nil: new keys get Argon2id tuned to this machine
// (storage.TuneKDF). Only the end-to-end tests' build (kdf_tests.go)
// sets a cheaper one.
var newKeyKDF *storage.KDFParams
