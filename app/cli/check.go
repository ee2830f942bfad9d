package cli

import (
	"context"
	"fmt"

	"github.com/warrantdesk/warrantdesk/app"
)

// damaged reports, one line each, the cases err says are damaged (the
// command goes on with the others and exits 1), and returns err when it is
// any other error.
func (c *command) damaged(err error) error {
	d, ok := app.Damaged(err)
	if !ok {
		return err
	}
	for _, id := range d.Cases {
		c.fail("case "+id, app.Errorf(app.EDAMAGED, "its stored record is damaged and was left out; 'warrantdesk check' says more"))
	}
	return nil
}

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
	rep, err := c.service().Check(ctx)
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
