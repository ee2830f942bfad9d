package cli

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"sort"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/warrantdesk/warrantdesk/app"
	"github.com/warrantdesk/warrantdesk/app/intake"
	"github.com/warrantdesk/warrantdesk/app/search"
)

func (c *command) extract(ctx context.Context, args []string) error {
	fs := c.flags("extract")
	asJSON := fs.Bool("json", false, "")
	withText := fs.Bool("text", false, "")
	files, err := parse(fs, args)
	if err != nil {
		return err
	}
	if len(files) == 0 {
		return usagef("extract: name at least one PDF")
	}
	im := c.importer(nil)
	// Folders are expanded in place, so results come in the order named;
	// a missing file is reported by Read where it stands.
	var paths []string
	for _, f := range files {
		if st, err := os.Stat(f); err == nil && st.IsDir() {
			found, errs := intake.Expand([]string{f})
			for _, o := range errs {
				c.failJSON(*asJSON, o.File, o.Err)
			}
			paths = append(paths, found...)
			continue
		}
		paths = append(paths, f)
	}
	// Read in parallel, a few files in flight, but print in order.
	enc := json.NewEncoder(c.deps.Stdout)
	enc.SetEscapeHTML(false)
	var werr error
	im.ReadAll(ctx, paths, func(p string, r *intake.Read, err error) {
		if werr != nil {
			return
		}
		if err != nil {
			c.failJSON(*asJSON, p, err)
			return
		}
		if *asJSON {
			v := extractView(p, r.SHA256, len(r.Document.Pages), r.Document.TextSource, r.Extraction)
			for _, part := range r.Parts {
				pv := extractView(p, r.SHA256, part.Pages.To-part.Pages.From+1, r.Document.Sub(part.Pages).TextSource, part.Extraction)
				v.Orders = append(v.Orders, orderJSON{Pages: part.Pages, extractJSON: pv})
			}
			werr = enc.Encode(v)
			return
		}
		printExtraction(c.deps.Stdout, p, r.SHA256, len(r.Document.Pages), r.Document.TextSource, r.Extraction)
		for k, part := range r.Parts {
			fmt.Fprintf(c.deps.Stdout, "  order %d of %d, pages %d–%d:\n", k+1, len(r.Parts), part.Pages.From, part.Pages.To)
			printExtraction(indent{c.deps.Stdout}, "", "", part.Pages.To-part.Pages.From+1, r.Document.Sub(part.Pages).TextSource, part.Extraction)
		}
		if *withText {
			for _, pg := range r.Document.Pages {
				fmt.Fprintf(c.deps.Stdout, "--- page %d (%s) ---\n%s\n", pg.Number, pg.Source, pg.Text)
			}
		}
	})
	return werr
}

// failJSON reports a failed file on stderr, and in JSON mode also as a line
// with "error" so a tool reading stdout sees every file.
func (c *command) failJSON(asJSON bool, file string, err error) {
	c.fail(file, err)
	if asJSON {
		enc := json.NewEncoder(c.deps.Stdout)
		enc.SetEscapeHTML(false)
		enc.Encode(extractJSON{File: file, Fields: map[string]app.Field{}, Targets: []app.Target{}, DataCategories: []string{}, LegalBasis: []string{}, Warnings: []string{}, Error: app.ErrorMessage(err)})
	}
}

