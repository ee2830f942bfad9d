package extract

import (
	"regexp"
	"sync"
)

// accountIDShape is what an account's own identifier looks like: a short
// prefix of capitals and a number ("TP-7730-1184-22", "BL-40082231"), or a
// long number, grouped or not.
const accountIDShape = `((?-i:[A-Z]{1,5}-[A-Z0-9\-]*\d[A-Z0-9\-]*)|\d{3,}(?:-\d{2,})+|\d{6,})\b`

type accountLayouts struct {
	nextLine, tableRow *regexp.Regexp
	// userColumn, userCalled and accountColon read user names: the first
	// column of a table headed "Username" ("Username  Phone number on
	// account" over "frostbyte_q  (614) 555-0100"), a user "called" or
	// "known as" a name, an account given after a colon ("Examplemail
	// account: blue.heron").
	userColumn, userCalled, accountColon *regexp.Regexp
}

// accountLayoutRes read account identifiers where the sentence or the
// table puts them apart from their label: the label ends a line and the
// identifier begins the next ("… and of account number\nTV-77401293"), or
// a row of a table of identifiers gives the number, then its kind ("1
// TP-7730-1184-22  Tessera account number").
var accountLayoutRes = sync.OnceValue(func() accountLayouts {
	return accountLayouts{
		nextLine:     regexp.MustCompile(`(?i)\baccount\s+(?:ids?|identifiers?|numbers?|no\.?|nr\.?)[ \t]*[:#]?[ \t]*\n[ \t]*\(?` + accountIDShape),
		tableRow:     regexp.MustCompile(`(?im)^[ \t]*(?:\d{1,3}[.)]?[ \t]+)?` + accountIDShape + `  +[^\n]{0,60}?\baccount\s+(?:ids?|identifiers?|numbers?|no\b)`),
		userColumn:   regexp.MustCompile(`(?im)^[ \t]*(?:user\s*names?|screen\s+names?|handles?|account\s+names?|benutzername|nombre\s+de\s+usuario|nome\s+(?:de\s+usu[aá]rio|utente)|gebruikersnaam)  [^\n]*\n[ \t]*(?:\d{1,3}[.)]?[ \t]+)?@?([A-Za-z0-9_.\-]{3,64})(?:  |[ \t]*$)`),
		userCalled:   regexp.MustCompile(`(?i)\b(?:user|account|profile)\s+(?:called|named|known\s+as|under\s+the\s+name)\s+["“'@]?([A-Za-z0-9_.\-]{3,64})(?:[\s,;)"”']|$)`),
		accountColon: regexp.MustCompile(`(?im)\b(?:account|konto|cuenta|conta|compte)[ \t]*:[ \t]*@?([A-Za-z0-9_.\-]{3,64})[ \t]*(?:$|[,;()]|  )`),
	}
})
