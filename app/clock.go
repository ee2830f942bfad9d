package app

import (
	"fmt"
	"strings"
	"time"
)

// A deadline is a clock, not a date: it runs from the moment the order
// gives (an EPOC's receipt, an emergency request's sending), in the
// issuer's time zone, pauses while the provider waits on the authority,
// and is replaced when the authority sets a new one. What is stored is
// only what the order stated (Extraction.Moments) and every change a
// reviewer made (ClockRecord); the clock itself is worked out from them
// whenever it is shown, so a corrected deadline or a new team setting
// flows into it.

// Moment is a time an order states for itself: when it was sent,
// received, served or issued.
type Moment struct {
	Kind string `json:"kind"`
	// Wall is the time as written, 2006-01-02T15:04:05, in Zone when the
	// order states one, else in the issuer's time zone.
	Wall    string `json:"wall"`
	Zone    string `json:"zone,omitempty"`
	Page    int    `json:"page"`
	Snippet string `json:"snippet"`
}

// Kinds of moment.
const (
	MomentSent     = "sent"
	MomentReceived = "received"
	MomentServed   = "served"
	MomentIssued   = "issued"
)

// In returns the moment as a time: in the zone the order states, else as
// wall-clock time in loc. False when Wall does not parse or the stated
// zone is not one WarrantDesk knows.
func (m Moment) In(loc *time.Location) (time.Time, bool) {
	if m.Zone != "" {
		z, ok := StatedZone(m.Zone)
		if !ok {
			return time.Time{}, false
		}
		loc = z
	}
	t, err := time.ParseInLocation("2006-01-02T15:04:05", m.Wall, loc)
	return t, err == nil
}

// ClockKind says what a clock counts down to.
type ClockKind string

// Kinds of clock.
const (
	ClockRespond ClockKind = "respond" // the order must be answered
	ClockHold    ClockKind = "hold"    // a preservation: how long the data is kept
	ClockNone    ClockKind = "none"    // nothing to answer (a stand-alone non-disclosure order)
)

// States a clock is in.
const (
	ClockRunning     = "running"
	ClockApproaching = "approaching" // a quarter of the time or less is left
	ClockOverdue     = "overdue"
	ClockPaused      = "paused"      // waiting on the authority
	ClockAnswered    = "answered"    // decided
	ClockExpired     = "expired"     // a hold that ran out
	ClockSuperseded  = "superseded"  // gave way to a later linked case's clock
	ClockNoDeadline  = "no_deadline" // nothing to count down to
)

// Actions that change a clock.
const (
	ClockPause    = "pause"
	ClockResume   = "resume"
	ClockDeadline = "deadline" // the authority set a new deadline
	ClockExtend   = "extend"   // a preservation extended on a renewed request
)

// ClockChange is one change to a case's clock: who, when, what, why, and
// the clock before and after, in words.
type ClockChange struct {
	At     time.Time `json:"at"`
	By     string    `json:"by"`
	Action string    `json:"action"`
	Reason string    `json:"reason,omitempty"`
	Old    string    `json:"old"`
	New    string    `json:"new"`
	// Due is the deadline set (deadline).
	Due *time.Time `json:"due,omitempty"`
	// Days is how long an extension adds (extend).
	Days int `json:"days,omitempty"`
}

// ClockRecord is what a case keeps of its clock: the changes made to it.
type ClockRecord struct {
	Changes []ClockChange `json:"changes,omitempty"`
}

// ClockSettings are the team's defaults for process whose deadline no law
// fixes.
type ClockSettings struct {
	// EmergencyHours: emergency requests are answered within this many
	// hours of being sent (0: DefaultEmergencyHours).
	EmergencyHours int `json:"emergency_hours,omitempty"`
	// RoutineDays: process that states no deadline is answered within
	// this many days of receipt (0: DefaultRoutineDays).
	RoutineDays int `json:"routine_days,omitempty"`
}

// Team defaults when none is set.
const (
	DefaultEmergencyHours = 3
	DefaultRoutineDays    = 14
)

func (cs ClockSettings) emergencyHours() int {
	if cs.EmergencyHours > 0 {
		return cs.EmergencyHours
	}
	return DefaultEmergencyHours
}