func printExtraction(w io.Writer, file, sha string, pages int, src app.TextSource, ex app.Extraction) {
	fmt.Fprintf(w, "%s\n  sha256        %s\n  pages         %d (text: %s)\n  process type  %s\n", file, sha, pages, src, ex.ProcessType)
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	for _, name := range app.FieldNames {
		f, ok := ex.Fields[name]
		if !ok {
			continue
		}
		comp := ""
		if f.Computed {
			comp = " (computed)"
		}
		fmt.Fprintf(tw, "  %s\t%s%s\tp.%d, %.2f\t%q\n", name, f.Value, comp, f.Page, f.Confidence, clip(f.Snippet, 70))
	}
	tw.Flush()
	for _, t := range ex.Targets {
		ts := ""
		if t.Timestamp != "" {
			ts = " at " + t.Timestamp
		}
		fmt.Fprintf(w, "  target        %s %s%s (p.%d)\n", t.Kind, t.Value, ts, t.Page)
	}
	if len(ex.DataCategories) > 0 {
		fmt.Fprintf(w, "  data          %s\n", strings.Join(ex.DataCategories, ", "))
	}
	if len(ex.LegalBasis) > 0 {
		fmt.Fprintf(w, "  legal basis   %s\n", strings.Join(ex.LegalBasis, "; "))
	}
	if nd := ex.Nondisclosure; nd.Ordered || nd.Requested {
		kind := "ordered"
		if !nd.Ordered {
			kind = "requested"
		}
		dur := "no end stated"
		if nd.Days > 0 {
			dur = fmt.Sprintf("%d days", nd.Days)
		}
		if nd.Until != nil {
			dur = "until " + *nd.Until
		}
		fmt.Fprintf(w, "  nondisclosure %s, %s %s\n", kind, dur, nd.Basis)
	}
	if ex.Emergency {
		fmt.Fprintf(w, "  EMERGENCY\n")
	}
	for _, wn := range ex.Warnings {
		fmt.Fprintf(w, "  warning       %s\n", wn)
	}
}

func clip(s string, n int) string {
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	return string(r[:n-1]) + "…"
}

func (c *command) importCmd(ctx context.Context, args []string) error {
	fs := c.flags("import")
	asJSON := fs.Bool("json", false, "")
	split := fs.Bool("split", false, "")
	paths, err := parse(fs, args)
	if err != nil {
		return err
	}
	if len(paths) == 0 {
		return usagef("import: name at least one PDF or folder")
	}
	store, err := c.openStore()
	if err != nil {
		return err
	}
	defer store.Close()
	enc := json.NewEncoder(c.deps.Stdout)
	enc.SetEscapeHTML(false)
	var created, dups, failed int
	im := c.importer(store)
	im.SplitBundles = *split
	im.ImportAll(ctx, paths, func(done, total int, o intake.Outcome) {
		line := outcomeText(o)
		switch {
		case o.Err != nil:
			failed++
			c.status = ExitInput
		case o.Duplicate:
			dups++
		default:
			created += 1 + len(o.More)
		}
		fmt.Fprintf(c.deps.Stderr, "[%d/%d] %s: %s\n", done, total, app.PrintableName(o.File), oneLine(line))
		if *asJSON {
			enc.Encode(importJSON{File: o.File, CaseID: o.CaseID, OtherCases: o.More, Status: importStatus(o), NeedsOCR: o.NeedsOCR, Error: app.ErrorMessage(o.Err)})
		}
	})
	fmt.Fprintf(c.deps.Stderr, "%d new, %d already imported, %d failed\n", created, dups, failed)
	return nil
}

type importJSON struct {
	File       string   `json:"file"`
	CaseID     string   `json:"case_id,omitempty"`
	OtherCases []string `json:"other_cases,omitempty"` // a split bundle's other orders
	Status     string   `json:"status"`
	NeedsOCR   bool     `json:"needs_ocr"`
	Error      string   `json:"error,omitempty"`
}

func importStatus(o intake.Outcome) string {
	switch {
	case o.Err != nil:
		return "failed"
	case o.Duplicate:
		return "duplicate"
	}
	return "created"
}

// cases opens the store for writing and reads every case; readCases
// opens it for reading only, which works while the desk is open.
func (c *command) cases(ctx context.Context) (app.Store, []*app.Case, error) {
	return c.casesFor(ctx, false)
}

func (c *command) readCases(ctx context.Context) (app.Store, []*app.Case, error) {
	return c.casesFor(ctx, true)
}

