package storage

// testKDF makes keys quickly: the tests derive many. The tuned parameters
// are tested on their own (TestTuneKDF).
var testKDF = KDFParams{Time: 1, MemoryKiB: 1024, Threads: 1}

const testPassphrase = "correct horse battery"

// testOptions open (or create) a store under testPassphrase.
func testOptions(readOnly bool) Options {
	return Options{Passphrase: testPassphrase, KDF: &testKDF, ReadOnly: readOnly}
}