func (cs ClockSettings) routineDays() int {
	if cs.RoutineDays > 0 {
		return cs.RoutineDays
	}
	return DefaultRoutineDays
}

// ClockRule is how long an order gives and from when.
type ClockRule struct {
	Kind ClockKind
	// Hours or Days from the start: hours are elapsed time, days are
	// calendar days in the issuer's time zone (so a period across a
	// daylight-saving change ends at the same wall-clock time).
	Hours, Days int
	// FromSent starts the period when the order was sent (emergency
	// requests); otherwise when it was received or served.
	FromSent bool
	// Stated lets a deadline the order states win over the period.
	Stated bool
	// Extend is how many days a renewed request adds to a hold.
	Extend int
	Basis  string
}

// ClockRule says which rule times the case's answer: the law's where one
// fixes it (EU production and preservation orders, UK overseas production
// orders, US preservation requests), the team's settings otherwise.
func (c *Case) ClockRule(cs ClockSettings) ClockRule {
	emergency := c.Emergency()
	switch t := c.ProcessType(); {
	case t == EPOC && emergency:
		return ClockRule{Kind: ClockRespond, Hours: 8, Basis: "emergency EPOC: 8 hours from receipt (Regulation (EU) 2023/1543, Art. 10(4))"}
	case t == EPOC:
		return ClockRule{Kind: ClockRespond, Days: 10, Basis: "EPOC: 10 days from receipt (Regulation (EU) 2023/1543, Art. 10(2))"}
	case t == EPOCPR:
		return ClockRule{Kind: ClockHold, Days: 60, Extend: 30, Basis: "EPOC-PR: data kept 60 days from receipt, 30 more on request (Regulation (EU) 2023/1543, Art. 11(1))"}
	case t == Preservation2703f:
		return ClockRule{Kind: ClockHold, Days: 90, Extend: 90, Basis: "preservation: records kept 90 days, 90 more on a renewed request (18 U.S.C. § 2703(f)(2))"}
	case t == OverseasProductionOrder:
		return ClockRule{Kind: ClockRespond, Days: 7, Stated: true, Basis: "overseas production order: 7 days from service unless the judge set another period (Crime (Overseas Production Orders) Act 2019, s. 5)"}
	case t == EmergencyRequest || emergency:
		h := cs.emergencyHours()
		return ClockRule{Kind: ClockRespond, Hours: h, FromSent: true, Basis: fmt.Sprintf("emergency request: answered within %d hours of being sent (team setting)", h)}
	case t == NondisclosureOrder:
		return ClockRule{Kind: ClockNone, Basis: "a non-disclosure order asks for nothing to be produced"}
	}
	d := cs.routineDays()
	return ClockRule{Kind: ClockRespond, Days: d, Stated: true, Basis: fmt.Sprintf("routine process: the deadline it states, else %d days from receipt (team setting)", d)}
}

// Clock is a case's deadline as it stands.
type Clock struct {
	Kind  ClockKind `json:"kind"`
	Basis string    `json:"basis"`
	// Start is the moment the period runs from, StartFrom says which.
	Start     time.Time `json:"start"`
	StartFrom string    `json:"start_from"`
	// Zone is the issuer's IANA time zone, ZoneFrom how it was told.
	Zone     string `json:"zone"`
	ZoneFrom string `json:"zone_from"`
	// Due is when the clock runs out, later by every pause that ended;
	// zero when there is no deadline.
	Due         time.Time  `json:"due"`
	PausedSince *time.Time `json:"paused_since,omitempty"`
	PauseReason string     `json:"pause_reason,omitempty"`
	// Paused is the time spent paused (an open pause up to now).
	Paused time.Duration `json:"-"`
	State  string        `json:"state"`
	// Left is the time left (frozen while paused; negative when overdue).
	Left time.Duration `json:"-"`
	// Period is the running time the order allows (Due − Start − Paused).
	Period       time.Duration `json:"-"`
	SupersededBy string        `json:"superseded_by,omitempty"`
	Changes      []ClockChange `json:"changes"`
}

// Location is the issuer's time zone (UTC if it no longer loads).
func (k Clock) Location() *time.Location {
	if loc, err := time.LoadLocation(k.Zone); err == nil {
		return loc
	}
	return time.UTC
}

