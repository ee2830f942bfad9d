package scan

import (
	"os"
	"testing"

	"github.com/warrantdesk/warrantdesk/app/render"
)

// TestMain lets the test binary serve as its own render worker, as the
// real binary does.
func TestMain(m *testing.M) {
	render.ServeIfWorker()
	os.Exit(m.Run())
}
