package ui

import (
	"context"
	"fmt"
	"path/filepath"
	"strconv"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/widget"

	"github.com/warrantdesk/warrantdesk/app"
	"github.com/warrantdesk/warrantdesk/app/casework"
)

// SecurityService is what the Security dialog needs: the idle time (in the
// settings), the passphrase and backups.
type SecurityService interface {
	SettingsService
	ReplacePassphrase(ctx context.Context, current, passphrase string) error
	CheckPassphrase(ctx context.Context, passphrase string) error
	Backup(ctx context.Context, path string, opts casework.BackupOptions, force bool) (int64, error)
}

// SecurityForm sets how soon the desk locks, changes the passphrase and
// backs the data folder up.
type SecurityForm struct {
	p      SecurityFormParams
	idle   *widget.Select
	status *widget.Label
	root   fyne.CanvasObject
}

// SecurityFormParams are what a security form works with.
type SecurityFormParams struct {
	Service SecurityService
	Run     Runner
	Window  fyne.Window
}

// idleChoices are the idle times offered, in minutes.
var idleChoices = []string{"1", "5", "10", "15", "30", "60", "120", "240"}

// NewSecurityForm builds the form and loads the idle time off the UI
// goroutine.
func NewSecurityForm(p SecurityFormParams) *SecurityForm {
	f := &SecurityForm{p: p, status: widget.NewLabel("")}
	f.status.Wrapping = fyne.TextWrapWord
	f.idle = widget.NewSelect(idleChoices, nil)
	f.idle.Disable()
	current, next, again := widget.NewPasswordEntry(), widget.NewPasswordEntry(), widget.NewPasswordEntry()
	current.SetPlaceHolder("Current passphrase")
	next.SetPlaceHolder("New passphrase")
	again.SetPlaceHolder("The new one again")
	backupPass, recipient := widget.NewPasswordEntry(), widget.NewEntry()
	backupPass.SetPlaceHolder("The data folder's passphrase (the backup opens with it)")
	recipient.SetPlaceHolder("or an age public key (age1…) to seal it for")
	f.root = container.NewVBox(
		widget.NewLabelWithStyle("Locking", fyne.TextAlignLeading, fyne.TextStyle{Bold: true}),
		container.NewBorder(nil, nil, widget.NewLabel("Lock after this many minutes untouched:"), nil, f.idle),
		widget.NewLabel("Ctrl+L locks at once; so does 'warrantdesk lock'."),
		widget.NewSeparator(),
		widget.NewLabelWithStyle("Passphrase", fyne.TextAlignLeading, fyne.TextStyle{Bold: true}),
		current, next, again,
		widget.NewButton("Change the passphrase", func() { f.changePassphrase(current, next, again) }),
		widget.NewSeparator(),
		widget.NewLabelWithStyle("Backup", fyne.TextAlignLeading, fyne.TextStyle{Bold: true}),
		backupPass, recipient,
		widget.NewButton("Back up to a folder…", func() { f.backup(backupPass, recipient) }),
		f.status,
	)
	p.Run(func() {
		s, err := p.Service.Settings(context.Background())
		fyne.Do(func() {
			if err != nil {
				f.status.SetText("Could not load the settings: " + app.ErrorMessage(err))
				return
			}
			f.idle.SetSelected(strconv.Itoa(int(s.LockAfter().Minutes())))
			f.idle.OnChanged = func(string) { f.saveIdle() }
			f.idle.Enable()
		})
	})
	return f
}

// Content is the form's root object.
func (f *SecurityForm) Content() fyne.CanvasObject { return f.root }

func (f *SecurityForm) saveIdle() {
	minutes, _ := strconv.Atoi(f.idle.Selected)
	f.status.SetText("Saving…")
	f.p.Run(func() {
		s, err := f.p.Service.Settings(context.Background())
		if err == nil {
			s.LockAfterMinutes = minutes
			_, err = f.p.Service.SaveSettings(context.Background(), s)
		}
		fyne.Do(func() {
			if err != nil {
				f.status.SetText("Not saved: " + app.ErrorMessage(err))
				return
			}
			f.status.SetText(fmt.Sprintf("The desk locks after %d min untouched (from the next unlock).", minutes))
		})
	})
}

func (f *SecurityForm) changePassphrase(current, next, again *widget.Entry) {
	if next.Text != again.Text {
		f.status.SetText("The two new passphrases differ.")
		return
	}
	cur, p := current.Text, next.Text
	f.status.SetText("Changing the passphrase…")
	f.p.Run(func() {
		err := f.p.Service.ReplacePassphrase(context.Background(), cur, p)
		fyne.Do(func() {
			if err != nil {
				f.status.SetText("Not changed: " + app.ErrorMessage(err))
				return
			}
			current.SetText("")
			next.SetText("")
			again.SetText("")
			f.status.SetText("The passphrase is changed; the recovery key stays as it was.")
		})
	})
}

// backup asks for a folder and writes the backup there, named for the
// day; the passphrase it is sealed with must be the store's.
func (f *SecurityForm) backup(pass, recipient *widget.Entry) {
	p, r := pass.Text, strings.TrimSpace(recipient.Text)
	if p == "" && r == "" {
		f.status.SetText("Give the data folder's passphrase, or an age public key, to seal the backup with.")
		return
	}
	dialog.NewFolderOpen(func(dir fyne.ListableURI, err error) {
		if err != nil || dir == nil {
			return
		}
		path := filepath.Join(dir.Path(), "warrantdesk-backup-"+timeStamp()+".age")
		f.status.SetText("Backing up…")
		f.p.Run(func() {
			var n int64
			err := error(nil)
			if r == "" {
				err = f.p.Service.CheckPassphrase(context.Background(), p)
			}
			if err == nil {
				n, err = f.p.Service.Backup(context.Background(), path, casework.BackupOptions{Passphrase: p, Recipients: r}, false)
			}
			fyne.Do(func() {
				if err != nil {
					f.status.SetText("No backup written: " + app.ErrorMessage(err))
					return
				}
				pass.SetText("")
				f.status.SetText(fmt.Sprintf("Backup written (%d MB): %s. 'warrantdesk restore' puts it into an empty data folder.", (n+(1<<20)-1)>>20, path))
			})
		})
	}, f.p.Window).Show()
}
