package extract

import (
	"sort"
	"strings"
	"testing"

	"github.com/warrantdesk/warrantdesk/app"
)

func targetList(ex app.Extraction) string {
	var out []string
	for _, t := range ex.Targets {
		out = append(out, string(t.Kind)+" "+t.Value)
	}
	sort.Strings(out)
	return strings.Join(out, ", ")
}

// Identifiers stand apart from their labels in tables and wrapped
// sentences; invented phrasings of each layout.
func TestTargets_IdentifiersApartFromTheirLabels(t *testing.T) {
	for _, tc := range []struct{ name, text, want string }{
		{"account number wrapped to the next line", "ORDER TO PRODUCE\nYou must produce documents identifying the holder of the account number\nQX-5520193 and all log-in records.", "account_id QX-5520193"},
		{"table row: number, then its kind", "SEARCH WARRANT\nThe records of the following:\nNo.  Identifier  Type\n1  RV-3391-0047  Examplemail account number\n", "account_id RV-3391-0047"},
		{"first column under a Username header", "PRESERVATION REQUEST\nACCOUNTS\nUsername  Registered since\nheron_blue77  2019\n", "username heron_blue77"},
		{"a user called", "Hi team, we are looking into threats sent by a user called stormy.petrel on your app. Who is behind it?", "username stormy.petrel"},
		{"provider account after a colon", "PRODUCTION ORDER\nData requested\nExamplemail account: quiet.lark (subscriber data only)", "username quiet.lark"},
		{"not an e-mail's local part", "PRODUCTION ORDER\nMail account: quiet.lark@examplemail.example\nFor the account: log-in records", "email quiet.lark@examplemail.example"},
	} {
		if got := targetList(extractText(tc.text)); got != tc.want {
			t.Errorf("%s: %q, want %q", tc.name, got, tc.want)
		}
	}
}
