package app

import (
	"errors"
	"fmt"
	"maps"
	"slices"
	"strings"
	"time"
)

// Names of the parts of an order a reviewer can correct besides its fields
// (FieldNames). They key Case.Corrections as the fields do.
const (
	FieldProcessType    = "process_type"
	FieldTargets        = "targets"
	FieldDataCategories = "data_categories"
	FieldLegalBasis     = "legal_basis"
	FieldNondisclosure  = "nondisclosure"
)

// CorrectableNames lists everything a reviewer can correct, in the order
// the desk shows it (a new slice each time).
func CorrectableNames() []string {
	return append([]string{FieldProcessType}, append(FieldNames(), FieldTargets, FieldDataCategories, FieldLegalBasis, FieldNondisclosure)...)
}

// DataCategories lists the data categories an order can ask for (a new
// slice each time).
func DataCategories() []string {
	return []string{DataSubscriber, DataNonContent, DataContent, DataPreservation}
}

// TargetKinds lists the kinds of identifier (a new slice each time).
func TargetKinds() []TargetKind {
	return []TargetKind{TargetEmail, TargetPhone, TargetUsername, TargetAccountID, TargetIP, TargetDevice, TargetURL, TargetOther}
}

// Edit is one change a reviewer makes to what was read from an order:
// a value for Field, or Clear (the order states no such thing), or Revert
// (back to what was read). Which of Value, List, Targets and
// Nondisclosure carries the value depends on Field.
type Edit struct {
	Field         string
	Value         string         // a field's value; a process type's code
	List          []string       // data categories, legal basis
	Targets       []Target       // the targets, in full
	Nondisclosure *Nondisclosure // the gag, in full
	Clear         bool
	Revert        bool
}

// ErrDecided is wrapped by the errors that refuse to change a decided
// case: it is read-only until reopened.
var ErrDecided = errors.New("case decided")

func decidedError(c *Case) error {
	if c.Status == StatusAwaitingApproval {
		return &Error{Code: ECONFLICT, Message: "This case's decision awaits a second reviewer's approval, so it is read-only: approve it or send it back, or reopen it to change anything.", Err: ErrDecided}
	}
	return &Error{Code: ECONFLICT, Message: "This case is decided, so it is read-only: reopen it to change anything.", Err: ErrDecided}
}

// Apply records e beside what was read, by whom and when, and reports
// whether it changed anything; the extraction itself is never changed.
// A value equal to what was read removes the correction. It refuses a
// decided case (ErrDecided), an unknown field, a date that is not
// YYYY-MM-DD, an unknown process type, data category or target kind, and
// a target without a value; all EINVALID but the first (ECONFLICT). Like
// Decide, it copies rather than shares the map and history.
func (c *Case) Apply(e Edit, by string, at time.Time) (bool, error) {
	if c.Decided() {
		return false, decidedError(c)
	}
	if !slices.Contains(CorrectableNames(), e.Field) {
		return false, Errorf(EINVALID, "%q cannot be corrected", e.Field)
	}
	next, changed, err := c.next(e)
	if err != nil || !changed {
		return false, err
	}
	c.record(e.Field, next, by, at)
	return true, nil
}

// next is the correction e makes of its field (nil: none, what was read
// stands) and whether that changes what the case holds.
func (c *Case) next(e Edit) (*Correction, bool, error) {
	was, had := c.Corrections[e.Field]
	read := c.read(e.Field)
	switch {
	case e.Revert:
		return nil, had, nil
	case e.Clear:
		if !had && read.Value == "" && len(read.Targets)+len(read.List) == 0 {
			return nil, false, nil // nothing was read: nothing to clear
		}
		k := &Correction{Cleared: true, Extracted: read.Value}
		return k, !had || k.differs(was), nil
	}
	k, err := c.correction(e)
	if err != nil {
		return nil, false, err
	}
	k.Extracted = read.Value
	if !k.differs(read) {
		// What was read after all: no correction is needed.
		return nil, had, nil
	}
	return &k, !had || k.differs(was), nil
}

// record keeps next as the correction of name (nil removes it) in a new
// map, and says what changed in the history.
func (c *Case) record(name string, next *Correction, by string, at time.Time) {
	m := maps.Clone(c.Corrections)
	if m == nil {
		m = map[string]Correction{}
	}
	label := FieldLabel(name)
	read := c.read(name).Value
	var detail string
	switch {
	case next == nil:
		delete(m, name)
		detail = fmt.Sprintf("%s: back to the value read, %q", label, read)
	case next.Cleared:
		next.By, next.At = by, at
		m[name] = *next
		detail = fmt.Sprintf("%s: cleared, the order states none (read %q)", label, read)
	default:
		next.By, next.At = by, at
		m[name] = *next
		detail = fmt.Sprintf("%s: %q (read %q)", label, next.Value, read)
	}
	if len(m) == 0 {
		m = nil
	}
	c.Corrections = m
	c.touch(by, at, "corrected", detail)
}

