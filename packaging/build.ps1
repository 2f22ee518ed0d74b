# Windows counterpart of packaging/build (PowerShell): one-folder build, smoke test, installer.
#   powershell -ExecutionPolicy Bypass -File packaging\build.ps1
# Needs Python 3.11 (py launcher) and, for the installer, Inno Setup 6 (iscc on the PATH).
# Not run in CI here (no Windows machine): the same spec and smoke steps as packaging/build.
$ErrorActionPreference = "Stop"
Set-Location (Join-Path $PSScriptRoot "..")
if (-not (Test-Path .venv\Scripts\python.exe)) { py -3.11 -m venv .venv }
.venv\Scripts\python -m pip install -q -e . "pyinstaller>=6.5" "build>=1.2"
if (Test-Path build\pyinstaller) { Remove-Item -Recurse -Force build\pyinstaller }
if (Test-Path dist\adjuster) { Remove-Item -Recurse -Force dist\adjuster }
.venv\Scripts\pyinstaller --noconfirm --clean --log-level WARN --workpath build\pyinstaller --distpath dist packaging\adjuster.spec
if ($LASTEXITCODE) { throw "pyinstaller failed" }
$exe = "dist\adjuster\adjuster.exe"
$env:QT_QPA_PLATFORM = "offscreen"
$tmp = Join-Path $env:TEMP ("adjuster-packaging-" + [guid]::NewGuid())
foreach ($step in @(@("--version"), @("--self-test"), @("--data-dir", "$tmp\doctor", "doctor"),
                    @("--data-dir", "$tmp\demo", "demo"),
                    @("--data-dir", "$tmp\demo", "report", "PA2026-0402-007", "-o", "$tmp\loss.pdf"))) {
  Write-Host "== smoke: adjuster $($step -join ' ')"
  & $exe @step
  if ($LASTEXITCODE) { throw "smoke step failed: $($step -join ' ')" }
}
Remove-Item Env:QT_QPA_PLATFORM
Remove-Item -Recurse -Force $tmp
if (Get-Command iscc -ErrorAction SilentlyContinue) {
  iscc packaging\adjuster.iss
  if ($LASTEXITCODE) { throw "iscc failed" }
} else { Write-Host "Inno Setup (iscc) not found: installer not built" }
Write-Host "packaging: all good"
