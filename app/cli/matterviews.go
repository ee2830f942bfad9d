package cli

import (
	"time"

	"github.com/warrantdesk/warrantdesk/app"
)

// The JSON of matters and clocks (docs/cli.md): times in RFC 3339 with the
// issuer's offset, durations in seconds.

type clockJSON struct {
	Kind          app.ClockKind     `json:"kind"`
	Basis         string            `json:"basis"`
	Start         time.Time         `json:"start"`
	StartFrom     string            `json:"start_from"`
	Zone          string            `json:"zone"`
	ZoneFrom      string            `json:"zone_from"`
	Due           *time.Time        `json:"due"`
	State         string            `json:"state"`
	LeftSeconds   int64             `json:"left_seconds"`
	PausedSince   *time.Time        `json:"paused_since"`
	PauseReason   string            `json:"pause_reason,omitempty"`
	PausedSeconds int64             `json:"paused_seconds"`
	SupersededBy  string            `json:"superseded_by,omitempty"`
	Changes       []app.ClockChange `json:"changes"`
}

func clockView(k app.Clock) *clockJSON {
	loc := k.Location()
	v := &clockJSON{Kind: k.Kind, Basis: k.Basis, Start: k.Start.In(loc), StartFrom: k.StartFrom, Zone: k.Zone, ZoneFrom: k.ZoneFrom,
		State: k.State, LeftSeconds: int64(k.Left / time.Second), PauseReason: k.PauseReason, PausedSeconds: int64(k.Paused / time.Second),
		SupersededBy: k.SupersededBy, Changes: k.Changes}
	if !k.Due.IsZero() {
		d := k.Due.In(loc)
		v.Due = &d
	}
	if k.PausedSince != nil {
		p := k.PausedSince.In(loc)
		v.PausedSince = &p
	}
	if v.Changes == nil {
		v.Changes = []app.ClockChange{}
	}
	return v
}

// matterRef is what show --json says of a case's matter.
type matterRef struct {
	ID       string   `json:"id"`
	Linked   []string `json:"linked"`
	Proposed []string `json:"proposed"`
}

func matterRefView(m *app.Matter, self string) *matterRef {
	r := &matterRef{ID: m.ID, Linked: []string{}, Proposed: []string{}}
	for _, k := range m.Cases {
		if k.ID != self {
			r.Linked = append(r.Linked, k.ID)
		}
	}
	for _, p := range m.Proposals {
		r.Proposed = append(r.Proposed, p.Cases...)
	}
	return r
}

type matterCaseJSON struct {
	ID          string          `json:"id"`
	CaseNumber  string          `json:"case_number"`
	ProcessType app.ProcessType `json:"process_type"`
	Status      app.Status      `json:"status"`
	ReceivedAt  time.Time       `json:"received_at"`
	Outcome     app.Outcome     `json:"outcome,omitempty"`
	Clock       *clockJSON      `json:"clock"`
}

type matterJSON struct {
	ID             string              `json:"id"`
	Closed         bool                `json:"closed"`
	ClosedAt       *time.Time          `json:"closed_at"`
	Cases          []matterCaseJSON    `json:"cases"`
	Proposed       []app.Proposal      `json:"proposed"`
	Clock          *clockJSON          `json:"clock"`
	ClockCase      string              `json:"clock_case,omitempty"`
	Correspondence []app.MatterItem    `json:"correspondence"`
	Letters        []app.MatterItem    `json:"letters"`
	Timeline       []app.TimelineEntry `json:"timeline"`
	Flags          []app.Finding       `json:"flags"`
}

func matterView(m *app.Matter) matterJSON {
	v := matterJSON{ID: m.ID, Closed: m.Closed, Cases: []matterCaseJSON{}, Proposed: m.Proposals, Correspondence: []app.MatterItem{},
		Letters: []app.MatterItem{}, Timeline: m.Timeline, Flags: m.Flags}
	if m.Closed {
		t := m.ClosedAt
		v.ClosedAt = &t
	}
	for _, k := range m.Cases {
		c := matterCaseJSON{ID: k.ID, CaseNumber: k.CaseNumber(), ProcessType: k.ProcessType(), Status: k.Status,
			ReceivedAt: k.ReceivedAt(), Clock: clockView(m.Clocks[k.ID])}
		if k.Decision != nil {
			c.Outcome = k.Decision.Outcome
		}
		v.Cases = append(v.Cases, c)
	}
	if k, ok := m.Clock(); ok {
		v.Clock, v.ClockCase = clockView(k), m.Governing
	}
	for _, it := range m.Items {
		v.Correspondence = append(v.Correspondence, it)
		if it.Letter != "" {
			v.Letters = append(v.Letters, it)
		}
	}
	if v.Proposed == nil {
		v.Proposed = []app.Proposal{}
	}
	if v.Timeline == nil {
		v.Timeline = []app.TimelineEntry{}
	}
	if v.Flags == nil {
		v.Flags = []app.Finding{}
	}
	return v
}
