package extract

import (
	"fmt"
	"os"
	"testing"
)

// TestMain checks that loading the package compiles none of its patterns
// (the PDF worker links it and never extracts), then compiles them for
// the tests, which call the rules' helpers directly.
func TestMain(m *testing.M) {
	if emailRe != nil || dateRe != nil || caseNumberRules != nil || agencyRe != nil {
		fmt.Fprintln(os.Stderr, "patterns were compiled when the package loaded; compile them on first use (compileRules)")
		os.Exit(1)
	}
	compileRules()
	os.Exit(m.Run())
}
