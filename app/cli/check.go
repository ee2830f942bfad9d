package cli

import (
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
		c.fail("case "+id, app.Errorf(app.EDAMAGED, "its stored record is damaged and was left out; 'warrantdesk verify' says more"))
	}
	return nil
}
