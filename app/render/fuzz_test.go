package render

import (
	"bufio"
	"bytes"
	"testing"

	"github.com/warrantdesk/warrantdesk/app/sandbox"
)

// FuzzReadRequest decodes a render worker's request: never a panic, never
// limits out of range accepted.
func FuzzReadRequest(f *testing.F) {
	head, _ := sandbox.FrameHead(request{Memory: DefaultMemory, DPI: 300, Pages: []int{1, 2}, MaxPixels: DefaultMaxPixels}, 4)
	f.Add(append(head, "%PDF"...))
	f.Add([]byte("2 0\n{}"))
	f.Add([]byte("30 0\n{\"dpi\":99999,\"max_pixels\":1}"))
	f.Fuzz(func(t *testing.T, data []byte) {
		q, pdf, err := readRequest(bufio.NewReader(bytes.NewReader(data)), nil)
		if err == nil && (q.DPI < 1 || q.DPI > 1200 || q.MaxPixels < 1 || len(q.Pages) > maxPagesPerRequest || int64(len(pdf)) > maxInput) {
			t.Fatalf("accepted %+v", q)
		}
	})
}
