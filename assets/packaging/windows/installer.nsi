; WarrantDesk's Windows installer (NSIS 3), built by .ci/dist/windows.sh:
;   makensis -DVERSION=1.2.0 -DVERSION4=1.2.0.0 -DSRC=dist\windows-stage -DOUT=dist\WarrantDesk-1.2.0-setup.exe installer.nsi
;
; Per user, no administrator rights: into %LOCALAPPDATA%\Programs\WarrantDesk,
; a Start-menu entry, the program on the user's PATH (for the command line),
; and an entry in Settings > Apps with its uninstaller. Running a newer
; setup.exe over an installed one upgrades it in place. Neither installing,
; upgrading nor uninstalling touches the reviewer's cases in
; %LOCALAPPDATA%\WarrantDesk; the uninstaller deletes them only when asked
; (the "Also delete my cases" box, or /DELETEDATA with /S).

Unicode true
ManifestDPIAware true
RequestExecutionLevel user
SetCompressor /SOLID lzma

!include "MUI2.nsh"
!include "FileFunc.nsh"
!include "WordFunc.nsh"
!include "LogicLib.nsh"
!include "WinMessages.nsh"

!define APP "WarrantDesk"
!define UNINST_KEY "Software\Microsoft\Windows\CurrentVersion\Uninstall\${APP}"
!define ENV_KEY "Environment"

Name "${APP} ${VERSION}"
OutFile "${OUT}"
InstallDir "$LOCALAPPDATA\Programs\${APP}"
; An upgrade goes where the last install went.
InstallDirRegKey HKCU "${UNINST_KEY}" "InstallLocation"
BrandingText "${APP} ${VERSION}"

VIProductVersion "${VERSION4}"
VIFileVersion "${VERSION4}"
VIAddVersionKey /LANG=1033 "ProductName" "${APP}"
VIAddVersionKey /LANG=1033 "ProductVersion" "${VERSION}"
VIAddVersionKey /LANG=1033 "FileVersion" "${VERSION}"
VIAddVersionKey /LANG=1033 "FileDescription" "${APP} ${VERSION} setup"
VIAddVersionKey /LANG=1033 "CompanyName" "The WarrantDesk developers"
VIAddVersionKey /LANG=1033 "LegalCopyright" "The WarrantDesk developers"

!define MUI_ICON "${SRC}\warrantdesk.ico"
!define MUI_UNICON "${SRC}\warrantdesk.ico"
!define MUI_ABORTWARNING
!define MUI_FINISHPAGE_RUN "$INSTDIR\warrantdesk.exe"
!define MUI_FINISHPAGE_RUN_TEXT "Open WarrantDesk"
!define MUI_WELCOMEPAGE_TEXT "This installs ${APP} ${VERSION} for you alone; it needs no administrator rights. The licences of the software it is built from are installed beside it (THIRD-PARTY-NOTICES.txt) and shown under About.$\r$\n$\r$\nAn installed ${APP} is upgraded in place; your cases and settings (in $LOCALAPPDATA\${APP}) are kept.$\r$\n$\r$\nClose ${APP} before you continue."
!insertmacro MUI_PAGE_WELCOME
!insertmacro MUI_PAGE_DIRECTORY
!insertmacro MUI_PAGE_INSTFILES
!insertmacro MUI_PAGE_FINISH

!define MUI_COMPONENTSPAGE_TEXT_TOP "${APP} is removed. Your cases, decisions and settings stay in $LOCALAPPDATA\${APP} unless you tick the box below."
!insertmacro MUI_UNPAGE_CONFIRM
!insertmacro MUI_UNPAGE_COMPONENTS
!insertmacro MUI_UNPAGE_INSTFILES
!insertmacro MUI_LANGUAGE "English"

Section "WarrantDesk" SecApp
  SectionIn RO
  SetShellVarContext current
  SetOutPath "$INSTDIR"
  ; On an upgrade these overwrite the old files; a running WarrantDesk
  ; holds warrantdesk.exe open, and NSIS then offers Retry.
  File "${SRC}\warrantdesk.exe"
  File "${SRC}\THIRD-PARTY-NOTICES.txt"
  File "${SRC}\sbom.cdx.json"
  File "${SRC}\README.txt"
