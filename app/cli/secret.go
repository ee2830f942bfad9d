package cli

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"strings"

	"golang.org/x/term"

	"github.com/warrantdesk/warrantdesk/app"
	"github.com/warrantdesk/warrantdesk/app/casework"
)

// Terminal reads secrets from the person at the keyboard without echoing
// them. Params.Terminal is nil where there is none (a script, CI).
type Terminal interface {
	ReadSecret(prompt string) (string, error)
}

// StdTerminal is the process's own terminal, or nil when stdin is not one.
func StdTerminal() Terminal {
	if !term.IsTerminal(int(os.Stdin.Fd())) {
		return nil
	}
	return stdTerminal{}
}

type stdTerminal struct{}

func (stdTerminal) ReadSecret(prompt string) (string, error) {
	fmt.Fprint(os.Stderr, prompt)
	b, err := term.ReadPassword(int(os.Stdin.Fd()))
	fmt.Fprintln(os.Stderr)
	return string(b), err
}

// envPassphrase is the environment variable scripts give the passphrase in.
const envPassphrase = "WARRANTDESK_PASSPHRASE"

// secret reads a passphrase from --passphrase-file, else
// WARRANTDESK_PASSPHRASE, else the terminal (twice when confirm, for a
// new one) — never from the command line, where every user of the
// computer could read it. what names it at the prompt.
func (c *command) secret(what string, confirm bool) (string, error) {
	if c.passphraseFile != "" {
		return readSecretFile(c.passphraseFile)
	}
	if v := c.deps.Getenv(envPassphrase); v != "" {
		return v, nil
	}
	t := c.deps.Terminal
	if t == nil {
		return "", app.Errorf(app.EPASSPHRASE, "%s is needed: give it with --passphrase-file FILE or %s (never on the command line), or run the command on a terminal to be asked", what, envPassphrase)
	}
	p, err := t.ReadSecret(capital(what) + ": ")
	if err != nil {
		return "", &app.Error{Code: app.EPASSPHRASE, Message: "could not read the passphrase from the terminal", Err: err}
	}
	if confirm {
		again, err := t.ReadSecret("Again, to be sure: ")
		if err != nil || again != p {
			return "", app.Errorf(app.EPASSPHRASE, "the two passphrases differ: nothing was changed")
		}
	}
	return p, nil
}

func capital(s string) string {
	if s == "" {
		return s
	}
	return strings.ToUpper(s[:1]) + s[1:]
}

// readSecretFile reads a passphrase from the first line of a file.
func readSecretFile(path string) (string, error) {
	f, err := os.Open(path)
	if err != nil {
		return "", &app.Error{Code: app.EPASSPHRASE, Message: fmt.Sprintf("cannot read the passphrase file %s: %v", app.PrintableName(path), rootErr(err)), Err: err}
	}
	defer f.Close()
	line, err := bufio.NewReader(io.LimitReader(f, 64<<10)).ReadString('\n')
	if err != nil && !errors.Is(err, io.EOF) {
		return "", &app.Error{Code: app.EPASSPHRASE, Message: fmt.Sprintf("cannot read the passphrase file %s", app.PrintableName(path)), Err: err}
	}
	line = strings.TrimRight(line, "\r\n")
	if line == "" {
		return "", app.Errorf(app.EPASSPHRASE, "the passphrase file %s is empty: its first line is the passphrase", app.PrintableName(path))
	}
	return line, nil
}

func rootErr(err error) error {
	var pe *os.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}

// unlock makes the store ready for the command, once, when the command
// first asks for the service (after its own arguments are checked, so a
// usage error makes no store): a new data folder gets its encrypted store,
// with the passphrase asked twice and the recovery key printed once on
// stderr; an encrypted one is unlocked; a plain one is used as it is, with
// a warning.
func (c *command) unlock() error {
	svc := c.deps.Service
	ctx := context.Background()
	switch svc.LockState() {
	case app.StateNew:
		pass, err := c.secret("a passphrase for the new data folder", true)
		if err != nil {
			return err
		}
		recovery, err := svc.CreateStore(ctx, pass)
		if err != nil {
			return err
		}
		printRecovery(c.deps.Stderr, recovery)
		c.passphrase = pass
	case app.StateLocked:
		pass, err := c.secret("the data folder's passphrase", false)
		if err != nil {
			return err
		}
		if err := svc.Unlock(ctx, pass); err != nil {
			return err
		}
		c.passphrase = pass
	case app.StatePlain:
		fmt.Fprintln(c.deps.Stderr, "warning: this data folder is not encrypted: set a passphrase with 'warrantdesk passphrase' (it encrypts the store)")
	}
	return nil
}

