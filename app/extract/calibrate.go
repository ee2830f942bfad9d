package extract

import "github.com/warrantdesk/warrantdesk/app"

// A field's confidence is first the strength of the evidence that won it
// (the rule's confidence, with agreement, ties and OCR taken into
// account); calibrate then maps that strength to how often values of that
// field and strength came out right on orders written by others — the
// dev sets of ../shared/devset, held-out parts of them, the labelled real
// orders and the generated ones (docs/extraction.md, "Confidence"). The
// bar it is set to: of the values reported at 0.9 or more, at least 98 in
// 100 right; under 0.6 a value is shown as uncertain.

// calibration gives, per field, steps of evidence strength and the
// confidence they earn, strongest first; strengths under every step are
// reported as they are, and max caps what the field can earn at all.
type calibration struct {
	steps []struct{ from, to float64 }
	max   float64
}

var calibrations = map[string]calibration{
	// Numbers and dates read beside their labels, or of a shape that
	// needs none, came out right on every order measured.
	app.FieldCaseNumber:     {steps: []struct{ from, to float64 }{{0.9, 0.95}, {0.8, 0.9}, {0.7, 0.8}}, max: 0.97},
	app.FieldIssuedDate:     {steps: []struct{ from, to float64 }{{0.9, 0.95}, {0.8, 0.9}, {0.7, 0.8}}, max: 0.97},
	app.FieldDeadline:       {steps: []struct{ from, to float64 }{{0.85, 0.92}}, max: 0.95},
	app.FieldDateRangeStart: {steps: []struct{ from, to float64 }{{0.85, 0.9}}, max: 0.92},
	app.FieldDateRangeEnd:   {steps: []struct{ from, to float64 }{{0.85, 0.9}}, max: 0.92},
	app.FieldAgentEmail:     {steps: []struct{ from, to float64 }{{0.8, 0.9}}, max: 0.92},
	app.FieldJudge:          {steps: []struct{ from, to float64 }{{0.85, 0.9}}, max: 0.92},
	app.FieldJurisdiction:   {max: 0.92},
	// Names of people and bodies, and which of the sender's numbers is
	// the agent's, are right about nine times in ten at best: a reviewer
	// checks them.
	app.FieldAgentName:        {max: 0.85},
	app.FieldAgentPhone:       {max: 0.8},
	app.FieldRecipient:        {max: 0.85},
	app.FieldIssuingAuthority: {max: 0.85},
	app.FieldAgency:           {max: 0.8},
}

// doubtCap is what a value that looks cut (doubt) can earn at most: under
// lowConfidence, so the desk shows it as uncertain. On every set measured
// (dev sets, labelled, train6) each value with these marks was wrong.
const doubtCap = 0.55

// calibrate sets every field's confidence to what its evidence earns.
func (x *run) calibrate() {
	for name, f := range x.ex.Fields {
		c := calibrated(name, f.Confidence)
		if doubtOf(x.c, name, f).doubtful() {
			c = min(c, doubtCap)
		}
		if x.c.unsureOCR(f) {
			c = min(c, unsureOCRCap)
		}
		f.Confidence = round2(c)
		for i := range f.Alternatives {
			f.Alternatives[i].Confidence = round2(min(calibrated(name, f.Alternatives[i].Confidence), f.Confidence-0.01))
		}
		x.ex.Fields[name] = f
	}
}

func calibrated(name string, c float64) float64 {
	cal, ok := calibrations[name]
	if !ok {
		return c
	}
	out := c
	for _, s := range cal.steps {
		if c >= s.from-1e-9 {
			out = s.to
			break
		}
	}
	if cal.max > 0 {
		out = min(out, cal.max)
	}
	return out
}