// differs reports whether k says something other than o.
func (k Correction) differs(o Correction) bool {
	return k.Cleared != o.Cleared || k.Value != o.Value || !slices.Equal(k.List, o.List) ||
		!slices.EqualFunc(k.Targets, o.Targets, func(a, b Target) bool { return a.Kind == b.Kind && a.Value == b.Value }) ||
		!sameGag(k.Nondisclosure, o.Nondisclosure)
}

func sameGag(a, b *Nondisclosure) bool {
	if a == nil || b == nil {
		return a == b
	}
	return a.Ordered == b.Ordered && a.Requested == b.Requested && a.Days == b.Days && a.Basis == b.Basis &&
		(a.Until == nil) == (b.Until == nil) && (a.Until == nil || *a.Until == *b.Until)
}

// read is what the order says for name, as a correction would hold it.
func (c *Case) read(name string) Correction {
	ex := &c.Order.Extraction
	switch name {
	case FieldProcessType:
		return Correction{Value: string(ex.ProcessType)}
	case FieldTargets:
		t := slices.Clone(ex.Targets)
		return Correction{Value: targetsText(t), Targets: t}
	case FieldDataCategories:
		return Correction{Value: strings.Join(ex.DataCategories, "; "), List: slices.Clone(ex.DataCategories)}
	case FieldLegalBasis:
		return Correction{Value: strings.Join(ex.LegalBasis, "; "), List: slices.Clone(ex.LegalBasis)}
	case FieldNondisclosure:
		nd := ex.Nondisclosure
		return Correction{Value: nd.Describe(), Nondisclosure: &nd}
	}
	return Correction{Value: ex.Field(name)}
}

// correction checks e's value and makes the correction that records it.
func (c *Case) correction(e Edit) (Correction, error) {
	switch e.Field {
	case FieldProcessType:
		t := ProcessType(strings.TrimSpace(e.Value))
		if !slices.Contains(ProcessTypes(), t) {
			return Correction{}, Errorf(EINVALID, "unknown process type %q", e.Value)
		}
		return Correction{Value: string(t)}, nil
	case FieldTargets:
		ts, err := c.cleanTargets(e.Targets)
		return Correction{Value: targetsText(ts), Targets: ts}, err
	case FieldDataCategories:
		return categoriesCorrection(e.List)
	case FieldLegalBasis:
		return basisCorrection(e.List)
	case FieldNondisclosure:
		return c.gagCorrection(e.Nondisclosure)
	}
	return fieldCorrection(e.Field, e.Value)
}

func fieldCorrection(name, value string) (Correction, error) {
	v := strings.TrimSpace(value)
	if v == "" {
		return Correction{}, Errorf(EINVALID, "give a value for %s, or clear it if the order states none", FieldLabel(name))
	}
	if isDateField(name) {
		if _, err := time.Parse(time.DateOnly, v); err != nil {
			return Correction{}, Errorf(EINVALID, "%s must be a date written YYYY-MM-DD, not %q", FieldLabel(name), v)
		}
	}
	return Correction{Value: v}, nil
}

func categoriesCorrection(list []string) (Correction, error) {
	var out []string
	for _, d := range list {
		d = strings.TrimSpace(d)
		if !slices.Contains(DataCategories(), d) {
			return Correction{}, Errorf(EINVALID, "unknown data category %q: use %s", d, strings.Join(DataCategories(), ", "))
		}
		if !slices.Contains(out, d) {
			out = append(out, d)
		}
	}
	if len(out) == 0 {
		return Correction{}, Errorf(EINVALID, "choose at least one data category, or clear them")
	}
	return Correction{Value: strings.Join(out, "; "), List: out}, nil
}

func basisCorrection(list []string) (Correction, error) {
	var out []string
	for _, b := range list {
		if b = strings.Join(strings.Fields(b), " "); b != "" && !slices.Contains(out, b) {
			out = append(out, b)
		}
	}
	if len(out) == 0 {
		return Correction{}, Errorf(EINVALID, "give at least one legal basis, or clear it")
	}
	return Correction{Value: strings.Join(out, "; "), List: out}, nil
}

func (c *Case) gagCorrection(in *Nondisclosure) (Correction, error) {
	if in == nil {
		return Correction{}, Errorf(EINVALID, "say whether non-disclosure is ordered, or clear it")
	}
	nd := *in
	if nd.Until != nil {
		u := strings.TrimSpace(*nd.Until)
		if _, err := time.Parse(time.DateOnly, u); err != nil {
			return Correction{}, Errorf(EINVALID, "the non-disclosure end must be a date written YYYY-MM-DD, not %q", u)
		}
		nd.Until = &u
	}
	if nd.Days < 0 {
		return Correction{}, Errorf(EINVALID, "the non-disclosure period cannot be negative")
	}
	// Where the gag was read stays its evidence.
	nd.Page, nd.Snippet = c.Order.Extraction.Nondisclosure.Page, c.Order.Extraction.Nondisclosure.Snippet
	return Correction{Value: nd.Describe(), Nondisclosure: &nd}, nil
}

