// Package evaluation scores extraction against ground truth: for every PDF
// in a folder with a NAME.json truth beside it, it compares what the
// extractor found with what the truth says, per field, per file and
// overall, and how well the extractor's confidence foretold its being right.
package evaluation

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"github.com/warrantdesk/warrantdesk/app"
	"github.com/warrantdesk/warrantdesk/app/intake"
	"github.com/warrantdesk/warrantdesk/app/sampleorders"
)

// Score is how often one field came out right.
type Score struct {
	Right, Total int
}

// Accuracy is Right/Total (1 when there was nothing to score).
func (s Score) Accuracy() float64 {
	if s.Total == 0 {
		return 1
	}
	return float64(s.Right) / float64(s.Total)
}

// Miss is one wrong value, for the report. Want "" is a value the
// extractor reported where the truth has none (invented); Got "" one it
// did not find.
type Miss struct {
	File, Field, Want, Got string
	// Confidence is the extractor's confidence in Got (0 for parts that
	// carry none).
	Confidence float64
}

// Band is a range of confidence, [Low, High), and how many of the values
// reported in it were right: the calibration of the extractor's
// confidence.
type Band struct {
	Low, High float64
	Score
}

// Report is the result of an evaluation.
type Report struct {
	Files  int
	Failed []string // files that could not be read
	Fields map[string]*Score
	Misses []Miss
	// Overall is the share of all scored values that came out right.
	Overall float64
	// Sources splits the score by where the text came from: born-digital
	// orders (their own text layer) and scanned ones (OCR, in part or
	// whole), which fail in different ways.
	Sources map[string]*Source
	// Bands is the calibration table: every field value reported, by the
	// confidence it was reported with.
	Bands []Band
	// Strict: values for fields the truth leaves out count as wrong (see
	// Options). Unscored lists them when not strict.
	Strict   bool
	Unscored []Miss
}

// Source is the score of the orders whose text came from one kind of
// source.
type Source struct {
	Files int
	Score
	Fields map[string]*Score
}

// Names of the source groups in Report.Sources.
const (
	SourceBornDigital = "born-digital"
	SourceScanned     = "scanned"
)

// Scored names the parts of an extraction that are scored, beside the
// fields: they appear in the report under these names.
const (
	PartProcessType   = "process_type"
	PartTargets       = "targets"
	PartData          = "data_categories"
	PartNondisclosure = "nondisclosure"
	PartEmergency     = "emergency"
)

// bandEdges are the calibration bands' lower edges, highest first. The
// issue's bar: at 0.9 and over at least 98 % right; under 0.6 the desk
// shows a value as uncertain.
var bandEdges = []float64{0.9, 0.8, 0.7, 0.6, 0}

// Options say what to evaluate and how.
type Options struct {
	// Dir holds the orders; Truth the NAME.json truth files (Dir when "").
	// Truth kept apart lets real orders be scored where they lie, without
	// copying them.
	Dir, Truth string
	// Strict says the truth lists every field the order has: a value
	// reported for a field it leaves out is invented and counts as wrong.
	// Without it, such values are listed but not scored (labels written
	// for some fields only).
	Strict bool
}

// Run evaluates every order in opt.Dir that has a truth file NAME.json for
// its NAME.pdf (or NAME.txt, NAME.md).
func Run(ctx context.Context, opt Options, im *intake.Importer) (*Report, error) {
	dir, truthDir := opt.Dir, opt.Truth
	if truthDir == "" {
		truthDir = dir
	}
	matches, err := filepath.Glob(filepath.Join(truthDir, "*.json"))
	if err != nil {
		return nil, err
	}
	rep := &Report{Strict: opt.Strict}
	for _, truthPath := range matches {
		base := filepath.Join(dir, strings.TrimSuffix(filepath.Base(truthPath), ".json"))
		pdfPath := ""
		for _, ext := range []string{".pdf", ".txt", ".md"} {
			if _, err := os.Stat(base + ext); err == nil {
				pdfPath = base + ext
				break
			}
		}
		if pdfPath == "" {
			continue
		}
		truth, stated, err := ReadTruth(truthPath)
		if err != nil {
			return nil, err
		}
		rep.Files++
		r, err := im.Read(ctx, pdfPath)
		if err != nil {
			rep.Failed = append(rep.Failed, fmt.Sprintf("%s: %s", filepath.Base(pdfPath), app.ErrorMessage(err)))
			continue
		}
		rep.Add(filepath.Base(pdfPath), r.Document.TextSource, truth, r.Extraction, stated)
	}
	if rep.Files == 0 {
		return nil, app.Errorf(app.EINVALID, "no order in %s has a NAME.json truth in %s", dir, truthDir)
	}
	rep.Finish()
	return rep, nil
}

