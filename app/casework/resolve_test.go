package casework

import (
	"testing"
	"time"

	"github.com/warrantdesk/warrantdesk/app"
)

func caseWith(id, number string) *app.Case {
	return &app.Case{ID: id, CreatedAt: time.Now(), Order: app.Order{Extraction: app.Extraction{
		Fields: map[string]app.Field{app.FieldCaseNumber: {Value: number}}}}}
}

func TestResolve(t *testing.T) {
	cases := []*app.Case{
		caseWith("aaaa1111000000000000000000000000", "2:25-mj-01234"),
		caseWith("aaaa2222000000000000000000000000", "NSL-25-000001"),
		caseWith("bbbb3333000000000000000000000000", "2:25-mj-01234"),
	}
	if c, err := Resolve(cases, "aaaa1111"); err != nil || c != cases[0] {
		t.Errorf("prefix: %v %v", c, err)
	}
	if c, err := Resolve(cases, "nsl-25-000001"); err != nil || c != cases[1] {
		t.Errorf("case number, any case: %v %v", c, err)
	}
	if _, err := Resolve(cases, "aaaa"); app.ErrorCode(err) != app.EAMBIGUOUS {
		t.Errorf("ambiguous prefix: %v", err)
	}
	if _, err := Resolve(cases, "2:25-mj-01234"); app.ErrorCode(err) != app.EAMBIGUOUS {
		t.Errorf("two cases with one number: %v", err)
	}
	if _, err := Resolve(cases, "ccc"); app.ErrorCode(err) != app.ENOTFOUND {
		t.Errorf("missing: %v", err)
	}
}
