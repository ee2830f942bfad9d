package ui

import (
	"context"
	"fmt"
	"path/filepath"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"

	"github.com/warrantdesk/warrantdesk/app"
)

// MatterService is what the matter pane needs done: the matter of a case,
// links, the clock's changes, correspondence and letters.
// *casework.Service implements it.
type MatterService interface {
	Matter(ctx context.Context, id string) (*app.Matter, error)
	Link(ctx context.Context, id, other, by string) ([]*app.Case, error)
	Unlink(ctx context.Context, id, other, by string) (*app.Case, error)
	ChangeClock(ctx context.Context, id string, ch app.ClockChange) (*app.Case, app.Clock, error)
	AddCorrespondence(ctx context.Context, id, path string, dir app.Direction, respondBy, by string) (app.Correspondence, error)
	// WriteLetter's force replaces an existing file (the desk never asks
	// it: each letter gets a name of its own).
	WriteLetter(ctx context.Context, id string, kind app.LetterKind, path, format, by string, force bool) (app.Correspondence, error)
}

// MatterView shows the matter the open case belongs to — its cases, the
// links proposed with the means to confirm or turn them down, the clock
// with its controls, the correspondence, the letters and one timeline —
// and does what the reviewer asks of them through the service, off the UI
// goroutine.
type MatterView struct {
	service  MatterService
	run      Runner
	now      func() time.Time
	reviewer string
	local    *time.Location

	caseID string
	seq    int
	m      *app.Matter

	title, clock, caseClock, flags, timeline, status *widget.Label
	cases, proposals, items                          *fyne.Container
	pauseReason, deadline, respondBy                 *widget.Entry
	pause, resume, setDeadline, extend, logFile      *widget.Button
	direction, letterKind, letterFormat              *widget.Select
	writeLetter                                      *widget.Button
	letterWhy                                        *widget.Label
	root                                             fyne.CanvasObject

	// OnPickFile asks the window for a file to log (a dialog needs the
	// window); OnSaveFile for where to write a letter, suggesting name.
	// Tests set them to answer directly.
	OnPickFile func(done func(path string))
	OnSaveFile func(name string, done func(path string))
	// OnChanged is told when the pane changed a case (a link, a clock, a
	// letter), so the queue can redraw.
	OnChanged func()
}

// MatterViewParams are what a matter pane works with.
type MatterViewParams struct {
	Service  MatterService
	Run      Runner
	Now      func() time.Time
	Reviewer string
	// Local is the reviewer's time zone, shown beside the issuer's
	// (time.Local if nil).
	Local *time.Location
}

