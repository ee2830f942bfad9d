package cli

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"time"

	"github.com/warrantdesk/warrantdesk/app"
	"github.com/warrantdesk/warrantdesk/app/casework"
	"github.com/warrantdesk/warrantdesk/app/sampleorders"
)

// Demo is a throwaway data folder with fictional orders waiting to be
// imported, so anyone can try the desk in one command (warrantdesk demo).
// main opens the store on Data, fills it, opens the desk and removes the
// folder when the window closes.
type Demo struct {
	// Dir is the throwaway folder; Data the data folder inside it.
	Dir, Data string
	// NoOCR fills the demo without OCR (its orders have text anyway).
	NoOCR  bool
	inbox  string
	orders int
}

func (c *command) demoFlags(args []string) (int, error) {
	fs := c.flags("demo")
	n := fs.Int("n", 38, "")
	if pos, err := parse(fs, args); err != nil {
		return 0, err
	} else if len(pos) > 0 {
		return 0, usagef("demo takes no arguments")
	}
	if *n < 1 || *n > 10000 {
		return 0, usagef("demo: --n must be between 1 and 10000")
	}
	return *n, nil
}

// demo only reads its flags (for Parse): main does the rest (NewDemo).
func (c *command) demo(_ context.Context, args []string) error {
	if _, err := c.demoFlags(args); err != nil {
		return err
	}
	return errors.New("demo: main opens the desk") // a wiring bug, never a user's
}

// NewDemo writes fictional orders, dated around now, into a new folder;
// args are the demo command's (Invocation.Args).
func NewDemo(args []string, p Params) (*Demo, error) {
	p = p.withDefaults()
	c := &command{deps: p}
	n, err := c.demoFlags(args)
	if err != nil {
		return nil, err
	}
	dir, err := os.MkdirTemp("", "warrantdesk-demo-")
	if err != nil {
		return nil, &app.Error{Code: app.EINTERNAL, Message: "cannot make a demo folder", Err: err}
	}
	d := &Demo{Dir: dir, Data: filepath.Join(dir, "data"), inbox: filepath.Join(dir, "orders")}
	orders, err := sampleorders.GenerateAround(uint64(time.Now().UnixNano()), n, p.Now())
	if err == nil {
		err = os.MkdirAll(d.inbox, 0o700)
	}
	for _, o := range orders {
		if err != nil {
			break
		}
		err = os.WriteFile(filepath.Join(d.inbox, o.Name+".pdf"), o.PDF, 0o600)
	}
	if err != nil {
		d.Remove()
		return nil, &app.Error{Code: app.EINTERNAL, Message: "cannot write the demo orders", Err: err}
	}
	d.orders = len(orders)
	return d, nil
}

// Seal encrypts the demo's store under a random passphrase kept in memory,
// as every new store is encrypted, and says it on stderr: the demo's data
// is fictional and thrown away, and the passphrase unlocks the desk after
// Ctrl+L.
func (d *Demo) Seal(ctx context.Context, svc *casework.Service, stderr io.Writer) error {
	b := make([]byte, 9)
	if _, err := rand.Read(b); err != nil {
		return err
	}
	pass := "demo-" + hex.EncodeToString(b)
	if _, err := svc.CreateStore(ctx, pass); err != nil {
		return err
	}
	fmt.Fprintf(stderr, "demo: the throwaway data folder is encrypted; after a lock (Ctrl+L) it unlocks with %s\n", pass)
	return nil
}

// Fill imports the demo's orders through svc and says where they are.
func (d *Demo) Fill(ctx context.Context, svc *casework.Service, stderr io.Writer) {
	svc.Import(ctx, []string{d.inbox}, casework.ImportOptions{NoOCR: d.NoOCR}, nil)
	fmt.Fprintf(stderr, "demo: %d fictional orders in %s (deleted when the window closes)\n", d.orders, d.Dir)
}

// Remove deletes the demo's folder and everything in it.
func (d *Demo) Remove() error { return os.RemoveAll(d.Dir) }
