package extract

import (
	"strings"
	"testing"
)

// Invented forms and letters: a choice whose text wraps stays unticked on
// its second line; a negation before a list does not reach its items.
func TestDataCategories_WrappedBoxesAndListItems(t *testing.T) {
	for _, tc := range []struct{ name, text, want string }{
		{"an unticked choice wrapped onto a second line",
			"PRODUCTION CERTIFICATE\nData to be produced:\n[X] subscriber data: name, address and payment details of the account\n[ ] traffic data: connection records, duration, size,\nlocation data and log-in records\nAccount: moth.lantern@example.org",
			"subscriber"},
		{"a ticked choice wrapped onto a second line",
			"PRODUCTION CERTIFICATE\nData to be produced:\n[ ] subscriber data\n[X] records of connections, duration, size,\nlocation data and log-in records\nAccount: moth.lantern@example.org",
			"non_content"},
		{"a negation before the list",
			"OFÍCIO\nSolicito que no prazo de cinco dias forneça ao juízo as informações seguintes:\na) dados cadastrais do titular da conta exemplo_77;\nb) registros de acesso (endereço IP, data e hora).",
			"subscriber, non_content"},
		{"addresses with their times of access",
			"NOTICE TO PRODUCE\nYou are required to produce documents identifying the holder of account tern.rock@example.net, including name, address and payment details, and documents setting out the IP addresses and times of access to that account.",
			"subscriber, non_content"},
	} {
		ex := extractText(tc.text)
		if got := strings.Join(ex.DataCategories, ", "); got != tc.want {
			t.Errorf("%s: %q, want %q", tc.name, got, tc.want)
		}
	}
}

// A request for silence in a letter's words; a limit on what is produced
// is no gag; a court that declines the gag it was asked for imposes none.
func TestNondisclosure_RequestsLimitsAndDeclinedGags(t *testing.T) {
	for _, tc := range []struct {
		name, text         string
		ordered, requested bool
	}{
		{"please refrain", "Inquiry about an account\nPlease provide the registration details of user reed_44.\nPlease refrain from informing the user that this inquiry was made.", false, true},
		{"asked that the holder not be notified", "Dear Sir or Madam:\nThe requesting state asks for the subscriber information of blue.wren@example.org. The foreign authorities have asked that the account holder\n\nnot be notified of this request.", false, true},
		{"a limit on the data produced", "ORDER\nIT IS ORDERED that Example Cloud LLC shall disclose the log-in records of the account gull_7. Example Cloud LLC shall not disclose the contents of any stored file.", false, false},
		{"a gag ordered", "ORDER\nIT IS ORDERED that Example Cloud LLC shall disclose the log-in records of the account gull_7. Example Cloud LLC shall not disclose the existence of this Order to any person.", true, false},
	} {
		nd := extractText(tc.text).Nondisclosure
		if nd.Ordered != tc.ordered || nd.Requested != tc.requested {
			t.Errorf("%s: ordered %v requested %v, want %v %v", tc.name, nd.Ordered, nd.Requested, tc.ordered, tc.requested)
		}
	}
}
