package app

import (
	"fmt"
	"slices"
	"sort"
	"strings"
	"time"
)

// A reviewer answers matters, not documents: a preservation letter and
// the warrant that follows it weeks later, an order and its extension,
// an EPOC and the clarification it needed. A matter is the cases linked
// into one; a case nobody linked is a matter of its own, whose ID is the
// case's. Linking and unlinking change only the case that moves, so each
// is one change of one stored case.

// MatterState is what a case keeps of its matter and what follows from
// it. It is embedded in Case.
type MatterState struct {
	// Matter is the matter the case was linked into; "" for a matter of
	// its own (MatterID).
	Matter string `json:"matter,omitempty"`
	// NotLinked are cases the reviewer said belong to another matter:
	// they are never proposed again.
	NotLinked []string `json:"not_linked,omitempty"`
	// Clock holds the changes made to the case's deadline (clock.go).
	Clock *ClockRecord `json:"clock,omitempty"`
	// Correspondence is what came in and went out on the case: e-mails,
	// notes, the letters written (correspondence.go).
	Correspondence []Correspondence `json:"correspondence,omitempty"`
	// Purged says what retention removed, and when (retention.go).
	Purged *Purge `json:"purged,omitempty"`
}

// PriorRef is where an order speaks of earlier process: a preservation it
// follows or an earlier request, with the reference numbers it gives.
type PriorRef struct {
	Kind    string   `json:"kind"`
	Numbers []string `json:"numbers,omitempty"`
	Page    int      `json:"page"`
	Snippet string   `json:"snippet"`
}

// Kinds of prior reference.
const (
	PriorPreservation = "preservation"
	PriorRequest      = "request"
)

// MatterID is the matter the case belongs to.
func (c *Case) MatterID() string {
	if c.Matter != "" {
		return c.Matter
	}
	return c.ID
}

// IsHold reports whether the case is a preservation, whose clock is how
// long data is kept rather than when to answer.
func (c *Case) IsHold() bool {
	t := c.ProcessType()
	return t == Preservation2703f || t == EPOCPR
}

// ReceivedAt is when the case came in: its import, else its creation.
func (c *Case) ReceivedAt() time.Time {
	if !c.Order.ImportedAt.IsZero() {
		return c.Order.ImportedAt
	}
	return c.CreatedAt
}

// LinkTo puts the case into other's matter and records who did it. It
// reports false when the case is in that matter already.
func (c *Case) LinkTo(other *Case, by string, at time.Time) (bool, error) {
	switch {
	case other.ID == c.ID:
		return false, Errorf(EINVALID, "a case cannot be linked to itself")
	case strings.TrimSpace(by) == "":
		return false, Errorf(EINVALID, "name who links the cases: the history records it")
	case c.MatterID() == other.MatterID():
		return false, nil
	}
	was := c.MatterID()
	c.Matter = other.MatterID()
	c.NotLinked = slices.DeleteFunc(slices.Clone(c.NotLinked), func(id string) bool { return id == other.ID })
	c.touch(by, at, "linked", fmt.Sprintf("to case %s: matter %s (was %s)", other.ID, ShortID(c.Matter), ShortID(was)))
	return true, nil
}

// Unlink records that the case is not part of the matter of the cases
// in notWith and, when leave is set, takes it out of its matter into a
// new one of its own, newID.
func (c *Case) Unlink(notWith []string, leave bool, newID, by string, at time.Time) error {
	if strings.TrimSpace(by) == "" {
		return Errorf(EINVALID, "name who unlinks the case: the history records it")
	}
	not := slices.Clone(c.NotLinked)
	for _, id := range notWith {
		if id != c.ID && !slices.Contains(not, id) {
			not = append(not, id)
		}
	}
	c.NotLinked = not
	detail := "not the same matter as " + strings.Join(shortIDs(notWith), ", ")
	if leave {
		detail = fmt.Sprintf("out of matter %s into a matter of its own; %s", ShortID(c.MatterID()), detail)
		c.Matter = newID
	}
	c.touch(by, at, "unlinked", detail)
	return nil
}

func shortIDs(ids []string) []string {
	out := make([]string, len(ids))
	for i, id := range ids {
		out[i] = ShortID(id)
	}
	return out
}

