package sandbox

import (
	"bufio"
	"bytes"
	"fmt"
	"testing"
)

// FuzzReadFrame decodes what a worker may print: never a panic, never an
// allocation past the limits, and a frame read is what was written.
func FuzzReadFrame(f *testing.F) {
	var b bytes.Buffer
	WriteFrame(&b, map[string]string{"kind": "page"}, []byte{1, 2, 3})
	f.Add(b.Bytes())
	f.Add([]byte("2 0\n{}2 0\n[]"))
	f.Add([]byte("3 99999999999\n{}x"))
	lim := Limits{Header: 1 << 10, Payload: 1 << 12}
	f.Fuzz(func(t *testing.T, data []byte) {
		r := bufio.NewReader(bytes.NewReader(data))
		for i := 0; i < 100; i++ {
			h, p, err := ReadFrame(r, lim)
			if err != nil {
				return
			}
			if len(h) > lim.Header || int64(len(p)) > lim.Payload {
				t.Fatalf("frame of %d+%d bytes past the limits", len(h), len(p))
			}
			// Framed again, it reads back the same.
			var again bytes.Buffer
			fmt.Fprintf(&again, "%d %d\n%s%s", len(h), len(p), h, p)
			h2, p2, err := ReadFrame(bufio.NewReader(&again), lim)
			if err != nil || !bytes.Equal(h2, h) || !bytes.Equal(p2, p) {
				t.Fatalf("a frame did not read back: %v", err)
			}
		}
	})
}