func (c *command) casesFor(ctx context.Context, readOnly bool) (app.Store, []*app.Case, error) {
	store, err := c.openStoreFor(readOnly)
	if err != nil {
		return nil, nil, err
	}
	cases, err := store.Cases(ctx)
	if d, ok := app.Damaged(err); ok {
		// One bad record is one bad record: the command goes on with
		// the others, names the damaged ones, and exits 1.
		for _, id := range d.Cases {
			c.fail("case "+id, app.Errorf(app.EDAMAGED, "its stored record is damaged and was left out; 'warrantdesk check' says more"))
		}
		err = nil
	}
	if err != nil {
		store.Close()
		return nil, nil, err
	}
	return store, cases, nil
}

func (c *command) list(ctx context.Context, args []string) error {
	fs := c.flags("list")
	asJSON := fs.Bool("json", false, "")
	if pos, err := parse(fs, args); err != nil {
		return err
	} else if len(pos) > 0 {
		return usagef("list takes no arguments, got %q", pos[0])
	}
	store, cases, err := c.readCases(ctx)
	if err != nil {
		return err
	}
	defer store.Close()
	app.SortByUrgency(cases)
	if *asJSON {
		return c.printCasesJSON(cases)
	}
	c.printTable(cases)
	return nil
}

func (c *command) printCasesJSON(cases []*app.Case) error {
	out := make([]caseJSON, len(cases))
	for i, k := range cases {
		out[i] = caseView(k)
	}
	enc := json.NewEncoder(c.deps.Stdout)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	return enc.Encode(out)
}

func (c *command) printTable(cases []*app.Case) {
	if len(cases) == 0 {
		fmt.Fprintln(c.deps.Stdout, "No cases. Import an order with: warrantdesk import FILE.pdf")
		return
	}
	tw := tabwriter.NewWriter(c.deps.Stdout, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "ID\tSTATUS\tTYPE\tCASE NUMBER\tDEADLINE\tAUTHORITY\tTARGETS")
	for _, k := range cases {
		ex := &k.Order.Extraction
		deadline := k.Value(app.FieldDeadline)
		if ex.Emergency {
			deadline = "EMERGENCY " + deadline
		}
		number := k.CaseNumber()
		if number == "" {
			number = "(" + k.Order.FileName + ")"
		}
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\t%s\t%d\n", k.ID[:8], k.Status, ex.ProcessType, number, dash(deadline), clip(dash(k.Value(app.FieldIssuingAuthority)), 50), len(ex.Targets))
	}
	tw.Flush()
}

func dash(s string) string {
	if s == "" {
		return "-"
	}
	return s
}

// resolve finds a case by full ID, unique ID prefix, or case number.
func resolve(cases []*app.Case, ref string) (*app.Case, error) {
	ref = strings.TrimSpace(ref)
	if ref == "" {
		return nil, usagef("name a case: its id, a unique id prefix, or its case number")
	}
	lower := strings.ToLower(ref)
	var byPrefix, byNumber []*app.Case
	for _, k := range cases {
		if k.ID == lower {
			return k, nil
		}
		if len(lower) >= 4 && strings.HasPrefix(k.ID, lower) {
			byPrefix = append(byPrefix, k)
		}
		if n := k.CaseNumber(); n != "" && strings.EqualFold(n, ref) {
			byNumber = append(byNumber, k)
		}
	}
	for _, set := range [][]*app.Case{byPrefix, byNumber} {
		switch len(set) {
		case 0:
			continue
		case 1:
			return set[0], nil
		default:
			ids := make([]string, len(set))
			for i, k := range set {
				ids[i] = k.ID
			}
			return nil, app.Errorf(app.EAMBIGUOUS, "%q matches %d cases (%s): use more of the id", ref, len(set), strings.Join(ids, ", "))
		}
	}
	return nil, app.Errorf(app.ENOTFOUND, "no case %q: 'warrantdesk list' shows the cases", ref)
}