// Proposal is a matter a case may belong to: the cases in it that match
// and why.
type Proposal struct {
	Matter  string   `json:"matter"`
	Cases   []string `json:"cases"`
	Reasons []string `json:"reasons"`
}

// Proposals finds the matters among all that c's matter may be one with:
// a case that names one of its cases' identifiers (as normalised by
// Target.Key), has its case number, cites one or is cited by one. A shared
// issuing authority or IP address adds to a reason but is none on its
// own: one agency sends many unrelated orders, and many users share an
// address. Cases the reviewer unlinked from one of the matter's and
// tombstones of purged records are never proposed.
func Proposals(c *Case, all []*Case) []Proposal {
	members := Members(c, all)
	facts := make([]linkFacts, len(members))
	for i, k := range members {
		facts[i] = newLinkFacts(k)
	}
	byMatter := map[string]*Proposal{}
	var order []string
	for _, o := range all {
		if o.MatterID() == c.MatterID() || o.Purged.record() {
			continue
		}
		theirs := newLinkFacts(o)
		var reasons []string
		strong := false
		for i, k := range members {
			if notLinked(k, o) {
				strong, reasons = false, nil
				break
			}
			if k.Purged.record() {
				continue
			}
			r, s := facts[i].reasons(theirs)
			reasons, strong = append(reasons, r...), strong || s
		}
		if !strong {
			continue
		}
		p, ok := byMatter[o.MatterID()]
		if !ok {
			p = &Proposal{Matter: o.MatterID()}
			byMatter[o.MatterID()] = p
			order = append(order, o.MatterID())
		}
		p.Cases = append(p.Cases, o.ID)
		for _, r := range reasons {
			if !slices.Contains(p.Reasons, r) {
				p.Reasons = append(p.Reasons, r)
			}
		}
	}
	out := make([]Proposal, 0, len(order))
	for _, m := range order {
		out = append(out, *byMatter[m])
	}
	return out
}

func notLinked(a, b *Case) bool {
	return slices.Contains(a.NotLinked, b.ID) || slices.Contains(b.NotLinked, a.ID)
}

// linkFacts are what two cases are compared on.
type linkFacts struct {
	c         *Case
	keys      map[IdentifierKey]string // key → the value as the order wrote it
	number    string
	cites     map[string]bool
	authority string
}

func newLinkFacts(c *Case) linkFacts {
	f := linkFacts{c: c, keys: map[IdentifierKey]string{}, cites: map[string]bool{}, number: normNumber(c.CaseNumber()),
		authority: strings.ToLower(strings.Join(strings.Fields(c.Value(FieldIssuingAuthority)), " "))}
	for _, t := range c.Targets() {
		if k := t.Key(); k.Value != "" {
			f.keys[k] = t.Value
		}
	}
	for _, p := range c.Order.Extraction.Prior {
		for _, n := range p.Numbers {
			if n := normNumber(n); n != f.number {
				f.cites[n] = true
			}
		}
	}
	return f
}

// normNumber compares case numbers as written by different hands:
// without spaces, any case.
func normNumber(s string) string { return strings.ToUpper(strings.Join(strings.Fields(s), "")) }

// minCited is the shortest number a citation is believed for: shorter
// ones ("12", "2025") turn up in any text.
const minCited = 5

// reasons says why f and o may be one matter, and whether any reason is
// strong enough on its own.
func (f linkFacts) reasons(o linkFacts) ([]string, bool) {
	var out []string
	strong := false
	var shared []string
	for k, v := range f.keys {
		if _, ok := o.keys[k]; ok {
			shared = append(shared, v)
			strong = strong || k.Class != ClassIP
		}
	}
	sort.Strings(shared)
	if len(shared) > 3 {
		shared = append(shared[:3], fmt.Sprintf("%d more", len(shared)-3))
	}
	if len(shared) > 0 {
		out = append(out, "both name "+strings.Join(shared, ", "))
	}
	if f.number != "" && f.number == o.number {
		out, strong = append(out, "same case number "+f.c.CaseNumber()), true
	}
	if len(o.number) >= minCited && f.cites[o.number] {
		out, strong = append(out, "cites its number "+o.c.CaseNumber()), true
	}
	if len(f.number) >= minCited && o.cites[f.number] {
		out, strong = append(out, "is cited by it ("+f.c.CaseNumber()+")"), true
	}
	if f.authority != "" && f.authority == o.authority {
		out = append(out, "same issuing authority")
	}
	return out, strong
}

