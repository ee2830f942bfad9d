package extract

import (
	"strings"
	"testing"

	"github.com/warrantdesk/warrantdesk/app"
)

// A unit signed with its force is named force first; a force named only in
// running text is the agency, by its whole name.
func TestAgency_UnitUnderItsForceAndForceInProse(t *testing.T) {
	checkField(t, app.FieldAgency, []fieldCase{
		{"a station signed over its force",
			"REQUEST FOR RECORDS\nTo: Example Chat Inc.\nHead of Northgate Police Station,\nRiverside Metropolitan Police Department\nPlease provide the subscriber records of the account heron_9.\nContact: Inspector Lena Park, Northgate Police Station, tel. +81 3 5555 0100\n",
			"Riverside Metropolitan Police Department, Northgate Police Station"},
		{"a force named only in a sentence",
			"JUZGADO DE INSTRUCCIÓN N.º 7 DE EJEMPLO\nA U T O\nPRIMERO.- La Brigada Provincial de Policía Judicial (Grupo de\nFraudes) de la Jefatura Superior de Policía de Ejemplo solicitó los datos de la cuenta heron_9.\nACUERDO: REQUERIR a Example Chat Inc. para que remita la información.\n",
			"Brigada Provincial de Policía Judicial (Grupo de Fraudes) de la Jefatura Superior de Policía de Ejemplo"},
	})
}

// A signature that reads from the officer outwards issues as its force,
// then its unit, without the officer's post.
func TestAuthority_UnitOverForceStackReadsForceFirst(t *testing.T) {
	checkField(t, app.FieldIssuingAuthority, []fieldCase{
		{"post of a station, then the force",
			"Chief of Northgate Police Station,\nRiverside Metropolitan Police Department\n\nMay 4, 2026\n\nTo: Example Chat Inc.\nWe hereby make an inquiry about the account heron_9.\n",
			"Riverside Metropolitan Police Department, Northgate Police Station"},
	})
}

func TestForceOverUnit(t *testing.T) {
	for _, tc := range []struct {
		in   []string
		want string
	}{
		{[]string{"Chief of Shibuya Police Station", "Tokyo Metropolitan Police Department"}, "Tokyo Metropolitan Police Department|Shibuya Police Station"},
		{[]string{"Federal Bureau of Investigation", "Denver Division"}, "Federal Bureau of Investigation|Denver Division"},
		{[]string{"West Midlands Police", "Cyber Crime Unit"}, "West Midlands Police|Cyber Crime Unit"},
	} {
		got := forceOverUnit(tc.in)
		if s := strings.Join(got, "|"); s != tc.want {
			t.Errorf("forceOverUnit(%q) = %q, want %q", tc.in, s, tc.want)
		}
	}
}
