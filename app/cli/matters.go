package cli

import (
	"context"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/warrantdesk/warrantdesk/app"
	"github.com/warrantdesk/warrantdesk/app/casework"
	"github.com/warrantdesk/warrantdesk/app/sampleorders"
)

// The matter commands: matter, link, unlink, clock, letter,
// correspondence, seen and purge (docs/cli.md).

// who is the --reviewer given, else the default reviewer.
func (c *command) who(flagged string) string {
	if w := strings.TrimSpace(flagged); w != "" {
		return w
	}
	return Reviewer(c.deps.Getenv)
}

// oneCase parses flags that take one case and returns it.
func (c *command) oneCase(ctx context.Context, fs *flag.FlagSet, args []string, usageLine string) (*app.Case, []string, error) {
	pos, err := parse(fs, args)
	if err != nil {
		return nil, nil, err
	}
	if len(pos) < 1 {
		return nil, nil, usagef("%s", usageLine)
	}
	k, err := c.service().Find(ctx, pos[0])
	return k, pos[1:], err
}

func (c *command) matter(ctx context.Context, args []string) error {
	fs := c.flags("matter")
	asJSON := fs.Bool("json", false, "")
	k, rest, err := c.oneCase(ctx, fs, args, "matter CASE [--json]")
	if err != nil {
		return err
	}
	if len(rest) > 0 {
		return usagef("matter takes one case, got %q too", rest[0])
	}
	m, err := c.service().Matter(ctx, k.ID)
	if err != nil {
		return err
	}
	if *asJSON {
		return writeJSON(c.deps.Stdout, matterView(m))
	}
	c.printMatter(m)
	return nil
}

func (c *command) printMatter(m *app.Matter) {
	w := c.deps.Stdout
	state := "open"
	if m.Closed {
		state = "closed " + m.ClosedAt.Format(time.DateTime)
	}
	fmt.Fprintf(w, "matter %s — %d case(s), %s\n", m.ID, len(m.Cases), state)
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	for _, k := range m.Cases {
		fmt.Fprintf(tw, "  case\t%s\t%s\t%s\t%s\treceived %s\t%s\n", k.ShortID(), k.ProcessType(), dash(k.CaseNumber()), k.Status,
			k.ReceivedAt().Format(time.DateTime), m.Clocks[k.ID].Describe())
	}
	tw.Flush()
	for _, p := range m.Proposals {
		fmt.Fprintf(w, "  proposed  %s (matter %s): %s — confirm with: warrantdesk link %s %s\n", strings.Join(shortIDs(p.Cases), ", "),
			app.ShortID(p.Matter), strings.Join(p.Reasons, "; "), app.ShortID(m.ID), app.ShortID(p.Cases[0]))
	}
	if k, ok := m.Clock(); ok {
		fmt.Fprintf(w, "  clock     case %s: %s%s\n", app.ShortID(m.Governing), k.Describe(), yourTime(k))
	}
	for _, f := range m.Flags {
		fmt.Fprintf(w, "  flag      %s %s: %s\n", f.Severity, f.Rule, f.Message)
	}
	for _, it := range m.Items {
		fmt.Fprintf(w, "  %-9s %s %s\n", itemLabel(it.Correspondence), it.Date.Format(time.DateTime), it.Describe())
	}
	fmt.Fprintln(w, "timeline")
	for _, e := range m.Timeline {
		by := ""
		if e.By != "" {
			by = " (" + e.By + ")"
		}
		fmt.Fprintf(w, "  %s  %s  %s%s\n", e.At.Format("2006-01-02 15:04 MST"), app.ShortID(e.Case), oneLine(e.What), by)
	}
}

func itemLabel(it app.Correspondence) string {
	if it.Letter != "" {
		return "letter"
	}
	return "mail " + string(it.Direction)
}

func shortIDs(ids []string) []string {
	out := make([]string, len(ids))
	for i, id := range ids {
		out[i] = app.ShortID(id)
	}
	return out
}

