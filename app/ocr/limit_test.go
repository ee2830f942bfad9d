//go:build linux

package ocr

import (
	"context"
	"image"
	"strings"
	"testing"

	"github.com/warrantdesk/warrantdesk/app"
)

// TestRecognize_MemoryLimitHolds: Tesseract held to 100 MB of address space
// cannot read even a blank letter page at 300 dpi (that peaks near 130 MB) and the
// error says it needed more memory, instead of the page taking what it
// wants.
func TestRecognize_MemoryLimitHolds(t *testing.T) {
	tess := &Tesseract{Memory: 100 << 20}
	if !tess.Available() {
		t.Skip("tesseract is not installed (make test installs it)")
	}
	img := image.NewGray(image.Rect(0, 0, 2550, 3300))
	for i := range img.Pix {
		img.Pix[i] = 255
	}
	_, err := tess.Recognize(context.Background(), img)
	if app.ErrorCode(err) != app.EUNREADABLE || !strings.Contains(app.ErrorMessage(err), "more than 100 MB of memory") {
		t.Fatalf("got %v", err)
	}
	// The same page with the default limit reads (as nothing).
	if _, err := (&Tesseract{}).Recognize(context.Background(), img); err != nil {
		t.Fatalf("default limit: %v", err)
	}
}
