// Package cli is WarrantDesk's command line: the contract other tools read
// (see docs/cli.md). Each command parses its flags, calls the casework
// service (or the importer, for commands that store nothing) and prints.
// main builds the service and everything under it once, from the options
// Parse reads, and hands them to Run, which returns the exit status: 0 when
// everything succeeded, 1 when some input failed, 2 for usage errors.
package cli

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/user"
	"runtime/debug"
	"strconv"
	"strings"
	"time"

	"github.com/warrantdesk/warrantdesk/app"
	"github.com/warrantdesk/warrantdesk/app/casework"
	"github.com/warrantdesk/warrantdesk/app/intake"
	"github.com/warrantdesk/warrantdesk/app/version"
)

// Exit statuses.
const (
	ExitOK    = 0
	ExitInput = 1
	ExitUsage = 2
)

// Params are what the commands work with, built once by main.
type Params struct {
	// Service carries out the commands on the data folder's store; nil
	// when the command needs none (Invocation.NeedsStore).
	Service *casework.Service
	// Importer reads orders for the commands that store nothing (extract,
	// eval).
	Importer *intake.Importer
	Getenv   func(string) string
	// Terminal asks for passphrases; nil where there is no terminal.
	Terminal Terminal
	Now      func() time.Time
	Stdout   io.Writer
	Stderr   io.Writer
}

