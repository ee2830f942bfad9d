package ocr

import "path/filepath"

// installedAt lists where Tesseract's installers put it, for when it is not
// on PATH: an app started from the macOS Finder or the Windows Start menu
// does not get the PATH a terminal has. First the copy a WarrantDesk
// package may ship beside its own executable.
func installedAt(goos string, getenv func(string) string, executable func() (string, error)) []string {
	var ps []string
	name := "tesseract"
	if goos == "windows" {
		name = "tesseract.exe"
	}
	if exe, err := executable(); err == nil {
		ps = append(ps, filepath.Join(filepath.Dir(exe), "tesseract", name))
	}
	switch goos {
	case "windows":
		// The UB Mannheim installer: for all users under Program Files, for
		// one user under %LOCALAPPDATA%\Programs; winget and Chocolatey use
		// the same installer.
		for _, root := range []string{getenv("ProgramFiles"), getenv("ProgramFiles(x86)"), filepath.Join(getenv("LOCALAPPDATA"), "Programs")} {
			if root != "" && root != "Programs" {
				ps = append(ps, filepath.Join(root, "Tesseract-OCR", name))
			}
		}
		ps = append(ps, `C:\Program Files\Tesseract-OCR\tesseract.exe`)
	case "darwin":
		// Homebrew on Apple silicon, Homebrew on Intel, MacPorts.
		ps = append(ps, "/opt/homebrew/bin/tesseract", "/usr/local/bin/tesseract", "/opt/local/bin/tesseract")
	default:
		ps = append(ps, "/usr/bin/tesseract", "/usr/local/bin/tesseract")
	}
	return ps
}
