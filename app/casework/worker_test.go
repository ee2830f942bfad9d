package casework

import (
	"os"
	"testing"

	"github.com/warrantdesk/warrantdesk/app/render"
)

// TestMain lets the test binary serve as its own render worker, as the
// real binary does (Run OCR renders the stored original's pages).
func TestMain(m *testing.M) {
	render.ServeIfWorker()
	os.Exit(m.Run())
}