const usage = `WarrantDesk reviews legal process (warrants, subpoenas, court orders) offline.

Usage:
  warrantdesk [--data DIR]                       open the desktop app
  warrantdesk --version                          which build this is (version, commit, Go, OS)
  warrantdesk extract [--json] [--text] FILE...  read orders, print what was found (--text: and each page's text)
  warrantdesk import [--json] [--split] PATH...  files or folders (recursive *.pdf); --split: a case per bundled order
  warrantdesk list [--json]                      cases, most urgent first
  warrantdesk show [--json] CASE                 CASE = id, unique id prefix, or case number
  warrantdesk search [--json] QUERY              fuzzy over case number, authority, agency, targets
  warrantdesk search --text [--json] WORDS        cases whose orders' text has every word
  warrantdesk decide CASE --decision D [--ground G]... [--note TEXT] [--reviewer NAME]
                     [--produce TARGET]... [--withhold TARGET]... [--target-outcome TARGET=OUTCOME]...
                     [--notice notify|delayed|not_notified] [--notice-after YYYY-MM-DD]
                     [--verified-via callback|portal|in-person|known-contact
                     --verified-contact NUMBER-OR-ADDRESS [--verified-outcome confirmed|not_confirmed]
                     [--verified-note TEXT]] [--resolve RULE=REASON]...
  warrantdesk approve CASE --reviewer NAME [--send-back --note TEXT]   the two-person rule's second reviewer
  warrantdesk reopen CASE [--reason TEXT] [--reviewer NAME]   a decided case open again (recorded)
  warrantdesk memo CASE --out FILE [--format pdf|docx|md] [--force] [--draft]  the decision memo (format from FILE's
                                                 extension; --draft: marked not final while it awaits approval)
  warrantdesk memo --all --out DIR [--from DATE] [--to DATE] [--format pdf|docx|md] [--force]  memos of decided cases
  warrantdesk export --out FILE [--format csv|json] [--force]  the decision log, one row per case
                   (--out never writes into the data folder; an existing file is replaced only with --force)
  warrantdesk stats [--from DATE] [--to DATE] [--json]       transparency-report statistics of decisions
  warrantdesk settings [--add-domain D] [--add-account A] [--add-provider-name N] [--provider-state XX]
                     [--add-reviewer R] [--memo-folder DIR] [--lock-after MINUTES] [--remove-…] [--json]
                     [--emergency-hours H] [--routine-days D] [--retain-content-days N] [--retain-record-days N]
                     [--add-legal-contact "CUSTOMER|DOMAINS|NAME|EMAIL|PHONE|ADDRESS"] [--remove-legal-contact CUSTOMER]
                     [--sender KEY=VALUE]... [--conflict-of-law KEY=VALUE]...
                                                 enterprise customers (redirect checks), your own names, reviewers,
                                                 clocks, retention, who letters come from
  warrantdesk settings --add-agency-contact "AGENCY|DOMAIN[,DOMAIN]|PHONE" | --import-contacts FILE.csv
                     | --add-court NAME | --approval-off|--approval-on TRIGGER | --remove-…
                                                 verified agency contacts and courts, the two-person rule
  warrantdesk matter CASE [--json]               the case's matter: its cases (linked and proposed), letters, clock, timeline
  warrantdesk link CASE OTHER | unlink CASE [OTHER]   one matter, or not (unlink CASE OTHER turns a proposal down)
  warrantdesk clock CASE [--pause REASON | --resume | --new-deadline DATE-TIME] [--json]   the deadline, and its changes
  warrantdesk letter CASE --kind production|redirect|rejection|clarification|emergency|user-notice|eu-non-execution
                     --out FILE [--format pdf|docx]   the letter back, logged as outgoing correspondence
  warrantdesk correspondence CASE [--add FILE [--direction in|out] [--respond-by DATE]]   the matter's correspondence log
  warrantdesk seen IDENTIFIER [--json]           every case and matter that names it, across all years
  warrantdesk purge [--dry-run]                  remove what the retention settings say has been kept long enough
  warrantdesk verify [--json] [--head SIZE:HASH]  the audit trail, every original's SHA-256, every value opens,
                                                 the database file's consistency; exit 1 and what is wrong where
                                                 (check: the same); --head: the trail still holds what a memo's head did
  warrantdesk init                               a new encrypted data folder: asks the passphrase twice, prints the recovery key
  warrantdesk passphrase [--recovery-key]        change it (or set one on a plain store, which encrypts it)
  warrantdesk lock                               lock the desk open on the data folder (in the desk: Ctrl+L, or the idle time)
  warrantdesk audit [--case C] [--from D] [--to D] --out FILE [--format csv|json] [--force]  the audit trail, for an auditor
  warrantdesk backup --out FILE [--recipient AGE-PUBLIC-KEY]... [--force]  a hot copy sealed with age (for the passphrase
                                                 unless a recipient is given)
  warrantdesk restore FILE [--identity FILE]     into the --data folder, which must be empty; then verifies it
  warrantdesk compact                            rewrite the database without freed pages (deleted data)
  warrantdesk eval [--truth DIR] [--misses N] DIR  score extraction on orders with NAME.json truth files
  warrantdesk demo                               open the desk on a throwaway folder of fictional orders
  warrantdesk samples --out DIR [--n N] [--seed S] [--scanned]  write fictional orders with truth files
                                                 (--scanned: as noisy page images, some upside down)
  warrantdesk bench [--cases N[,N…]] [--bases B] [--import FILES] [--ocr SCAN.pdf] [--keep DIR] [--json]
                                                 time search, launch, memory, list and export on generated
                                                 stores of N cases, import and OCR, beside references

Decisions: comply, narrow, reject, redirect, preserve, no-data, clarify, challenge.
Per target: produce, withhold, redirect, no_data, preserve.

Options for every command:
  --data DIR       the data folder (default: WARRANTDESK_DATA, else the user data folder)
  --timeout DUR    how long a PDF may take to open (default 10s; each page read adds 20ms)
  --max-pages N    pages read of one file (default 2000; the rest are named in a warning)
  --ocr-pages N    pages OCR'd of one file (default 300)   --ocr-time DUR  OCR time per file (default 15m)
  --no-ocr         do not OCR pages without text (they stay marked as needing OCR)
  --tesseract PATH the tesseract program (default: WARRANTDESK_TESSERACT, else PATH)
  --passphrase-file FILE  the data folder's passphrase is the file's first line (else WARRANTDESK_PASSPHRASE,
                   else asked on the terminal; never given on the command line). A new data folder is always
                   encrypted: the first command on it, given a passphrase, makes it and prints the recovery key.

Exit status: 0 all succeeded, 1 some input failed, 2 usage error.
`

// usageError is a wrong command line.
type usageError struct{ msg string }

func (e usageError) Error() string { return e.msg }

func usagef(format string, args ...any) error { return usageError{fmt.Sprintf(format, args...)} }

// Run runs the command line args (without the program name) with the
// parts main built for it.
func Run(ctx context.Context, args []string, p Params) (status int) {
	p = p.withDefaults()
	// No command may end in a panic: say what happened instead, and log
	// where (the stack names functions, not case values).
	defer func() {
		if r := recover(); r != nil {
			if u, ok := r.(unlockFailed); ok {
				status = Report(p.Stderr, u.err)
				return
			}
			app.LogError(fmt.Errorf("panic: %v\n%s", r, debug.Stack()))
			fmt.Fprintf(p.Stderr, "warrantdesk: %s\n", app.InternalMessage)
			status = ExitInput
		}
	}()
	c := &command{deps: p}
	if err := c.dispatch(ctx, args); err != nil {
		return Report(p.Stderr, err)
	}
	return c.status
}

