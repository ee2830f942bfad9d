package ui

import (
	"context"
	"fmt"
	"time"

	"fyne.io/fyne/v2"

	"github.com/warrantdesk/warrantdesk/app"
)

// Notifier shows a desktop notification; fyne.App is one.
type Notifier interface {
	SendNotification(n *fyne.Notification)
}

// ClockSource gives a case's clock as its matter has it.
type ClockSource interface {
	Case(ctx context.Context, id string) (*app.Case, error)
	Clock(ctx context.Context, id string) (app.Clock, error)
}

// EmergencyNotice is the desktop notification for an emergency that has
// just arrived, or nil for a case that is none. It says how long is left
// and by when, and nothing of the case's values: notifications show on
// lock screens and go to the system's notification log.
func EmergencyNotice(c *app.Case, k app.Clock) *fyne.Notification {
	t := c.ProcessType()
	if !c.Emergency() && t != app.EmergencyRequest {
		return nil
	}
	body := "An emergency request was imported. Open WarrantDesk to review it."
	if !k.Due.IsZero() {
		body = fmt.Sprintf("An emergency %s was imported: answer by %s (%s left). Open WarrantDesk to review it.",
			t.Label(), k.Due.In(time.Local).Format("15:04 MST"), app.Span(k.Left))
		if k.Left <= 0 {
			body = fmt.Sprintf("An emergency %s was imported and its time is up (due %s). Open WarrantDesk to review it.",
				t.Label(), k.Due.In(time.Local).Format("15:04 MST"))
		}
	}
	return fyne.NewNotification("WarrantDesk: emergency request", body)
}

// NotifyEmergencies raises a notification for each emergency among the
// cases just imported. Run it off the UI goroutine: it reads the store.
func NotifyEmergencies(n Notifier, src ClockSource, created []string) {
	for _, id := range created {
		c, err := src.Case(context.Background(), id)
		if err != nil {
			continue
		}
		k, err := src.Clock(context.Background(), id)
		if err != nil {
			continue
		}
		if note := EmergencyNotice(c, k); note != nil {
			fyne.Do(func() { n.SendNotification(note) })
		}
	}
}