// Matter is one matter as a reviewer sees it: its cases in the order they
// came, the matters they may also belong to, the clock of each and the one
// that governs, the correspondence, one timeline, what needs attention,
// and whether it is closed.
type Matter struct {
	ID        string
	Cases     []*Case
	Proposals []Proposal
	// Clocks are the cases' clocks as the matter has them: a preservation
	// gives way to a later production, and a renewed preservation request
	// extends the first hold.
	Clocks map[string]Clock
	// Governing is the case whose clock the matter runs on ("" when none).
	Governing string
	Items     []MatterItem
	Timeline  []TimelineEntry
	Flags     []Finding
	Closed    bool
	ClosedAt  time.Time
}

// MatterItem is one piece of correspondence and the case it was logged
// on.
type MatterItem struct {
	Case string `json:"case"`
	Correspondence
}

// TimelineEntry is one thing that happened, or is due, in a matter.
type TimelineEntry struct {
	At   time.Time `json:"at"`
	Case string    `json:"case"`
	Kind string    `json:"kind"` // received, event, correspondence, letter, deadline, respond_by
	What string    `json:"what"`
	By   string    `json:"by,omitempty"`
}

// Clock is the clock the matter runs on, and false when none.
func (m *Matter) Clock() (Clock, bool) {
	k, ok := m.Clocks[m.Governing]
	return k, ok && m.Governing != ""
}

// Members returns the cases of c's matter among all (c included), in the
// order they came in.
func Members(c *Case, all []*Case) []*Case {
	var out []*Case
	for _, o := range all {
		if o.MatterID() == c.MatterID() && o.ID != c.ID {
			out = append(out, o)
		}
	}
	out = append(out, c)
	sort.SliceStable(out, func(i, j int) bool { return out[i].ReceivedAt().Before(out[j].ReceivedAt()) })
	return out
}

// BuildMatter puts c's matter together from every case, at now.
func BuildMatter(c *Case, all []*Case, cs ClockSettings, now time.Time) *Matter {
	m := &Matter{ID: c.MatterID(), Cases: Members(c, all)}
	m.Proposals = Proposals(c, all)
	m.Clocks, m.Governing = MatterClocks(m.Cases, cs, now)
	for _, k := range m.Cases {
		for _, it := range k.Correspondence {
			m.Items = append(m.Items, MatterItem{Case: k.ID, Correspondence: it})
		}
	}
	sort.SliceStable(m.Items, func(i, j int) bool { return m.Items[i].Date.Before(m.Items[j].Date) })
	m.Timeline = m.timeline()
	m.Flags = m.flags(all, now)
	m.Closed, m.ClosedAt = m.closed()
	return m
}

// MatterClocks works out each member's clock as the matter has it, and
// which governs: the open clock due first, else the latest case's.
func MatterClocks(members []*Case, cs ClockSettings, now time.Time) (map[string]Clock, string) {
	clocks, _, governing := matterClocks(members, cs, now)
	return clocks, governing
}

// MatterBase is c's clock before its own changes, as its matter gives it
// (a renewed preservation's extended hold): what ChangeClock starts from.
func MatterBase(c *Case, all []*Case, cs ClockSettings, now time.Time) Clock {
	_, bases, _ := matterClocks(Members(c, all), cs, now)
	return bases[c.ID]
}