!ifdef TESSERACT
  ; Tesseract's Windows build (Apache 2.0), found by WarrantDesk beside
  ; its own executable.
  SetOutPath "$INSTDIR\tesseract"
  File /r "${TESSERACT}\*"
  SetOutPath "$INSTDIR"
!endif
  WriteUninstaller "$INSTDIR\uninstall.exe"
  CreateShortCut "$SMPROGRAMS\${APP}.lnk" "$INSTDIR\warrantdesk.exe" "" "$INSTDIR\warrantdesk.exe" 0 SW_SHOWNORMAL "" "Review legal process offline"

  WriteRegStr HKCU "${UNINST_KEY}" "DisplayName" "${APP}"
  WriteRegStr HKCU "${UNINST_KEY}" "DisplayVersion" "${VERSION}"
  WriteRegStr HKCU "${UNINST_KEY}" "Publisher" "The WarrantDesk developers"
  WriteRegStr HKCU "${UNINST_KEY}" "DisplayIcon" "$INSTDIR\warrantdesk.exe,0"
  WriteRegStr HKCU "${UNINST_KEY}" "InstallLocation" "$INSTDIR"
  WriteRegStr HKCU "${UNINST_KEY}" "UninstallString" '"$INSTDIR\uninstall.exe"'
  WriteRegStr HKCU "${UNINST_KEY}" "QuietUninstallString" '"$INSTDIR\uninstall.exe" /S'
  WriteRegStr HKCU "${UNINST_KEY}" "URLInfoAbout" "https://github.com/warrantdesk/warrantdesk"
  WriteRegDWORD HKCU "${UNINST_KEY}" "NoModify" 1
  WriteRegDWORD HKCU "${UNINST_KEY}" "NoRepair" 1
  ${GetSize} "$INSTDIR" "/S=0K" $0 $1 $2
  IntFmt $0 "0x%08X" $0
  WriteRegDWORD HKCU "${UNINST_KEY}" "EstimatedSize" "$0"

  ; The user's PATH, so `warrantdesk extract ...` works in a new terminal.
  ReadRegStr $0 HKCU "${ENV_KEY}" "Path"
  ${WordAdd} "$0" ";" "+$INSTDIR" $1
  ${If} $1 != $0
    WriteRegExpandStr HKCU "${ENV_KEY}" "Path" "$1"
    SendMessage ${HWND_BROADCAST} ${WM_SETTINGCHANGE} 0 "STR:Environment" /TIMEOUT=2000
  ${EndIf}
SectionEnd

Section "un.WarrantDesk (the program)" UnSecApp
  SectionIn RO
  SetShellVarContext current
  Delete "$SMPROGRAMS\${APP}.lnk"
  Delete "$INSTDIR\warrantdesk.exe"
  Delete "$INSTDIR\THIRD-PARTY-NOTICES.txt"
  Delete "$INSTDIR\sbom.cdx.json"
  Delete "$INSTDIR\README.txt"
  RMDir /r "$INSTDIR\tesseract"
  Delete "$INSTDIR\uninstall.exe"
  RMDir "$INSTDIR"
  ; PDFium's compiled code, rebuilt on demand: not the reviewer's data.
  RMDir /r "$LOCALAPPDATA\${APP}\pdfium"
  DeleteRegKey HKCU "${UNINST_KEY}"
  ReadRegStr $0 HKCU "${ENV_KEY}" "Path"
  ${un.WordAdd} "$0" ";" "-$INSTDIR" $1
  ${If} $1 != $0
    WriteRegExpandStr HKCU "${ENV_KEY}" "Path" "$1"
    SendMessage ${HWND_BROADCAST} ${WM_SETTINGCHANGE} 0 "STR:Environment" /TIMEOUT=2000
  ${EndIf}
SectionEnd

Section /o "un.Also delete my cases, decisions and settings" UnSecData
  RMDir /r "$LOCALAPPDATA\${APP}"
SectionEnd

Function un.onInit
  ; Silent uninstall (/S) keeps the data; /DELETEDATA removes it too.
  ${GetParameters} $0
  ClearErrors
  ${GetOptions} $0 "/DELETEDATA" $1
  ${IfNot} ${Errors}
    !insertmacro SelectSection ${UnSecData}
  ${EndIf}
FunctionEnd
