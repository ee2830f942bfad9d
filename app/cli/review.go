package cli

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/warrantdesk/warrantdesk/app"
	"github.com/warrantdesk/warrantdesk/app/casework"
	"github.com/warrantdesk/warrantdesk/app/report"
)

// settingsChanged reports whether settings was asked to change a list (lists
// values added or removed) or one of its single values.
func settingsChanged(lists int, state, memoFolder string, lockAfter int) bool {
	return lists > 0 || state != unset || memoFolder != unset || lockAfter != -1
}

// settings shows or changes the enterprise customer list, the provider's
// own names, the reviewers, the memo folder, the desk's idle time and
// (settingsTrust) the directory of agency contacts and courts and the
// two-person rule.
func (c *command) settings(ctx context.Context, args []string) error {
	fs := c.flags("settings")
	asJSON := fs.Bool("json", false, "")
	var addDomain, rmDomain, addAccount, rmAccount, addName, rmName, addReviewer, rmReviewer multi
	fs.Var(&addDomain, "add-domain", "")
	fs.Var(&rmDomain, "remove-domain", "")
	fs.Var(&addAccount, "add-account", "")
	fs.Var(&rmAccount, "remove-account", "")
	fs.Var(&addName, "add-provider-name", "")
	fs.Var(&rmName, "remove-provider-name", "")
	fs.Var(&addReviewer, "add-reviewer", "")
	fs.Var(&rmReviewer, "remove-reviewer", "")
	state := fs.String("provider-state", unset, "")
	memoFolder := fs.String("memo-folder", unset, "")
	lockAfter := fs.Int("lock-after", -1, "")
	mf := matterFlags(fs)
	trust := settingsTrustFlags(fs)
	pos, err := parse(fs, args)
	if err != nil {
		return err
	}
	if len(pos) > 0 {
		return usagef("settings takes only options: --add-domain D, --remove-domain D, --add-account A, --remove-account A, --add-provider-name N, --remove-provider-name N, --add-reviewer R, --remove-reviewer R, --provider-state XX, --memo-folder DIR, --lock-after MINUTES, --add-agency-contact \"AGENCY|DOMAIN[,DOMAIN]|PHONE\", --remove-agency-contact AGENCY, --import-contacts FILE.csv, --add-court N, --remove-court N, --approval-off T, --approval-on T, the matter settings (warrantdesk help), --json")
	}
	s, err := c.service().Settings(ctx)
	if err != nil {
		return err
	}
	if s, err = trust.importFile(ctx, c.service(), s); err != nil {
		return err
	}
	lists := len(addDomain) + len(rmDomain) + len(addAccount) + len(rmAccount) + len(addName) + len(rmName) + len(addReviewer) + len(rmReviewer)
	if settingsChanged(lists, *state, *memoFolder, *lockAfter) || trust.changes() {
		if s, err = setValues(s, *state, *memoFolder, *lockAfter); err != nil {
			return err
		}
		if err := trust.apply(&s, Reviewer(c.deps.Getenv), c.deps.Now()); err != nil {
			return err
		}
		// The lists are compared as they are kept: normalised.
		sameName := func(a, b string) bool { return strings.EqualFold(strings.TrimSpace(a), strings.TrimSpace(b)) }
		s.EnterpriseDomains = without(app.NormaliseList(append(s.EnterpriseDomains, addDomain...)), app.NormaliseList(rmDomain), strings.EqualFold)
		s.EnterpriseAccounts = without(app.NormaliseList(append(s.EnterpriseAccounts, addAccount...)), app.NormaliseList(rmAccount), strings.EqualFold)
		s.ProviderNames = without(append(s.ProviderNames, addName...), rmName, sameName)
		s.Reviewers = without(append(s.Reviewers, addReviewer...), rmReviewer, sameName)
		if s, err = c.service().SaveSettings(ctx, s); err != nil {
			return err
		}
	}
	ms, err := c.matterSettings(ctx, mf)
	if err != nil {
		return err
	}
	if *asJSON {
		return writeJSON(c.deps.Stdout, struct {
			app.Settings
			Matters app.MatterSettings `json:"matters"`
		}{s, ms})
	}
	memo := s.MemoFolder
	if memo == "" {
		memo = casework.DefaultMemoFolder() + " (the default)"
	}
	fmt.Fprintf(c.deps.Stdout, "enterprise domains   %s\nenterprise accounts  %s\nprovider names       %s\nprovider state       %s\nreviewers            %s\nmemo folder          %s\ndesk locks after     %d min untouched\n",
		dash(strings.Join(s.EnterpriseDomains, ", ")), dash(strings.Join(s.EnterpriseAccounts, ", ")), dash(strings.Join(s.ProviderNames, "; ")), dash(s.ProviderState),
		dash(strings.Join(s.Reviewers, "; ")), memo, int(s.LockAfter().Minutes()))
	printMatterSettings(c.deps.Stdout, ms)
	printTrustSettings(c.deps.Stdout, s)
	return nil
}

