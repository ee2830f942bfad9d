package cli

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"slices"
	"sort"
	"strings"
	"sync"
	"text/tabwriter"
	"time"

	"github.com/warrantdesk/warrantdesk/app"
	"github.com/warrantdesk/warrantdesk/app/casework"
	"github.com/warrantdesk/warrantdesk/app/intake"
	"github.com/warrantdesk/warrantdesk/app/report"
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
	paths := c.expand(files, *asJSON)
	enc := json.NewEncoder(c.deps.Stdout)
	enc.SetEscapeHTML(false)
	var werr error
	// Read in parallel, a few files in flight (intake bounds the bytes),
	// and print in order.
	c.importer(nil).ReadAll(ctx, paths, func(p string, r *intake.Read, err error) {
		switch {
		case werr != nil:
		case err != nil:
			c.failJSON(*asJSON, p, err)
		case *asJSON:
			werr = enc.Encode(readView(p, r))
		default:
			c.printRead(p, r, *withText)
		}
	})
	return werr
}

// expand turns folders into the PDFs in them, in place, so results come in
// the order named; a missing file is reported by Read where it stands.
func (c *command) expand(files []string, asJSON bool) []string {
	var paths []string
	for _, f := range files {
		if st, err := os.Stat(f); err == nil && st.IsDir() {
			found, errs := intake.Expand([]string{f})
			for _, o := range errs {
				c.failJSON(asJSON, o.File, o.Err)
			}
			paths = append(paths, found...)
			continue
		}
		paths = append(paths, f)
	}
	return paths
}

// readView is one line of extract --json: the file, and each order of a
// bundle.
func readView(file string, r *intake.Read) extractJSON {
	v := extractView(file, r.SHA256, len(r.Document.Pages), r.Document.TextSource, r.Extraction)
	for _, part := range r.Parts {
		pv := extractView(file, r.SHA256, part.Pages.To-part.Pages.From+1, r.Document.Sub(part.Pages).TextSource, part.Extraction)
		v.Orders = append(v.Orders, orderJSON{Pages: part.Pages, extractJSON: pv})
	}
	return v
}

