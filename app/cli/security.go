package cli

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"runtime"

	"github.com/warrantdesk/warrantdesk/app"
	"github.com/warrantdesk/warrantdesk/app/casework"
)

// dataFolder is the data folder the command works on, for messages.
func (c *command) dataFolder() string {
	d, err := DataDir(c.dataDir, c.deps.Getenv, runtime.GOOS)
	if err != nil {
		return "(no data folder)"
	}
	return d
}

// verify checks everything stored and the audit trail, changing nothing,
// and exits 1 when anything is wrong. check is its older name.
func (c *command) verify(ctx context.Context, args []string) error {
	fs := c.flags(c.name)
	asJSON := fs.Bool("json", false, "")
	headFlag := fs.String("head", "", "")
	if pos, err := parse(fs, args); err != nil {
		return err
	} else if len(pos) > 0 {
		return usagef("%s takes no arguments, got %q", c.name, pos[0])
	}
	var head *app.AuditHead
	if *headFlag != "" {
		h, err := app.ParseAuditHead(*headFlag)
		if err != nil {
			return usagef("--head: %s", app.ErrorMessage(err))
		}
		head = &h
	}
	rep, err := c.service().Verify(ctx, head)
	if err != nil {
		return err
	}
	return c.printIntegrity(rep, *asJSON)
}

func (c *command) printIntegrity(rep app.Integrity, asJSON bool) error {
	if !rep.OK() {
		c.status = ExitInput
	}
	if asJSON {
		return writeJSON(c.deps.Stdout, rep)
	}
	sealed := "not encrypted"
	if rep.Encrypted {
		sealed = "encrypted"
	}
	fmt.Fprintf(c.deps.Stdout, "%s (%s): %d cases read back whole; audit trail of %d entries, head %s\n", rep.File, sealed, rep.Cases, rep.AuditEntries, rep.AuditHead)
	for _, d := range rep.Damaged {
		fmt.Fprintf(c.deps.Stdout, "damaged: case %s, %s: %s\n", d.Case, d.What, oneLine(d.Reason))
	}
	for _, p := range rep.Problems {
		fmt.Fprintf(c.deps.Stdout, "problem: %s\n", oneLine(p))
	}
	if rep.OK() {
		fmt.Fprintln(c.deps.Stdout, "no problem found")
	} else {
		fmt.Fprintln(c.deps.Stdout, "restore the data folder from a backup (warrantdesk restore), or re-import the orders of the damaged cases")
	}
	return nil
}

// audit exports the audit trail for an auditor.
func (c *command) audit(ctx context.Context, args []string) error {
	fs := c.flags("audit")
	caseRef := fs.String("case", "", "")
	from := fs.String("from", "", "")
	to := fs.String("to", "", "")
	out := fs.String("out", "", "")
	format := fs.String("format", "", "")
	force := fs.Bool("force", false, "")
	if pos, err := parse(fs, args); err != nil {
		return err
	} else if len(pos) > 0 || *out == "" {
		return usagef("audit [--case C] [--from YYYY-MM-DD] [--to YYYY-MM-DD] --out FILE [--format csv|json] [--force]")
	}
	start, end, err := period(*from, *to)
	if err != nil {
		return err
	}
	n, err := c.service().ExportAudit(ctx, *out, *format, casework.AuditFilter{Case: *caseRef, From: start, To: end}, *force)
	if err != nil {
		return err
	}
	fmt.Fprintf(c.deps.Stdout, "%d audit entries written to %s\n", n, app.PrintableName(*out))
	return nil
}