// yourTime gives the due time in the reviewer's own zone when it differs
// from the issuer's.
func yourTime(k app.Clock) string {
	if k.Due.IsZero() {
		return ""
	}
	mine, theirs := k.Due.In(time.Local), k.Due.In(k.Location())
	if mine.Format("-0700") == theirs.Format("-0700") {
		return ""
	}
	return " (your time: " + mine.Format("2006-01-02 15:04 MST") + ")"
}

func (c *command) link(ctx context.Context, args []string) error {
	fs := c.flags("link")
	reviewer := fs.String("reviewer", "", "")
	k, rest, err := c.oneCase(ctx, fs, args, "link CASE OTHER [--reviewer NAME]")
	if err != nil {
		return err
	}
	if len(rest) != 1 {
		return usagef("link CASE OTHER: name the case to link and the case whose matter it joins")
	}
	other, err := c.service().Find(ctx, rest[0])
	if err != nil {
		return err
	}
	moved, err := c.service().Link(ctx, k.ID, other.ID, c.who(*reviewer))
	if err != nil {
		return err
	}
	if len(moved) == 0 {
		fmt.Fprintf(c.deps.Stdout, "cases %s and %s are one matter already (%s)\n", k.ShortID(), other.ShortID(), other.MatterID())
		return nil
	}
	fmt.Fprintf(c.deps.Stdout, "linked: %d case(s) into matter %s (%s)\n", len(moved), moved[0].MatterID(), strings.Join(shortIDs(ids(moved)), ", "))
	return nil
}

func ids(cases []*app.Case) []string {
	out := make([]string, len(cases))
	for i, k := range cases {
		out[i] = k.ID
	}
	return out
}

func (c *command) unlink(ctx context.Context, args []string) error {
	fs := c.flags("unlink")
	reviewer := fs.String("reviewer", "", "")
	k, rest, err := c.oneCase(ctx, fs, args, "unlink CASE [OTHER] [--reviewer NAME]")
	if err != nil {
		return err
	}
	other := ""
	switch len(rest) {
	case 0:
	case 1:
		o, err := c.service().Find(ctx, rest[0])
		if err != nil {
			return err
		}
		other = o.ID
	default:
		return usagef("unlink CASE [OTHER]: one case, and the case it is not one matter with")
	}
	got, err := c.service().Unlink(ctx, k.ID, other, c.who(*reviewer))
	if err != nil {
		return err
	}
	fmt.Fprintf(c.deps.Stdout, "case %s: matter %s; not proposed again with %s\n", got.ShortID(), got.MatterID(), strings.Join(shortIDs(got.NotLinked), ", "))
	return nil
}

func (c *command) clock(ctx context.Context, args []string) error {
	fs := c.flags("clock")
	pause := fs.String("pause", "", "")
	resume := fs.Bool("resume", false, "")
	deadline := fs.String("new-deadline", "", "")
	reviewer := fs.String("reviewer", "", "")
	asJSON := fs.Bool("json", false, "")
	const line = "clock CASE --pause REASON | --resume | --new-deadline DATE-TIME [--reviewer NAME]"
	k, rest, err := c.oneCase(ctx, fs, args, line)
	if err != nil {
		return err
	}
	n := 0
	for _, set := range []bool{*pause != "", *resume, *deadline != ""} {
		if set {
			n++
		}
	}
	if len(rest) > 0 || n > 1 {
		return usagef("%s: one change at a time", line)
	}
	if n == 0 {
		return c.printClock(ctx, k, *asJSON)
	}
	ch := app.ClockChange{By: c.who(*reviewer)}
	switch {
	case *pause != "":
		ch.Action, ch.Reason = app.ClockPause, *pause
	case *resume:
		ch.Action = app.ClockResume
	default:
		cur, err := c.service().Clock(ctx, k.ID)
		if err != nil {
			return err
		}
		due, err := app.ParseDeadline(*deadline, cur.Location())
		if err != nil {
			return usagef("clock --new-deadline: %s", app.ErrorMessage(err))
		}
		ch.Action, ch.Due, ch.Reason = app.ClockDeadline, &due, "set "+due.In(cur.Location()).Format("2006-01-02 15:04 MST")
	}
	_, after, err := c.service().ChangeClock(ctx, k.ID, ch)
	if err != nil {
		return err
	}
	fmt.Fprintf(c.deps.Stdout, "case %s: clock %s%s\n", k.ShortID(), after.Describe(), yourTime(after))
	return nil
}

