package ui

import (
	"context"
	"strconv"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"

	"github.com/warrantdesk/warrantdesk/app"
)

// MatterSettingsService keeps the matter settings; SaveMatterSettings
// returns them as stored (normalised) or says why they are refused.
type MatterSettingsService interface {
	MatterSettings(ctx context.Context) (app.MatterSettings, error)
	SaveMatterSettings(ctx context.Context, s app.MatterSettings) (app.MatterSettings, error)
}

// MatterSettingsForm edits the team's clocks, retention, who letters come
// from, the enterprise customers' legal contacts and the standing
// conflict-of-law statement of the Annex III form.
type MatterSettingsForm struct {
	service MatterSettingsService
	run     Runner
	loaded  app.MatterSettings

	emergencyHours, routineDays, contentDays, recordDays *widget.Entry
	sender                                               map[string]*widget.Entry
	contacts                                             *widget.Entry
	conflict                                             map[string]*widget.Entry
	interest                                             *widget.Select
	status                                               *widget.Label
	save                                                 *widget.Button
	root                                                 fyne.CanvasObject
}

// MatterSettingsFormParams are what the form works with.
type MatterSettingsFormParams struct {
	Service MatterSettingsService
	Run     Runner
}

var (
	senderFields   = []struct{ key, label string }{{"organisation", "Organisation"}, {"department", "Department"}, {"address", "Address (lines apart by ;)"}, {"email", "E-mail"}, {"phone", "Phone"}, {"fax", "Fax"}, {"signatory", "Signed by"}, {"title", "Their title"}}
	conflictFields = []struct{ key, label string }{{"law", "Law of the third country"}, {"provisions", "Provisions and their text"}, {"interest-detail", "What the interest is"}, {"why-applicable", "Why it applies"}, {"provider-link", "Our link to that country"}, {"consequences", "Consequences of complying"}}
)

// NewMatterSettingsForm builds the form and loads the settings off the UI
// goroutine.
func NewMatterSettingsForm(p MatterSettingsFormParams) *MatterSettingsForm {
	f := &MatterSettingsForm{service: p.Service, run: p.Run, sender: map[string]*widget.Entry{}, conflict: map[string]*widget.Entry{}}
	num := func(hint string) *widget.Entry { e := widget.NewEntry(); e.SetPlaceHolder(hint); return e }
	f.emergencyHours, f.routineDays = num(strconv.Itoa(app.DefaultEmergencyHours)), num(strconv.Itoa(app.DefaultRoutineDays))
	f.contentDays, f.recordDays = num("0: kept"), num("0: kept")
	form := widget.NewForm(
		widget.NewFormItem("Emergency requests: hours", f.emergencyHours),
		widget.NewFormItem("Routine process: days", f.routineDays),
		widget.NewFormItem("Keep content: days after closing", f.contentDays),
		widget.NewFormItem("Keep the record: days after closing", f.recordDays),
	)
	for _, sf := range senderFields {
		e := widget.NewEntry()
		f.sender[sf.key] = e
		form.Append("Letters: "+sf.label, e)
	}
	f.contacts = widget.NewMultiLineEntry()
	f.contacts.SetPlaceHolder("CUSTOMER | domain, domain | name | e-mail | phone | address — one customer a line")
	f.contacts.SetMinRowsVisible(3)
	form.Append("Customers' legal contacts", f.contacts)
	f.interest = widget.NewSelect([]string{"", app.InterestRights, app.InterestSecurity, app.InterestOther}, nil)
	form.Append("Conflict of law: interest", f.interest)
	for _, cf := range conflictFields {
		e := widget.NewEntry()
		f.conflict[cf.key] = e
		form.Append("Conflict of law: "+cf.label, e)
	}
	f.status = widget.NewLabel("Loading…")
	f.save = widget.NewButton("Save matter settings", f.onSave)
	f.root = container.NewVBox(
		widget.NewLabel("Clocks for process no law times, how long closed matters are kept, and what letters say of you."),
		form, container.NewHBox(f.save, f.status))
	f.run(func() {
		s, err := f.service.MatterSettings(context.Background())
		fyne.Do(func() {
			if err != nil {
				f.status.SetText("Could not load: " + app.ErrorMessage(err))
				return
			}
			f.fill(s)
			f.status.SetText("")
		})
	})
	return f
}

