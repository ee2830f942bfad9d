// Package backup seals WarrantDesk's backups with age (filippo.io/age): a
// backup is the database file as it is (its values already encrypted
// under the store's key), wrapped once more for the store's passphrase
// (age's scrypt recipient) or for age recipients (a key kept elsewhere, a
// colleague's, an offsite machine's), so a backup left on a shared drive
// gives nothing away and says nothing of its size per case.
package backup

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"io"
	"strings"

	"filippo.io/age"

	"github.com/warrantdesk/warrantdesk/app"
)

// Seal returns a writer that seals what is written to it into dst, for
// recipients (age public keys, one or more, separated by spaces, commas or
// lines) if any are given, else for passphrase. Close finishes the backup.
func Seal(dst io.Writer, passphrase, recipients string) (io.WriteCloser, error) {
	var rs []age.Recipient
	if strings.TrimSpace(recipients) != "" {
		list := strings.NewReplacer(",", "\n", " ", "\n", "\t", "\n").Replace(recipients)
		var err error
		if rs, err = age.ParseRecipients(strings.NewReader(list)); err != nil {
			return nil, &app.Error{Code: app.EINVALID, Message: fmt.Sprintf("%s is not an age public key (they start age1…): %v", app.PrintableName(recipients), err), Err: err}
		}
	} else {
		if passphrase == "" {
			return nil, app.Errorf(app.EPASSPHRASE, "a backup is sealed for a passphrase or an age recipient: give one")
		}
		r, err := age.NewScryptRecipient(passphrase)
		if err != nil {
			return nil, err
		}
		rs = []age.Recipient{r}
	}
	w, err := age.Encrypt(dst, rs...)
	if err != nil {
		return nil, &app.Error{Code: app.EINTERNAL, Message: "could not seal the backup", Err: err}
	}
	return w, nil
}

// Open returns the backup src holds, opened with identities (the text of
// an age identity file) if given, else with passphrase.
func Open(src io.Reader, passphrase, identities string) (io.Reader, error) {
	br := bufio.NewReader(src)
	header, _ := br.Peek(512)
	if !bytes.HasPrefix(header, []byte("age-encryption.org/")) {
		return nil, app.Errorf(app.EINVALID, "this is not a WarrantDesk backup (not sealed with age): give the file 'warrantdesk backup' wrote")
	}
	byPassphrase := bytes.Contains(header, []byte("\n-> scrypt "))
	var ids []age.Identity
	switch {
	case strings.TrimSpace(identities) != "":
		var err error
		if ids, err = age.ParseIdentities(strings.NewReader(identities)); err != nil {
			return nil, &app.Error{Code: app.EINVALID, Message: "the identity file holds no age identity (AGE-SECRET-KEY-…)", Err: err}
		}
	case byPassphrase:
		id, err := age.NewScryptIdentity(passphrase)
		if err != nil {
			return nil, &app.Error{Code: app.EPASSPHRASE, Message: "give the passphrase the data folder had when the backup was made", Err: err}
		}
		ids = []age.Identity{id}
	default:
		return nil, app.Errorf(app.EPASSPHRASE, "this backup was sealed for an age recipient: give its identity file with --identity FILE")
	}
	r, err := age.Decrypt(br, ids...)
	if err != nil {
		var nomatch *age.NoIdentityMatchError
		switch {
		case errors.As(err, &nomatch) && byPassphrase:
			return nil, &app.Error{Code: app.EPASSPHRASE, Message: "wrong passphrase for this backup: it opens with the passphrase the data folder had when the backup was made; nothing was restored", Err: err}
		case errors.As(err, &nomatch):
			return nil, &app.Error{Code: app.EPASSPHRASE, Message: "this backup was sealed for another age recipient: none of the identities given opens it; nothing was restored", Err: err}
		}
		return nil, &app.Error{Code: app.EDAMAGED, Message: "the backup is damaged and cannot be opened; nothing was restored", Err: err}
	}
	return &checked{r}, nil
}

// checked turns a failure while reading the sealed stream — a backup cut
// short or changed — into words.
type checked struct{ r io.Reader }

func (c *checked) Read(p []byte) (int, error) {
	n, err := c.r.Read(p)
	if err != nil && err != io.EOF {
		return n, &app.Error{Code: app.EDAMAGED, Message: "the backup is damaged or cut short (it does not decrypt whole); nothing was restored", Err: err}
	}
	return n, err
}
