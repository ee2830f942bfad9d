//go:build warrantdesk_testkdf

package main

import "github.com/warrantdesk/warrantdesk/storage"

// newKeyKDF, in the binary the end-to-end tests build with
// -tags warrantdesk_testkdf, derives keys in milliseconds: those tests run
// hundreds of commands, each deriving its key again. The same Argon2id,
// with less memory and one pass; no release build has this file.
var newKeyKDF = &storage.KDFParams{Time: 1, MemoryKiB: 1024, Threads: 1}
