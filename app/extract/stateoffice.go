package extract

import (
	"regexp"
	"strings"

	"github.com/warrantdesk/warrantdesk/app"
)

// bareStateOfficeRe is a state office written without its state ("OFFICE
// OF ATTORNEY GENERAL" under "COMMONWEALTH OF PENNSYLVANIA"): every state
// has one, so the bare name does not say whose it is.
var bareStateOfficeRe *regexp.Regexp

// stateOffice names a bare state attorney general's office by the state
// of the order's jurisdiction ("Pennsylvania Office of Attorney General").
func (x *run) stateOffice(v string) string {
	if !bareStateOfficeRe.MatchString(strings.TrimSpace(v)) {
		return v
	}
	code, ok := strings.CutPrefix(x.ex.Fields[app.FieldJurisdiction].Value, "US-")
	if !ok {
		return v
	}
	for name, c := range usStates {
		if c == code {
			return capitalised(name) + " " + strings.TrimPrefix(strings.TrimPrefix(v, "the "), "The ")
		}
	}
	return v
}

// unitStartRe is a unit's name (a unit word first or last), which a contact line may give before the
// body it belongs to ("Bureau of Criminal Investigations, Office of
// Attorney General").
var unitStartRe *regexp.Regexp

// parentBody returns the body a unit's segment is followed by on a
// contact line, if the next segment names one that is no unit itself.
func parentBody(seg, next string) (string, bool) {
	// The body's name ends where a dash or bar leads on to its number.
	for _, dash := range []string{" — ", " – ", " - ", " | "} {
		if i := strings.Index(next, dash); i > 0 {
			next = next[:i]
		}
	}
	next = strings.TrimSpace(next)
	if !unitStartRe.MatchString(seg) || forceRe().MatchString(seg) || next == "" || unitStartRe.MatchString(next) || numberOrAddress(next) || !policeWordRe.MatchString(next) {
		return "", false
	}
	return next, true
}

// capitalised writes a lower-case place name as a name ("new mexico" →
// "New Mexico").
func capitalised(s string) string {
	w := strings.Fields(s)
	for i, p := range w {
		if p != "of" {
			w[i] = strings.ToUpper(p[:1]) + p[1:]
		}
	}
	return strings.Join(w, " ")
}

// compileStateOffice compiles this file's patterns (called by compileAll).
func compileStateOffice() {
	bareStateOfficeRe = regexp.MustCompile(`(?i)^(?:the\s+)?(?:office\s+of\s+(?:the\s+)?attorney\s+general|attorney\s+general's\s+office)$`)
	unitStartRe = regexp.MustCompile(`(?i)^(?:the\s+)?(?:bureau|division|unit|section|squad|branch|team|task\s+force|desk|group)\b|\b(?:division|unit|section|squad|branch|team|task\s+force|desk|group)$`)
}