// backup writes a hot copy of the store sealed with age, for the store's
// passphrase or an age recipient.
func (c *command) backupCmd(ctx context.Context, args []string) error {
	fs := c.flags("backup")
	out := fs.String("out", "", "")
	var recipients multi
	fs.Var(&recipients, "recipient", "")
	force := fs.Bool("force", false, "")
	if pos, err := parse(fs, args); err != nil {
		return err
	} else if len(pos) > 0 || *out == "" {
		return usagef("backup --out FILE [--recipient AGE-PUBLIC-KEY]... [--force]")
	}
	svc := c.service()
	opts := casework.BackupOptions{Passphrase: c.passphrase, Recipients: recipients.String()}
	if opts.Recipients == "" && opts.Passphrase == "" {
		// A plain store has no passphrase to seal with: ask for one.
		p, err := c.secret("a passphrase to seal the backup with", true)
		if err != nil {
			return err
		}
		opts.Passphrase = p
	}
	n, err := svc.Backup(ctx, *out, opts, *force)
	if err != nil {
		return err
	}
	whom := "the data folder's passphrase"
	if opts.Recipients != "" {
		whom = opts.Recipients
	}
	fmt.Fprintf(c.deps.Stdout, "backup of %s (%d MB) written to %s, sealed for %s\n", c.dataFolder(), (n+(1<<20)-1)>>20, app.PrintableName(*out), whom)
	return nil
}

// restore puts a backup into an empty data folder, then verifies it.
func (c *command) restore(ctx context.Context, args []string) error {
	fs := c.flags("restore")
	identity := fs.String("identity", "", "")
	pos, err := parse(fs, args)
	if err != nil {
		return err
	}
	if len(pos) != 1 {
		return usagef("restore FILE [--identity AGE-IDENTITY-FILE]: the backup goes into the --data folder, which must be empty")
	}
	ids := ""
	if *identity != "" {
		b, err := os.ReadFile(*identity)
		if err != nil {
			return &app.Error{Code: app.EINVALID, Message: fmt.Sprintf("cannot read the identity file %s: %v", app.PrintableName(*identity), rootErr(err)), Err: err}
		}
		ids = string(b)
	}
	pass, err := c.secret("the passphrase of the data folder the backup was made of", false)
	if err != nil && ids == "" {
		return err
	}
	rep, err := c.vault().Restore(ctx, pos[0], pass, ids)
	if err != nil {
		return err
	}
	fmt.Fprintf(c.deps.Stdout, "restored %s into %s\n", app.PrintableName(filepath.Base(pos[0])), c.dataFolder())
	return c.printIntegrity(rep, false)
}

// compact rewrites the database without the pages freed by changes.
func (c *command) compact(ctx context.Context, args []string) error {
	fs := c.flags("compact")
	if pos, err := parse(fs, args); err != nil {
		return err
	} else if len(pos) > 0 {
		return usagef("compact takes no arguments")
	}
	before, after, err := c.service().Compact(ctx)
	if err != nil {
		return err
	}
	fmt.Fprintf(c.deps.Stdout, "compacted %s: %d KB before, %d KB after\n", c.dataFolder(), before>>10, after>>10)
	return nil
}

// lock asks the desk open on the data folder to lock now (it looks every
// second); a command-line session holds no key between commands.
func (c *command) lock(ctx context.Context, args []string) error {
	fs := c.flags("lock")
	if pos, err := parse(fs, args); err != nil {
		return err
	} else if len(pos) > 0 {
		return usagef("lock takes no arguments")
	}
	dir, err := DataDir(c.dataDir, c.deps.Getenv, runtime.GOOS)
	if err != nil {
		return err
	}
	if st, err := os.Stat(dir); err != nil || !st.IsDir() {
		return app.Errorf(app.EINVALID, "there is no data folder %s", dir)
	}
	path := filepath.Join(dir, app.LockRequestFile)
	if err := os.WriteFile(path, nil, 0o600); err != nil {
		return &app.Error{Code: app.EIO, Message: fmt.Sprintf("could not ask the desk to lock: %v", rootErr(err)), Err: err}
	}
	fmt.Fprintf(c.deps.Stdout, "the desk open on %s locks within a second (the command line keeps no key between commands)\n", dir)
	return nil
}
