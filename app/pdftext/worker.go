package pdftext

import (
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"runtime/debug"

	"github.com/warrantdesk/warrantdesk/app"
)

// workerStack caps the worker's goroutine stack, so a PDF whose objects
// contain themselves fails in a fraction of a second instead of after
// growing a gigabyte of stack.
const workerStack = 64 << 20

// maxInput caps what the worker accepts on stdin.
const maxInput = 1 << 30

// reply is what the worker prints: a document or an error, never both.
type reply struct {
	Document *app.Document `json:"document,omitempty"`
	Error    string        `json:"error,omitempty"`
	// Encrypted is set when the PDF needs a password.
	Encrypted bool `json:"encrypted,omitempty"`
}

// ServeWorker is the worker side: it reads one PDF from in, writes one JSON
// reply to out and returns the process exit code. args are the worker's own
// flags, as Isolated passes them. It lowers its own limits before it parses
// anything, so a hostile file dies here, not in the parent.
func ServeWorker(args []string, in io.Reader, out io.Writer) int {
	fs := flag.NewFlagSet("worker pdftext", flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	mem := fs.Int64("mem", DefaultMemoryLimit, "memory limit in bytes")
	if err := fs.Parse(args); err != nil {
		fmt.Fprintln(out, `{"error":"bad worker arguments"}`)
		return 2
	}
	debug.SetMaxStack(workerStack)
	if *mem > 0 {
		debug.SetMemoryLimit(*mem)
		limitAddressSpace(*mem)
	}
	data, err := io.ReadAll(io.LimitReader(in, maxInput+1))
	if err != nil {
		return writeReply(out, reply{Error: "could not read the PDF from the parent: " + err.Error()})
	}
	if len(data) > maxInput {
		return writeReply(out, reply{Error: "the PDF is larger than 1 GiB"})
	}
	doc, err := ReadPages(data)
	if err != nil {
		return writeReply(out, reply{Error: err.Error(), Encrypted: errors.Is(err, ErrEncrypted)})
	}
	return writeReply(out, reply{Document: doc})
}

func writeReply(out io.Writer, r reply) int {
	if err := json.NewEncoder(out).Encode(r); err != nil {
		return 1
	}
	return 0
}
