package app

import (
	"fmt"
	"time"
)

// followClock applies the changes made to the case's clock (clock.go) to
// the deadline Due found, so the queue, the checks and the memo count down
// to the same moment the matter's clock does: a pause that ended moves the
// deadline by the time paused, a new deadline from the authority replaces
// it, a renewed hold extends it, and an open pause is said in the basis.
func (c *Case) followClock(d Due, ok bool) (Due, bool) {
	if c.Clock == nil {
		return d, ok
	}
	var pausedSince *time.Time
	var reason string
	for _, ch := range c.Clock.Changes {
		switch ch.Action {
		case ClockPause:
			if pausedSince == nil {
				at := ch.At
				pausedSince, reason = &at, ch.Reason
			}
		case ClockResume:
			if pausedSince != nil && ok {
				paused := ch.At.Sub(*pausedSince)
				d.At = d.At.Add(paused)
				d.Basis += "; moved by " + Span(paused) + " paused"
			}
			pausedSince = nil
		case ClockDeadline:
			if ch.Due != nil {
				d, ok = Due{At: *ch.Due, Basis: fmt.Sprintf("a new deadline the authority set, recorded by %s (%s)", ch.By, ch.Reason)}, true
			}
			pausedSince = nil
		case ClockExtend:
			if ok {
				d.At = d.At.AddDate(0, 0, ch.Days)
				d.Basis += fmt.Sprintf("; extended %d days on a renewed request", ch.Days)
			}
		}
	}
	if pausedSince != nil && ok {
		d.Basis += fmt.Sprintf("; paused since %s (%s): the time does not run until it resumes", pausedSince.Local().Format("2006-01-02 15:04"), reason)
	}
	return d, ok
}