func (c *command) printClock(ctx context.Context, k *app.Case, asJSON bool) error {
	cl, err := c.service().Clock(ctx, k.ID)
	if err != nil {
		return err
	}
	if asJSON {
		return writeJSON(c.deps.Stdout, clockView(cl))
	}
	fmt.Fprintf(c.deps.Stdout, "case %s: %s%s\n  rule   %s\n  start  %s (%s)\n  zone   %s (%s)\n", k.ShortID(), cl.Describe(), yourTime(cl), cl.Basis,
		cl.Start.In(cl.Location()).Format("2006-01-02 15:04 MST"), cl.StartFrom, cl.Zone, cl.ZoneFrom)
	for _, ch := range cl.Changes {
		fmt.Fprintf(c.deps.Stdout, "  change %s %s %s: %s → %s\n", ch.At.Format(time.DateTime), ch.By, ch.Action, ch.Old, ch.New)
	}
	return nil
}

func (c *command) letter(ctx context.Context, args []string) error {
	fs := c.flags("letter")
	kind := fs.String("kind", "", "")
	out := fs.String("out", "", "")
	format := fs.String("format", "", "")
	reviewer := fs.String("reviewer", "", "")
	force := fs.Bool("force", false, "")
	const line = "letter CASE --kind production|redirect|rejection|clarification|emergency|user-notice|eu-non-execution --out FILE [--format pdf|docx] [--force]"
	pos, err := parse(fs, args)
	if err != nil {
		return err
	}
	if len(pos) != 1 || *out == "" || *kind == "" {
		return usagef("%s", line)
	}
	lk, err := app.ParseLetterKind(*kind)
	if err != nil {
		return usagef("letter: %s", app.ErrorMessage(err))
	}
	if _, err := casework.LetterFormat(*out, *format); err != nil {
		return usagef("letter: %s", app.ErrorMessage(err))
	}
	k, err := c.service().Find(ctx, pos[0])
	if err != nil {
		return err
	}
	it, err := c.service().WriteLetter(ctx, k.ID, lk, *out, *format, c.who(*reviewer), *force)
	if err != nil {
		return err
	}
	fmt.Fprintf(c.deps.Stdout, "%s for case %s written to %s (%s, SHA-256 %s) and logged as outgoing correspondence\n", lk.Title(), k.ShortID(), *out, it.Format, it.SHA256)
	if lk.Pauses() {
		if cl, err := c.service().Clock(ctx, k.ID); err == nil {
			fmt.Fprintf(c.deps.Stdout, "clock: %s\n", cl.Describe())
		}
	}
	return nil
}

func (c *command) correspondence(ctx context.Context, args []string) error {
	fs := c.flags("correspondence")
	add := fs.String("add", "", "")
	direction := fs.String("direction", "", "")
	respondBy := fs.String("respond-by", "", "")
	reviewer := fs.String("reviewer", "", "")
	const line = "correspondence CASE --add FILE [--direction in|out] [--respond-by YYYY-MM-DD]"
	pos, err := parse(fs, args)
	if err != nil {
		return err
	}
	if len(pos) != 1 {
		return usagef("%s", line)
	}
	dir, err := app.ParseDirection(*direction)
	if err != nil {
		return usagef("correspondence: %s", app.ErrorMessage(err))
	}
	if *respondBy != "" {
		if _, err := time.Parse(time.DateOnly, *respondBy); err != nil {
			return usagef("correspondence: --respond-by takes a date YYYY-MM-DD, not %q", *respondBy)
		}
	}
	k, err := c.service().Find(ctx, pos[0])
	if err != nil {
		return err
	}
	if *add == "" {
		m, err := c.service().Matter(ctx, k.ID)
		if err != nil {
			return err
		}
		for _, it := range m.Items {
			fmt.Fprintf(c.deps.Stdout, "%s  %s  %s\n", it.Date.Format(time.DateTime), app.ShortID(it.Case), it.Describe())
		}
		return nil
	}
	it, err := c.service().AddCorrespondence(ctx, k.ID, *add, dir, *respondBy, c.who(*reviewer))
	if err != nil {
		return err
	}
	fmt.Fprintf(c.deps.Stdout, "case %s: logged %s\n", k.ShortID(), it.Describe())
	if cl, err := c.service().Clock(ctx, k.ID); err == nil && len(cl.Changes) > 0 && cl.Changes[len(cl.Changes)-1].At.Equal(it.AddedAt) {
		fmt.Fprintf(c.deps.Stdout, "clock: %s\n", cl.Describe())
	}
	return nil
}