// NewMatterView builds the pane; Show fills it for a case.
func NewMatterView(p MatterViewParams) *MatterView {
	v := &MatterView{service: p.Service, run: p.Run, now: p.Now, reviewer: p.Reviewer, local: p.Local}
	if v.local == nil {
		v.local = time.Local
	}
	label := func() *widget.Label { l := widget.NewLabel(""); l.Wrapping = fyne.TextWrapWord; return l }
	v.title, v.clock, v.caseClock, v.flags, v.timeline, v.status, v.letterWhy = label(), label(), label(), label(), label(), label(), label()
	v.title.TextStyle.Bold = true
	v.cases, v.proposals, v.items = container.NewVBox(), container.NewVBox(), container.NewVBox()
	v.pauseReason = widget.NewEntry()
	v.pauseReason.SetPlaceHolder("why: clarification asked, non-execution notice sent …")
	v.deadline = widget.NewEntry()
	v.deadline.SetPlaceHolder("YYYY-MM-DD HH:MM (issuer's zone)")
	v.respondBy = widget.NewEntry()
	v.respondBy.SetPlaceHolder("respond by YYYY-MM-DD")
	v.pause = widget.NewButton("Pause", v.onPause)
	v.resume = widget.NewButton("Resume", func() { v.changeClock(app.ClockChange{Action: app.ClockResume, Reason: "resumed by the reviewer"}) })
	v.setDeadline = widget.NewButton("Set new deadline", v.onDeadline)
	v.extend = widget.NewButton("Extend hold (renewed request)", func() { v.changeClock(app.ClockChange{Action: app.ClockExtend, Reason: "renewed request"}) })
	v.direction = widget.NewSelect([]string{"in", "out"}, nil)
	v.direction.SetSelected("in")
	v.logFile = widget.NewButton("Log a file…", v.onLogFile)
	var kinds []string
	for _, k := range app.LetterKinds() {
		kinds = append(kinds, string(k))
	}
	v.letterKind = widget.NewSelect(kinds, func(string) { v.checkLetter() })
	v.letterFormat = widget.NewSelect([]string{"pdf", "docx"}, nil)
	v.letterFormat.SetSelected("pdf")
	v.writeLetter = widget.NewButton("Write letter…", v.onWriteLetter)
	heading := func(s string) *widget.Label {
		return widget.NewLabelWithStyle(s, fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	}
	v.root = container.NewVScroll(container.NewVBox(
		v.title, v.cases, v.proposals, v.flags,
		heading("Clock"), v.clock, v.caseClock,
		container.NewBorder(nil, nil, nil, v.pause, v.pauseReason),
		container.NewBorder(nil, nil, nil, v.setDeadline, v.deadline),
		container.NewHBox(v.resume, v.extend),
		heading("Correspondence"), v.items,
		container.NewBorder(nil, nil, v.direction, v.logFile, v.respondBy),
		heading("Letters"), container.NewHBox(v.letterKind, v.letterFormat, v.writeLetter), v.letterWhy,
		heading("Timeline"), v.timeline, v.status,
	))
	v.clear("Open a case to see its matter.")
	return v
}

// Content is the pane's root object.
func (v *MatterView) Content() fyne.CanvasObject { return v.root }

func (v *MatterView) clear(msg string) {
	v.m = nil
	v.title.SetText(msg)
	for _, l := range []*widget.Label{v.caseClock, v.timeline, v.status, v.letterWhy} {
		l.SetText("")
	}
	setShown(v.clock, "")
	setShown(v.flags, "")
	v.cases.RemoveAll()
	v.proposals.RemoveAll()
	v.items.RemoveAll()
	for _, b := range []*widget.Button{v.pause, v.resume, v.setDeadline, v.extend, v.logFile, v.writeLetter} {
		b.Disable()
	}
}

// Show loads the matter of case id off the UI goroutine; a result for a
// case the reviewer has left is dropped.
func (v *MatterView) Show(id string) {
	v.caseID = id
	v.seq++
	seq := v.seq
	v.clear("Loading the matter…")
	v.run(func() {
		m, err := v.service.Matter(context.Background(), id)
		fyne.Do(func() {
			if seq != v.seq {
				return
			}
			if err != nil {
				v.clear("Could not load the matter: " + app.ErrorMessage(err))
				return
			}
			v.fill(m)
		})
	})
}

// fill shows m (on the UI goroutine).
func (v *MatterView) fill(m *app.Matter) {
	v.m = m
	state := "open"
	if m.Closed {
		state = "closed " + m.ClosedAt.In(v.local).Format("2006-01-02")
	}
	v.title.SetText(fmt.Sprintf("Matter %s — %d case(s), %s", app.ShortID(m.ID), len(m.Cases), state))
	v.cases.RemoveAll()
	for _, k := range m.Cases {
		l := widget.NewLabel(fmt.Sprintf("%s · %s · %s · received %s · clock %s", k.ShortID(), k.Title(), k.Status,
			k.ReceivedAt().In(v.local).Format("2006-01-02"), m.Clocks[k.ID].State))
		l.TextStyle.Bold = k.ID == v.caseID // the case open in the desk
		l.Truncation = fyne.TextTruncateEllipsis
		v.cases.Add(l)
	}
	v.fillProposals(m)
	var flags []string
	for _, f := range m.Flags {
		flags = append(flags, "⚠ "+f.Message)
	}
	setShown(v.flags, strings.Join(flags, "\n"))
	v.fillClock(m)
	v.items.RemoveAll()
	for _, it := range m.Items {
		v.items.Add(widget.NewLabel(fmt.Sprintf("%s  %s  %s", it.Date.In(v.local).Format("2006-01-02 15:04"), app.ShortID(it.Case), it.Describe())))
	}
	if len(m.Items) == 0 {
		v.items.Add(widget.NewLabel("Nothing logged yet."))
	}
	v.logFile.Enable()
	var lines []string
	for _, e := range m.Timeline {
		by := ""
		if e.By != "" {
			by = " (" + e.By + ")"
		}
		lines = append(lines, fmt.Sprintf("%s  %s  %s%s", e.At.In(v.local).Format("2006-01-02 15:04"), app.ShortID(e.Case), app.Clip(e.What, 140), by))
	}
	v.timeline.SetText(strings.Join(lines, "\n"))
	v.checkLetter()
	// Wrapped labels know their height only once laid out at their width.
	v.root.Refresh()
}

func (v *MatterView) fillProposals(m *app.Matter) {
	v.proposals.RemoveAll()
	for _, p := range m.Proposals {
		other := p.Cases[0]
		link := widget.NewButton("Link", func() { v.link(other) })
		link.Importance = widget.HighImportance
		no := widget.NewButton("Not the same matter", func() { v.unlink(other) })
		text := widget.NewLabel(fmt.Sprintf("Proposed: %s — %s", strings.Join(shortAll(p.Cases), ", "), strings.Join(p.Reasons, "; ")))
		text.Wrapping = fyne.TextWrapWord
		// The buttons go under the reasons: the pane shares the case
		// view's width with the page.
		v.proposals.Add(container.NewVBox(text, container.NewHBox(link, no)))
	}
	if len(m.Cases) > 1 {
		v.proposals.Add(container.NewHBox(widget.NewButton("Take this case out of the matter", func() { v.unlink("") })))
	}
}

func shortAll(ids []string) []string {
	out := make([]string, len(ids))
	for i, id := range ids {
		out[i] = app.ShortID(id)
	}
	return out
}

// fillClock shows the clock the matter runs on and this case's, each in
// the issuer's zone and the reviewer's, and enables what applies.
func (v *MatterView) fillClock(m *app.Matter) {
	describe := func(k app.Clock) string {
		s := k.Describe()
		if !k.Due.IsZero() {
			s += " — your time " + k.Due.In(v.local).Format("2006-01-02 15:04 MST")
		}
		return s + "\n" + k.Basis + "; from " + k.StartFrom + "; zone " + k.Zone + " (" + k.ZoneFrom + ")"
	}
	if k, ok := m.Clock(); ok && m.Governing != v.caseID {
		setShown(v.clock, "The matter runs on case "+app.ShortID(m.Governing)+": "+describe(k))
	} else {
		setShown(v.clock, "")
	}
	k := m.Clocks[v.caseID]
	text := "This case: " + describe(k)
	for _, ch := range k.Changes {
		text += fmt.Sprintf("\n  %s %s %s: %s → %s", ch.At.In(v.local).Format("2006-01-02 15:04"), ch.By, ch.Action, ch.Old, ch.New)
	}
	v.caseClock.SetText(text)
	enable(v.pause, k.Kind == app.ClockRespond && k.Open() && k.State != app.ClockPaused)
	enable(v.resume, k.State == app.ClockPaused)
	enable(v.setDeadline, k.State != app.ClockAnswered)
	enable(v.extend, k.Kind == app.ClockHold && k.State != app.ClockNoDeadline)
}

// setShown shows a label with text, and hides it without.
func setShown(l *widget.Label, text string) {
	l.SetText(text)
	if text == "" {
		l.Hide()
	} else {
		l.Show()
	}
}

func enable(b *widget.Button, on bool) {
	if on {
		b.Enable()
	} else {
		b.Disable()
	}
}

// checkLetter enables Write letter for a letter the case calls for, and
// says why not otherwise.
func (v *MatterView) checkLetter() {
	c := v.openCase()
	if c == nil || v.letterKind.Selected == "" {
		v.writeLetter.Disable()
		v.letterWhy.SetText("Choose a letter.")
		return
	}
	if err := c.CanWrite(app.LetterKind(v.letterKind.Selected), v.now()); err != nil {
		v.writeLetter.Disable()
		v.letterWhy.SetText("Not now: " + app.ErrorMessage(err))
		return
	}
	v.writeLetter.Enable()
	v.letterWhy.SetText(app.LetterKind(v.letterKind.Selected).Title() + ", filled from this case and its decision.")
}

func (v *MatterView) openCase() *app.Case {
	if v.m == nil {
		return nil
	}
	for _, c := range v.m.Cases {
		if c.ID == v.caseID {
			return c
		}
	}
	return nil
}

// act runs do off the UI goroutine, then says what became of it and
// reloads the matter.
func (v *MatterView) act(busy string, do func(ctx context.Context) (string, error)) {
	id := v.caseID
	v.status.SetText(busy)
	v.run(func() {
		msg, err := do(context.Background())
		fyne.Do(func() {
			if err != nil {
				v.status.SetText("Not done: " + app.ErrorMessage(err))
				return
			}
			if v.OnChanged != nil {
				v.OnChanged()
			}
			if id == v.caseID {
				v.Show(id)
				v.status.SetText(msg)
			}
		})
	})
}

func (v *MatterView) link(other string) {
	id := v.caseID
	v.act("Linking…", func(ctx context.Context) (string, error) {
		moved, err := v.service.Link(ctx, id, other, v.reviewer)
		return fmt.Sprintf("Linked: %d case(s) into one matter.", len(moved)), err
	})
}

func (v *MatterView) unlink(other string) {
	id := v.caseID
	v.act("Unlinking…", func(ctx context.Context) (string, error) {
		_, err := v.service.Unlink(ctx, id, other, v.reviewer)
		return "Recorded: not the same matter; not proposed again.", err
	})
}

func (v *MatterView) onPause() {
	v.changeClock(app.ClockChange{Action: app.ClockPause, Reason: strings.TrimSpace(v.pauseReason.Text)})
}

func (v *MatterView) onDeadline() {
	k := app.Clock{Zone: "UTC"}
	if v.m != nil {
		k = v.m.Clocks[v.caseID]
	}
	due, err := app.ParseDeadline(v.deadline.Text, k.Location())
	if err != nil {
		v.status.SetText("Not done: " + app.ErrorMessage(err))
		return
	}
	v.changeClock(app.ClockChange{Action: app.ClockDeadline, Due: &due, Reason: "set " + due.In(k.Location()).Format("2006-01-02 15:04 MST")})
}

func (v *MatterView) changeClock(ch app.ClockChange) {
	id := v.caseID
	ch.By = v.reviewer
	v.act("Changing the clock…", func(ctx context.Context) (string, error) {
		_, k, err := v.service.ChangeClock(ctx, id, ch)
		return "Clock: " + k.Describe(), err
	})
}

func (v *MatterView) onLogFile() {
	if v.OnPickFile == nil {
		return
	}
	id, dir, by := v.caseID, app.Direction(v.direction.Selected), strings.TrimSpace(v.respondBy.Text)
	v.OnPickFile(func(path string) {
		v.act("Logging "+filepath.Base(path)+"…", func(ctx context.Context) (string, error) {
			it, err := v.service.AddCorrespondence(ctx, id, path, dir, by, v.reviewer)
			return "Logged " + it.Describe(), err
		})
	})
}

func (v *MatterView) onWriteLetter() {
	c := v.openCase()
	if c == nil || v.OnSaveFile == nil {
		return
	}
	kind, format := app.LetterKind(v.letterKind.Selected), v.letterFormat.Selected
	id := c.ID
	v.OnSaveFile(string(kind)+"-"+c.FileStem()+"."+format, func(path string) {
		v.act("Writing the letter…", func(ctx context.Context) (string, error) {
			it, err := v.service.WriteLetter(ctx, id, kind, path, format, v.reviewer, false)
			return kind.Title() + " written to " + path + " (SHA-256 " + app.Clip(it.SHA256, 13) + ") and logged.", err
		})
	})
}