// ReadTruth reads a truth file, and which of its parts it states: a part
// left out is not scored.
func ReadTruth(path string) (sampleorders.Truth, func(part string) bool, error) {
	var truth sampleorders.Truth
	var stated map[string]json.RawMessage
	b, err := os.ReadFile(path)
	if err != nil {
		return truth, nil, err
	}
	if err := json.Unmarshal(b, &truth); err != nil {
		return truth, nil, fmt.Errorf("%s: not a truth file: %w", path, err)
	}
	json.Unmarshal(b, &stated)
	return truth, func(part string) bool { _, ok := stated[part]; return ok }, nil
}

// tally is what one file scored, before it is added to the report.
type tally struct {
	r      *Report
	file   string
	fields map[string]*Score
	Score
}

func (t *tally) score(field string, right bool, want, got string, confidence float64) {
	s := t.r.Fields[field]
	if s == nil {
		s = &Score{}
		t.r.Fields[field] = s
	}
	fs := t.fields[field]
	if fs == nil {
		fs = &Score{}
		t.fields[field] = fs
	}
	s.Total++
	t.Total++
	fs.Total++
	if right {
		s.Right++
		t.Right++
		fs.Right++
	} else {
		t.r.Misses = append(t.r.Misses, Miss{t.file, field, want, got, confidence})
	}
}

// Add scores one extraction against its truth. A truth file that leaves a
// part out (targets, data_categories, nondisclosure, emergency) does not
// have it scored: a label for a redacted scan says only what the page
// shows. A field it leaves out counts only when the report is strict.
func (r *Report) Add(file string, source app.TextSource, t sampleorders.Truth, ex app.Extraction, stated func(part string) bool) {
	if stated == nil {
		stated = func(string) bool { return true }
	}
	if r.Fields == nil {
		r.Fields = map[string]*Score{}
	}
	if r.Sources == nil {
		r.Sources = map[string]*Source{}
	}
	ft := &tally{r: r, file: file, fields: map[string]*Score{}}
	ft.score(PartProcessType, t.ProcessType == ex.ProcessType, string(t.ProcessType), string(ex.ProcessType), 0)
	for _, n := range app.FieldNames() {
		want, f := t.Fields[n], ex.Fields[n]
		if want == "" && f.Value == "" {
			continue
		}
		if want == "" && !r.Strict {
			r.Unscored = append(r.Unscored, Miss{file, n, "", f.Value, f.Confidence})
			continue
		}
		right := Same(n, want, f.Value)
		if f.Value != "" {
			r.calibrate(f.Confidence, right)
		}
		ft.score(n, right, want, f.Value, f.Confidence)
	}
	// Targets: every true target found, and nothing else.
	wantT := map[string]bool{}
	for _, tt := range t.Targets {
		wantT[string(tt.Kind)+" "+tt.Value] = true
	}
	gotT := map[string]bool{}
	for _, gt := range ex.Targets {
		gotT[string(gt.Kind)+" "+gt.Value] = true
	}
	if stated(PartTargets) {
		ft.score(PartTargets, equalSets(wantT, gotT), setString(wantT), setString(gotT), 0)
	}
	wantD, gotD := map[string]bool{}, map[string]bool{}
	for _, d := range t.DataCategories {
		wantD[d] = true
	}
	for _, d := range ex.DataCategories {
		gotD[d] = true
	}
	if stated(PartData) {
		ft.score(PartData, equalSets(wantD, gotD), setString(wantD), setString(gotD), 0)
	}
	nd := ex.Nondisclosure
	wantN := fmt.Sprintf("ordered=%v requested=%v days=%d", t.Nondisclosure.Ordered, t.Nondisclosure.Requested, t.Nondisclosure.Days)
	gotN := fmt.Sprintf("ordered=%v requested=%v days=%d", nd.Ordered, nd.Requested && !nd.Ordered, nd.Days)
	if stated(PartNondisclosure) {
		ft.score(PartNondisclosure, wantN == gotN, wantN, gotN, 0)
	}
	if stated(PartEmergency) {
		ft.score(PartEmergency, t.Emergency == ex.Emergency, fmt.Sprint(t.Emergency), fmt.Sprint(ex.Emergency), 0)
	}
	group := SourceBornDigital
	if source == app.SourceOCR || source == app.SourceMixed {
		group = SourceScanned
	}
	g := r.Sources[group]
	if g == nil {
		g = &Source{Fields: map[string]*Score{}}
		r.Sources[group] = g
	}
	g.Files++
	g.Right += ft.Right
	g.Total += ft.Total
	for n, s := range ft.fields {
		gs := g.Fields[n]
		if gs == nil {
			gs = &Score{}
			g.Fields[n] = gs
		}
		gs.Right += s.Right
		gs.Total += s.Total
	}
}

