//go:build race

package extract

// raceEnabled: the race detector slows matching tenfold, so the tests that
// compare every pattern on every dev-set page read fewer of them under it.
const raceEnabled = true