func matterClocks(members []*Case, cs ClockSettings, now time.Time) (clocks, bases map[string]Clock, governing string) {
	clocks, bases = map[string]Clock{}, map[string]Clock{}
	var prevHold *Case
	for _, k := range members {
		base := k.BaseClock(cs)
		if prevHold != nil && renews(k, prevHold, clocks[prevHold.ID], cs) {
			p := clocks[prevHold.ID]
			r := k.ClockRule(cs)
			base.Due = p.Due.In(base.Location()).AddDate(0, 0, r.Extend)
			base.Basis = fmt.Sprintf("renewed request: the hold of case %s extended %d days (%s)", prevHold.ShortID(), r.Extend, r.Basis)
			p.State, p.SupersededBy = ClockSuperseded, k.ID
			clocks[prevHold.ID] = p
		}
		bases[k.ID] = base
		clocks[k.ID] = k.RunClock(base, now)
		if k.IsHold() {
			prevHold = k
		}
	}
	giveWay(members, clocks)
	return clocks, bases, governs(members, clocks)
}

// renews reports whether k is a renewed request for the hold of prev: a
// preservation of the same kind that came while prev's hold ran (one that
// came after it lapsed is a new preservation).
func renews(k, prev *Case, p Clock, cs ClockSettings) bool {
	return k.IsHold() && prev.ProcessType() == k.ProcessType() &&
		!p.Due.Before(k.ReceivedAt()) && k.ClockRule(cs).Extend > 0
}

// giveWay makes a running hold give way to a production that follows it:
// the matter now runs on the production's clock.
func giveWay(members []*Case, clocks map[string]Clock) {
	for i, h := range members {
		k := clocks[h.ID]
		if !h.IsHold() || !k.Open() {
			continue
		}
		for _, later := range members[i+1:] {
			if !later.IsHold() && clocks[later.ID].Kind == ClockRespond {
				k.State, k.SupersededBy = ClockSuperseded, later.ID
				clocks[h.ID] = k
				break
			}
		}
	}
}

// governs picks the clock the matter runs on: the open one due first,
// else the latest case's.
func governs(members []*Case, clocks map[string]Clock) string {
	governing := ""
	for _, k := range members {
		c := clocks[k.ID]
		if c.Open() && (governing == "" || c.Due.Before(clocks[governing].Due)) {
			governing = k.ID
		}
	}
	if governing == "" && len(members) > 0 {
		governing = members[len(members)-1].ID
	}
	return governing
}

// Matters groups every case into its matter, each with its clocks and
// whether it is closed (no proposals, timeline or flags: those are for one
// matter at a time, BuildMatter), in the order their first cases came.
func Matters(all []*Case, cs ClockSettings, now time.Time) []*Matter {
	groups := map[string][]*Case{}
	var order []string
	for _, c := range all {
		id := c.MatterID()
		if _, ok := groups[id]; !ok {
			order = append(order, id)
		}
		groups[id] = append(groups[id], c)
	}
	out := make([]*Matter, 0, len(order))
	for _, id := range order {
		members := groups[id]
		sort.SliceStable(members, func(i, j int) bool { return members[i].ReceivedAt().Before(members[j].ReceivedAt()) })
		m := &Matter{ID: id, Cases: members}
		m.Clocks, m.Governing = MatterClocks(members, cs, now)
		m.Closed, m.ClosedAt = m.closed()
		out = append(out, m)
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].Cases[0].ReceivedAt().Before(out[j].Cases[0].ReceivedAt()) })
	return out
}

// timelineSkip are history actions the timeline shows from the item they
// concern instead (the correspondence entry says who logged it).
var timelineSkip = map[string]bool{"review started": true, ActionCorrespondence: true, ActionLetter: true}

func (m *Matter) timeline() []TimelineEntry {
	var out []TimelineEntry
	for _, k := range m.Cases {
		out = append(out, TimelineEntry{At: k.ReceivedAt(), Case: k.ID, Kind: "received",
			What: fmt.Sprintf("received: %s %s", k.ProcessType().Name(), k.Reference())})
		for _, e := range k.History {
			if timelineSkip[e.Action] {
				continue
			}
			what := e.Action
			if e.Detail != "" {
				what += ": " + e.Detail
			}
			out = append(out, TimelineEntry{At: e.At, Case: k.ID, Kind: "event", What: what, By: e.Actor})
		}
		if c := m.Clocks[k.ID]; c.Open() && !c.Due.IsZero() {
			out = append(out, TimelineEntry{At: c.Due, Case: k.ID, Kind: "deadline", What: "due (" + c.Basis + ")"})
		}
	}
	for _, it := range m.Items {
		kind := "correspondence"
		if it.Letter != "" {
			kind = "letter"
		}
		out = append(out, TimelineEntry{At: it.Date, Case: it.Case, Kind: kind, What: it.Describe(), By: it.AddedBy})
		if t, ok := it.RespondByTime(); ok {
			out = append(out, TimelineEntry{At: t, Case: it.Case, Kind: "respond_by", What: "an answer is due on " + it.Title()})
		}
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].At.Before(out[j].At) })
	return out
}

