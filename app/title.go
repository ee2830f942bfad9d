package app

import "strings"

// Reference is what a reviewer calls the case: the order's case number, or
// the name of the file it came from when the order states none.
func (c *Case) Reference() string {
	if n := c.CaseNumber(); n != "" {
		return n
	}
	return c.Order.FileName
}

// Title heads the case wherever one case is shown: the kind of process and
// its reference ("search warrant · 2:25-mj-00002").
func (c *Case) Title() string {
	return c.ProcessType().Label() + " · " + c.Reference()
}

// ShortID is the first eight characters of the case ID: enough to tell
// cases apart in a list or a file name, and what the CLI accepts as a
// prefix.
func (c *Case) ShortID() string { return ShortID(c.ID) }

// ShortID is the first eight characters of a case ID (Case.ShortID).
func ShortID(id string) string {
	if len(id) > 8 {
		return id[:8]
	}
	return id
}

// maxStem bounds the case number's part of a file stem: long enough for
// any docket number, short enough for every file system's name limit.
const maxStem = 60

// FileStem names files written for the case (memos): its case number made
// safe for any file system, then the short ID, so two cases with one
// number never overwrite each other; the short ID alone without a number.
func (c *Case) FileStem() string {
	n := strings.Map(func(r rune) rune {
		if r < 32 || r == 127 || strings.ContainsRune(`/\:*?"<>| `, r) {
			return '-'
		}
		return r
	}, strings.TrimSpace(c.CaseNumber()))
	n = strings.Trim(n, "-.")
	if r := []rune(n); len(r) > maxStem {
		n = string(r[:maxStem])
	}
	if n == "" {
		return c.ShortID()
	}
	return n + "-" + c.ShortID()
}

// Clip shortens s to at most n characters, ending in "…" when it was cut,
// for one-line displays of evidence and names.
func Clip(s string, n int) string {
	if r := []rune(s); len(r) > n {
		return string(r[:n-1]) + "…"
	}
	return s
}