func (c *command) show(ctx context.Context, args []string) error {
	fs := c.flags("show")
	asJSON := fs.Bool("json", false, "")
	pos, err := parse(fs, args)
	if err != nil {
		return err
	}
	if len(pos) != 1 {
		return usagef("show takes one case: its id, a unique id prefix, or its case number")
	}
	store, cases, err := c.readCases(ctx)
	if err != nil {
		return err
	}
	defer store.Close()
	k, err := resolve(cases, pos[0])
	if err != nil {
		return err
	}
	findings, err := c.findings(ctx, store, k)
	if err != nil {
		return err
	}
	if *asJSON {
		v := caseView(k)
		if findings == nil {
			findings = []app.Finding{}
		}
		v.Findings = &findings
		return writeJSON(c.deps.Stdout, v)
	}
	o := k.Order
	fmt.Fprintf(c.deps.Stdout, "case %s (%s), imported %s\n", k.ID, k.Status, o.ImportedAt.Format(time.DateTime))
	printExtraction(c.deps.Stdout, o.FileName, o.SHA256, o.Pages, o.TextSource, o.Extraction)
	for _, name := range app.FieldNames {
		if k, ok := k.Corrections[name]; ok {
			fmt.Fprintf(c.deps.Stdout, "  corrected     %s: %q (extracted %q) by %s on %s\n", name, k.Value, k.Extracted, k.By, k.At.Format(time.DateTime))
		}
	}
	if d := k.Decision; d != nil {
		fmt.Fprintf(c.deps.Stdout, "  decision      %s by %s on %s\n", d.Outcome, d.Reviewer, d.DecidedAt.Format(time.DateTime))
		for _, g := range d.Grounds {
			fmt.Fprintf(c.deps.Stdout, "  ground        %s\n", g)
		}
		if d.Note != "" {
			fmt.Fprintf(c.deps.Stdout, "  note          %s\n", oneLine(d.Note))
		}
		for _, t := range d.Targets {
			fmt.Fprintf(c.deps.Stdout, "  target        %s: %s\n", t.Target, map[bool]string{true: "produce", false: "do not produce"}[t.Produce])
		}
		if d.Notice != "" {
			fmt.Fprintf(c.deps.Stdout, "  user notice   %s %s\n", d.Notice, d.NoticeAfter)
		}
	}
	for _, f := range findings {
		fmt.Fprintf(c.deps.Stdout, "  check         %s %s: %s (%s)\n", f.Severity, f.Rule, f.Message, f.Basis)
	}
	for _, e := range k.History {
		fmt.Fprintf(c.deps.Stdout, "  history       %s %s %s %s\n", e.At.Format(time.DateTime), e.Actor, e.Action, e.Detail)
	}
	return nil
}

func (c *command) search(ctx context.Context, args []string) error {
	fs := c.flags("search")
	asJSON := fs.Bool("json", false, "")
	pos, err := parse(fs, args)
	if err != nil {
		return err
	}
	query := strings.Join(pos, " ")
	if strings.TrimSpace(query) == "" {
		return usagef("search needs a query")
	}
	store, cases, err := c.readCases(ctx)
	if err != nil {
		return err
	}
	defer store.Close()
	matches := search.NewIndex(cases).Find(query)
	if *asJSON {
		found := make([]*app.Case, len(matches))
		for i, m := range matches {
			found[i] = m.Case
		}
		return c.printCasesJSON(found)
	}
	if len(matches) == 0 {
		fmt.Fprintf(c.deps.Stdout, "No case matches %q.\n", query)
		return nil
	}
	tw := tabwriter.NewWriter(c.deps.Stdout, 0, 0, 2, ' ', 0)
	for _, m := range matches {
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s: %s\n", m.Case.ID[:8], m.Case.Order.Extraction.ProcessType, dash(m.Case.CaseNumber()), m.Field, m.Text)
	}
	tw.Flush()
	return nil
}

// multi is a repeatable string flag.
type multi []string

func (m *multi) String() string     { return strings.Join(*m, ",") }
func (m *multi) Set(s string) error { *m = append(*m, s); return nil }

