<#
.SYNOPSIS
  Installs (or upgrades) PhoneController as a Windows service with WinSW 2.x.
.DESCRIPTION
  Run in an elevated PowerShell from the unpacked distribution:
    .\service\install-windows.ps1 -WinSW C:\Downloads\WinSW-x64.exe [-Prefix 'C:\Program Files\PhoneController']
  Copies the distribution to the prefix (keeping an existing conf\), finds a Java >= 21, writes the WinSW
  configuration, restricts conf\ to Administrators and the service account (LocalService), lets the service write
  data\ and logs\ only, validates the configuration, installs and starts the service.
#>
param(
  [Parameter(Mandatory = $true)][string]$WinSW,
  [string]$Prefix = (Join-Path $env:ProgramFiles 'PhoneController'),
  [switch]$NoStart
)
$ErrorActionPreference = 'Stop'

$principal = New-Object Security.Principal.WindowsPrincipal([Security.Principal.WindowsIdentity]::GetCurrent())
if (-not $principal.IsInRole([Security.Principal.WindowsBuiltInRole]::Administrator)) {
  throw 'install-windows.ps1: run it in an elevated PowerShell (Run as administrator).'
}
if (-not (Test-Path $WinSW)) { throw "install-windows.ps1: WinSW not found at '$WinSW'. Download WinSW-x64.exe (2.x) from https://github.com/winsw/winsw/releases." }
$dist = Split-Path -Parent $PSScriptRoot
$account = 'NT AUTHORITY\LocalService'

function Find-Java {
  $candidates = @()
  if ($env:JAVA_HOME) { $candidates += Join-Path $env:JAVA_HOME 'bin\java.exe' }
  $onPath = Get-Command java.exe -ErrorAction SilentlyContinue
  if ($onPath) { $candidates += $onPath.Source }
  foreach ($root in 'Java', 'Eclipse Adoptium', 'Microsoft', 'Zulu', 'Amazon Corretto', 'BellSoft') {
    $dir = Join-Path $env:ProgramFiles $root
    if (Test-Path $dir) { $candidates += Get-ChildItem $dir -Directory | ForEach-Object { Join-Path $_.FullName 'bin\java.exe' } }
  }
  foreach ($java in $candidates) {
    if (-not (Test-Path $java)) { continue }
    $spec = (& $java -XshowSettings:properties -version 2>&1 | Select-String 'java.specification.version') -replace '.*=\s*', ''
    $major = [int](($spec -split '\.')[0])
    if ($major -ge 21) { return $java }
  }
  throw 'PhoneController needs Java 21 or newer and found none (JAVA_HOME, PATH, Program Files). Install one, e.g. Eclipse Temurin 21.'
}
$java = Find-Java
Write-Host "Using Java $java"

# 1. Stop an installed service (upgrade), copy the program, keep an existing configuration.
$exe = Join-Path $Prefix 'service\phonecontroller-service.exe'
if (Get-Service phonecontroller -ErrorAction SilentlyContinue) { & $exe stop | Out-Null }
New-Item -ItemType Directory -Force -Path $Prefix | Out-Null
foreach ($part in 'bin', 'lib', 'docs') {
  if (Test-Path (Join-Path $dist $part)) {
    Remove-Item -Recurse -Force (Join-Path $Prefix $part) -ErrorAction SilentlyContinue
    Copy-Item -Recurse (Join-Path $dist $part) (Join-Path $Prefix $part)
  }
}
New-Item -ItemType Directory -Force -Path (Join-Path $Prefix 'service') | Out-Null
Copy-Item (Join-Path $dist 'service\*') (Join-Path $Prefix 'service') -Force
Copy-Item $WinSW $exe -Force
$xml = Join-Path $Prefix 'service\phonecontroller-service.xml'
(Get-Content $xml -Raw).Replace('@JAVA_EXE@', $java) | Set-Content -Encoding UTF8 $xml
if (-not (Test-Path (Join-Path $Prefix 'conf'))) {
  Copy-Item -Recurse (Join-Path $dist 'conf') (Join-Path $Prefix 'conf')
  Write-Host "Installed the example configuration in $Prefix\conf: adapt controller.yaml and write credentials.yaml"
}

# 2. Rights: conf\ readable by Administrators, SYSTEM and the service account only; data\ and logs\ writable by it.
foreach ($dir in 'data', 'logs') { New-Item -ItemType Directory -Force -Path (Join-Path $Prefix $dir) | Out-Null }
& icacls (Join-Path $Prefix 'conf') /inheritance:r /grant:r 'Administrators:(OI)(CI)F' 'SYSTEM:(OI)(CI)F' "${account}:(OI)(CI)RX" | Out-Null
foreach ($dir in 'data', 'logs') {
  & icacls (Join-Path $Prefix $dir) /inheritance:r /grant:r 'Administrators:(OI)(CI)F' 'SYSTEM:(OI)(CI)F' "${account}:(OI)(CI)M" | Out-Null
}

# 3. Check the configuration, install and start.
& (Join-Path $Prefix 'bin\phonectl.cmd') config validate --config (Join-Path $Prefix 'conf\controller.yaml')
$valid = ($LASTEXITCODE -eq 0)
if (-not (Get-Service phonecontroller -ErrorAction SilentlyContinue)) { & $exe install; if ($LASTEXITCODE -ne 0) { throw "WinSW install failed ($LASTEXITCODE)" } }
else { & $exe refresh | Out-Null }
if (-not $valid) {
  Write-Warning "Not started: fix $Prefix\conf\controller.yaml (see above), then: Start-Service phonecontroller"
  exit 1
}
if (-not $NoStart) {
  & $exe start
  Write-Host 'Started. Check it with: Get-Service phonecontroller; phonectl status (as Administrator)'
}
