package ui

import (
	"context"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"

	"github.com/warrantdesk/warrantdesk/app"
)

// SettingsService keeps the settings; SaveSettings returns them as stored
// (normalised) or says why they are refused.
type SettingsService interface {
	Settings(ctx context.Context) (app.Settings, error)
	SaveSettings(ctx context.Context, s app.Settings) (app.Settings, error)
}

// SettingsForm edits the reviewers, the memo folder, the enterprise
// customer list and the provider's own names, one per line.
type SettingsForm struct {
	service           SettingsService
	run               Runner
	reviewers         *widget.Entry
	memoFolder        *widget.Entry
	domains, accounts *widget.Entry
	names, state      *widget.Entry
	status            *widget.Label
	onSaved           func(app.Settings)
	root              fyne.CanvasObject
	saveButton        *widget.Button
	// loaded are the settings as stored, which the form's fields change.
	loaded app.Settings
}

// SettingsFormParams are what a settings form works with.
type SettingsFormParams struct {
	Service SettingsService
	Run     Runner
	// DefaultMemoFolder is where memos go while the form names none.
	DefaultMemoFolder string
	// OnSaved is called with what was stored; it may be nil.
	OnSaved func(app.Settings)
}

// NewSettingsForm builds the form and loads the settings off the UI
// goroutine. The hints say what goes in each box without looking like a
// value someone entered.
func NewSettingsForm(p SettingsFormParams) *SettingsForm {
	f := &SettingsForm{service: p.Service, run: p.Run, onSaved: p.OnSaved}
	entry := func(hint string) *widget.Entry {
		e := widget.NewMultiLineEntry()
		e.SetPlaceHolder(hint)
		e.SetMinRowsVisible(3)
		return e
	}
	f.reviewers = entry("One name a line: the people who decide")
	f.memoFolder = widget.NewEntry()
	f.memoFolder.SetPlaceHolder("Empty: " + p.DefaultMemoFolder)
	f.domains = entry("One e-mail domain a line")
	f.accounts = entry("One account ID or user name a line")
	f.names = entry("One name a line, as process addresses you")
	f.state = widget.NewEntry()
	f.state.SetPlaceHolder("Two letters; empty: not checked")
	f.status = widget.NewLabel("Loading…")
	f.status.Wrapping = fyne.TextWrapWord
	f.saveButton = widget.NewButton("Save settings", f.save)
	f.root = container.NewVBox(
		widget.NewForm(
			widget.NewFormItem("Reviewers", f.reviewers),
			widget.NewFormItem("Memo folder", f.memoFolder),
		),
		widget.NewLabel("Orders naming these are flagged ⛔ and their targets suggested for redirecting to the customer:"),
		widget.NewForm(
			widget.NewFormItem("Enterprise domains", f.domains),
			widget.NewFormItem("Enterprise accounts", f.accounts),
			widget.NewFormItem("Our names", f.names),
			widget.NewFormItem("Our US state", f.state),
		),
		container.NewBorder(nil, nil, f.saveButton, nil, f.status),
	)
	Once(p.Run, f.service.Settings, func(s app.Settings, err error) {
		if err != nil {
			f.status.SetText("Could not load: " + app.ErrorMessage(err))
			return
		}
		f.fill(s)
		f.status.SetText("")
	})
	return f
}

// Content is the form's root object.
func (f *SettingsForm) Content() fyne.CanvasObject { return f.root }

// fill shows s in the form.
func (f *SettingsForm) fill(s app.Settings) {
	f.loaded = s
	f.reviewers.SetText(strings.Join(s.Reviewers, "\n"))
	f.memoFolder.SetText(s.MemoFolder)
	f.domains.SetText(strings.Join(s.EnterpriseDomains, "\n"))
	f.accounts.SetText(strings.Join(s.EnterpriseAccounts, "\n"))
	f.names.SetText(strings.Join(s.ProviderNames, "\n"))
	f.state.SetText(s.ProviderState)
}

// save stores what the form says; the lists are one entry a line (domains
// and accounts also by commas; names may have commas in them).
func (f *SettingsForm) save() {
	list := func(e *widget.Entry, seps string) []string {
		return strings.FieldsFunc(e.Text, func(r rune) bool { return strings.ContainsRune(seps, r) })
	}
	in := f.loaded
	in.Reviewers, in.MemoFolder = list(f.reviewers, "\n"), strings.TrimSpace(f.memoFolder.Text)
	in.EnterpriseDomains, in.EnterpriseAccounts = list(f.domains, "\n,"), list(f.accounts, "\n,")
	in.ProviderNames, in.ProviderState = list(f.names, "\n"), f.state.Text
	f.status.SetText("Saving…")
	Once(f.run, func(ctx context.Context) (app.Settings, error) {
		return f.service.SaveSettings(ctx, in)
	}, func(s app.Settings, err error) {
		if err != nil {
			f.status.SetText("Not saved: " + app.ErrorMessage(err))
			return
		}
		f.fill(s)
		f.status.SetText("Saved.")
		if f.onSaved != nil {
			f.onSaved(s)
		}
	})
}