// Report says on w what went wrong, the way every command does, and
// returns the exit status for it: usage errors and invalid or ambiguous
// input 2, the rest 1.
func Report(w io.Writer, err error) int {
	var ue usageError
	switch {
	case err == nil:
		return ExitOK
	case errors.As(err, &ue):
		fmt.Fprintf(w, "warrantdesk: %s\nRun 'warrantdesk help' for usage.\n", ue.msg)
		return ExitUsage
	case errors.Is(err, flag.ErrHelp):
		return ExitOK
	}
	msg := app.ErrorMessage(err)
	if app.ErrorCode(err) == app.ENOTFOUND {
		msg += ": 'warrantdesk list' shows the cases"
	}
	fmt.Fprintf(w, "warrantdesk: %s\n", msg)
	if app.ErrorCode(err) == app.EINVALID || app.ErrorCode(err) == app.EAMBIGUOUS {
		return ExitUsage
	}
	return ExitInput
}

func (p Params) withDefaults() Params {
	if p.Getenv == nil {
		p.Getenv = os.Getenv
	}
	if p.Now == nil {
		p.Now = time.Now
	}
	if p.Stdout == nil {
		p.Stdout = os.Stdout
	}
	if p.Stderr == nil {
		p.Stderr = os.Stderr
	}
	return p
}

type command struct {
	deps Params
	// The options every command takes: main reads them (Parse) to build
	// the parts; a command only accepts them.
	dataDir   string
	timeout   time.Duration
	maxPages  int
	ocrPages  int
	ocrTime   time.Duration
	noOCR     bool
	tesseract string
	// passphraseFile is --passphrase-file: the passphrase is never taken
	// from the command line itself.
	passphraseFile string
	// optionsOnly makes a command stop once its flags are parsed, for
	// Parse.
	optionsOnly bool
	// unlocked is set once the store was made ready (unlock), and
	// passphrase is what unlocked it: a backup is sealed with it.
	unlocked   bool
	passphrase string
	name       string   // the command's
	args       []string // and its arguments
	status     int
}

// flags returns a flag set with the options every command takes.
func (c *command) flags(name string) *flag.FlagSet {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	fs.StringVar(&c.dataDir, "data", c.dataDir, "data folder")
	fs.DurationVar(&c.timeout, "timeout", c.timeout, "time limit per PDF")
	fs.IntVar(&c.maxPages, "max-pages", c.maxPages, "pages read per file")
	fs.IntVar(&c.ocrPages, "ocr-pages", c.ocrPages, "pages OCR'd per file")
	fs.DurationVar(&c.ocrTime, "ocr-time", c.ocrTime, "OCR time per file")
	fs.BoolVar(&c.noOCR, "no-ocr", c.noOCR, "skip OCR")
	fs.StringVar(&c.tesseract, "tesseract", c.tesseract, "tesseract program")
	fs.StringVar(&c.passphraseFile, "passphrase-file", c.passphraseFile, "file whose first line is the passphrase")
	fs.Func("passphrase", "", func(string) error { return errPassphraseFlag })
	if c.optionsOnly {
		fs.Bool(optionsOnlyFlag, true, "")
	}
	return fs
}

// maxPagesFlag is the most pages --max-pages and --ocr-pages allow.
const maxPagesFlag = 100000

// checkBudget refuses a per-file budget flag that makes no sense: a
// --timeout of -5s silently became 10 s once.
func checkBudget(fs *flag.FlagSet) error {
	var bad error
	fs.Visit(func(f *flag.Flag) {
		v := f.Value.String()
		switch f.Name {
		case "timeout", "ocr-time":
			if d, err := time.ParseDuration(v); err != nil || d <= 0 {
				bad = usagef("--%s takes a positive duration such as 10s or 2m, not %s", f.Name, v)
			}
		case "max-pages", "ocr-pages":
			if n, err := strconv.Atoi(v); err != nil || n < 1 || n > maxPagesFlag {
				bad = usagef("--%s takes a number of pages from 1 to %d, not %s", f.Name, maxPagesFlag, v)
			}
		}
	})
	return bad
}

// errPassphraseFlag refuses a passphrase given as an argument, which
// every user of the computer can read (ps, shell history).
var errPassphraseFlag = errors.New("a passphrase is never given on the command line (every user of this computer could read it): use --passphrase-file FILE, WARRANTDESK_PASSPHRASE, or the prompt")

