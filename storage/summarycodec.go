package storage

import (
	"encoding/binary"
	"encoding/json"
	"errors"
	"time"

	"github.com/warrantdesk/warrantdesk/app"
)

// A summary is stored in a compact binary form (schema 3): the launch
// reads every one, and decoding JSON was three quarters of that read
// (docs/PERFORMANCE.md). Schema 2 stored them as JSON; summaryOf reads
// both, so a migration cut short leaves a store that still reads.
//
// The form: a version byte, a flags varint, the strings (length-prefixed),
// the targets, the page count and the three times. Its decoder slices
// every string out of one copy of the value: one allocation a summary.
const summaryBinary byte = 0x01

const (
	sumEmergency = 1 << iota
	sumNeedsOCR
	sumGagged
)

// Time kinds: the zone as JSON kept it — a zero time, UTC ("Z", which
// RFC 3339 writes for any zero offset), or an offset.
const (
	timeZero byte = iota
	timeUTC
	timeOffset
)

// encodeSummary is s in the binary form.
func encodeSummary(s app.Summary) []byte {
	b := make([]byte, 0, 256)
	b = append(b, summaryBinary)
	var flags uint64
	if s.Emergency {
		flags |= sumEmergency
	}
	if s.NeedsOCR {
		flags |= sumNeedsOCR
	}
	if s.Gagged {
		flags |= sumGagged
	}
	b = binary.AppendUvarint(b, flags)
	for _, f := range summaryStrings(&s) {
		b = appendString(b, *f)
	}
	b = binary.AppendUvarint(b, uint64(len(s.Targets)))
	for _, t := range s.Targets {
		b = appendString(b, t)
	}
	b = binary.AppendVarint(b, int64(s.Pages))
	for _, t := range []time.Time{s.DueAt, s.CreatedAt, s.UpdatedAt} {
		b = appendTime(b, t)
	}
	return b
}

// summaryStrings are the summary's string fields in their stored order.
func summaryStrings(s *app.Summary) []*string {
	return []*string{&s.ID, (*string)(&s.Status), (*string)(&s.ProcessType), &s.CaseNumber, &s.Deadline,
		&s.Authority, &s.Agency, &s.AgentName, &s.Jurisdiction, &s.FileName, &s.Matter, (*string)(&s.Outcome), &s.SortKey}
}

func appendString(b []byte, s string) []byte {
	b = binary.AppendUvarint(b, uint64(len(s)))
	return append(b, s...)
}

func appendTime(b []byte, t time.Time) []byte {
	if t.IsZero() {
		return append(b, timeZero)
	}
	_, off := t.Zone()
	if off == 0 {
		b = append(b, timeUTC)
	} else {
		b = append(b, timeOffset)
		b = binary.AppendVarint(b, int64(off))
	}
	b = binary.AppendVarint(b, t.Unix())
	return binary.AppendUvarint(b, uint64(t.Nanosecond()))
}

var errSummaryForm = errors.New("the summary is cut short or not in a form this WarrantDesk reads")

// summaryReader decodes summaries, sharing what can be shared between
// them: the slab their target lists are cut from and the zones of their
// times.
type summaryReader struct {
	targets []string
	zones   map[int]*time.Location
	// keeper, when set, moves each group's summaries out of its
	// plaintext (the list that is kept: readSummaries).
	keeper *summaryKeeper
}

// summaryOf decodes a stored summary in either form: binary, or the JSON
// schema 2 wrote.
func (r *summaryReader) summaryOf(data []byte) (app.Summary, error) {
	var s app.Summary
	if len(data) > 0 && data[0] == '{' {
		err := json.Unmarshal(data, &s)
		return s, err
	}
	return r.summaryIn(string(data))
}

// summaryIn decodes a summary in the binary form from str, whose memory
// its strings share.
func (r *summaryReader) summaryIn(str string) (app.Summary, error) {
	var s app.Summary
	if len(str) == 0 || str[0] != summaryBinary {
		return s, errSummaryForm
	}
	d := summaryDecoder{str: str[1:]}
	flags := d.uvarint()
	s.Emergency, s.NeedsOCR, s.Gagged = flags&sumEmergency != 0, flags&sumNeedsOCR != 0, flags&sumGagged != 0
	for _, f := range summaryStrings(&s) {
		*f = d.string()
	}
	if n := d.uvarint(); n > 0 && d.err == nil && n <= uint64(len(d.str)) {
		if len(r.targets) < int(n) {
			r.targets = make([]string, max(int(n), 512))
		}
		s.Targets, r.targets = r.targets[:n:n], r.targets[n:]
		for i := range s.Targets {
			s.Targets[i] = d.string()
		}
	} else if n > 0 {
		d.err = errSummaryForm
	}
	s.Pages = int(d.varint())
	s.DueAt, s.CreatedAt, s.UpdatedAt = r.time(&d), r.time(&d), r.time(&d)
	if d.err == nil && d.str != "" {
		d.err = errSummaryForm
	}
	return s, d.err
}

// time reads one time, in the zone the JSON form would have given it: UTC,
// the local zone when its offset is the local one then, else a fixed
// offset.
func (r *summaryReader) time(d *summaryDecoder) time.Time {
	kind := d.byte()
	if kind == timeZero || d.err != nil {
		return time.Time{}
	}
	var off int64
	if kind == timeOffset {
		off = d.varint()
	} else if kind != timeUTC {
		d.err = errSummaryForm
		return time.Time{}
	}
	sec, nsec := d.varint(), d.uvarint()
	if nsec >= 1e9 {
		d.err = errSummaryForm
		return time.Time{}
	}
	t := time.Unix(sec, int64(nsec))
	if kind == timeUTC || off == 0 {
		return t.UTC() // as JSON reads a zero offset
	}
	if _, local := t.Zone(); int64(local) == off {
		return t
	}
	loc := r.zones[int(off)]
	if loc == nil {
		if r.zones == nil {
			r.zones = map[int]*time.Location{}
		}
		loc = time.FixedZone("", int(off))
		r.zones[int(off)] = loc
	}
	return t.In(loc)
}

// summaryDecoder reads the binary form from a string, so the strings it
// returns share its one allocation. The first error sticks.
type summaryDecoder struct {
	str string
	err error
}

func (d *summaryDecoder) byte() byte {
	if d.err != nil || d.str == "" {
		d.err = errSummaryForm
		return 0
	}
	b := d.str[0]
	d.str = d.str[1:]
	return b
}

// uvarint reads the bytes from a copy of the rest of the string and moves
// past them once: a byte at a time through byte() was a sixth of reading
// the summaries at launch (about 1,500 instructions a summary of 9,200).
func (d *summaryDecoder) uvarint() uint64 {
	if d.err != nil {
		return 0
	}
	s := d.str
	var x uint64
	for i := 0; i < len(s) && i < 10; i++ {
		b := s[i]
		x |= uint64(b&0x7f) << (7 * i)
		if b < 0x80 {
			d.str = s[i+1:]
			return x
		}
	}
	d.err = errSummaryForm
	return 0
}

func (d *summaryDecoder) varint() int64 {
	u := d.uvarint()
	return int64(u>>1) ^ -int64(u&1)
}

func (d *summaryDecoder) string() string {
	n := d.uvarint()
	if d.err != nil || n > uint64(len(d.str)) {
		d.err = errSummaryForm
		return ""
	}
	s := d.str[:n]
	d.str = d.str[n:]
	return s
}