// Open reports whether the clock still counts down to something the
// provider must do.
func (k Clock) Open() bool {
	switch k.State {
	case ClockRunning, ClockApproaching, ClockOverdue, ClockPaused:
		return true
	}
	return false
}

// ClockAt is the case's clock at now, on its own (a matter may supersede
// or extend it: see Matter).
func (c *Case) ClockAt(cs ClockSettings, now time.Time) Clock {
	return c.RunClock(c.BaseClock(cs), now)
}

// BaseClock is the clock as the order and the rule give it, before any
// change a reviewer made.
func (c *Case) BaseClock(cs ClockSettings) Clock {
	r := c.ClockRule(cs)
	loc, zoneFrom := c.IssuerZone()
	k := Clock{Kind: r.Kind, Basis: r.Basis, Zone: loc.String(), ZoneFrom: zoneFrom}
	k.Start, k.StartFrom = c.clockStart(r.FromSent, loc)
	if r.Kind == ClockNone {
		return k
	}
	if d, ok := c.Deadline(); ok && r.Stated {
		// A date is met by the end of that day where the issuer is.
		k.Due = time.Date(d.Year(), d.Month(), d.Day(), 23, 59, 0, 0, loc)
		k.Basis = fmt.Sprintf("the deadline the order states, %s, by the end of that day in the issuer's time zone", d.Format(time.DateOnly))
		return k
	}
	switch {
	case r.Hours > 0:
		k.Due = k.Start.Add(time.Duration(r.Hours) * time.Hour)
	case r.Days > 0:
		k.Due = k.Start.In(loc).AddDate(0, 0, r.Days)
	}
	return k
}

// momentSkew is how much later than its import a stated moment may be
// and still be believed: a sending time after the order arrived is a
// misreading.
const momentSkew = 12 * time.Hour

// clockStart picks the moment the period runs from: the time sent (for a
// rule that runs from sending) or received or served that the order
// states, else when it was imported.
func (c *Case) clockStart(fromSent bool, loc *time.Location) (time.Time, string) {
	prefer := []string{MomentReceived, MomentServed}
	if fromSent {
		prefer = []string{MomentSent, MomentReceived}
	}
	imported := c.Order.ImportedAt
	for _, kind := range prefer {
		for _, m := range c.Order.Extraction.Moments {
			t, ok := m.In(loc)
			if m.Kind != kind || !ok || (!imported.IsZero() && t.After(imported.Add(momentSkew))) {
				continue
			}
			return t, kind + ", as the order states (page " + fmt.Sprint(m.Page) + ")"
		}
	}
	if imported.IsZero() {
		return c.CreatedAt, "received (when the case was created)"
	}
	return imported, "received (when it was imported)"
}

// RunClock applies the case's clock changes to base, in order, and says
// where it stands at now.
func (c *Case) RunClock(k Clock, now time.Time) Clock {
	loc := k.Location()
	if c.Clock != nil {
		k.Changes = append([]ClockChange{}, c.Clock.Changes...)
	}
	// extended is the paused time added to Due since the deadline was
	// last set: the order's allowance is Due − Start less it.
	var extended time.Duration
	for _, ch := range k.Changes {
		switch ch.Action {
		case ClockPause:
			if k.PausedSince == nil {
				at := ch.At
				k.PausedSince, k.PauseReason = &at, ch.Reason
			}
		case ClockResume:
			if k.PausedSince != nil {
				d := ch.At.Sub(*k.PausedSince)
				k.Paused += d
				k.Due = k.Due.Add(d)
				extended += d
				k.PausedSince, k.PauseReason = nil, ""
			}
		case ClockDeadline:
			// The authority's new deadline is absolute: a pause it ends
			// counts as paused time but moves nothing.
			if k.PausedSince != nil {
				k.Paused += ch.At.Sub(*k.PausedSince)
				k.PausedSince, k.PauseReason = nil, ""
			}
			if ch.Due != nil {
				k.Due, extended = *ch.Due, 0
				k.Basis = "a new deadline the authority set (" + ch.Reason + ")"
			}
		case ClockExtend:
			if !k.Due.IsZero() {
				k.Due = k.Due.In(loc).AddDate(0, 0, ch.Days)
				k.Basis += fmt.Sprintf("; extended %d days on a renewed request", ch.Days)
			}
		}
	}
	c.settle(&k, now, extended)
	return k
}