// optionsOnlyFlag marks the flag sets of a Parse: parse stops there,
// before the command does anything.
const optionsOnlyFlag = "\x00options-only"

// errParsed ends a command run by Parse once its flags are read.
var errParsed = errors.New("flags parsed")

// parse parses flags that may come before, between or after positional
// arguments ("decide CASE --decision comply"), and returns the positional
// ones.
func parse(fs *flag.FlagSet, args []string) ([]string, error) {
	var pos []string
	for {
		if err := fs.Parse(args); err != nil {
			if errors.Is(err, flag.ErrHelp) {
				return nil, err
			}
			return nil, usagef("%s: %v", fs.Name(), err)
		}
		if err := checkBudget(fs); err != nil {
			return nil, err
		}
		args = fs.Args()
		if len(args) == 0 {
			break
		}
		if args[0] == "--" {
			pos = append(pos, args[1:]...)
			break
		}
		pos = append(pos, args[0])
		args = args[1:]
	}
	if fs.Lookup(optionsOnlyFlag) != nil {
		return nil, errParsed
	}
	return pos, nil
}

// commands runs each command by name.
var commands = map[string]func(c *command, ctx context.Context, args []string) error{
	"extract":    (*command).extract,
	"import":     (*command).importCmd,
	"list":       (*command).list,
	"show":       (*command).show,
	"search":     (*command).search,
	"decide":     (*command).decide,
	"approve":    (*command).approve,
	"reopen":     (*command).reopen,
	"memo":       (*command).memo,
	"export":     (*command).export,
	"stats":      (*command).stats,
	"settings":   (*command).settings,
	"check":      (*command).verify,
	"verify":     (*command).verify,
	"init":       (*command).initCmd,
	"passphrase": (*command).passphraseCmd,
	"lock":       (*command).lock,
	"audit":      (*command).audit,
	"backup":     (*command).backupCmd,
	"restore":    (*command).restore,
	"compact":    (*command).compact,
	"eval":       (*command).eval,
	"samples":    (*command).samples,
	"demo":       (*command).demo,
	"bench":      (*command).benchCmd,
	// Matters (matters.go).
	"matter":         (*command).matter,
	"link":           (*command).link,
	"unlink":         (*command).unlink,
	"clock":          (*command).clock,
	"letter":         (*command).letter,
	"correspondence": (*command).correspondence,
	"seen":           (*command).seen,
	"purge":          (*command).purge,
}

// storeless are the commands that work without the data folder's store.
var storeless = map[string]bool{"extract": true, "eval": true, "samples": true, "help": true, "demo": true, "lock": true, "bench": true}

func (c *command) dispatch(ctx context.Context, args []string) error {
	c.timeout = 10 * time.Second
	c.noOCR = envBool(c.deps.Getenv("WARRANTDESK_NO_OCR"))
	// Global options before the command.
	fs := c.flags("warrantdesk")
	help := fs.Bool("help", false, "")
	fs.BoolVar(help, "h", false, "")
	showVersion := fs.Bool("version", false, "")
	if err := fs.Parse(args); err != nil {
		return usagef("%v", err)
	}
	if err := checkBudget(fs); err != nil {
		return err
	}
	args = fs.Args()
	if *showVersion {
		c.name = "help" // like help: main builds nothing for it
		fmt.Fprintln(c.deps.Stdout, version.String())
		return nil
	}
	if *help || len(args) > 0 && (args[0] == "help" || args[0] == "-h" || args[0] == "--help") {
		c.name = "help"
		fmt.Fprint(c.deps.Stdout, usage)
		return nil
	}
	if len(args) == 0 {
		if c.optionsOnly {
			return errParsed
		}
		return errors.New("no command: main opens the desk") // a wiring bug, never a user's
	}
	c.name, c.args = args[0], args[1:]
	run, ok := commands[c.name]
	if !ok {
		return usagef("unknown command %q", args[0])
	}
	return run(c, ctx, c.args)
}

// Options are the options every command takes, wherever they stand on the
// command line, with the environment's defaults applied.
type Options struct {
	// DataDir is --data as given ("" for the default: DataDir).
	DataDir string
	// Timeout limits reading one PDF.
	Timeout time.Duration
	// NoOCR leaves pages without text unread (marked as needing OCR).
	NoOCR bool
	// Tesseract is the OCR program ("" to search PATH).
	Tesseract string
	// PassphraseFile is --passphrase-file.
	PassphraseFile string
	// MaxPages, OCRPages and OCRTime are the per-file budget
	// (--max-pages, --ocr-pages, --ocr-time); zero for the defaults.
	MaxPages, OCRPages int
	OCRTime            time.Duration
}

