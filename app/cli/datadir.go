package cli

import (
	"path/filepath"

	"github.com/warrantdesk/warrantdesk/app"
)

// DataDir picks the data folder: the --data flag, else WARRANTDESK_DATA,
// else the user data folder of the OS (XDG_DATA_HOME on Linux, Application
// Support on macOS, LOCALAPPDATA on Windows).
func DataDir(flag string, getenv func(string) string, goos string) (string, error) {
	if flag != "" {
		return filepath.Abs(flag)
	}
	if d := getenv("WARRANTDESK_DATA"); d != "" {
		return filepath.Abs(d)
	}
	home := getenv("HOME")
	switch goos {
	case "windows":
		if d := getenv("LOCALAPPDATA"); d != "" {
			return filepath.Join(d, "WarrantDesk"), nil
		}
		if d := getenv("APPDATA"); d != "" {
			return filepath.Join(d, "WarrantDesk"), nil
		}
	case "darwin":
		if home != "" {
			return filepath.Join(home, "Library", "Application Support", "WarrantDesk"), nil
		}
	default:
		if d := getenv("XDG_DATA_HOME"); d != "" && filepath.IsAbs(d) {
			return filepath.Join(d, "warrantdesk"), nil
		}
		if home != "" {
			return filepath.Join(home, ".local", "share", "warrantdesk"), nil
		}
	}
	return "", app.Errorf(app.EINVALID, "cannot tell where to keep data: set --data DIR or WARRANTDESK_DATA")
}