// settle works out the state, the time left and the period.
func (c *Case) settle(k *Clock, now time.Time, extended time.Duration) {
	if k.Kind == ClockNone || k.Due.IsZero() {
		k.State = ClockNoDeadline
		return
	}
	at := now
	if k.PausedSince != nil {
		at = *k.PausedSince
		k.Paused += now.Sub(*k.PausedSince)
	}
	k.Left = k.Due.Sub(at)
	k.Period = k.Due.Sub(k.Start) - extended
	switch {
	case k.Kind == ClockRespond && c.answered():
		k.State = ClockAnswered
	case k.PausedSince != nil:
		k.State = ClockPaused
	case k.Left < 0 && k.Kind == ClockHold:
		k.State = ClockExpired
	case k.Left < 0:
		k.State = ClockOverdue
	case k.Period > 0 && k.Left*4 <= k.Period:
		k.State = ClockApproaching
	default:
		k.State = ClockRunning
	}
}

// answered reports whether the case is decided with an outcome that ends
// the wait: asking for clarification does not.
func (c *Case) answered() bool {
	return c.Status == StatusDecided && c.Decision != nil && c.Decision.Outcome != Clarify
}

// Describe says where the clock stands in a few words, in the issuer's
// time zone ("running, due 2026-03-05 14:00 CET, 2d 3h left").
func (k Clock) Describe() string {
	if k.State == ClockNoDeadline {
		return "no deadline"
	}
	due := k.Due.In(k.Location()).Format("2006-01-02 15:04 MST")
	switch k.State {
	case ClockPaused:
		return fmt.Sprintf("paused since %s (%s), %s left, was due %s", k.PausedSince.In(k.Location()).Format("2006-01-02 15:04 MST"), k.PauseReason, Span(k.Left), due)
	case ClockOverdue, ClockExpired:
		return fmt.Sprintf("%s, was due %s, %s ago", k.State, due, Span(-k.Left))
	case ClockAnswered, ClockSuperseded:
		return fmt.Sprintf("%s, was due %s", k.State, due)
	}
	return fmt.Sprintf("%s, due %s, %s left", k.State, due, Span(k.Left))
}

// Span writes a duration as a reviewer reads it: "3d 4h", "5h 20m", "12m".
func Span(d time.Duration) string {
	if d < 0 {
		d = -d
	}
	days, hours, mins := int(d/(24*time.Hour)), int(d%(24*time.Hour)/time.Hour), int(d%time.Hour/time.Minute)
	switch {
	case days > 0:
		return fmt.Sprintf("%dd %dh", days, hours)
	case hours > 0:
		return fmt.Sprintf("%dh %dm", hours, mins)
	}
	return fmt.Sprintf("%dm", mins)
}

// ChangeClock records ch (its At, By, Action and Reason or Due set) on the
// case's clock, with the clock before and after in words, and adds it to
// the history. base is the clock before the case's own changes, as the
// matter gives it. Changes that cannot apply are EINVALID: pausing a
// clock that is paused, decided or a preservation's hold; resuming one
// that runs; a deadline in the past or before the start; an extension of
// anything but a hold.
func (c *Case) ChangeClock(base Clock, ch ClockChange) error {
	before := c.RunClock(base, ch.At)
	if err := before.allows(ch); err != nil {
		return err
	}
	rec := ClockRecord{}
	if c.Clock != nil {
		rec.Changes = append(rec.Changes, c.Clock.Changes...)
	}
	ch.Old = before.Describe()
	c.Clock = &ClockRecord{Changes: append(rec.Changes, ch)}
	after := c.RunClock(base, ch.At)
	c.Clock.Changes[len(c.Clock.Changes)-1].New = after.Describe()
	detail := fmt.Sprintf("%s → %s", ch.Old, after.Describe())
	if ch.Reason != "" {
		detail = ch.Reason + ": " + detail
	}
	c.touch(ch.By, ch.At, "clock "+map[string]string{ClockPause: "paused", ClockResume: "resumed", ClockDeadline: "deadline replaced", ClockExtend: "extended"}[ch.Action], detail)
	return nil
}