func (c *command) decide(ctx context.Context, args []string) error {
	fs := c.flags("decide")
	decision := fs.String("decision", "", "")
	note := fs.String("note", "", "")
	reviewer := fs.String("reviewer", "", "")
	notice := fs.String("notice", "", "")
	noticeAfter := fs.String("notice-after", "", "")
	var grounds, produce, withhold multi
	fs.Var(&grounds, "ground", "")
	fs.Var(&produce, "produce", "")
	fs.Var(&withhold, "withhold", "")
	pos, err := parse(fs, args)
	if err != nil {
		return err
	}
	if len(pos) != 1 {
		return usagef("decide takes one case: decide CASE --decision D [--ground G]... [--note TEXT] [--reviewer NAME] [--produce TARGET]... [--withhold TARGET]... [--notice notify|delayed|not_notified [--notice-after YYYY-MM-DD]]")
	}
	if *decision == "" {
		return usagef("decide: --decision is required (comply, narrow, reject, redirect, preserve, no-data, clarify, challenge)")
	}
	outcome, err := app.ParseOutcome(*decision)
	if err != nil {
		return usagef("%s", app.ErrorMessage(err))
	}
	who := strings.TrimSpace(*reviewer)
	if who == "" {
		who = c.reviewer()
	}
	store, cases, err := c.cases(ctx)
	if err != nil {
		return err
	}
	defer store.Close()
	k, err := resolve(cases, pos[0])
	if err != nil {
		return err
	}
	sort.Strings(grounds)
	d := app.Decision{Outcome: outcome, Grounds: grounds, Note: *note, Reviewer: who, DecidedAt: c.deps.Now()}
	if d.Notice, err = app.ParseNotice(*notice); err != nil {
		return usagef("%s", app.ErrorMessage(err))
	}
	if d.NoticeAfter = strings.TrimSpace(*noticeAfter); d.NoticeAfter != "" {
		if _, err := time.Parse(time.DateOnly, d.NoticeAfter); err != nil || d.Notice != app.NoticeDelayed {
			return usagef("decide: --notice-after takes a date YYYY-MM-DD and goes with --notice delayed")
		}
	}
	if d.Targets, err = targetDecisions(k, outcome, produce, withhold); err != nil {
		return err
	}
	k.Decide(d)
	if err := store.UpdateCase(ctx, k); err != nil {
		return err
	}
	fmt.Fprintf(c.deps.Stdout, "case %s: %s, by %s\n", k.ID, outcome, who)
	return nil
}

// targetDecisions turns --produce and --withhold into one decision per
// target of the order; targets named in neither follow the outcome. A
// value the order does not name is a usage error, as it is likely a typo.
func targetDecisions(k *app.Case, outcome app.Outcome, produce, withhold []string) ([]app.TargetDecision, error) {
	if len(produce)+len(withhold) == 0 {
		return nil, nil
	}
	chosen := map[string]bool{}
	for _, list := range []struct {
		values  []string
		produce bool
	}{{produce, true}, {withhold, false}} {
		for _, v := range list.values {
			found := false
			for _, t := range k.Order.Extraction.Targets {
				if strings.EqualFold(t.Value, strings.TrimSpace(v)) {
					chosen[t.Value], found = list.produce, true
				}
			}
			if !found {
				return nil, usagef("decide: the order names no target %q (see: warrantdesk show %s)", v, k.ID[:8])
			}
		}
	}
	var out []app.TargetDecision
	d := app.Decision{Outcome: outcome}
	for _, t := range k.Order.Extraction.Targets {
		p, ok := chosen[t.Value]
		if !ok {
			p = d.Produces(t.Value)
		}
		out = append(out, app.TargetDecision{Target: t.Value, Produce: p})
	}
	return out, nil
}

// indent writes everything two spaces further in.
type indent struct{ w io.Writer }

func (i indent) Write(p []byte) (int, error) {
	s := strings.ReplaceAll(string(p), "\n", "\n  ")
	if _, err := io.WriteString(i.w, "  "+strings.TrimSuffix(s, "  ")); err != nil {
		return 0, err
	}
	return len(p), nil
}