func (c *command) seen(ctx context.Context, args []string) error {
	fs := c.flags("seen")
	asJSON := fs.Bool("json", false, "")
	pos, err := parse(fs, args)
	if err != nil {
		return err
	}
	if len(pos) != 1 {
		return usagef("seen IDENTIFIER [--json]: one e-mail address, phone number, user name, account ID or IP address")
	}
	s, err := c.service().Seen(ctx, pos[0])
	if err != nil {
		return err
	}
	if *asJSON {
		return writeJSON(c.deps.Stdout, s)
	}
	if len(s.Cases) == 0 {
		fmt.Fprintf(c.deps.Stdout, "Not seen: no case names %s.\n", pos[0])
		return nil
	}
	fmt.Fprintf(c.deps.Stdout, "Seen in %d case(s), %d matter(s):\n", len(s.Cases), len(s.Matters))
	tw := tabwriter.NewWriter(c.deps.Stdout, 0, 0, 2, ' ', 0)
	for _, h := range s.Cases {
		fmt.Fprintf(tw, "  %s\tmatter %s\t%s\t%s\t%s\t%s %s\treceived %s\n", app.ShortID(h.Case), app.ShortID(h.Matter), h.ProcessType, dash(h.CaseNumber), h.Status, h.Role, h.Value, h.ReceivedAt.Format(time.DateOnly))
	}
	tw.Flush()
	return nil
}

func (c *command) purge(ctx context.Context, args []string) error {
	fs := c.flags("purge")
	dry := fs.Bool("dry-run", false, "")
	reviewer := fs.String("reviewer", "", "")
	pos, err := parse(fs, args)
	if err != nil {
		return err
	}
	if len(pos) > 0 {
		return usagef("purge [--dry-run]")
	}
	steps, err := c.service().Purge(ctx, *dry, c.who(*reviewer))
	if _, damaged := app.Damaged(err); err != nil && !damaged {
		return err
	}
	printPurge(c.deps.Stdout, steps, *dry)
	return err
}

func printPurge(w io.Writer, steps []app.PurgeStep, dry bool) {
	verb := "purged"
	if dry {
		verb = "would purge"
	}
	if len(steps) == 0 {
		fmt.Fprintln(w, "Nothing to purge: no closed matter is past its retention period.")
		return
	}
	kept := map[string][]string{}
	for _, s := range steps {
		fmt.Fprintf(w, "%s %s %s\n", verb, s.Stage, s.Describe())
		kept[s.Stage] = s.Keeps
	}
	for _, stage := range []string{app.PurgeContent, app.PurgeRecord} {
		if k, ok := kept[stage]; ok {
			fmt.Fprintf(w, "kept on every %s purge: %s\n", stage, strings.Join(k, "; "))
		}
	}
	fmt.Fprintf(w, "%d case(s) %s\n", len(steps), verb)
	if !dry {
		fmt.Fprintln(w, "each purge is in the audit trail; the database was rewritten without the freed pages that held what was removed")
	}
}

// matterSettingFlags are the settings command's flags for the matter
// settings; -1 is "not given".
type matterSettingFlags struct {
	emergencyHours, routineDays, contentDays, recordDays *int
	addContact, removeContact, sender, conflict          multi
}

