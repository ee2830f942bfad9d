package app

import (
	"errors"
	"fmt"
	"strings"
	"time"
)

// Direction says whether correspondence came in or went out.
type Direction string

// Directions.
const (
	DirectionIn  Direction = "in"
	DirectionOut Direction = "out"
)

// ParseDirection reads in or out ("" is in: what a reviewer logs is
// mostly what arrived).
func ParseDirection(s string) (Direction, error) {
	switch strings.ToLower(strings.TrimSpace(s)) {
	case "", "in", "inbound":
		return DirectionIn, nil
	case "out", "outbound":
		return DirectionOut, nil
	}
	return "", Errorf(EINVALID, "direction %q: use in or out", s)
}

// LetterKind names a letter WarrantDesk writes back to the authority (or,
// for a user notice, to the user). The values are part of the CLI
// contract.
type LetterKind string

// The letters.
const (
	LetterProduction    LetterKind = "production"
	LetterRedirect      LetterKind = "redirect"
	LetterRejection     LetterKind = "rejection"
	LetterClarification LetterKind = "clarification"
	LetterEmergency     LetterKind = "emergency"
	LetterUserNotice    LetterKind = "user-notice"
	LetterNonExecution  LetterKind = "eu-non-execution"
)

// LetterKinds lists every letter in the order the desk offers them (a new
// slice each time).
func LetterKinds() []LetterKind {
	return []LetterKind{LetterProduction, LetterRedirect, LetterRejection, LetterClarification, LetterEmergency, LetterUserNotice, LetterNonExecution}
}

// ParseLetterKind returns the letter named s, or EINVALID listing them.
func ParseLetterKind(s string) (LetterKind, error) {
	s = strings.ToLower(strings.TrimSpace(s))
	var names []string
	for _, k := range LetterKinds() {
		if string(k) == s {
			return k, nil
		}
		names = append(names, string(k))
	}
	return "", Errorf(EINVALID, "unknown letter %q: use one of %s", s, strings.Join(names, ", "))
}

// Title names the letter in words ("production cover letter").
func (k LetterKind) Title() string {
	return map[LetterKind]string{
		LetterProduction: "production cover letter", LetterRedirect: "redirect letter", LetterRejection: "rejection or narrowing letter",
		LetterClarification: "request for clarification", LetterEmergency: "emergency disclosure letter", LetterUserNotice: "notice to the user",
		LetterNonExecution: "EU non-execution form (Annex III)",
	}[k]
}

// Pauses reports whether sending the letter means waiting on the
// authority, so the clock pauses: a clarification asked, a non-execution
// notice sent.
func (k LetterKind) Pauses() bool { return k == LetterClarification || k == LetterNonExecution }

// Correspondence is one item in a case's correspondence log: what came in
// or went out, when, and whether an answer is due. The file itself is kept
// in the store like an original, by ID, and vouched for by its SHA-256.
type Correspondence struct {
	ID        string    `json:"id"`
	Direction Direction `json:"direction"`
	// Kind is email, note, letter or file.
	Kind string `json:"kind"`
	// Letter is set for a letter WarrantDesk wrote.
	Letter  LetterKind `json:"letter,omitempty"`
	Subject string     `json:"subject,omitempty"`
	// FileName is the file's name (no folder); Format is a letter's.
	FileName string `json:"file_name"`
	Format   string `json:"format,omitempty"`
	SHA256   string `json:"sha256"`
	Size     int64  `json:"size"`
	// Date is the item's own date (an e-mail's), else when it was logged.
	Date time.Time `json:"date"`
	// RespondBy is when an answer is due (YYYY-MM-DD), "" when none.
	RespondBy string    `json:"respond_by,omitempty"`
	AddedBy   string    `json:"added_by"`
	AddedAt   time.Time `json:"added_at"`
	// Purged is set when retention removed the file; the record stays.
	Purged bool `json:"purged,omitempty"`
}

// Kinds of correspondence.
const (
	KindEmail  = "email"
	KindNote   = "note"
	KindLetter = "letter"
	KindFile   = "file"
)

// History actions for correspondence (the matter's timeline shows the
// item instead).
const (
	ActionCorrespondence = "correspondence logged"
	ActionLetter         = "letter written"
)

// Title names the item in a few words.
func (it Correspondence) Title() string {
	switch {
	case it.Letter != "":
		return it.Letter.Title()
	case it.Subject != "":
		return fmt.Sprintf("%s %q", it.Kind, it.Subject)
	}
	return it.Kind + " " + it.FileName
}

// Describe says what the item is, which way it went and what it holds.
func (it Correspondence) Describe() string {
	way := map[Direction]string{DirectionIn: "in", DirectionOut: "out"}[it.Direction]
	s := fmt.Sprintf("%s: %s (%s, SHA-256 %s…)", way, it.Title(), it.FileName, hashPrefix(it.SHA256))
	if it.RespondBy != "" {
		s += ", answer due " + it.RespondBy
	}
	if it.Purged {
		s += " — file purged"
	}
	return s
}

func hashPrefix(s string) string {
	if len(s) > 12 {
		return s[:12]
	}
	return s
}

// RespondByTime is the end of the respond-by day (UTC, as the date has
// no zone of its own), and false when there is none.
func (it Correspondence) RespondByTime() (time.Time, bool) {
	d, err := time.Parse(time.DateOnly, it.RespondBy)
	if err != nil {
		return time.Time{}, false
	}
	return d.Add(24*time.Hour - time.Minute), true
}

