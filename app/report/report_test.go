package report

import (
	"testing"
	"time"

	"github.com/warrantdesk/warrantdesk/app"
)

func TestCategory(t *testing.T) {
	mk := func(o app.Outcome, data []string, produce ...bool) *app.Case {
		c := &app.Case{Status: app.StatusDecided, Order: app.Order{Extraction: app.Extraction{DataCategories: data}}}
		d := app.Decision{Outcome: o, DecidedAt: time.Now()}
		for i, p := range produce {
			v := string(rune('a'+i)) + "@example.com"
			c.Order.Extraction.Targets = append(c.Order.Extraction.Targets, app.Target{Value: v})
			d.Targets = append(d.Targets, app.TargetDecision{Target: v, Produce: p})
		}
		c.Decision = &d
		return c
	}
	content := []string{app.DataSubscriber, app.DataContent}
	for _, tc := range []struct {
		c    *app.Case
		want string
	}{
		{mk(app.Comply, content, true), CategoryContent},
		{mk(app.Narrow, content, true, false), CategoryNonContent},
		{mk(app.Comply, []string{app.DataSubscriber}, true), CategoryNonContent},
		{mk(app.Comply, content, false, false), CategoryNoData},
		{mk(app.NoData, content, true), CategoryNoData},
		{mk(app.Challenge, content), CategoryRejected},
		{mk(app.Redirect, content), CategoryRedirected},
		{mk(app.Preserve, content), CategoryPreserved},
		{mk(app.Clarify, content), CategoryPending},
	} {
		if got := Category(tc.c); got != tc.want {
			t.Errorf("%s %v: %q, want %q", tc.c.Decision.Outcome, tc.c.Decision.Targets, got, tc.want)
		}
	}
}
