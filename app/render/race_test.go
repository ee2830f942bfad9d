//go:build race

package render

// raceDetector: the race detector multiplies a worker's memory several
// times over, past the address-space cap a real worker runs under.
const raceDetector = true
