//go:build race

package evaluation

// raceEnabled: under the race detector, WebAssembly rendering and OCR of the
// whole corpus take too long; make test runs that test without it.
const raceEnabled = true