// unlockFailed carries unlock's error out of service (which every command
// calls as it needs the store) to Run, which reports it.
type unlockFailed struct{ err error }

// printRecovery shows the recovery key, once.
func printRecovery(w io.Writer, key string) {
	fmt.Fprintf(w, "The data folder is encrypted. Its recovery key, shown this once — print it or write it down and keep it\n"+
		"somewhere safe away from this computer; it opens the data if the passphrase is lost:\n\n    %s\n\n", key)
}

// initCmd makes a new encrypted data folder.
func (c *command) initCmd(ctx context.Context, args []string) error {
	fs := c.flags("init")
	if pos, err := parse(fs, args); err != nil {
		return err
	} else if len(pos) > 0 {
		return usagef("init takes no arguments")
	}
	svc := c.vault()
	if svc.LockState() != app.StateNew {
		return app.Errorf(app.EINVALID, "the data folder %s holds a store already: nothing was changed (a new one goes in another folder: --data DIR)", c.dataFolder())
	}
	pass, err := c.secret("a passphrase for the new data folder", true)
	if err != nil {
		return err
	}
	recovery, err := svc.CreateStore(ctx, pass)
	if err != nil {
		return err
	}
	fmt.Fprintf(c.deps.Stdout, "new encrypted data folder %s\n", c.dataFolder())
	printRecovery(c.deps.Stdout, recovery)
	return nil
}

// passphraseCmd changes the passphrase (asking the old one, or with
// --recovery-key the recovery key), or sets one on a plain store, which
// encrypts it.
func (c *command) passphraseCmd(ctx context.Context, args []string) error {
	fs := c.flags("passphrase")
	recovery := fs.Bool("recovery-key", false, "")
	if pos, err := parse(fs, args); err != nil {
		return err
	} else if len(pos) > 0 {
		return usagef("passphrase takes no arguments")
	}
	svc := c.vault()
	switch svc.LockState() {
	case app.StateNew, app.StatePlain:
		pass, err := c.newSecret()
		if err != nil {
			return err
		}
		key, err := svc.CreateStore(ctx, pass)
		if err != nil {
			return err
		}
		fmt.Fprintln(c.deps.Stdout, "the data folder is now encrypted")
		printRecovery(c.deps.Stdout, key)
		return nil
	case app.StateLocked:
		if err := c.unlockForChange(ctx, svc, *recovery); err != nil {
			return err
		}
	}
	pass, err := c.newSecret()
	if err != nil {
		return err
	}
	if err := svc.ChangePassphrase(ctx, pass); err != nil {
		return err
	}
	fmt.Fprintln(c.deps.Stdout, "passphrase changed (the recovery key stays as it was)")
	return nil
}

// unlockForChange opens the store with what proves the right to change
// its passphrase: the old one, or the recovery key.
func (c *command) unlockForChange(ctx context.Context, svc *casework.Service, recovery bool) error {
	if !recovery {
		old, err := c.oldSecret("the current passphrase")
		if err != nil {
			return err
		}
		return svc.Unlock(ctx, old)
	}
	if c.deps.Terminal == nil {
		return app.Errorf(app.EPASSPHRASE, "the recovery key is typed at the terminal: run the command on one")
	}
	key, err := c.deps.Terminal.ReadSecret("Recovery key: ")
	if err != nil {
		return &app.Error{Code: app.EPASSPHRASE, Message: "could not read the recovery key", Err: err}
	}
	return svc.UnlockWithRecoveryKey(ctx, key)
}

// oldSecret and newSecret tell the current passphrase from the new one:
// from a script, WARRANTDESK_PASSPHRASE is the current one and
// --passphrase-file the new one; at a terminal each is asked.
func (c *command) oldSecret(what string) (string, error) {
	if v := c.deps.Getenv(envPassphrase); v != "" {
		return v, nil
	}
	file := c.passphraseFile
	c.passphraseFile = ""
	defer func() { c.passphraseFile = file }()
	if c.deps.Terminal == nil && file != "" {
		return "", app.Errorf(app.EPASSPHRASE, "to change the passphrase from a script, give the current one in %s and the new one with --passphrase-file", envPassphrase)
	}
	return c.secret(what, false)
}

func (c *command) newSecret() (string, error) {
	if c.passphraseFile != "" {
		return readSecretFile(c.passphraseFile)
	}
	if c.deps.Terminal == nil {
		return "", app.Errorf(app.EPASSPHRASE, "give the new passphrase with --passphrase-file FILE, or run the command on a terminal to be asked")
	}
	getenv := c.deps.Getenv
	c.deps.Getenv = func(k string) string {
		if k == envPassphrase {
			return ""
		}
		return getenv(k)
	}
	defer func() { c.deps.Getenv = getenv }()
	return c.secret("the new passphrase", true)
}