// flags finds what in the matter needs the reviewer: a production that
// refers to a preservation the desk has never seen, a preservation renewed
// more often than the law provides, correspondence due an answer.
func (m *Matter) flags(all []*Case, now time.Time) []Finding {
	out := m.unseenPreservation(all)
	renewals := 0
	for _, k := range m.Cases {
		if c := m.Clocks[k.ID]; k.IsHold() && strings.HasPrefix(c.Basis, "renewed request") {
			renewals++
		}
	}
	if renewals > 1 {
		out = append(out, Finding{Rule: "preservation-renewed-again", Severity: SeverityInfo,
			Message: fmt.Sprintf("the preservation was renewed %d times: the law provides one extension", renewals),
			Basis:   "18 U.S.C. § 2703(f)(2) (one 90-day extension); Regulation (EU) 2023/1543, Art. 11(1) (30 days once)"})
	}
	for _, it := range m.Items {
		if t, ok := it.RespondByTime(); ok && it.Direction == DirectionIn && now.After(t) && !m.answeredAfter(it) {
			out = append(out, Finding{Rule: "correspondence-unanswered", Severity: SeverityWarning,
				Message: fmt.Sprintf("%s asked for an answer by %s and none has gone out since", it.Title(), it.RespondBy),
				Basis:   "the authority's own deadline"})
		}
	}
	return out
}

// unseenPreservation flags each production that refers to a preservation
// when no preservation is in the matter or proposed for it.
func (m *Matter) unseenPreservation(all []*Case) []Finding {
	if slices.ContainsFunc(m.Cases, (*Case).IsHold) {
		return nil
	}
	for _, p := range m.Proposals {
		if slices.ContainsFunc(all, func(c *Case) bool { return c.IsHold() && slices.Contains(p.Cases, c.ID) }) {
			return nil
		}
	}
	var out []Finding
	for _, k := range m.Cases {
		i := slices.IndexFunc(k.Order.Extraction.Prior, func(p PriorRef) bool { return p.Kind == PriorPreservation })
		if i < 0 {
			continue
		}
		p := k.Order.Extraction.Prior[i]
		out = append(out, Finding{Rule: "preservation-not-seen", Severity: SeverityWarning,
			Message: fmt.Sprintf("%s refers to a preservation (page %d: %q) that WarrantDesk has never seen: import it and link it, or ask the authority for its reference", k.Reference(), p.Page, Clip(p.Snippet, 120)),
			Basis:   "18 U.S.C. § 2703(f); Regulation (EU) 2023/1543, Art. 11: data preserved on an earlier request is what the production asks for"})
	}
	return out
}

// answeredAfter reports whether something went out after the inbound
// item came in.
func (m *Matter) answeredAfter(in MatterItem) bool {
	return slices.ContainsFunc(m.Items, func(o MatterItem) bool {
		return o.Direction == DirectionOut && !o.Date.Before(in.Date)
	})
}

// closed reports whether every case of the matter is done, and when the
// last was: each decided (asking for clarification leaves it open), no
// clock paused, and every preservation's hold run out or given way to a
// production.
func (m *Matter) closed() (bool, time.Time) {
	var last time.Time
	for _, k := range m.Cases {
		c := m.Clocks[k.ID]
		if !k.answered() || c.State == ClockPaused {
			return false, time.Time{}
		}
		done := k.Decision.DecidedAt
		if k.IsHold() {
			switch c.State {
			case ClockExpired:
				done = latest(done, c.Due)
			case ClockSuperseded:
			default:
				return false, time.Time{}
			}
		}
		last = latest(last, done)
	}
	return len(m.Cases) > 0, last
}

func latest(a, b time.Time) time.Time {
	if b.After(a) {
		return b
	}
	return a
}
