package cli

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/csv"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/warrantdesk/warrantdesk/app"
	"github.com/warrantdesk/warrantdesk/app/memo"
	"github.com/warrantdesk/warrantdesk/app/report"
	"github.com/warrantdesk/warrantdesk/app/review"
)

// findings runs the review checks on a case with its text and the stored
// settings.
func (c *command) findings(ctx context.Context, store app.Store, k *app.Case) ([]app.Finding, error) {
	settings, err := store.Settings(ctx)
	if err != nil {
		return nil, err
	}
	return checks(ctx, c.deps, store, settings, k)
}

// checks runs the review checks on k with settings already read, so a
// command going through every case reads them once.
func checks(ctx context.Context, d Deps, store app.Store, settings app.Settings, k *app.Case) ([]app.Finding, error) {
	pages, err := store.Pages(ctx, k.ID)
	if err != nil {
		return nil, err
	}
	// The checks read the text as the extractor read it: cleaned, OCR's
	// confusions undone.
	text := review.PagesText(pages)
	if d.Extractor != nil {
		text = d.Extractor.Text(pages)
	}
	return review.Check(review.Input{Case: k, Text: text, Settings: settings, Now: d.Now()}), nil
}

// settings shows or changes the enterprise customer list and the
// provider's own names.
func (c *command) settings(ctx context.Context, args []string) error {
	fs := c.flags("settings")
	asJSON := fs.Bool("json", false, "")
	var addDomain, rmDomain, addAccount, rmAccount, addName, rmName multi
	fs.Var(&addDomain, "add-domain", "")
	fs.Var(&rmDomain, "remove-domain", "")
	fs.Var(&addAccount, "add-account", "")
	fs.Var(&rmAccount, "remove-account", "")
	fs.Var(&addName, "add-provider-name", "")
	fs.Var(&rmName, "remove-provider-name", "")
	state := fs.String("provider-state", "\x00", "")
	pos, err := parse(fs, args)
	if err != nil {
		return err
	}
	if len(pos) > 0 {
		return usagef("settings takes only options: --add-domain D, --remove-domain D, --add-account A, --remove-account A, --add-provider-name N, --remove-provider-name N, --provider-state XX, --json")
	}
	store, err := c.openStore()
	if err != nil {
		return err
	}
	defer store.Close()
	s, err := store.Settings(ctx)
	if err != nil {
		return err
	}
	changed := len(addDomain)+len(rmDomain)+len(addAccount)+len(rmAccount)+len(addName)+len(rmName) > 0 || *state != "\x00"
	if *state != "\x00" {
		st := strings.ToUpper(strings.TrimSpace(*state))
		if st != "" && (len(st) != 2 || strings.Trim(st, "ABCDEFGHIJKLMNOPQRSTUVWXYZ") != "") {
			return usagef("settings: --provider-state takes a two-letter US state such as CA (or \"\" for none)")
		}
		s.ProviderState = st
	}
	s.EnterpriseDomains = app.NormaliseList(remove(append(s.EnterpriseDomains, addDomain...), rmDomain))
	s.EnterpriseAccounts = app.NormaliseList(remove(append(s.EnterpriseAccounts, addAccount...), rmAccount))
	s.ProviderNames = removeFold(appendNew(s.ProviderNames, addName), rmName)
	if changed {
		if err := store.SaveSettings(ctx, s); err != nil {
			return err
		}
	}
	if *asJSON {
		return writeJSON(c.deps.Stdout, s)
	}
	fmt.Fprintf(c.deps.Stdout, "enterprise domains   %s\nenterprise accounts  %s\nprovider names       %s\nprovider state       %s\n",
		dash(strings.Join(s.EnterpriseDomains, ", ")), dash(strings.Join(s.EnterpriseAccounts, ", ")), dash(strings.Join(s.ProviderNames, "; ")), dash(s.ProviderState))
	return nil
}

func remove(list, drop []string) []string {
	d := app.NormaliseList(drop)
	var out []string
	for _, s := range app.NormaliseList(list) {
		keep := true
		for _, x := range d {
			keep = keep && s != x
		}
		if keep {
			out = append(out, s)
		}
	}
	return out
}

