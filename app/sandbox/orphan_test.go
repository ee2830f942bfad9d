//go:build unix

package sandbox

import (
	"bufio"
	"context"
	"fmt"
	"os"
	"os/exec"
	"runtime"
	"strconv"
	"strings"
	"sync/atomic"
	"syscall"
	"testing"
	"time"
)

var spun atomic.Int64

// TestMain lets the test binary play a worker that spins forever and a
// parent that starts one and waits.
func TestMain(m *testing.M) {
	switch os.Getenv("SANDBOX_TEST_ROLE") {
	case "spin":
		Confine(64<<20, 0)
		// Busy as a parser in a loop, for ever.
		for n := 0; ; n++ {
			spun.Store(int64(n))
		}
	case "parent":
		if os.Getenv("SANDBOX_TEST_NO_PDEATHSIG") != "" {
			noParentDeathSignal()
		}
		p, err := Start(context.Background(), Spec{
			Path: os.Args[0], Env: append(os.Environ(), "SANDBOX_TEST_ROLE=spin"), Memory: 64 << 20, SelfLimited: true,
		})
		if err != nil {
			fmt.Println("error", err)
			os.Exit(1)
		}
		fmt.Println(p.Pid())
		select {}
	}
	os.Exit(m.Run())
}

// TestWorker_DiesWithItsParent kills a parent while its worker spins and
// finds no worker left two seconds later: through the parent-death signal
// where the OS has one, and through the worker's own watchdog without it.
func TestWorker_DiesWithItsParent(t *testing.T) {
	cases := map[string]string{"watchdog": "1"}
	if runtime.GOOS == "linux" {
		cases["parent-death signal"] = ""
	}
	for name, noSignal := range cases {
		t.Run(name, func(t *testing.T) {
			parent := exec.Command(os.Args[0], "-test.run=^$")
			parent.Env = append(os.Environ(), "SANDBOX_TEST_ROLE=parent", "SANDBOX_TEST_NO_PDEATHSIG="+noSignal)
			out, err := parent.StdoutPipe()
			if err != nil {
				t.Fatal(err)
			}
			if err := parent.Start(); err != nil {
				t.Fatal(err)
			}
			line, err := bufio.NewReader(out).ReadString('\n')
			pid, perr := strconv.Atoi(strings.TrimSpace(line))
			if err != nil || perr != nil {
				parent.Process.Kill()
				t.Fatalf("parent said %q (%v)", line, err)
			}
			if !Alive(pid) {
				t.Fatal("the worker is not running")
			}
			time.Sleep(300 * time.Millisecond) // mid-work
			parent.Process.Signal(syscall.SIGKILL)
			parent.Wait()
			deadline := time.Now().Add(2 * time.Second)
			for Alive(pid) {
				if time.Now().After(deadline) {
					syscall.Kill(pid, syscall.SIGKILL)
					t.Fatalf("worker %d still running 2 s after its parent died", pid)
				}
				time.Sleep(50 * time.Millisecond)
			}
		})
	}
}

// TestProcess_KillEndsTheGroup shows Kill ends what the child started too.
func TestProcess_KillEndsTheGroup(t *testing.T) {
	p, err := Start(context.Background(), Spec{Path: "/bin/sh", Args: []string{"-c", "sleep 30 & echo $!; wait"}})
	if err != nil {
		t.Skip(err)
	}
	line, _ := bufio.NewReader(p.Stdout).ReadString('\n')
	grandchild, err := strconv.Atoi(strings.TrimSpace(line))
	if err != nil {
		t.Fatalf("child said %q", line)
	}
	p.Kill()
	p.Wait()
	deadline := time.Now().Add(2 * time.Second)
	for Alive(grandchild) {
		if time.Now().After(deadline) {
			syscall.Kill(grandchild, syscall.SIGKILL)
			t.Fatal("the child's own child outlived the kill")
		}
		time.Sleep(20 * time.Millisecond)
	}
}
