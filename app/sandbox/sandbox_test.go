package sandbox

import (
	"bufio"
	"bytes"
	"context"
	"errors"
	"io"
	"strings"
	"testing"
	"time"
)

func TestFrame_RoundTrip(t *testing.T) {
	var b bytes.Buffer
	type hdr struct {
		Kind string `json:"kind"`
	}
	if err := WriteFrame(&b, hdr{"page"}, []byte("pixels")); err != nil {
		t.Fatal(err)
	}
	if err := WriteFrame(&b, hdr{"done"}, nil); err != nil {
		t.Fatal(err)
	}
	r := bufio.NewReader(&b)
	lim := Limits{Header: 100, Payload: 100}
	h, p, err := ReadFrame(r, lim)
	if err != nil || string(h) != `{"kind":"page"}` || string(p) != "pixels" {
		t.Fatalf("first frame %q %q %v", h, p, err)
	}
	if h, p, err = ReadFrame(r, lim); err != nil || string(h) != `{"kind":"done"}` || p != nil {
		t.Fatalf("second frame %q %q %v", h, p, err)
	}
	if _, _, err = ReadFrame(r, lim); err != io.EOF {
		t.Fatalf("after the last frame: %v, want io.EOF", err)
	}
}

func TestFrame_RefusesBeforeAllocating(t *testing.T) {
	for name, in := range map[string]string{
		"payload over the limit":  "2 999999999999\n{}",
		"header over the limit":   "999999 0\n{}",
		"size line of letters":    "two three\n{}",
		"endless size line":       strings.Repeat("1", 100),
		"cut in the header":       "10 0\n{\"a\"",
		"cut in the payload":      "2 10\n{}abc",
		"header not JSON":         "2 0\nzz",
		"negative payload":        "2 -1\n{}",
		"size line without space": "20\n{}",
	} {
		_, _, err := ReadFrame(bufio.NewReader(strings.NewReader(in)), Limits{Header: 1 << 10, Payload: 1 << 20})
		if !errors.Is(err, ErrFrame) {
			t.Errorf("%s: got %v, want ErrFrame", name, err)
		}
	}
}

func TestBudget_BoundsWhatRunsAtOnce(t *testing.T) {
	b := NewBudget(3 << 30)
	ctx := context.Background()
	if err := b.Acquire(ctx, 2<<30); err != nil {
		t.Fatal(err)
	}
	short, cancel := context.WithTimeout(ctx, 50*time.Millisecond)
	defer cancel()
	if err := b.Acquire(short, 2<<30); err == nil {
		t.Fatal("a second 2 GiB worker started inside a 3 GiB budget")
	}
	// More than the whole budget runs alone rather than never.
	b.Release(2 << 30)
	if err := b.Acquire(ctx, 10<<30); err != nil {
		t.Fatal(err)
	}
	b.Release(10 << 30)
}

func TestDefault_HasRoomForOneOfEach(t *testing.T) {
	if Default().Total() < MinBudget {
		t.Errorf("default budget %d under %d", Default().Total(), MinBudget)
	}
}
