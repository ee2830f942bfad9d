# The Windows installer as a reviewer gets it (the release workflow's
# windows job): install per user without admin rights, run the installed
# program, upgrade in place, uninstall keeping the cases, uninstall with
# /DELETEDATA removing them.
param([string]$Dist = "dist")
$ErrorActionPreference = "Stop"

$setup = (Get-ChildItem "$Dist\WarrantDesk-*-windows-amd64-setup.exe" | Select-Object -First 1).FullName
$dir = Join-Path $env:LOCALAPPDATA "Programs\WarrantDesk"
$exe = Join-Path $dir "warrantdesk.exe"
$data = Join-Path $env:LOCALAPPDATA "WarrantDesk"
$startMenu = Join-Path $env:APPDATA "Microsoft\Windows\Start Menu\Programs\WarrantDesk.lnk"
$uninstallKey = "HKCU:\Software\Microsoft\Windows\CurrentVersion\Uninstall\WarrantDesk"
$work = Join-Path $env:RUNNER_TEMP "wd-smoke"
New-Item -ItemType Directory -Force $work | Out-Null

function Check($ok, $what) {
    if (-not $ok) { throw "FAIL $what" }
    Write-Host "ok   $what"
}

# The program is a GUI one: run it with its output redirected, as a script would.
function Invoke-WD([string[]]$Arguments) {
    $out = Join-Path $work "out.txt"; $err = Join-Path $work "err.txt"
    $p = Start-Process -FilePath $exe -ArgumentList $Arguments -Wait -PassThru -NoNewWindow `
        -RedirectStandardOutput $out -RedirectStandardError $err
    [pscustomobject]@{ Code = $p.ExitCode; Out = (Get-Content $out -Raw); Err = (Get-Content $err -Raw) }
}

function Install {
    $p = Start-Process -FilePath $setup -ArgumentList "/S" -Wait -PassThru
    Check ($p.ExitCode -eq 0) "setup.exe /S exits 0"
    Check (Test-Path $exe) "installed into $dir"
}

function Uninstall([string]$extra) {
    # The uninstaller copies itself away and returns at once: wait for it.
    Start-Process -FilePath (Join-Path $dir "uninstall.exe") -ArgumentList "/S $extra" -Wait | Out-Null
    for ($i = 0; $i -lt 120 -and (Test-Path $exe); $i++) { Start-Sleep -Milliseconds 500 }
    Check (-not (Test-Path $exe)) "uninstall removes the program"
    Check (-not (Test-Path $startMenu)) "uninstall removes the Start-menu entry"
    Check (-not (Test-Path $uninstallKey)) "uninstall removes the Apps entry"
}

# Tesseract where its installer puts it (Program Files), not on PATH.
choco install tesseract -y --no-progress | Out-Null
$haveTesseract = Test-Path "C:\Program Files\Tesseract-OCR\tesseract.exe"

Install
Check (Test-Path $startMenu) "Start-menu entry"
$entry = Get-ItemProperty $uninstallKey
Check ($entry.DisplayVersion -ne $null -and $entry.QuietUninstallString) "Apps entry $($entry.DisplayName) $($entry.DisplayVersion)"
Check ((Get-ItemProperty "HKCU:\Environment").Path -like "*$dir*") "on the user's PATH"

$r = Invoke-WD @("--version")
Check ($r.Code -eq 0 -and $r.Out -match "^WarrantDesk .*windows/amd64") "--version: $($r.Out.Trim())"

$r = Invoke-WD @("samples", "--out", "$work\orders", "--n", "1")
Check ($r.Code -eq 0) "samples"
$order = (Get-ChildItem "$work\orders\*.pdf" | Select-Object -First 1).FullName
$r = Invoke-WD @("extract", "--json", $order)
$json = ($r.Out -split "`n")[0] | ConvertFrom-Json
Check ($r.Code -eq 0 -and -not $json.error -and $json.process_type) "extract --json through the PDF worker: $($json.process_type)"

$r = Invoke-WD @("samples", "--scanned", "--out", "$work\scans", "--n", "1")
$scan = (Get-ChildItem "$work\scans\*.pdf" | Select-Object -First 1).FullName
$r = Invoke-WD @("import", "--json", $order, $scan)
Check ($r.Code -eq 0 -and $r.Out -match '"status":"created"') "import into the default data folder"
Check (Test-Path (Join-Path $data "*")) "data in $data"
if ($haveTesseract) {
    Check ($r.Out -notmatch '"needs_ocr":true') "the scan read by OCR with Tesseract from Program Files"
    Check (Test-Path (Join-Path $env:LOCALAPPDATA "warrantdesk\pdfium")) "PDFium's cache in the user cache folder"
} else {
    Check ($r.Err -match "UB-Mannheim") "without Tesseract: the install hint"
}
$installed = Get-ChildItem -Recurse -File $dir | ForEach-Object { $_.Name }
Check (-not ($installed -match "\.db$")) "nothing written into the install folder"

# Upgrade in place: the same setup over the installed one keeps the cases.
Install
$r = Invoke-WD @("list", "--json")
Check ($r.Code -eq 0 -and $r.Out -match '"id"') "upgrade in place keeps the cases"

Uninstall ""
Check (Test-Path (Join-Path $data "*")) "uninstall keeps the cases unless asked"

Install
Uninstall "/DELETEDATA"
Check (-not (Test-Path $data)) "uninstall /DELETEDATA removes the cases"
# The MSI: per user, silently, as deployment tools run it.
$msi = (Get-ChildItem "$Dist\WarrantDesk-*-windows-amd64.msi" | Select-Object -First 1).FullName
$p = Start-Process msiexec.exe -ArgumentList "/i `"$msi`" /qn /l*v `"$work\msi.log`"" -Wait -PassThru
Check ($p.ExitCode -eq 0) "msiexec /i (per user, no admin) exits 0"
$r = Invoke-WD @("--version")
Check ($r.Code -eq 0 -and $r.Out -match "^WarrantDesk ") "the MSI's program runs: $($r.Out.Trim())"
Check (Test-Path $startMenu) "the MSI's Start-menu entry"
$r = Invoke-WD @("import", "--json", $order)
$p = Start-Process msiexec.exe -ArgumentList "/i `"$msi`" /qn" -Wait -PassThru
Check ($p.ExitCode -eq 0) "the MSI installed again over itself"
$p = Start-Process msiexec.exe -ArgumentList "/x `"$msi`" /qn" -Wait -PassThru
Check ($p.ExitCode -eq 0 -and -not (Test-Path $exe)) "msiexec /x removes the program"
Check (Test-Path (Join-Path $data "*")) "the MSI's uninstall keeps the cases"
Write-Host "windows smoke test: all passed"