// setValues sets in s the single values given (unset, or -1, when not).
func setValues(s app.Settings, state, memoFolder string, lockAfter int) (app.Settings, error) {
	if state != unset {
		s.ProviderState = state
	}
	if memoFolder != unset {
		s.MemoFolder = memoFolder
	}
	if lockAfter != -1 {
		if lockAfter < 1 || lockAfter > app.MaxLockAfter {
			return s, usagef("--lock-after takes minutes from 1 to %d", app.MaxLockAfter)
		}
		s.LockAfterMinutes = lockAfter
	}
	return s, nil
}

// unset is a string flag's value when it was not given.
const unset = "\x00"

// without returns list less the entries same as one in drop.
func without(list, drop []string, same func(a, b string) bool) []string {
	var out []string
	for _, s := range list {
		keep := true
		for _, d := range drop {
			keep = keep && !same(s, d)
		}
		if keep {
			out = append(out, s)
		}
	}
	return out
}

// memo writes the decision memo of one case, or with --all of every case
// decided in a period into a folder.
func (c *command) memo(ctx context.Context, args []string) error {
	fs := c.flags("memo")
	out := fs.String("out", "", "")
	format := fs.String("format", "", "")
	all := fs.Bool("all", false, "")
	draft := fs.Bool("draft", false, "")
	force := fs.Bool("force", false, "")
	from := fs.String("from", "", "")
	to := fs.String("to", "", "")
	pos, err := parse(fs, args)
	if err != nil {
		return err
	}
	if *out == "" || (*all) == (len(pos) == 1) || len(pos) > 1 || *all && *draft {
		return usagef("memo CASE --out FILE [--format pdf|docx|md] [--force] [--draft], or memo --all --out DIR [--from DATE] [--to DATE] [--format pdf|docx|md] [--force]")
	}
	named := *out
	if *all {
		named = "" // a folder: its name says nothing of the format
	}
	f, err := casework.MemoFormat(named, *format)
	if err != nil {
		return usagef("memo: %s", app.ErrorMessage(err))
	}
	start, end, err := period(*from, *to)
	if err != nil {
		return err
	}
	if !*all {
		k, err := c.service().Find(ctx, pos[0])
		if err != nil {
			return err
		}
		if err := c.exportMemo(ctx, k, *out, f, *force, *draft); err != nil {
			return err
		}
		fmt.Fprintf(c.deps.Stdout, "memo for case %s written to %s\n", k.ID, *out)
		return nil
	}
	n, err := c.service().ExportMemos(ctx, *out, f, start, end, *force, func(k *app.Case, err error) { c.fail(k.ID, err) })
	if err = c.damaged(err); err != nil {
		return err
	}
	fmt.Fprintf(c.deps.Stdout, "%d memos written to %s\n", n, *out)
	return nil
}

