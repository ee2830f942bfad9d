package storage

import (
	"strings"

	"github.com/warrantdesk/warrantdesk/app"
)

// A summary read at launch is kept for as long as the desk is open. Its
// strings were slices of its group's plaintext, so the list held every
// group whole — 340 bytes a case at 100,000 cases, most of it values
// every case repeats (a status, a process type, an agency, a court, a
// due date). summaryKeeper moves a summary's strings out of the group:
// the values cases share are kept once each, the rest packed in slabs of
// their own, and the ID is the tail of the sort key (which ends with it).
// The group is then garbage, and the list holds only what it shows.
type summaryKeeper struct {
	shared map[string]string
	slab   strings.Builder
}

// slabSize is the size of one slab of kept strings: large enough that
// their allocations do not count, small enough that the last one's unused
// end does not either.
const slabSize = 64 << 10

// keep moves s's strings out of the memory they were decoded from.
func (k *summaryKeeper) keep(s *app.Summary) {
	for _, f := range [...]*string{(*string)(&s.Status), (*string)(&s.ProcessType), &s.Deadline, &s.Authority, &s.Agency,
		&s.AgentName, &s.Jurisdiction, &s.Matter, (*string)(&s.Outcome)} {
		*f = k.share(*f)
	}
	s.SortKey = k.pack(s.SortKey)
	if tail := len(s.SortKey) - len(s.ID); tail >= 0 && s.SortKey[tail:] == s.ID {
		s.ID = s.SortKey[tail:]
	} else {
		s.ID = k.pack(s.ID)
	}
	s.CaseNumber, s.FileName = k.pack(s.CaseNumber), k.pack(s.FileName)
	for i, t := range s.Targets {
		s.Targets[i] = k.pack(t)
	}
}

// share is v, kept once however many summaries hold it.
func (k *summaryKeeper) share(v string) string {
	if v == "" {
		return ""
	}
	if kept, ok := k.shared[v]; ok {
		return kept
	}
	if k.shared == nil {
		k.shared = map[string]string{}
	}
	kept := strings.Clone(v)
	k.shared[kept] = kept
	return kept
}

// pack is v copied into the current slab. A strings.Builder never changes
// the bytes it has written, so its String's slices stay valid as it grows
// into a new slab.
func (k *summaryKeeper) pack(v string) string {
	if v == "" {
		return ""
	}
	if len(v) > slabSize/4 {
		return strings.Clone(v)
	}
	if k.slab.Cap()-k.slab.Len() < len(v) {
		k.slab = strings.Builder{}
		k.slab.Grow(slabSize)
	}
	start := k.slab.Len()
	k.slab.WriteString(v)
	return k.slab.String()[start:]
}