func (r *Report) calibrate(confidence float64, right bool) {
	if r.Bands == nil {
		for i, low := range bandEdges {
			high := 1.01
			if i > 0 {
				high = bandEdges[i-1]
			}
			r.Bands = append(r.Bands, Band{Low: low, High: high})
		}
	}
	for i := range r.Bands {
		if confidence >= r.Bands[i].Low-1e-9 {
			r.Bands[i].Total++
			if right {
				r.Bands[i].Right++
			}
			return
		}
	}
}

// Same reports whether an extracted value is right, compared the way a
// reviewer reads it:
//   - an authority (issuing authority or agency) or a judge is right when
//     it holds the truth's words in their order (a fuller name is not
//     wrong: "Hon. Ada Roe, United States Magistrate Judge" for "Ada Roe",
//     "U.S. Department of Justice, Federal Bureau of Investigation" for the
//     FBI), and is not much longer;
//   - a case number ignores punctuation, spacing and a label kept or
//     dropped before it ("Case No. 2:25-mj-1" for "2:25-mj-1", "IRS-CI
//     2026-1" for "2026-1");
//   - everything else, dates included, must be equal but for case and
//     spacing.
func Same(field, want, got string) bool {
	if want == "" || got == "" {
		return want == got
	}
	switch field {
	case app.FieldIssuingAuthority, app.FieldAgency, app.FieldJudge:
		return containsWords(words(got), words(want))
	case app.FieldCaseNumber:
		return sameCaseNumber(want, got)
	}
	f := func(s string) string {
		s = strings.NewReplacer("\u2019", "'", "\u2018", "'").Replace(s)
		return strings.ToLower(strings.Join(strings.Fields(s), " "))
	}
	return f(want) == f(got)
}

// words splits s into lower-case words, punctuation dropped.
func words(s string) []string {
	return strings.FieldsFunc(strings.ToLower(s), func(r rune) bool {
		return !(r >= 'a' && r <= 'z' || r >= '0' && r <= '9' || r > 127)
	})
}

// containsWords reports whether have holds every word of want in order,
// with not much else: at most twice as many words, and three more.
func containsWords(have, want []string) bool {
	if len(want) == 0 || len(have) > 2*len(want)+3 {
		return false
	}
	i := 0
	for _, w := range have {
		if i < len(want) && w == want[i] {
			i++
		}
	}
	return i == len(want)
}

func alnum(s string) string {
	var b strings.Builder
	for _, r := range strings.ToUpper(s) {
		if r >= 0xFF10 && r <= 0xFF19 || r >= 0xFF21 && r <= 0xFF3A {
			r -= 0xFEE0 // full-width digits and letters are the same number
		}
		if r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || r > 127 {
			b.WriteRune(r)
		}
	}
	return b.String()
}

// sameCaseNumber compares case numbers without punctuation; one may keep a
// label the other drops, letters only ("CASENO", "AZ", "IRSCI"), in front
// of a shared part that holds a digit.
func sameCaseNumber(want, got string) bool {
	a, b := alnum(want), alnum(got)
	if a == b {
		return a != ""
	}
	if len(a) > len(b) {
		a, b = b, a
	}
	if !strings.HasSuffix(b, a) || !strings.ContainsAny(a, "0123456789") || len(a) < 3 {
		return false
	}
	return !strings.ContainsAny(b[:len(b)-len(a)], "0123456789")
}

func equalSets(a, b map[string]bool) bool {
	if len(a) != len(b) {
		return false
	}
	for k := range a {
		if !b[k] {
			return false
		}
	}
	return true
}

func setString(m map[string]bool) string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return strings.Join(keys, ", ")
}

// Finish computes the overall score once every file is added.
func (r *Report) Finish() { r.Overall = r.overall() }

// overall is the share of all scored values that came out right, with a
// file that could not be read counting as wrong throughout.
func (r *Report) overall() float64 {
	var right, total int
	for _, s := range r.Fields {
		right += s.Right
		total += s.Total
	}
	if len(r.Failed) > 0 && r.Files > 0 {
		perFile := float64(total) / float64(r.Files-len(r.Failed)+1)
		total += int(perFile * float64(len(r.Failed)))
	}
	if total == 0 {
		return 0
	}
	return float64(right) / float64(total)
}
