package extract

import (
	"testing"

	"github.com/warrantdesk/warrantdesk/app"
)

// A form's "To:" box: the addressee's name block beside the label, read
// line by line, so the label stands by the block's last line (the town) or
// under it. Invented forms.
func TestRecipient_NameBlockOfAToBox(t *testing.T) {
	for _, tc := range []struct{ name, text, want string }{
		{"label under the block", "SUBPOENA TO PRODUCE DOCUMENTS\nHeronmail Inc.\nCustodian of Records\n100 Quay Street\nPortland, OR 97201\nTo:\n\nYOU ARE COMMANDED to produce the records listed below.", "Heronmail Inc."},
		{"label beside the town", "SUBPOENA TO PRODUCE DOCUMENTS\nLarkchat ;  Messaging\nOakland, California\nTo:  Oakland, California\n\nYOU ARE COMMANDED to produce the records listed below.", "Larkchat Messaging"},
		{"a plain To: line is read as before", "PRESERVATION REQUEST\nTo: Petrelbox LLC\nPlease preserve the records of the account below.", "Petrelbox LLC"},
	} {
		ex := extractText(tc.text)
		if got := ex.Fields[app.FieldRecipient]; got.Value != tc.want || got.Confidence >= 0.9 && tc.want != "Petrelbox LLC" {
			t.Errorf("%s: %q (%.2f), want %q under 0.9", tc.name, got.Value, got.Confidence, tc.want)
		}
	}
	// A town is never the addressee.
	if got := extractText("SUBPOENA TO PRODUCE DOCUMENTS\nTo: San Marco, TX\n\nYOU ARE COMMANDED to produce the records.").Fields[app.FieldRecipient].Value; got == "San Marco" {
		t.Errorf("a town read as the recipient: %q", got)
	}
}
