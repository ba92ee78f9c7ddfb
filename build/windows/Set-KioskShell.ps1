#Requires -RunAsAdministrator
<#
  Applies shell-launcher.xml (next to this script) through the MDM bridge WMI provider, the
  supported way to set a Shell Launcher v2 configuration without Intune. docs/it-staff.md.
  It must run as SYSTEM, e.g.:  psexec.exe -i -s powershell.exe -File Set-KioskShell.ps1
  -Remove clears the configuration (the kiosk account gets Explorer back).
#>
param([switch]$Remove)
$ErrorActionPreference = 'Stop'

if ([Security.Principal.WindowsIdentity]::GetCurrent().User.Value -ne 'S-1-5-18') {
  throw 'Run this script as SYSTEM (psexec -s), which the MDM_AssignedAccess provider requires.'
}
# Shell Launcher is a Windows feature of Enterprise/Education/IoT Enterprise editions.
$feature = Get-WindowsOptionalFeature -Online -FeatureName Client-EmbeddedShellLauncher
if ($feature.State -ne 'Enabled') {
  Enable-WindowsOptionalFeature -Online -FeatureName Client-EmbeddedShellLauncher -NoRestart | Out-Null
  Write-Host 'Enabled the Shell Launcher feature; restart Windows, then run this script again.'
  exit 3010
}

$aa = Get-CimInstance -Namespace 'root\cimv2\mdm\dmmap' -ClassName 'MDM_AssignedAccess'
if ($Remove) {
  $aa.ShellLauncher = $null
} else {
  $exe = Join-Path $env:ProgramFiles 'HelloWork Kiosk\HelloWork Kiosk.exe'
  if (-not (Test-Path $exe)) { throw "Install HelloWork Kiosk (per machine) first: $exe not found." }
  $xml = Get-Content -Raw -Encoding UTF8 (Join-Path $PSScriptRoot 'shell-launcher.xml')
  $aa.ShellLauncher = [System.Net.WebUtility]::HtmlEncode($xml)
}
Set-CimInstance -CimInstance $aa
Write-Host ($(if ($Remove) { 'Shell Launcher configuration removed.' } else { 'Shell Launcher configured: sign out; kioskUser0 signs in to HelloWork Kiosk.' }))
