package pdftext

import (
	"bufio"
	"errors"
	"io"

	"github.com/ledongthuc/pdf"
)

// errCutOff stops a walk of content that ends inside a hex string.
var errCutOff = errors.New("its content stream is cut off inside a string; its text was not read")

// refuseCutOff stops the walk (a panic the page's reader turns into its
// warning) before the parser is given a stream that would hang it.
func refuseCutOff(strm pdf.Value) {
	if cutOff(strm) {
		panic(errCutOff)
	}
}

// maxScan bounds how much of a content stream is checked by cutOff; the
// walk itself stops at maxOps operators long before that on real pages.
const maxScan = 256 << 20

// cutOff reports whether a content stream (or an array of them, read as
// one) ends inside a hex string "<…". The parser's lexer then reads its
// end-of-data newline for ever: a truncated page would hang the reader
// until its deadline, and the pages after it would be lost (found by
// FuzzContentWalk).
func cutOff(strm pdf.Value) (cut bool) {
	defer func() {
		if recover() != nil {
			cut = false // a broken stream fails in the walk, with its message
		}
	}()
	var r io.Reader
	if strm.Kind() == pdf.Array {
		var rs []io.Reader
		for i := 0; i < strm.Len(); i++ {
			rs = append(rs, strm.Index(i).Reader())
		}
		r = io.MultiReader(rs...)
	} else {
		r = strm.Reader()
	}
	br := bufio.NewReaderSize(io.LimitReader(r, maxScan), 64<<10)
	next := func() (byte, bool) {
		c, err := br.ReadByte()
		return c, err == nil
	}
	for {
		c, ok := next()
		if !ok {
			return false
		}
		switch c {
		case '%': // a comment, to the end of the line
			for ok && c != '\n' && c != '\r' {
				c, ok = next()
			}
		case '(': // a literal string: nested parentheses, backslash escapes
			for depth := 1; depth > 0; {
				if c, ok = next(); !ok {
					return false
				}
				switch c {
				case '\\':
					next()
				case '(':
					depth++
				case ')':
					depth--
				}
			}
		case '<':
			if b, err := br.Peek(1); err == nil && b[0] == '<' {
				br.ReadByte() // a dictionary
				continue
			}
			for {
				if c, ok = next(); !ok {
					return true
				}
				if c == '>' {
					break
				}
			}
		}
	}
}
