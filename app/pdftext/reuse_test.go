package pdftext

import (
	"context"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/warrantdesk/warrantdesk/app"
	"github.com/warrantdesk/warrantdesk/app/crafted"
	"github.com/warrantdesk/warrantdesk/app/sandbox"
)

// idlePids lists the workers waiting for a file.
func idlePids(r *Isolated) []int {
	r.mu.Lock()
	defer r.mu.Unlock()
	var out []int
	for _, w := range r.idle {
		out = append(out, w.p.Pid())
	}
	return out
}

func readOK(t *testing.T, r *Isolated, pdf []byte, want string) {
	t.Helper()
	doc, err := r.ReadText(context.Background(), pdf)
	if err != nil {
		t.Fatal(err)
	}
	if len(doc.Pages) == 0 || !strings.Contains(doc.Pages[0].Text, want) {
		t.Fatalf("page 1 lacks %q: %+v", want, doc.Pages)
	}
}

// TestIsolated_ReusesAWorkerThatReadCleanly: files read one after another
// go to the same worker, each answered with its own text.
func TestIsolated_ReusesAWorkerThatReadCleanly(t *testing.T) {
	r := testReader(10 * time.Second)
	defer r.Close()
	readOK(t, r, textPDF(t, "Search warrant for the account alpha@example.com"), "alpha@example.com")
	first := idlePids(r)
	if len(first) != 1 {
		t.Fatalf("%d idle workers after a clean read, want 1", len(first))
	}
	readOK(t, r, textPDF(t, "Grand jury subpoena for the account bravo@example.com"), "bravo@example.com")
	if again := idlePids(r); len(again) != 1 || again[0] != first[0] {
		t.Fatalf("idle workers %v after the second file, want the same worker %v", again, first)
	}
}

// TestIsolated_OneBadFileIsOneBadFile: a worker that read a hostile file
// is never given another; the files before and after it read as if alone.
func TestIsolated_OneBadFileIsOneBadFile(t *testing.T) {
	r := testReader(2 * time.Second)
	defer r.Close()
	readOK(t, r, textPDF(t, "Order before the bad file, case 1:25-mj-00001"), "1:25-mj-00001")
	before := idlePids(r)
	// A cross-reference that loops: the worker spins until its deadline.
	_, err := r.ReadText(context.Background(), crafted.Craft(crafted.OnePage("BT /F1 12 Tf 72 700 Td (Hello) Tj ET"), "/Prev XREF", 0))
	if err == nil {
		t.Log("the looping file gave some text; what matters is the worker after it")
	} else if app.ErrorCode(err) != app.EUNREADABLE {
		t.Fatalf("looping file: %v", err)
	}
	if len(before) == 1 && sandbox.Alive(before[0]) {
		t.Fatalf("worker %d that read the looping file is still running", before[0])
	}
	if idle := idlePids(r); len(idle) != 0 {
		t.Fatalf("idle workers %v after a failed file, want none", idle)
	}
	readOK(t, r, textPDF(t, "Order after the bad file, case 1:25-mj-00002"), "1:25-mj-00002")
	after := idlePids(r)
	if len(after) != 1 || after[0] == before[0] {
		t.Fatalf("the file after the bad one went to %v, want a fresh worker (not %v)", after, before)
	}
}

// TestIsolated_ErrorReplyEndsTheWorker: an encrypted file is answered with
// an error, and that worker ends.
func TestIsolated_ErrorReplyEndsTheWorker(t *testing.T) {
	r := testReader(10 * time.Second)
	defer r.Close()
	readOK(t, r, textPDF(t, "Preservation request for the account charlie@example.com"), "charlie@example.com")
	pid := idlePids(r)[0]
	if _, err := r.ReadText(context.Background(), crafted.Craft(crafted.OnePage("BT ET"), "/Encrypt << /Filter /Standard /V 2 >>", 0)); err == nil {
		t.Fatal("a file that claims encryption was read")
	}
	if idle := idlePids(r); len(idle) != 0 {
		t.Fatalf("idle workers %v after an error reply, want none", idle)
	}
	waitGone(t, pid)
}

// TestIsolated_IdleWorkerEnds: a worker waits IdleTimeout for the next
// file, then ends; Close ends the others at once.
func TestIsolated_IdleWorkerEnds(t *testing.T) {
	r := testReader(10 * time.Second)
	r.IdleTimeout = 300 * time.Millisecond
	readOK(t, r, textPDF(t, "Emergency disclosure request for delta@example.com"), "delta@example.com")
	pid := idlePids(r)[0]
	waitGone(t, pid)
	if idle := idlePids(r); len(idle) != 0 {
		t.Fatalf("idle workers %v after the idle timeout", idle)
	}

	r2 := testReader(10 * time.Second)
	readOK(t, r2, textPDF(t, "Court order for echo@example.com"), "echo@example.com")
	pid = idlePids(r2)[0]
	r2.Close()
	waitGone(t, pid)
}

// TestIsolated_IdleWorkerKilledIsReplaced: a worker that died while idle
// (killed, or ended by its own idle limit) costs the next file nothing.
func TestIsolated_IdleWorkerKilledIsReplaced(t *testing.T) {
	r := testReader(10 * time.Second)
	defer r.Close()
	readOK(t, r, textPDF(t, "Subpoena for foxtrot@example.com"), "foxtrot@example.com")
	pid := idlePids(r)[0]
	syscall.Kill(pid, syscall.SIGKILL)
	waitGone(t, pid)
	readOK(t, r, textPDF(t, "Subpoena for golf@example.com"), "golf@example.com")
}

// TestIsolated_MaxServedReplacesTheWorker: after MaxServed files a fresh
// worker takes over.
func TestIsolated_MaxServedReplacesTheWorker(t *testing.T) {
	r := testReader(10 * time.Second)
	r.MaxServed = 2
	defer r.Close()
	readOK(t, r, textPDF(t, "File one for hotel@example.com"), "hotel@example.com")
	pid := idlePids(r)[0]
	readOK(t, r, textPDF(t, "File two for india@example.com"), "india@example.com")
	if idle := idlePids(r); len(idle) != 0 {
		t.Fatalf("idle workers %v after MaxServed files, want none", idle)
	}
	waitGone(t, pid)
}

func waitGone(t *testing.T, pid int) {
	t.Helper()
	for deadline := time.Now().Add(5 * time.Second); sandbox.Alive(pid); time.Sleep(20 * time.Millisecond) {
		if time.Now().After(deadline) {
			t.Fatalf("worker %d still running", pid)
		}
	}
}