// exportMemo writes one case's memo, final or (draft) marked not final
// while it awaits approval; a refused final memo says what to do.
func (c *command) exportMemo(ctx context.Context, k *app.Case, out, format string, force, draft bool) error {
	export := c.service().ExportMemo
	if draft {
		export = c.service().ExportDraftMemo
	}
	err := export(ctx, k.ID, out, format, force)
	if errors.Is(err, app.ErrAwaitApproval) {
		return &app.Error{Code: app.EBLOCKED, Message: app.ErrorMessage(err) + " (memo --draft, or: warrantdesk approve " + k.ShortID() + " --reviewer NAME)", Err: err}
	}
	return err
}

// export writes the decision log.
func (c *command) export(ctx context.Context, args []string) error {
	fs := c.flags("export")
	out := fs.String("out", "", "")
	format := fs.String("format", "", "")
	force := fs.Bool("force", false, "")
	pos, err := parse(fs, args)
	if err != nil {
		return err
	}
	if *out == "" || len(pos) > 0 {
		return usagef("export --out FILE [--format csv|json] [--force]")
	}
	f, err := casework.LogFormat(*out, *format)
	if err != nil {
		return usagef("export: %s", app.ErrorMessage(err))
	}
	n, err := c.service().ExportLog(ctx, *out, f, *force)
	if err = c.damaged(err); err != nil {
		return err
	}
	fmt.Fprintf(c.deps.Stdout, "%d cases written to %s\n", n, *out)
	return nil
}

// stats prints statistics for a period.
func (c *command) stats(ctx context.Context, args []string) error {
	fs := c.flags("stats")
	from := fs.String("from", "", "")
	to := fs.String("to", "", "")
	asJSON := fs.Bool("json", false, "")
	pos, err := parse(fs, args)
	if err != nil {
		return err
	}
	if len(pos) > 0 {
		return usagef("stats [--from YYYY-MM-DD] [--to YYYY-MM-DD] [--json]")
	}
	start, end, err := period(*from, *to)
	if err != nil {
		return err
	}
	s, err := c.service().Stats(ctx, start, end)
	if err = c.damaged(err); err != nil {
		return err
	}
	if *asJSON {
		return writeJSON(c.deps.Stdout, s)
	}
	span := "all time"
	if s.From != "" || s.To != "" {
		span = fmt.Sprintf("%s to %s", dash(s.From), dash(s.To))
	}
	fmt.Fprintf(c.deps.Stdout, "Decided %d orders (%s), naming %d accounts; %d open.\n", s.Decided, span, s.Accounts, s.Open)
	tw := tabwriter.NewWriter(c.deps.Stdout, 0, 0, 2, ' ', tabwriter.AlignRight)
	section := func(title string, m map[string]int, order []string) {
		fmt.Fprintf(c.deps.Stdout, "\n%s\n", title)
		if order == nil {
			order = report.Keys(m)
		}
		for _, k := range order {
			fmt.Fprintf(tw, "%d\t  %s\n", m[k], k)
		}
		tw.Flush()
	}
	section("Transparency report", s.ByCategory, report.Categories())
	section("By process type", s.ByType, nil)
	section("By jurisdiction", s.ByJurisdiction, nil)
	section("By decision", s.ByDecision, nil)
	section("By data requested (an order may ask for several)", s.ByData, nil)
	return nil
}

func period(from, to string) (time.Time, time.Time, error) {
	var start, end time.Time
	var err error
	if from != "" {
		if start, err = time.Parse(time.DateOnly, from); err != nil {
			return start, end, usagef("--from takes a date YYYY-MM-DD, not %q", from)
		}
	}
	if to != "" {
		if end, err = time.Parse(time.DateOnly, to); err != nil {
			return start, end, usagef("--to takes a date YYYY-MM-DD, not %q", to)
		}
	}
	if !start.IsZero() && !end.IsZero() && end.Before(start) {
		return start, end, usagef("--to (%s) is before --from (%s)", to, from)
	}
	return start, end, nil
}

func writeJSON(w interface{ Write([]byte) (int, error) }, v any) error {
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	return enc.Encode(v)
}
