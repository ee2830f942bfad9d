// Package pdftext reads the text of each page of a PDF, safely.
//
// The parser underneath, github.com/ledongthuc/pdf, reports errors by
// panicking and can hang or die fatally (stack overflow, out of memory) on
// small crafted files; recover() catches neither. So reading happens in a
// child process: the running binary re-executed as a worker, the PDF on its
// stdin and JSON on its stdout, under a wall-clock limit, a stack limit, a
// memory limit where the OS offers one, and a cap on what it may print.
// Whatever the worker does, the parent lives on and reports a clear error.
//
// Basics: Isolated implements app.TextReader; main wires its Command to the
// running executable with the hidden "worker pdftext" arguments, and calls
// ServeWorker when started that way. ReadPages is the in-process reader the
// worker runs; call it directly only on trusted input.
//
// Caveats: the parser ignores Form XObjects and fonts with /Differences
// encodings, and runs words together on some producers; pages are rebuilt
// from glyph positions to recover word gaps and lines (see rebuild.go).
package pdftext
