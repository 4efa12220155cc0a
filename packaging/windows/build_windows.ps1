# Build the AgentDesk Windows bundle and its installer (run in PowerShell from anywhere).
#
# Needs: git, uv (https://docs.astral.sh/uv/), Inno Setup 6 (ISCC.exe).
# Result: packaging\out\dist\agentdesk\ (the bundle) and
#         packaging\out\AgentDesk-<version>-windows-x64-setup.exe (the installer).
$ErrorActionPreference = "Stop"
$repo = Resolve-Path (Join-Path $PSScriptRoot "..\..")
Set-Location $repo

uv sync --frozen
$env:PYTHONHASHSEED = "0"
$env:SOURCE_DATE_EPOCH = (git log -1 --format=%ct)
$version = (uv run --frozen python -c "from importlib.metadata import version; print(version('agentdesk'))").Trim()

uv run --frozen pyinstaller --noconfirm --clean `
    --distpath packaging\out\dist --workpath packaging\out\build packaging\agentdesk.spec
if ($LASTEXITCODE) { throw "PyInstaller failed" }

# The console twin of agentdesk.exe prints the report; offscreen needs no desktop session.
$env:QT_QPA_PLATFORM = "offscreen"
& packaging\out\dist\agentdesk\agentdesk-console.exe --self-check
if ($LASTEXITCODE) { throw "self-check of the bundle failed" }
Remove-Item Env:QT_QPA_PLATFORM

$iscc = Join-Path ${env:ProgramFiles(x86)} "Inno Setup 6\ISCC.exe"
& $iscc "/DAppVersion=$version" packaging\windows\agentdesk.iss
if ($LASTEXITCODE) { throw "Inno Setup failed" }