// Validate checks an item before it is logged: a known direction, a file
// with its SHA-256, a respond-by date written YYYY-MM-DD, who logs it.
func (it Correspondence) Validate() error {
	switch {
	case it.Direction != DirectionIn && it.Direction != DirectionOut:
		return Errorf(EINVALID, "direction %q: use in or out", it.Direction)
	case len(it.SHA256) != 64 || it.ID == "":
		return Errorf(EINVALID, "the file is not stored: correspondence is kept with its SHA-256")
	case strings.TrimSpace(it.AddedBy) == "":
		return Errorf(EINVALID, "name who logs the correspondence: the history records it")
	}
	if it.RespondBy != "" {
		if _, err := time.Parse(time.DateOnly, it.RespondBy); err != nil {
			return Errorf(EINVALID, "the respond-by date is written YYYY-MM-DD, not %q", it.RespondBy)
		}
	}
	return nil
}

// AddCorrespondence logs it on the case and adds it to the history.
func (c *Case) AddCorrespondence(it Correspondence) error {
	if err := it.Validate(); err != nil {
		return err
	}
	c.Correspondence = append(append([]Correspondence{}, c.Correspondence...), it)
	action := ActionCorrespondence
	if it.Letter != "" {
		action = ActionLetter
	}
	c.touch(it.AddedBy, it.AddedAt, action, it.Describe())
	return nil
}

// ErrLetterNotDue is wrapped by CanWrite when the case does not call for
// the letter yet (or at all); the message says why.
var ErrLetterNotDue = errors.New("letter not due")

// CanWrite reports whether the letter may be written for the case at now:
// a production or emergency disclosure letter needs a decision that
// produces (an emergency one on an emergency request), a redirect letter a
// redirect, a rejection letter a rejection, challenge or narrowing, a
// clarification something to ask (the decision's rationale or grounds),
// a notice to the user a decision to notify whose gag has ended, and the
// EU non-execution form an EPOC or EPOC-PR with a decision that gives one
// of the form's reasons. Otherwise EINVALID wrapping ErrLetterNotDue.
func (c *Case) CanWrite(k LetterKind, now time.Time) error {
	if c.Decision == nil && k != LetterClarification {
		return notDue("decide the case first: the %s states the decision", k.Title())
	}
	check, ok := letterChecks[k]
	if !ok {
		return Errorf(EINVALID, "unknown letter %q", k)
	}
	return check(c, now)
}

// letterChecks say, for each letter, whether a decided case calls for it.
var letterChecks = map[LetterKind]func(c *Case, now time.Time) error{
	LetterProduction: func(c *Case, _ time.Time) error { return c.producing(LetterProduction) },
	LetterEmergency: func(c *Case, _ time.Time) error {
		if !c.Emergency() && c.ProcessType() != EmergencyRequest {
			return notDue("this is not an emergency request: write a production cover letter")
		}
		return c.producing(LetterEmergency)
	},
	LetterRedirect: func(c *Case, _ time.Time) error {
		if c.Decision.Outcome != Redirect {
			return notDue("the decision is %s, not a redirect to the enterprise customer", c.Decision.Outcome)
		}
		return nil
	},
	LetterRejection: func(c *Case, _ time.Time) error {
		if o := c.Decision.Outcome; o != Reject && o != Challenge && o != Narrow {
			return notDue("the decision is %s: a rejection or narrowing letter follows a rejection, a challenge or a narrowing", o)
		}
		return nil
	},
	LetterClarification: func(c *Case, _ time.Time) error {
		d := c.Decision
		if d == nil {
			d = c.Draft
		}
		if d == nil || strings.TrimSpace(d.Note) == "" && len(d.Grounds) == 0 {
			return notDue("say what needs clarifying: the decision's grounds and rationale are the questions asked")
		}
		return nil
	},
	LetterUserNotice: (*Case).noticeDue,
	LetterNonExecution: func(c *Case, _ time.Time) error {
		if t := c.ProcessType(); t != EPOC && t != EPOCPR {
			return notDue("the Annex III form answers an EPOC or EPOC-PR; this is a %s", t.Name())
		}
		if len(ReasonsFor(c.Decision.Grounds)) == 0 {
			return notDue("give the form's reasons as the decision's grounds (%s)", strings.Join(reasonCodes(), ", "))
		}
		return nil
	},
}

// producing reports whether the decision produces something, which the
// letter k lists.
func (c *Case) producing(k LetterKind) error {
	if o := c.Decision.Outcome; o != Comply && o != Narrow || !c.producesAny() {
		return notDue("the decision (%s) produces nothing, and the %s lists what is produced", o, k.Title())
	}
	return nil
}

func notDue(format string, args ...any) error {
	return &Error{Code: EINVALID, Message: fmt.Sprintf(format, args...), Err: ErrLetterNotDue}
}

func reasonCodes() []string {
	var out []string
	for _, r := range NonExecutionReasons() {
		out = append(out, r.Code)
	}
	return out
}

// producesAny reports whether the decision produces data for a target (or
// complies with an order that names none).
func (c *Case) producesAny() bool {
	ts := c.Targets()
	if len(ts) == 0 {
		return c.Decision.Outcome == Comply || c.Decision.Outcome == Narrow
	}
	for _, t := range ts {
		if c.Decision.Produces(t.Value) {
			return true
		}
	}
	return false
}

// noticeDue reports whether the user may be told now.
func (c *Case) noticeDue(now time.Time) error {
	d := c.Decision
	switch d.Notice {
	case NoticeNotify:
		return nil
	case NoticeDelayed:
		if d.NoticeAfter == "" {
			return notDue("the non-disclosure order states no end: the user is told once it is lifted (record the date in the decision)")
		}
		if after, err := time.Parse(time.DateOnly, d.NoticeAfter); err == nil && now.Before(after) {
			return notDue("the non-disclosure order bars telling the user until %s", d.NoticeAfter)
		}
		return nil
	case NoticeNone:
		return notDue("the decision is not to notify the user")
	}
	return notDue("record in the decision whether the user is told")
}
