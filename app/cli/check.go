package cli

import (
	"context"
	"fmt"

	"github.com/warrantdesk/warrantdesk/app"
)

// check reads every stored record back and checks the database file's
// structure, changing nothing; it exits 1 when anything is wrong. It will
// grow into verify.
func (c *command) check(ctx context.Context, args []string) error {
	fs := c.flags("check")
	asJSON := fs.Bool("json", false, "")
	if pos, err := parse(fs, args); err != nil {
		return err
	} else if len(pos) > 0 {
		return usagef("check takes no arguments, got %q", pos[0])
	}
	store, err := c.openStoreFor(true)
	if err != nil {
		return err
	}
	defer store.Close()
	checker, ok := store.(app.Checker)
	if !ok {
		return app.Errorf(app.EINTERNAL, "this store cannot check itself")
	}
	rep, err := checker.Check(ctx)
	if err != nil {
		return err
	}
	if !rep.OK() {
		c.status = ExitInput
	}
	if *asJSON {
		return writeJSON(c.deps.Stdout, rep)
	}
	fmt.Fprintf(c.deps.Stdout, "%s: %d cases read back whole\n", rep.File, rep.Cases)
	for _, d := range rep.Damaged {
		fmt.Fprintf(c.deps.Stdout, "damaged: case %s, %s: %s\n", d.Case, d.What, oneLine(d.Reason))
	}
	for _, p := range rep.Problems {
		fmt.Fprintf(c.deps.Stdout, "problem: %s\n", oneLine(p))
	}
	if rep.OK() {
		fmt.Fprintln(c.deps.Stdout, "no problem found")
	} else {
		fmt.Fprintln(c.deps.Stdout, "restore the data folder from a backup, or re-import the orders of the damaged cases")
	}
	return nil
}