// Invocation is what a command line asks for, read without doing it, so
// main can build what the command needs first.
type Invocation struct {
	// Command is the command's name; "" opens the desk.
	Command string
	// Args are the command's arguments (after its name).
	Args    []string
	Options Options
}

// NeedsStore reports whether the command works on the data folder's
// store (the desk does too).
func (inv Invocation) NeedsStore() bool { return !storeless[inv.Command] }

// readers are the commands that only read the store.
var readers = map[string]bool{"list": true, "show": true, "search": true, "stats": true, "export": true, "memo": true, "check": true,
	"verify": true, "audit": true, "backup": true, "matter": true, "seen": true}

// ReadOnly reports whether the command only reads the store, so main opens
// it read-only and the command runs while the desk is open.
func (inv Invocation) ReadOnly() bool { return readers[inv.Command] }

// Parse reads what args ask for without running anything: each command's
// own flag set reads the options, so they are read exactly as the command
// will. Flags that do not parse are an error here (Run, with nothing built,
// reports it); what a command checks after its flags, Run reports.
func Parse(args []string, getenv func(string) string) (Invocation, error) {
	c := &command{deps: Params{Getenv: getenv}.withDefaults(), optionsOnly: true}
	c.deps.Stdout, c.deps.Stderr = io.Discard, io.Discard
	err := c.dispatch(context.Background(), args)
	if err != nil && !errors.Is(err, errParsed) {
		return Invocation{}, err
	}
	inv := Invocation{Options: Options{DataDir: c.dataDir, Timeout: c.timeout, NoOCR: c.noOCR, Tesseract: c.tesseract, PassphraseFile: c.passphraseFile,
		MaxPages: c.maxPages, OCRPages: c.ocrPages, OCRTime: c.ocrTime}}
	if inv.Options.Tesseract == "" {
		inv.Options.Tesseract = getenv("WARRANTDESK_TESSERACT")
	}
	inv.Command, inv.Args = c.name, c.args
	return inv, nil
}

// Reviewer is the default reviewer's name: WARRANTDESK_REVIEWER, else the
// login's full name, else the login name.
func Reviewer(getenv func(string) string) string {
	if r := getenv("WARRANTDESK_REVIEWER"); r != "" {
		return r
	}
	if u, err := user.Current(); err == nil {
		if u.Name != "" {
			return u.Name
		}
		return u.Username
	}
	return "unknown reviewer"
}

// importer returns the importer for commands that store nothing (they
// pass nil: what they read is never filed), telling of OCR's progress on
// stderr. It is a copy: the parts it reads with are main's.
func (c *command) importer(app.Store) *intake.Importer {
	im := *c.deps.Importer
	im.OnOCR = c.onOCR
	return &im
}

// onOCR tells of each page OCR reads, unless there is no OCR.
func (c *command) onOCR(file string, done, total int) {
	if !c.noOCR {
		fmt.Fprintf(c.deps.Stderr, "%s: OCR page %d of %d\n", app.PrintableName(file), done, total)
	}
}

// service returns the casework service, which main builds for every
// command that needs the store, with the store unlocked (or made, for a
// new data folder: unlock).
func (c *command) service() *casework.Service {
	svc := c.vault()
	if !c.unlocked {
		c.unlocked = true
		if err := c.unlock(); err != nil {
			panic(unlockFailed{err})
		}
	}
	return svc
}

// vault returns the service as it is, locked or not, for the commands
// that deal with the passphrase themselves (init, passphrase, restore).
func (c *command) vault() *casework.Service {
	if c.deps.Service == nil {
		panic("cli: no casework service for a command that needs the store") // a wiring bug
	}
	return c.deps.Service
}

func (c *command) fail(file string, err error) {
	c.status = ExitInput
	fmt.Fprintf(c.deps.Stderr, "%s: %s\n", app.PrintableName(file), oneLine(app.ErrorMessage(err)))
}

// envBool reads a boolean environment value.
func envBool(v string) bool { return v == "1" || strings.EqualFold(v, "true") }

func oneLine(s string) string { return strings.Join(strings.Fields(s), " ") }
