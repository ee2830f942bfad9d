package report

import (
	"math"
	"sort"
	"strings"
	"time"

	"github.com/warrantdesk/warrantdesk/app"
)

// MatterStats counts a period by matter, as Stats counts it by case, and
// says how long cases and matters took to resolve, leaving out the time
// their clocks were paused waiting on the authority.
type MatterStats struct {
	// Decided counts the matters closed in the period, Cases the cases in
	// them, Open the matters still open whose first case came in it.
	Decided    int            `json:"decided"`
	Cases      int            `json:"cases"`
	Open       int            `json:"open"`
	ByCategory map[string]int `json:"by_category"`
	// TimeToResolve: from the clock's start to the decision (a case) or
	// to closing (a matter), less the paused time.
	TimeToResolve struct {
		Cases   Resolution `json:"cases"`
		Matters Resolution `json:"matters"`
	} `json:"time_to_resolve"`
}

// Resolution summarises how long things took, in hours.
type Resolution struct {
	Count       int     `json:"count"`
	MedianHours float64 `json:"median_hours"`
	MeanHours   float64 `json:"mean_hours"`
	// PausedHours is the paused time left out, in all.
	PausedHours float64 `json:"paused_hours"`
}

// CountMatters computes MatterStats for the period from from to to
// (inclusive dates; zero times are unbounded). A matter's category is its
// last production's (a preservation that led to it is part of it), else
// its last case's.
func CountMatters(matters []*app.Matter, from, to time.Time) MatterStats {
	s := MatterStats{ByCategory: map[string]int{}}
	var caseTimes, matterTimes []time.Duration
	var casePaused, matterPaused time.Duration
	for _, m := range matters {
		for _, c := range m.Cases {
			if c.Decision == nil || c.Status != app.StatusDecided || !InPeriod(c.Decision.DecidedAt, from, to) {
				continue
			}
			paused := c.PausedUntil(c.Decision.DecidedAt)
			if d := c.Decision.DecidedAt.Sub(m.Clocks[c.ID].Start) - paused; d >= 0 {
				caseTimes, casePaused = append(caseTimes, d), casePaused+paused
			}
		}
		if !m.Closed {
			if len(m.Cases) > 0 && InPeriod(m.Cases[0].ReceivedAt(), from, to) {
				s.Open++
			}
			continue
		}
		if !InPeriod(m.ClosedAt, from, to) {
			continue
		}
		s.Decided++
		s.Cases += len(m.Cases)
		s.ByCategory[matterCategory(m)]++
		var paused time.Duration
		for _, c := range m.Cases {
			paused += c.PausedUntil(m.ClosedAt)
		}
		if d := m.ClosedAt.Sub(m.Clocks[m.Cases[0].ID].Start) - paused; d >= 0 {
			matterTimes, matterPaused = append(matterTimes, d), matterPaused+paused
		}
	}
	s.TimeToResolve.Cases = resolution(caseTimes, casePaused)
	s.TimeToResolve.Matters = resolution(matterTimes, matterPaused)
	return s
}

func matterCategory(m *app.Matter) string {
	for k := len(m.Cases) - 1; k >= 0; k-- {
		if c := m.Cases[k]; !c.IsHold() && c.Decision != nil {
			return Category(c)
		}
	}
	return Category(m.Cases[len(m.Cases)-1])
}

func resolution(ds []time.Duration, paused time.Duration) Resolution {
	r := Resolution{Count: len(ds), PausedHours: hours(paused)}
	if len(ds) == 0 {
		return r
	}
	sort.Slice(ds, func(i, j int) bool { return ds[i] < ds[j] })
	var total time.Duration
	for _, d := range ds {
		total += d
	}
	mid := ds[len(ds)/2]
	if len(ds)%2 == 0 {
		mid = (ds[len(ds)/2-1] + ds[len(ds)/2]) / 2
	}
	r.MedianHours, r.MeanHours = hours(mid), hours(total/time.Duration(len(ds)))
	return r
}

func hours(d time.Duration) float64 { return math.Round(d.Hours()*100) / 100 }

// lettersSent lists the letters written on a case, each as kind@date.
func lettersSent(c *app.Case) string {
	var out []string
	for _, it := range c.Correspondence {
		if it.Letter != "" {
			out = append(out, string(it.Letter)+"@"+it.Date.UTC().Format(time.DateOnly))
		}
	}
	return strings.Join(out, ";")
}