// cleanTargets checks and normalises the targets a reviewer gave: a known
// kind and a value each, e-mail addresses lower-case, each once; a target
// that was read keeps its evidence.
func (c *Case) cleanTargets(in []Target) ([]Target, error) {
	var out []Target
	for _, t := range in {
		t.Value = strings.TrimSpace(t.Value)
		if t.Value == "" {
			continue
		}
		if !slices.Contains(TargetKinds(), t.Kind) {
			return nil, Errorf(EINVALID, "unknown kind of target %q", t.Kind)
		}
		if t.Kind == TargetEmail {
			t.Value = strings.ToLower(t.Value)
		}
		if slices.ContainsFunc(out, func(o Target) bool { return strings.EqualFold(o.Value, t.Value) }) {
			continue
		}
		t.Page, t.Snippet = 0, ""
		for _, r := range c.Order.Extraction.Targets {
			if strings.EqualFold(r.Value, t.Value) {
				t.Page, t.Snippet, t.Timestamp = r.Page, r.Snippet, r.Timestamp
			}
		}
		out = append(out, t)
	}
	if len(out) == 0 {
		return nil, Errorf(EINVALID, "give at least one target, or clear them if the order names none")
	}
	return out, nil
}

func targetsText(ts []Target) string {
	vs := make([]string, len(ts))
	for i, t := range ts {
		vs[i] = t.Value
	}
	return strings.Join(vs, "; ")
}

// Corrected reports whether the reviewer corrected name.
func (c *Case) Corrected(name string) bool {
	_, ok := c.Corrections[name]
	return ok
}

// ProcessType is the kind of process, as corrected.
func (c *Case) ProcessType() ProcessType {
	if k, ok := c.Corrections[FieldProcessType]; ok {
		if k.Cleared {
			return ""
		}
		return ProcessType(k.Value)
	}
	return c.Order.Extraction.ProcessType
}

// Targets are the identifiers the order names, as corrected.
func (c *Case) Targets() []Target {
	if k, ok := c.Corrections[FieldTargets]; ok {
		return k.Targets
	}
	return c.Order.Extraction.Targets
}

// DataCategories are the data asked for, as corrected.
func (c *Case) DataCategories() []string {
	if k, ok := c.Corrections[FieldDataCategories]; ok {
		return k.List
	}
	return c.Order.Extraction.DataCategories
}

// LegalBasis is the law the order cites, as corrected.
func (c *Case) LegalBasis() []string {
	if k, ok := c.Corrections[FieldLegalBasis]; ok {
		return k.List
	}
	return c.Order.Extraction.LegalBasis
}

// Nondisclosure is the gag, as corrected (cleared: none).
func (c *Case) Nondisclosure() Nondisclosure {
	if k, ok := c.Corrections[FieldNondisclosure]; ok {
		if k.Cleared || k.Nondisclosure == nil {
			return Nondisclosure{}
		}
		return *k.Nondisclosure
	}
	return c.Order.Extraction.Nondisclosure
}

// Emergency reports whether the order is an emergency: read as one, or
// corrected to an emergency request (and not one corrected away from it).
func (c *Case) Emergency() bool {
	if c.Corrected(FieldProcessType) {
		if c.ProcessType() == EmergencyRequest {
			return true
		}
		if c.Order.Extraction.ProcessType == EmergencyRequest {
			return false
		}
	}
	return c.Order.Extraction.Emergency
}

// Effective is the extraction as the reviewer corrected it: what the
// checks, the memo, the log and search work on. The stored extraction is
// not changed; a corrected field keeps the evidence of the value read.
func (c *Case) Effective() *Extraction {
	ex := c.Order.Extraction
	ex.Fields = make(map[string]Field, len(c.Order.Extraction.Fields))
	for name, f := range c.Order.Extraction.Fields {
		ex.Fields[name] = f
	}
	for _, name := range FieldNames() {
		k, ok := c.Corrections[name]
		switch {
		case !ok:
		case k.Cleared:
			delete(ex.Fields, name)
		default:
			f := ex.Fields[name]
			f.Value, f.Confidence, f.Computed = k.Value, 1, false
			ex.Fields[name] = f
		}
	}
	ex.ProcessType, ex.Targets, ex.DataCategories = c.ProcessType(), c.Targets(), c.DataCategories()
	ex.LegalBasis, ex.Nondisclosure, ex.Emergency = c.LegalBasis(), c.Nondisclosure(), c.Emergency()
	return &ex
}
