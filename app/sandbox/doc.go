// Package sandbox runs untrusted work in child processes that cannot take
// the app down with them: each child is started in its own process group,
// dies with its parent (Linux: a parent-death signal; Windows: a Job Object
// that kills on close; everywhere: a watchdog inside the worker that exits
// when its parent is gone or its own deadline passes), runs under a memory
// limit (Linux: RLIMIT_AS; Windows: the job's memory limit), and takes its
// share of a memory budget for as long as it runs, so the number of
// children at once is bounded by memory, not only by cores.
//
// Parent and worker talk in frames (frame.go): a size line, a JSON header
// and a binary payload, each capped before it is read, so a worker taken
// over by a hostile file can at worst send a bad answer, never make the
// parent allocate without bound.
//
// See docs/security.md for the limits as the user sees them.
package sandbox
