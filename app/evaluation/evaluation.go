// Package evaluation scores extraction against ground truth: for every PDF
// in a folder with a NAME.json truth beside it, it compares what the
// extractor found with what the truth says, per field, and overall.
package evaluation

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
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

// Miss is one wrong value, for the report.
type Miss struct {
	File, Field, Want, Got string
}

// Report is the result of an evaluation.
type Report struct {
	Files   int
	Failed  []string // files that could not be read
	Fields  map[string]*Score
	Misses  []Miss
	Overall float64
}

// Scored names the parts of an extraction that are scored, beside the
// fields: they appear in the report under these names.
const (
	PartProcessType   = "process_type"
	PartTargets       = "targets"
	PartData          = "data_categories"
	PartNondisclosure = "nondisclosure"
	PartEmergency     = "emergency"
)

// Run evaluates every order in dir that has a truth file NAME.json for its
// NAME.pdf (or NAME.txt, NAME.md), looked for in truthDir, or beside the
// orders when truthDir is "". Truth kept apart lets real orders be scored
// where they lie, without copying them.
func Run(ctx context.Context, dir, truthDir string, im *intake.Importer) (*Report, error) {
	if truthDir == "" {
		truthDir = dir
	}
	matches, err := filepath.Glob(filepath.Join(truthDir, "*.json"))
	if err != nil {
		return nil, err
	}
	rep := &Report{Fields: map[string]*Score{}}
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
		var truth sampleorders.Truth
		var stated map[string]json.RawMessage
		b, err := os.ReadFile(truthPath)
		if err != nil {
			return nil, err
		}
		if err := json.Unmarshal(b, &truth); err != nil {
			return nil, fmt.Errorf("%s: not a truth file: %w", truthPath, err)
		}
		json.Unmarshal(b, &stated)
		rep.Files++
		r, err := im.Read(ctx, pdfPath)
		if err != nil {
			rep.Failed = append(rep.Failed, fmt.Sprintf("%s: %s", filepath.Base(pdfPath), app.ErrorMessage(err)))
			continue
		}
		rep.add(filepath.Base(pdfPath), truth, r.Extraction, func(part string) bool { _, ok := stated[part]; return ok })
	}
	if rep.Files == 0 {
		return nil, app.Errorf(app.EINVALID, "no order in %s has a NAME.json truth in %s", dir, truthDir)
	}
	rep.Overall = rep.overall()
	return rep, nil
}

func (r *Report) score(file, field string, right bool, want, got string) {
	s := r.Fields[field]
	if s == nil {
		s = &Score{}
		r.Fields[field] = s
	}
	s.Total++
	if right {
		s.Right++
	} else {
		r.Misses = append(r.Misses, Miss{file, field, want, got})
	}
}

// add scores one extraction against its truth. A truth file that leaves a
// part out (targets, data_categories, nondisclosure, emergency; a field)
// does not have it scored: a label for a redacted scan says only what the
// page shows.
func (r *Report) add(file string, t sampleorders.Truth, ex app.Extraction, stated func(part string) bool) {
	if stated == nil {
		stated = func(string) bool { return true }
	}
	if r.Fields == nil {
		r.Fields = map[string]*Score{}
	}
	r.score(file, PartProcessType, t.ProcessType == ex.ProcessType, string(t.ProcessType), string(ex.ProcessType))
	names := make([]string, 0, len(t.Fields))
	for n := range t.Fields {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, n := range names {
		want, got := t.Fields[n], ex.Field(n)
		r.score(file, n, same(want, got), want, got)
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
		r.score(file, PartTargets, equalSets(wantT, gotT), setString(wantT), setString(gotT))
	}
	wantD, gotD := map[string]bool{}, map[string]bool{}
	for _, d := range t.DataCategories {
		wantD[d] = true
	}
	for _, d := range ex.DataCategories {
		gotD[d] = true
	}
	if stated(PartData) {
		r.score(file, PartData, equalSets(wantD, gotD), setString(wantD), setString(gotD))
	}
	nd := ex.Nondisclosure
	wantN := fmt.Sprintf("ordered=%v requested=%v days=%d", t.Nondisclosure.Ordered, t.Nondisclosure.Requested, t.Nondisclosure.Days)
	gotN := fmt.Sprintf("ordered=%v requested=%v days=%d", nd.Ordered, nd.Requested && !nd.Ordered, nd.Days)
	if stated(PartNondisclosure) {
		r.score(file, PartNondisclosure, wantN == gotN, wantN, gotN)
	}
	if stated(PartEmergency) {
		r.score(file, PartEmergency, t.Emergency == ex.Emergency, fmt.Sprint(t.Emergency), fmt.Sprint(ex.Emergency))
	}
}

func same(a, b string) bool {
	f := func(s string) string { return strings.ToLower(strings.Join(strings.Fields(s), " ")) }
	return f(a) == f(b)
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

// Print writes the report: per-field accuracy, then the misses.
func (r *Report) Print(w io.Writer, misses int) {
	fmt.Fprintf(w, "%d orders evaluated", r.Files)
	if len(r.Failed) > 0 {
		fmt.Fprintf(w, ", %d could not be read", len(r.Failed))
	}
	fmt.Fprintln(w)
	names := make([]string, 0, len(r.Fields))
	for n := range r.Fields {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, n := range names {
		s := r.Fields[n]
		fmt.Fprintf(w, "  %-18s %6.3f  (%d/%d)\n", n, s.Accuracy(), s.Right, s.Total)
	}
	fmt.Fprintf(w, "overall %.3f\n", r.Overall)
	for _, f := range r.Failed {
		fmt.Fprintf(w, "unreadable: %s\n", f)
	}
	for i, m := range r.Misses {
		if i >= misses {
			fmt.Fprintf(w, "… and %d more misses\n", len(r.Misses)-misses)
			break
		}
		fmt.Fprintf(w, "miss %s %s: want %q, got %q\n", m.File, m.Field, m.Want, m.Got)
	}
}