// Content is the form's root object.
func (f *MatterSettingsForm) Content() fyne.CanvasObject { return f.root }

func (f *MatterSettingsForm) fill(s app.MatterSettings) {
	f.loaded = s
	itoa := func(n int) string {
		if n == 0 {
			return ""
		}
		return strconv.Itoa(n)
	}
	f.emergencyHours.SetText(itoa(s.Clocks.EmergencyHours))
	f.routineDays.SetText(itoa(s.Clocks.RoutineDays))
	f.contentDays.SetText(itoa(s.Retention.ContentDays))
	f.recordDays.SetText(itoa(s.Retention.RecordDays))
	for k, p := range s.Sender.Fields() {
		f.sender[k].SetText(*p)
	}
	for k, p := range s.ConflictOfLaw.Fields() {
		if e, ok := f.conflict[k]; ok {
			e.SetText(*p)
		}
	}
	f.interest.SetSelected(s.ConflictOfLaw.Interest)
	var lines []string
	for _, lc := range s.LegalContacts {
		lines = append(lines, strings.Join([]string{lc.Customer, strings.Join(lc.Domains, ", "), lc.Name, lc.Email, lc.Phone, lc.Address}, " | "))
	}
	f.contacts.SetText(strings.Join(lines, "\n"))
}

// read is what the form says; a number that is none is refused here,
// the rest by the service.
func (f *MatterSettingsForm) read() (app.MatterSettings, string) {
	s := f.loaded
	for _, n := range []struct {
		e   *widget.Entry
		dst *int
	}{{f.emergencyHours, &s.Clocks.EmergencyHours}, {f.routineDays, &s.Clocks.RoutineDays}, {f.contentDays, &s.Retention.ContentDays}, {f.recordDays, &s.Retention.RecordDays}} {
		t := strings.TrimSpace(n.e.Text)
		if t == "" {
			*n.dst = 0
			continue
		}
		v, err := strconv.Atoi(t)
		if err != nil {
			return s, "write hours and days as whole numbers, not " + strconv.Quote(t)
		}
		*n.dst = v
	}
	for k, p := range s.Sender.Fields() {
		*p = strings.TrimSpace(f.sender[k].Text)
	}
	for k, p := range s.ConflictOfLaw.Fields() {
		if e, ok := f.conflict[k]; ok {
			*p = strings.TrimSpace(e.Text)
		}
	}
	s.ConflictOfLaw.Interest = f.interest.Selected
	s.LegalContacts = nil
	for _, line := range strings.Split(f.contacts.Text, "\n") {
		if strings.TrimSpace(line) == "" {
			continue
		}
		p := append(strings.Split(line, "|"), make([]string, 6)...)
		s.LegalContacts = append(s.LegalContacts, app.LegalContact{Customer: strings.TrimSpace(p[0]), Domains: strings.Split(p[1], ","),
			Name: strings.TrimSpace(p[2]), Email: strings.TrimSpace(p[3]), Phone: strings.TrimSpace(p[4]), Address: strings.TrimSpace(p[5])})
	}
	return s, ""
}

func (f *MatterSettingsForm) onSave() {
	in, bad := f.read()
	if bad != "" {
		f.status.SetText("Not saved: " + bad)
		return
	}
	f.status.SetText("Saving…")
	f.run(func() {
		s, err := f.service.SaveMatterSettings(context.Background(), in)
		fyne.Do(func() {
			if err != nil {
				f.status.SetText("Not saved: " + app.ErrorMessage(err))
				return
			}
			f.fill(s)
			f.status.SetText("Saved.")
		})
	})
}
