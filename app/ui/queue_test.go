package ui

import (
	"context"
	"errors"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"github.com/warrantdesk/warrantdesk/app"
)

type fakeStore struct {
	cases []*app.Case
	err   error
}

func (f fakeStore) Cases(context.Context) ([]*app.Case, error) { return f.cases, f.err }

func inline(work func()) { work() }

var now = time.Date(2025, 6, 9, 12, 0, 0, 0, time.UTC)

func sampleCase(number string, kind app.ProcessType, deadline string, emergency bool, status app.Status) *app.Case {
	fields := map[string]app.Field{
		app.FieldCaseNumber:       {Value: number},
		app.FieldIssuingAuthority: {Value: "United States District Court for the District of Arizona"},
	}
	if deadline != "" {
		fields[app.FieldDeadline] = app.Field{Value: deadline}
	}
	return &app.Case{
		ID: app.NewCaseID(), Status: status, CreatedAt: now,
		Order: app.Order{FileName: number + ".pdf", Pages: 1, Extraction: app.Extraction{
			ProcessType: kind, Fields: fields, Emergency: emergency,
			Targets: []app.Target{{Kind: app.TargetEmail, Value: "a@example.com"}},
		}},
	}
}

func showQueue(t *testing.T, store CaseLister) (*Queue, fyne.Window) {
	t.Helper()
	test.NewTempApp(t)
	q := NewQueue(QueueParams{Cases: store, Run: inline, Now: func() time.Time { return now }})
	w := test.NewTempWindow(t, q.Content())
	w.Resize(fyne.NewSize(900, 300))
	q.Refresh()
	return q, w
}

func TestQueue_ListsCasesMostUrgentFirst(t *testing.T) {
	q, w := showQueue(t, fakeStore{cases: []*app.Case{
		sampleCase("2:25-mj-00002", app.SearchWarrant, "2025-06-20", false, app.StatusNew),
		sampleCase("NSL-25-000001", app.NSL, "", false, app.StatusDecided),
		sampleCase("2025-000003", app.EmergencyRequest, "", true, app.StatusNew),
		sampleCase("1:25-ec-00004", app.CourtOrder2703d, "2025-06-10", false, app.StatusInReview),
	}})
	// Open cases first: the decided one is not listed until asked for.
	if len(q.cases) != 3 || q.status.Text != "3 open of 4 cases, most urgent first" {
		t.Errorf("%d shown, status %q", len(q.cases), q.status.Text)
	}
	q.filter.SetSelected(FilterAll)
	test.AssertRendersToMarkup(t, "queue/four_cases.xml", w.Canvas())
}

func TestQueue_EmptySaysWhatToDo(t *testing.T) {
	_, w := showQueue(t, fakeStore{})
	test.AssertRendersToMarkup(t, "queue/empty.xml", w.Canvas())
}

func TestQueue_StoreErrorIsShown(t *testing.T) {
	_, w := showQueue(t, fakeStore{err: &app.Error{Code: app.EINTERNAL, Message: "could not read the database", Err: errors.New("io")}})
	test.AssertRendersToMarkup(t, "queue/error.xml", w.Canvas())
}

func TestCountdown(t *testing.T) {
	for _, tc := range []struct {
		deadline string
		want     string
	}{
		{"2025-06-20", "in 11 days"},
		{"2025-06-10", "in 35 h"},
		{"2025-06-09", "in 11 h"},
		{"2025-06-01", "overdue by 7 days"},
	} {
		d, _ := time.Parse(time.DateOnly, tc.deadline)
		d = d.Add(24*time.Hour - time.Second) // due at the day's end
		if got := Countdown(d, now); got != tc.want {
			t.Errorf("Countdown(%s) = %q, want %q", tc.deadline, got, tc.want)
		}
	}
}