func matterFlags(fs *flag.FlagSet) *matterSettingFlags {
	f := &matterSettingFlags{
		emergencyHours: fs.Int("emergency-hours", -1, ""), routineDays: fs.Int("routine-days", -1, ""),
		contentDays: fs.Int("retain-content-days", -1, ""), recordDays: fs.Int("retain-record-days", -1, ""),
	}
	fs.Var(&f.addContact, "add-legal-contact", "")
	fs.Var(&f.removeContact, "remove-legal-contact", "")
	fs.Var(&f.sender, "sender", "")
	fs.Var(&f.conflict, "conflict-of-law", "")
	return f
}

func (f *matterSettingFlags) given() bool {
	return *f.emergencyHours >= 0 || *f.routineDays >= 0 || *f.contentDays >= 0 || *f.recordDays >= 0 ||
		len(f.addContact)+len(f.removeContact)+len(f.sender)+len(f.conflict) > 0
}

// apply changes s as the flags say; a flag written wrongly is a usage
// error.
func (f *matterSettingFlags) apply(s app.MatterSettings) (app.MatterSettings, error) {
	for _, p := range []struct {
		v   int
		dst *int
	}{{*f.emergencyHours, &s.Clocks.EmergencyHours}, {*f.routineDays, &s.Clocks.RoutineDays}, {*f.contentDays, &s.Retention.ContentDays}, {*f.recordDays, &s.Retention.RecordDays}} {
		if p.v >= 0 {
			*p.dst = p.v
		}
	}
	for _, v := range f.addContact {
		parts := strings.Split(v, "|")
		if len(parts) < 2 || strings.TrimSpace(parts[0]) == "" {
			return s, usagef("--add-legal-contact \"CUSTOMER|DOMAIN[,DOMAIN]|NAME|EMAIL|PHONE|ADDRESS\", not %q", v)
		}
		parts = append(parts, make([]string, 6)...)
		s.LegalContacts = append(s.LegalContacts, app.LegalContact{Customer: parts[0], Domains: strings.Split(parts[1], ","),
			Name: parts[2], Email: parts[3], Phone: parts[4], Address: parts[5]})
	}
	for _, name := range f.removeContact {
		var keep []app.LegalContact
		for _, lc := range s.LegalContacts {
			if !strings.EqualFold(strings.TrimSpace(lc.Customer), strings.TrimSpace(name)) {
				keep = append(keep, lc)
			}
		}
		s.LegalContacts = keep
	}
	if err := setFields(f.sender, "sender", s.Sender.Fields()); err != nil {
		return s, err
	}
	return s, setFields(f.conflict, "conflict-of-law", s.ConflictOfLaw.Fields())
}

// setFields sets KEY=VALUE pairs into the fields named.
func setFields(pairs []string, flagName string, fields map[string]*string) error {
	for _, p := range pairs {
		k, v, ok := strings.Cut(p, "=")
		dst, known := fields[strings.ToLower(strings.TrimSpace(k))]
		if !ok || !known {
			var names []string
			for n := range fields {
				names = append(names, n)
			}
			sort.Strings(names)
			return usagef("--%s KEY=VALUE, with KEY one of %s; not %q", flagName, strings.Join(names, ", "), p)
		}
		*dst = strings.TrimSpace(v)
	}
	return nil
}

// matterSettings applies the settings command's matter flags and returns
// the matter settings as stored.
func (c *command) matterSettings(ctx context.Context, f *matterSettingFlags) (app.MatterSettings, error) {
	ms, err := c.service().MatterSettings(ctx)
	if err != nil || !f.given() {
		return ms, err
	}
	if ms, err = f.apply(ms); err != nil {
		return ms, err
	}
	return c.service().SaveMatterSettings(ctx, ms)
}