// printRead prints what was read from a file, each order of a bundle, and
// with text each page's text.
func (c *command) printRead(file string, r *intake.Read, text bool) {
	w := c.deps.Stdout
	printExtraction(w, file, r.SHA256, len(r.Document.Pages), r.Document.TextSource, r.Extraction)
	for k, part := range r.Parts {
		fmt.Fprintf(w, "  order %d of %d, pages %d–%d:\n", k+1, len(r.Parts), part.Pages.From, part.Pages.To)
		printExtraction(indent{w}, "", "", part.Pages.To-part.Pages.From+1, r.Document.Sub(part.Pages).TextSource, part.Extraction)
	}
	if text {
		for _, pg := range r.Document.Pages {
			fmt.Fprintf(w, "--- page %d (%s) ---\n%s\n", pg.Number, pg.Source, pg.Text)
		}
	}
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
	for _, name := range app.FieldNames() {
		f, ok := ex.Fields[name]
		if !ok {
			continue
		}
		comp := ""
		if f.Computed {
			comp = " (computed)"
		}
		fmt.Fprintf(tw, "  %s\t%s%s\tp.%d, %.2f\t%q\n", name, f.Value, comp, f.Page, f.Confidence, app.Clip(f.Snippet, 70))
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
	if gag := ex.Nondisclosure.Describe(); gag != "" {
		fmt.Fprintf(w, "  nondisclosure %s %s\n", gag, ex.Nondisclosure.Basis)
	}
	if ex.Emergency {
		fmt.Fprintf(w, "  EMERGENCY\n")
	}
	for _, wn := range ex.Warnings {
		fmt.Fprintf(w, "  warning       %s\n", wn)
	}
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
	enc := json.NewEncoder(c.deps.Stdout)
	enc.SetEscapeHTML(false)
	// Files are read side by side: a scan's first-page line and another
	// file's outcome may come at once.
	var out sync.Mutex
	opts := casework.ImportOptions{Split: *split, OnOCR: c.onOCR}
	if *asJSON {
		told := map[string]bool{}
		opts.OnFields = func(file string, ex app.Extraction) {
			out.Lock()
			defer out.Unlock()
			if told[file] {
				return
			}
			told[file] = true
			v := extractView(file, "", 0, app.SourceOCR, ex)
			enc.Encode(importJSON{File: file, Status: "first_page", FirstPage: &v})
		}
	}
	var created, dups, failed int
	var newIDs []string
	c.service().Import(ctx, paths, opts, func(done, total int, o app.ImportOutcome) {
		out.Lock()
		defer out.Unlock()
		newIDs = append(newIDs, o.Created()...)
		switch {
		case o.Err != nil:
			failed++
			c.status = ExitInput
		case o.Duplicate:
			dups++
		default:
			created += len(o.CaseIDs)
		}
		msg := app.ErrorMessage(o.Err)
		fmt.Fprintf(c.deps.Stderr, "[%d/%d] %s: %s\n", done, total, app.PrintableName(o.File), oneLine(outcomeText(o, msg)))
		if *asJSON {
			v := importJSON{File: o.File, Status: importStatus(o), NeedsOCR: o.NeedsOCR, Error: msg}
			if len(o.CaseIDs) > 0 {
				v.CaseID, v.OtherCases = o.CaseIDs[0], o.CaseIDs[1:]
			}
			enc.Encode(v)
		}
	})
	fmt.Fprintf(c.deps.Stderr, "%d new, %d already imported, %d failed\n", created, dups, failed)
	c.proposeLinks(ctx, newIDs)
	return nil
}

// outcomeText says what became of a file; msg is its error's message.
func outcomeText(o app.ImportOutcome, msg string) string {
	switch {
	case o.Err != nil:
		return "could not import: " + msg
	case o.Duplicate:
		return "already imported as case " + strings.Join(o.CaseIDs, ", ")
	case len(o.CaseIDs) > 1:
		return fmt.Sprintf("%d orders, new cases %s", len(o.CaseIDs), strings.Join(o.CaseIDs, ", "))
	case o.NeedsOCR:
		return "new case " + strings.Join(o.CaseIDs, "") + " (needs OCR)"
	}
	return "new case " + strings.Join(o.CaseIDs, "")
}

type importJSON struct {
	File       string   `json:"file"`
	CaseID     string   `json:"case_id,omitempty"`
	OtherCases []string `json:"other_cases,omitempty"` // a split bundle's other orders
	Status     string   `json:"status"`
	NeedsOCR   bool     `json:"needs_ocr"`
	Error      string   `json:"error,omitempty"`
	// FirstPage ("first_page" lines) is what a scan's pages read so far
	// hold, printed once its first page is read, before its outcome.
	FirstPage *extractJSON `json:"first_page,omitempty"`
}

func importStatus(o app.ImportOutcome) string {
	switch {
	case o.Err != nil:
		return "failed"
	case o.Duplicate:
		return "duplicate"
	}
	return "created"
}

func (c *command) list(ctx context.Context, args []string) error {
	fs := c.flags("list")
	asJSON := fs.Bool("json", false, "")
	if pos, err := parse(fs, args); err != nil {
		return err
	} else if len(pos) > 0 {
		return usagef("list takes no arguments, got %q", pos[0])
	}
	if *asJSON {
		// Case by case, so a list of any size streams in flat memory.
		a := report.NewJSONArray(c.deps.Stdout)
		err := c.service().EachCase(ctx, func(k *app.Case) error { return a.Add(caseView(k)) })
		if err = c.damaged(err); err != nil {
			return err
		}
		return a.Close()
	}
	var rows []listRow
	err := c.service().EachSummary(ctx, func(k *app.Summary) error {
		rows = append(rows, newListRow(k))
		return nil
	})
	if err = c.damaged(err); err != nil {
		return err
	}
	return c.printTable(rows)
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

// printTable lists the cases' rows most urgent first, written as the
// table is made (writeTable).
func (c *command) printTable(rows []listRow) error {
	if len(rows) == 0 {
		fmt.Fprintln(c.deps.Stdout, "No cases. Import an order with: warrantdesk import FILE.pdf")
		return nil
	}
	slices.SortFunc(rows, func(a, b listRow) int { return strings.Compare(a.key(), b.key()) })
	return writeTable(c.deps.Stdout, func(row func(cells *[tableColumns]string)) {
		cells := [tableColumns]string{"ID", "STATUS", "TYPE", "CASE NUMBER", "DEADLINE", "AUTHORITY", "TARGETS"}
		row(&cells)
		for _, r := range rows {
			r.cells(&cells)
			row(&cells)
		}
	})
}

func dash(s string) string {
	if s == "" {
		return "-"
	}
	return s
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
	k, err := c.service().Find(ctx, pos[0])
	if err != nil {
		return err
	}
	findings, err := c.service().Findings(ctx, k)
	if err != nil {
		return err
	}
	m, err := c.service().Matter(ctx, k.ID)
	if err != nil {
		return err
	}
	if *asJSON {
		v := caseView(k)
		if findings == nil {
			findings = []app.Finding{}
		}
		v.Findings = &findings
		v.Matter, v.Clock = matterRefView(m, k.ID), clockView(m.Clocks[k.ID])
		return writeJSON(c.deps.Stdout, v)
	}
	o := k.Order
	fmt.Fprintf(c.deps.Stdout, "case %s (%s), imported %s\n", k.ID, k.Status, o.ImportedAt.Format(time.DateTime))
	printExtraction(c.deps.Stdout, o.FileName, o.SHA256, o.Pages, o.TextSource, o.Extraction)
	for _, name := range app.CorrectableNames() {
		if k, ok := k.Corrections[name]; ok {
			value := fmt.Sprintf("%q", k.Value)
			if k.Cleared {
				value = "cleared (the order states none)"
			}
			fmt.Fprintf(c.deps.Stdout, "  corrected     %s: %s (extracted %q) by %s on %s\n", name, value, k.Extracted, k.By, k.At.Format(time.DateTime))
		}
	}
	if k.Decision != nil {
		printDecision(c.deps.Stdout, k.Decision)
	}
	printTrust(c.deps.Stdout, k)
	for _, f := range findings {
		fmt.Fprintf(c.deps.Stdout, "  check         %s%s %s: %s (%s)\n", f.Severity, blockingWord(f), f.Rule, f.Message, f.Basis)
	}
	printMatterLines(c.deps.Stdout, m, k.ID)
	for _, e := range k.History {
		fmt.Fprintf(c.deps.Stdout, "  history       %s %s %s %s\n", e.At.Format(time.DateTime), e.Actor, e.Action, e.Detail)
	}
	return nil
}

// printDecision prints who decided what, on which grounds, for which
// targets, and what the user is told.
func printDecision(w io.Writer, d *app.Decision) {
	fmt.Fprintf(w, "  decision      %s by %s on %s\n", d.Outcome, d.Reviewer, d.DecidedAt.Format(time.DateTime))
	for _, g := range d.Grounds {
		fmt.Fprintf(w, "  ground        %s\n", g)
	}
	if d.Note != "" {
		fmt.Fprintf(w, "  note          %s\n", oneLine(d.Note))
	}
	for _, t := range d.Targets {
		fmt.Fprintf(w, "  target        %s: %s\n", t.Target, d.For(t.Target).Label())
	}
	if d.Notice != "" {
		fmt.Fprintf(w, "  user notice   %s %s\n", d.Notice, d.NoticeAfter)
	}
}

func (c *command) search(ctx context.Context, args []string) error {
	fs := c.flags("search")
	asJSON := fs.Bool("json", false, "")
	inText := fs.Bool("text", false, "")
	pos, err := parse(fs, args)
	if err != nil {
		return err
	}
	query := strings.Join(pos, " ")
	if strings.TrimSpace(query) == "" {
		return usagef("search needs a query")
	}
	// The summaries and the stored index: no whole case is read but the
	// ones --json prints (and any the index is behind on).
	sums, err := c.service().Summaries(ctx)
	if err = c.damaged(err); err != nil {
		return err
	}
	ix, err := c.service().SearchIndex(ctx, sums)
	if err != nil {
		return err
	}
	if *inText {
		return c.searchText(ctx, sums, ix, query, *asJSON)
	}
	matches := ix.Find(query)
	if *asJSON {
		ids := make([]string, len(matches))
		for i, m := range matches {
			ids[i] = m.ID
		}
		found, err := c.service().CasesOf(ctx, ids)
		if err = c.damaged(err); err != nil {
			return err
		}
		return c.printCasesJSON(found)
	}
	if len(matches) == 0 {
		fmt.Fprintf(c.deps.Stdout, "No case matches %q.\n", query)
		return nil
	}
	byID := make(map[string]*app.Summary, len(sums))
	for i := range sums {
		byID[sums[i].ID] = &sums[i]
	}
	tw := tabwriter.NewWriter(c.deps.Stdout, 0, 0, 2, ' ', 0)
	for _, m := range matches {
		if k := byID[m.ID]; k != nil {
			fmt.Fprintf(tw, "%s\t%s\t%s\t%s: %s\n", app.ShortID(k.ID), k.ProcessType, dash(k.CaseNumber), m.Field, m.Text)
		}
	}
	tw.Flush()
	return nil
}

// searchText prints the cases whose orders' text holds every word of
// query, most urgent first (the summaries' order).
func (c *command) searchText(ctx context.Context, sums []app.Summary, ix *search.Index, query string, asJSON bool) error {
	hits, err := ix.FindText(ctx, query)
	if err != nil {
		return err
	}
	var found []*app.Summary
	for i := range sums {
		if _, ok := hits[sums[i].ID]; ok {
			found = append(found, &sums[i])
		}
	}
	if asJSON {
		ids := make([]string, len(found))
		for i, k := range found {
			ids[i] = k.ID
		}
		cases, err := c.service().CasesOf(ctx, ids)
		if err = c.damaged(err); err != nil {
			return err
		}
		return c.printCasesJSON(cases)
	}
	if len(found) == 0 {
		fmt.Fprintf(c.deps.Stdout, "No order's text has %q.\n", query)
		return nil
	}
	tw := tabwriter.NewWriter(c.deps.Stdout, 0, 0, 2, ' ', 0)
	for _, k := range found {
		fmt.Fprintf(tw, "%s\t%s\t%s\ttext: %s\n", app.ShortID(k.ID), k.ProcessType, dash(k.CaseNumber), strings.Join(hits[k.ID], " "))
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
	var grounds, produce, withhold, perTarget multi
	fs.Var(&grounds, "ground", "")
	fs.Var(&produce, "produce", "")
	fs.Var(&withhold, "withhold", "")
	fs.Var(&perTarget, "target-outcome", "")
	tf := trustFlags(fs)
	pos, err := parse(fs, args)
	if err != nil {
		return err
	}
	if len(pos) != 1 {
		return usagef("decide takes one case: decide CASE --decision D [--ground G]... [--note TEXT] [--reviewer NAME] [--produce TARGET]... [--withhold TARGET]... [--target-outcome TARGET=OUTCOME]... [--notice notify|delayed|not_notified [--notice-after YYYY-MM-DD]]")
	}
	chosen, err := targetChoices(produce, withhold, perTarget)
	if err != nil {
		return err
	}
	who := strings.TrimSpace(*reviewer)
	if who == "" {
		who = Reviewer(c.deps.Getenv)
	}
	sort.Strings(grounds)
	d := app.Decision{Outcome: app.Outcome(strings.ToLower(strings.TrimSpace(*decision))), Grounds: grounds, Note: *note, Reviewer: who,
		Notice: app.Notice(strings.ToLower(strings.TrimSpace(*notice))), NoticeAfter: strings.TrimSpace(*noticeAfter)}
	if d.Outcome == "" && len(chosen) > 0 {
		d.Outcome = app.Comply // checked again below, once the targets are known
	}
	// The decision is checked before the case is looked up: a wrong
	// command line is a usage error whatever the case.
	if err := d.Validate(); err != nil {
		return decideUsage(err, *decision == "")
	}
	v, resolutions, err := tf.read(who)
	if err != nil {
		return err
	}
	k, err := c.service().Find(ctx, pos[0])
	if err != nil {
		return err
	}
	if d.Targets, err = k.PlanTargets(d.Outcome, chosen); err != nil {
		return usagef("decide: %s (see: warrantdesk show %s)", app.ErrorMessage(err), k.ShortID())
	}
	if *decision == "" && len(d.Targets) > 0 {
		// Only per-target outcomes were given: the case's follows them.
		d.Outcome = app.DeriveOutcome(d.Targets)
	}
	for _, g := range d.Contradictions() {
		fmt.Fprintf(c.deps.Stderr, "warrantdesk: note: the ground %q argues against the outcome %s; it is recorded as given\n", g, d.Outcome)
	}
	if k, err = c.decideTrusted(ctx, k, d, v, resolutions); err != nil {
		return err
	}
	c.printDecided(k)
	return nil
}

// decideTrusted records the verification and resolutions given, then the
// decision; a refusal says what unblocks it.
func (c *command) decideTrusted(ctx context.Context, k *app.Case, d app.Decision, v *app.Verification, resolutions []resolution) (*app.Case, error) {
	if err := c.recordTrust(ctx, k.ID, v, resolutions, d.Reviewer); err != nil {
		return nil, refusedDecision(err, k.ShortID())
	}
	decided, err := c.service().Decide(ctx, k.ID, d)
	if err != nil {
		return nil, refusedDecision(err, k.ShortID())
	}
	return decided, nil
}

// targetChoices reads --produce, --withhold and --target-outcome
// TARGET=OUTCOME into one choice per target.
func targetChoices(produce, withhold, perTarget []string) (map[string]app.TargetOutcome, error) {
	chosen := map[string]app.TargetOutcome{}
	for _, v := range produce {
		chosen[v] = app.TargetProduce
	}
	for _, v := range withhold {
		chosen[v] = app.TargetWithhold
	}
	for _, kv := range perTarget {
		t, o, ok := strings.Cut(kv, "=")
		if !ok || strings.TrimSpace(t) == "" {
			return nil, usagef("decide: --target-outcome takes TARGET=OUTCOME (produce, withhold, redirect, no_data, preserve), not %q", kv)
		}
		outcome, err := app.ParseTargetOutcome(o)
		if err != nil {
			return nil, usagef("decide: %s", app.ErrorMessage(err))
		}
		chosen[t] = outcome
	}
	return chosen, nil
}

// reopen makes a decided case open again, with the reason recorded.
func (c *command) reopen(ctx context.Context, args []string) error {
	fs := c.flags("reopen")
	reason := fs.String("reason", "", "")
	reviewer := fs.String("reviewer", "", "")
	pos, err := parse(fs, args)
	if err != nil {
		return err
	}
	if len(pos) != 1 {
		return usagef("reopen takes one case: reopen CASE [--reason TEXT] [--reviewer NAME]")
	}
	who := strings.TrimSpace(*reviewer)
	if who == "" {
		who = Reviewer(c.deps.Getenv)
	}
	k, err := c.service().Find(ctx, pos[0])
	if err != nil {
		return err
	}
	if k, err = c.service().Reopen(ctx, k.ID, who, *reason); err != nil {
		return err
	}
	fmt.Fprintf(c.deps.Stdout, "case %s: reopened by %s; the decision is kept as the draft\n", k.ID, who)
	return nil
}

// decideUsage says what app.Decision.Validate found in the flags' words.
func decideUsage(err error, noDecision bool) error {
	switch {
	case errors.Is(err, app.ErrNoOutcome) && noDecision:
		return usagef("decide: --decision is required (comply, narrow, reject, redirect, preserve, no-data, clarify, challenge)")
	case errors.Is(err, app.ErrNoticeDate):
		return usagef("decide: --notice-after takes a date YYYY-MM-DD and goes with --notice delayed")
	}
	return usagef("decide: %s", app.ErrorMessage(err))
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