func appendNew(list, add []string) []string {
	for _, a := range add {
		if a = strings.TrimSpace(a); a != "" {
			list = append(list, a)
		}
	}
	return list
}

func removeFold(list, drop []string) []string {
	var out []string
	for _, s := range list {
		keep := true
		for _, d := range drop {
			keep = keep && !strings.EqualFold(s, strings.TrimSpace(d))
		}
		for _, o := range out {
			keep = keep && !strings.EqualFold(o, s)
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
	from := fs.String("from", "", "")
	to := fs.String("to", "", "")
	pos, err := parse(fs, args)
	if err != nil {
		return err
	}
	if *out == "" || (*all) == (len(pos) == 1) || len(pos) > 1 {
		return usagef("memo CASE --out FILE [--format pdf|docx|md], or memo --all --out DIR [--from DATE] [--to DATE] [--format pdf|docx|md]")
	}
	f := strings.ToLower(*format)
	if f == "" && !*all {
		f = strings.TrimPrefix(strings.ToLower(filepath.Ext(*out)), ".")
	}
	if f == "" {
		f = "pdf"
	}
	if !slices.Contains(memo.Formats, f) {
		return usagef("memo: --format must be pdf, docx or md, not %q", f)
	}
	start, end, err := period(*from, *to)
	if err != nil {
		return err
	}
	store, cases, err := c.cases(ctx)
	if err != nil {
		return err
	}
	defer store.Close()
	if !*all {
		k, err := resolve(cases, pos[0])
		if err != nil {
			return err
		}
		if err := c.writeMemo(ctx, store, k, f, *out); err != nil {
			return err
		}
		fmt.Fprintf(c.deps.Stdout, "memo for case %s written to %s\n", k.ID, *out)
		return nil
	}
	if err := os.MkdirAll(*out, 0o700); err != nil {
		return app.Errorf(app.EINVALID, "cannot create the folder %s: %v", *out, err)
	}
	app.SortByUrgency(cases)
	n := 0
	for _, k := range cases {
		if k.Decision == nil || !report.InPeriod(k.Decision.DecidedAt, start, end) {
			continue
		}
		name := fmt.Sprintf("%s-%s.%s", k.Decision.DecidedAt.UTC().Format("2006-01-02"), safeName(k), f)
		if err := c.writeMemo(ctx, store, k, f, filepath.Join(*out, name)); err != nil {
			c.fail(k.ID, err)
			continue
		}
		n++
	}
	fmt.Fprintf(c.deps.Stdout, "%d memos written to %s\n", n, *out)
	return nil
}

func (c *command) writeMemo(ctx context.Context, store app.Store, k *app.Case, format, path string) error {
	return writeMemo(ctx, c.deps, store, k, format, path)
}

// WriteMemo writes the decision memo of k to path, in the format its
// extension names (.pdf, .docx, .md; PDF otherwise). The desk's Export memo
// uses it.
func WriteMemo(ctx context.Context, d Deps, store app.Store, k *app.Case, path string) error {
	if d.Now == nil {
		d.Now = time.Now
	}
	f := strings.TrimPrefix(strings.ToLower(filepath.Ext(path)), ".")
	if !slices.Contains(memo.Formats, f) {
		f = "pdf"
	}
	return writeMemo(ctx, d, store, k, f, path)
}

// writeMemo re-verifies the stored original against the SHA-256 recorded
// at import, so a memo never vouches for a file that has changed, then
// writes the memo atomically (temporary file, then rename).
func writeMemo(ctx context.Context, d Deps, store app.Store, k *app.Case, format, path string) error {
	orig, err := store.Original(ctx, k.ID)
	if err != nil {
		return err
	}
	sum := sha256.Sum256(orig)
	if hex.EncodeToString(sum[:]) != k.Order.SHA256 {
		return app.Errorf(app.EINVALID, "the stored original of case %s no longer matches the SHA-256 recorded at import (%s): the memo is refused; restore the database from a backup or re-import the order", k.ID, k.Order.SHA256)
	}
	settings, err := store.Settings(ctx)
	if err != nil {
		return err
	}
	findings, err := checks(ctx, d, store, settings, k)
	if err != nil {
		return err
	}
	md, err := memo.Markdown(d.MemoTemplate, memo.Input{Case: k, Findings: findings, Written: d.Now()})
	if err != nil {
		return err
	}
	var data []byte
	switch format {
	case "md":
		data = []byte(md)
	case "docx":
		data, err = memo.DOCX(md)
	default:
		data, err = memo.PDF(md, d.MemoFonts)
	}
	if err != nil {
		return err
	}
	return writeFileAtomic(path, data)
}

func writeFileAtomic(path string, data []byte) error {
	dir := filepath.Dir(path)
	tmp, err := os.CreateTemp(dir, ".warrantdesk-*")
	if err != nil {
		return app.Errorf(app.EINVALID, "cannot write in %s: %v", dir, err)
	}
	_, werr := tmp.Write(data)
	cerr := tmp.Close()
	if werr == nil {
		werr = cerr
	}
	if werr == nil {
		werr = os.Rename(tmp.Name(), path)
	}
	if werr != nil {
		os.Remove(tmp.Name())
		return app.Errorf(app.EINVALID, "could not write %s: %v (is the disk full?)", path, werr)
	}
	return nil
}

func safeName(k *app.Case) string {
	n := k.CaseNumber()
	if n == "" {
		n = k.ID[:8]
	}
	n = strings.Map(func(r rune) rune {
		if r == '/' || r == '\\' || r == ':' || r == ' ' || r < 32 || strings.ContainsRune(`*?"<>|`, r) {
			return '-'
		}
		return r
	}, n)
	return n + "-" + k.ID[:8]
}

// export writes the decision log.
func (c *command) export(ctx context.Context, args []string) error {
	fs := c.flags("export")
	out := fs.String("out", "", "")
	format := fs.String("format", "", "")
	pos, err := parse(fs, args)
	if err != nil {
		return err
	}
	if *out == "" || len(pos) > 0 {
		return usagef("export --out FILE [--format csv|json]")
	}
	f := strings.ToLower(*format)
	if f == "" {
		f = strings.TrimPrefix(strings.ToLower(filepath.Ext(*out)), ".")
	}
	if f != "csv" && f != "json" {
		return usagef("export: --format must be csv or json")
	}
	store, cases, err := c.cases(ctx)
	if err != nil {
		return err
	}
	defer store.Close()
	app.SortByUrgency(cases)
	settings, err := store.Settings(ctx)
	if err != nil {
		return err
	}
	found := map[string][]app.Finding{}
	for _, k := range cases {
		fs, err := checks(ctx, c.deps, store, settings, k)
		if err != nil {
			return err
		}
		found[k.ID] = fs
	}
	rows := report.Log(cases, found)
	var buf bytes.Buffer
	if f == "json" {
		ordered := make([]map[string]string, len(rows))
		for i, r := range rows {
			ordered[i] = r
		}
		enc := json.NewEncoder(&buf)
		enc.SetEscapeHTML(false)
		enc.SetIndent("", "  ")
		if err := enc.Encode(ordered); err != nil {
			return err
		}
	} else {
		w := csv.NewWriter(&buf)
		w.Write(report.Columns)
		for _, r := range rows {
			rec := make([]string, len(report.Columns))
			for i, col := range report.Columns {
				rec[i] = csvSafe(r[col])
			}
			w.Write(rec)
		}
		w.Flush()
		if err := w.Error(); err != nil {
			return err
		}
	}
	if err := writeFileAtomic(*out, buf.Bytes()); err != nil {
		return err
	}
	fmt.Fprintf(c.deps.Stdout, "%d cases written to %s\n", len(rows), *out)
	return nil
}

// csvSafe keeps a spreadsheet from running text an order put in a field as
// a formula (CSV injection): a leading =, +, - or @ gets a quote mark.
func csvSafe(s string) string {
	if s != "" && strings.ContainsRune("=+-@\t\r", rune(s[0])) {
		return "'" + s
	}
	return s
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
	store, cases, err := c.cases(ctx)
	if err != nil {
		return err
	}
	defer store.Close()
	s := report.Count(cases, start, end)
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
	section("Transparency report", s.ByCategory, report.Categories)
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
