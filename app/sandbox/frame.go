package sandbox

import (
	"bufio"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"
)

// A frame is "H P\n" (the header's and payload's sizes in decimal), then H
// bytes of JSON, then P bytes of payload. Sizes come first so the reader
// checks them against its caps before it allocates anything.

// maxSizeLine bounds the size line: two 19-digit numbers, a space and a
// newline.
const maxSizeLine = 48

// ErrFrame is wrapped by every error about a malformed frame.
var ErrFrame = errors.New("malformed frame")

// WriteFrame writes header (as JSON) and payload as one frame.
func WriteFrame(w io.Writer, header any, payload []byte) error {
	h, err := json.Marshal(header)
	if err != nil {
		return err
	}
	if _, err := fmt.Fprintf(w, "%d %d\n", len(h), len(payload)); err != nil {
		return err
	}
	if _, err := w.Write(h); err != nil {
		return err
	}
	if len(payload) > 0 {
		_, err = w.Write(payload)
	}
	return err
}

// FrameHead returns the start of a frame whose payload of size bytes the
// caller streams after it, so a large payload (a PDF) is never copied.
func FrameHead(header any, size int64) ([]byte, error) {
	h, err := json.Marshal(header)
	if err != nil {
		return nil, err
	}
	return append(fmt.Appendf(nil, "%d %d\n", len(h), size), h...), nil
}

// Limits caps what ReadFrame accepts.
type Limits struct {
	Header  int // bytes of JSON
	Payload int64
}

// ReadFrame reads one frame. It returns io.EOF only at a clean end between
// frames; a frame cut short, a size over its limit or a size line that is
// not two numbers is an error wrapping ErrFrame.
func ReadFrame(r *bufio.Reader, lim Limits) (header []byte, payload []byte, err error) {
	header, size, err := ReadHeader(r, lim)
	if err != nil {
		return nil, nil, err
	}
	payload, err = ReadPayload(r, size)
	return header, payload, err
}

// ReadHeader reads a frame's size line and header, and returns the size of
// the payload that follows (checked against lim), for ReadPayload: a worker
// sets its limits between the two.
func ReadHeader(r *bufio.Reader, lim Limits) (header []byte, payloadSize int64, err error) {
	line, err := readSizeLine(r)
	if err != nil {
		return nil, 0, err
	}
	hs, ps, ok := strings.Cut(line, " ")
	h, err1 := strconv.ParseInt(hs, 10, 64)
	p, err2 := strconv.ParseInt(ps, 10, 64)
	if !ok || err1 != nil || err2 != nil || h < 2 || p < 0 {
		return nil, 0, fmt.Errorf("%w: bad size line %q", ErrFrame, line)
	}
	if h > int64(lim.Header) {
		return nil, 0, fmt.Errorf("%w: header of %d bytes, limit %d", ErrFrame, h, lim.Header)
	}
	if p > lim.Payload {
		return nil, 0, fmt.Errorf("%w: payload of %d bytes, limit %d", ErrFrame, p, lim.Payload)
	}
	header = make([]byte, h)
	if _, err := io.ReadFull(r, header); err != nil {
		return nil, 0, fmt.Errorf("%w: header cut short: %v", ErrFrame, err)
	}
	if !json.Valid(header) {
		return nil, 0, fmt.Errorf("%w: header is not JSON", ErrFrame)
	}
	return header, p, nil
}

// ReadPayload reads the size bytes ReadHeader announced.
func ReadPayload(r *bufio.Reader, size int64) ([]byte, error) {
	if size == 0 {
		return nil, nil
	}
	payload := make([]byte, size)
	if _, err := io.ReadFull(r, payload); err != nil {
		return nil, fmt.Errorf("%w: payload cut short: %v", ErrFrame, err)
	}
	return payload, nil
}

func readSizeLine(r *bufio.Reader) (string, error) {
	var b strings.Builder
	for b.Len() < maxSizeLine {
		c, err := r.ReadByte()
		if err != nil {
			if err == io.EOF && b.Len() == 0 {
				return "", io.EOF
			}
			return "", fmt.Errorf("%w: size line cut short", ErrFrame)
		}
		if c == '\n' {
			return b.String(), nil
		}
		if (c < '0' || c > '9') && c != ' ' {
			return "", fmt.Errorf("%w: size line holds %q", ErrFrame, c)
		}
		b.WriteByte(c)
	}
	return "", fmt.Errorf("%w: size line too long", ErrFrame)
}