func (k Clock) allows(ch ClockChange) error {
	if strings.TrimSpace(ch.By) == "" {
		return Errorf(EINVALID, "name who changes the clock: every change records who made it")
	}
	if k.State == ClockNoDeadline && ch.Action != ClockDeadline {
		return Errorf(EINVALID, "this order has no deadline to %s", ch.Action)
	}
	switch ch.Action {
	case ClockPause:
		return k.allowsPause(ch)
	case ClockResume:
		if k.State != ClockPaused {
			return Errorf(EINVALID, "the clock is not paused (%s)", k.State)
		}
	case ClockDeadline:
		if ch.Due == nil || !ch.Due.After(ch.At) {
			return Errorf(EINVALID, "a new deadline must be a date and time still to come")
		}
	case ClockExtend:
		if k.Kind != ClockHold || ch.Days <= 0 {
			return Errorf(EINVALID, "only a preservation's hold is extended on a renewed request")
		}
	default:
		return Errorf(EINVALID, "unknown clock change %q: pause, resume, deadline or extend", ch.Action)
	}
	return nil
}

func (k Clock) allowsPause(ch ClockChange) error {
	switch {
	case strings.TrimSpace(ch.Reason) == "":
		return Errorf(EINVALID, "say why the clock pauses (clarification asked, non-execution notice sent …)")
	case k.Kind == ClockHold:
		return Errorf(EINVALID, "a preservation's hold does not pause: the data stays preserved while you wait; set a new end with a new deadline")
	case k.State == ClockPaused:
		return Errorf(EINVALID, "the clock is already paused (%s)", k.PauseReason)
	case k.State == ClockAnswered:
		return Errorf(EINVALID, "the case is decided: its clock has stopped")
	}
	return nil
}

// PausedUntil is the time the clock spent paused up to t (an open pause
// counted up to t), from its changes alone: the time a case waited on
// the authority, which statistics leave out of the time to resolve.
func (c *Case) PausedUntil(t time.Time) time.Duration {
	if c.Clock == nil {
		return 0
	}
	var total time.Duration
	var since *time.Time
	for _, ch := range c.Clock.Changes {
		if ch.At.After(t) {
			break
		}
		switch {
		case ch.Action == ClockPause && since == nil:
			at := ch.At
			since = &at
		case (ch.Action == ClockResume || ch.Action == ClockDeadline) && since != nil:
			total += ch.At.Sub(*since)
			since = nil
		}
	}
	if since != nil {
		total += t.Sub(*since)
	}
	return total
}

// ParseDeadline reads a deadline as a reviewer writes one: RFC 3339
// ("2026-03-05T14:00:00+01:00"), a date and time ("2026-03-05 14:00",
// "2026-03-05T14:00") in the zone it names ("… CET", "… +01:00") or else
// in loc (the issuer's), or a date alone, met by the end of that day in
// loc. Anything else is EINVALID.
func ParseDeadline(s string, loc *time.Location) (time.Time, error) {
	s = strings.TrimSpace(s)
	if t, err := time.Parse(time.RFC3339, s); err == nil {
		return t, nil
	}
	if d, err := time.ParseInLocation(time.DateOnly, s, loc); err == nil {
		return time.Date(d.Year(), d.Month(), d.Day(), 23, 59, 0, 0, loc), nil
	}
	wall := s
	if i := strings.LastIndexByte(s, ' '); i > 10 {
		if z, ok := StatedZone(s[i+1:]); ok {
			wall, loc = s[:i], z
		}
	}
	for _, layout := range []string{"2006-01-02 15:04", "2006-01-02T15:04", "2006-01-02 15:04:05", "2006-01-02T15:04:05"} {
		if t, err := time.ParseInLocation(layout, wall, loc); err == nil {
			return t, nil
		}
	}
	return time.Time{}, Errorf(EINVALID, "a deadline is written YYYY-MM-DD, YYYY-MM-DD HH:MM (in the issuer's time zone, or followed by one: CET, -05:00) or RFC 3339, not %q", s)
}