func printMatterSettings(w io.Writer, ms app.MatterSettings) {
	days := func(n int) string {
		if n == 0 {
			return "kept"
		}
		return strconv.Itoa(n) + " days after the matter closes"
	}
	eh, rd := ms.Clocks.EmergencyHours, ms.Clocks.RoutineDays
	if eh == 0 {
		eh = app.DefaultEmergencyHours
	}
	if rd == 0 {
		rd = app.DefaultRoutineDays
	}
	fmt.Fprintf(w, "emergency requests   answered within %d hours\nroutine process      answered within %d days unless it states a deadline\n", eh, rd)
	fmt.Fprintf(w, "content retention    %s\nrecord retention     %s\n", days(ms.Retention.ContentDays), days(ms.Retention.RecordDays))
	fmt.Fprintf(w, "letters signed by    %s\n", dash(strings.Join(nonEmpty(ms.Sender.Signatory, ms.Sender.Title, ms.Sender.Organisation), ", ")))
	for _, lc := range ms.LegalContacts {
		fmt.Fprintf(w, "legal contact        %s (%s)\n", lc.Describe(), strings.Join(lc.Domains, ", "))
	}
	if ms.ConflictOfLaw.Law != "" {
		fmt.Fprintf(w, "conflict of law      %s\n", ms.ConflictOfLaw.Law)
	}
}

func nonEmpty(ss ...string) []string {
	var out []string
	for _, s := range ss {
		if s != "" {
			out = append(out, s)
		}
	}
	return out
}

// printMatterLines adds to show what the case's matter and clock are.
func printMatterLines(w io.Writer, m *app.Matter, id string) {
	k := m.Clocks[id]
	fmt.Fprintf(w, "  clock         %s%s (%s)\n", k.Describe(), yourTime(k), k.Basis)
	if len(m.Cases) > 1 {
		var others []string
		for _, c := range m.Cases {
			if c.ID != id {
				others = append(others, c.ShortID())
			}
		}
		fmt.Fprintf(w, "  matter        %s with %s\n", m.ID, strings.Join(others, ", "))
	}
	for _, p := range m.Proposals {
		fmt.Fprintf(w, "  proposed link %s: %s\n", strings.Join(shortIDs(p.Cases), ", "), strings.Join(p.Reasons, "; "))
	}
	for _, f := range m.Flags {
		fmt.Fprintf(w, "  check         %s %s: %s (%s)\n", f.Severity, f.Rule, f.Message, f.Basis)
	}
}

// proposeLinks says, for each case just imported, which matters it may
// belong to, and how to confirm (stderr: the JSON on stdout is the
// import's).
func (c *command) proposeLinks(ctx context.Context, created []string) {
	for _, id := range created {
		m, err := c.service().Matter(ctx, id)
		if err != nil {
			continue
		}
		for _, p := range m.Proposals {
			fmt.Fprintf(c.deps.Stderr, "case %s may be one matter with %s (%s): warrantdesk link %s %s\n", app.ShortID(id),
				strings.Join(shortIDs(p.Cases), ", "), strings.Join(p.Reasons, "; "), app.ShortID(id), app.ShortID(p.Cases[0]))
		}
		for _, f := range m.Flags {
			fmt.Fprintf(c.deps.Stderr, "case %s: %s\n", app.ShortID(id), f.Message)
		}
	}
}

// writeDemoMatters adds to the demo's inbox orders that make matters: a
// preservation and, weeks later, the warrant for the same accounts; an
// EPOC-PR and its EPOC; an emergency e-mail with its time sent. It
// returns how many it wrote.
func writeDemoMatters(dir string, now time.Time) (int, error) {
	n := 0
	for i, kind := range []string{sampleorders.MatterUSPreservation, sampleorders.MatterEUPreservation, sampleorders.MatterEmergencyEmail} {
		orders, err := sampleorders.GenerateMatter(kind, uint64(now.UnixNano())+uint64(i), now.AddDate(0, 0, -24), 21)
		if err != nil {
			return n, err
		}
		for _, o := range orders {
			if err := os.WriteFile(filepath.Join(dir, "matter-"+o.Name+".pdf"), o.PDF, 0o600); err != nil {
				return n, err
			}
			n++
		}
	}
	return n, nil
}
