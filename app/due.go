package app

import (
	"fmt"
	"time"
)

// Due is when an order must be answered, and the rule that says so.
type Due struct {
	// At is the moment: the end of the day (local time) for a date, or an
	// exact time for a period counted in hours.
	At time.Time
	// Basis says where At comes from, for the reviewer: the order, the
	// reviewer's correction, or the law and the time of receipt.
	Basis string
}

// statutory periods that run from receipt (service) unless the order sets
// its own date: EU production orders and UK overseas production orders.
var statutory = map[ProcessType]struct {
	period, emergency time.Duration
	law               string
}{
	EPOC:                    {10 * 24 * time.Hour, 8 * time.Hour, "Regulation (EU) 2023/1543 Art. 10(2), 10(4) in emergencies"},
	OverseasProductionOrder: {7 * 24 * time.Hour, 0, "Crime (Overseas Production Orders) Act 2019, s. 5(5)"},
}

// Received is when the order reached the provider: the time it was
// imported (its service on us, as far as WarrantDesk knows).
func (c *Case) Received() time.Time {
	if !c.Order.ImportedAt.IsZero() {
		return c.Order.ImportedAt
	}
	return c.CreatedAt
}

// Due returns when the order must be answered, and whether it must be by a
// known time. One rule for the desk, the queue, the checks and the memo:
// the reviewer's corrected deadline; else a date the order states; else the
// period the law sets from receipt (EPOC: 10 days, 8 hours in an
// emergency; UK OPO: 7 days); else a deadline computed from the order's
// words ("within 14 days"). A deadline the reviewer cleared leaves only
// the law's period.
func (c *Case) Due() (Due, bool) {
	f, read := c.Order.Extraction.Fields[FieldDeadline]
	if k, ok := c.Corrections[FieldDeadline]; ok {
		if !k.Cleared {
			if d, ok := endOfDay(k.Value); ok {
				return Due{d, "corrected by " + k.By}, true
			}
		}
		read = false
	}
	if read && !f.Computed {
		if d, ok := endOfDay(f.Value); ok {
			basis := "stated in the order"
			if f.Page > 0 {
				basis += fmt.Sprintf(" (page %d)", f.Page)
			}
			return Due{d, basis}, true
		}
	}
	if s, ok := statutory[c.ProcessType()]; ok {
		received := c.Received()
		if c.Emergency() && s.emergency > 0 {
			return Due{received.Add(s.emergency), fmt.Sprintf("%s from receipt at %s (%s)", hours(s.emergency), received.Local().Format("2006-01-02 15:04"), s.law)}, true
		}
		return Due{endOfDayOf(received.Add(s.period)), fmt.Sprintf("%d days from receipt on %s (%s)", int(s.period.Hours()/24), received.Local().Format(time.DateOnly), s.law)}, true
	}
	if read {
		if d, ok := endOfDay(f.Value); ok {
			return Due{d, "computed from the order: " + Clip(f.Snippet, 80)}, true
		}
	}
	return Due{}, false
}

func hours(d time.Duration) string { return fmt.Sprintf("%d hours", int(d.Hours())) }

func endOfDay(date string) (time.Time, bool) {
	t, err := time.Parse(time.DateOnly, date)
	if err != nil {
		return time.Time{}, false
	}
	return time.Date(t.Year(), t.Month(), t.Day(), 23, 59, 59, 0, time.Local), true
}

func endOfDayOf(t time.Time) time.Time {
	t = t.Local()
	return time.Date(t.Year(), t.Month(), t.Day(), 23, 59, 59, 0, time.Local)
}
