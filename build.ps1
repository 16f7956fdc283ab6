#!/usr/bin/env pwsh
# Drydock bootstrap: rebuilds the build project only when its sources changed, then runs it with all arguments.
# Usage: ./build.ps1 [targets] [--parameter value ...]   (./build.ps1 --help lists both). Same behaviour as build.sh.
$ErrorActionPreference = 'Stop'
Set-StrictMode -Version Latest

$root = $PSScriptRoot
$buildDll = Join-Path $root 'build/bin/_build.dll'
# Its own stamp: build.sh checksums its file list differently.
$stamp = Join-Path $root 'build/bin/.bootstrap-stamp-ps1'
$env:DOTNET_CLI_TELEMETRY_OPTOUT = '1'
$env:DOTNET_NOLOGO = '1'
$env:DOTNET_SKIP_FIRST_TIME_EXPERIENCE = '1'

function Fail([string] $message) {
    [Console]::Error.WriteLine("error: $message")
    exit 127
}

function Get-SdkVersion {
    (Get-Content (Join-Path $root 'global.json') -Raw | ConvertFrom-Json).sdk.version
}

function Find-Dotnet {
    if ($env:DOTNET_EXE -and (Test-Path $env:DOTNET_EXE)) { return $env:DOTNET_EXE }
    $onPath = Get-Command dotnet -CommandType Application -ErrorAction SilentlyContinue | Select-Object -First 1
    if ($onPath) { return $onPath.Source }
    $home_ = if ($env:HOME) { $env:HOME } else { $env:USERPROFILE }
    foreach ($candidate in @((Join-Path $home_ '.dotnet/dotnet'), (Join-Path $home_ '.dotnet/dotnet.exe'))) {
        if (Test-Path $candidate) { return $candidate }
    }
    Fail "the .NET SDK $(Get-SdkVersion) named in global.json is required, but 'dotnet' was not found on PATH, in DOTNET_EXE or in ~/.dotnet. Install the .NET SDK $(Get-SdkVersion) (https://dot.net/download) and run ./build.ps1 again."
}

# The folders of the build project and of every project it references, directly or not.
function Get-InputFolders {
    $queue = [System.Collections.Generic.Queue[string]]::new()
    $queue.Enqueue((Join-Path $root 'build/_build.csproj'))
    $seen = [System.Collections.Generic.HashSet[string]]::new()
    while ($queue.Count -gt 0) {
        $project = $queue.Dequeue()
        $dir = [System.IO.Path]::GetFullPath((Split-Path $project -Parent))
        if (-not $seen.Add($dir)) { continue }
        $dir
        foreach ($match in [regex]::Matches((Get-Content $project -Raw), '<ProjectReference[^>]*Include="([^"]*)"')) {
            $queue.Enqueue((Join-Path $dir ($match.Groups[1].Value -replace '\\', '/')))
        }
    }
}

# Inputs of the build project: the folders above, and the repository-wide files every project imports.
function Get-InputFiles {
    $files = @('global.json', 'Directory.Build.props', 'Directory.Packages.props', 'src/Directory.Build.props', 'src/Directory.Packages.props') | ForEach-Object { Get-Item -Force (Join-Path $root $_) -ErrorAction SilentlyContinue }
    foreach ($folder in Get-InputFolders) {
        $files += Get-ChildItem $folder -Recurse -File -Force -ErrorAction SilentlyContinue |
            Where-Object { [System.IO.Path]::GetRelativePath($folder, $_.FullName) -notmatch '(^|[\\/])(bin|obj)[\\/]' }
    }
    $files | Sort-Object FullName
}

# Paths relative to the root, as build.sh's: a build/bin copied into another checkout of the same sources is honoured there.
function Get-InputChecksum([object[]] $files) {
    $list = ($files | ForEach-Object { [System.IO.Path]::GetRelativePath($root, $_.FullName) }) -join "`n"
    [System.Convert]::ToHexString([System.Security.Cryptography.SHA256]::HashData([System.Text.Encoding]::UTF8.GetBytes($list)))
}

# The stamp holds a checksum of the input file list (catches added and deleted files) and its time is when the
# last successful build started (catches edits, including those made while it ran).
function Test-NeedsBuild {
    if (-not (Test-Path $buildDll) -or -not (Test-Path $stamp)) { return $true }
    $files = @(Get-InputFiles)
    if ((Get-InputChecksum $files) -ne (Get-Content -Raw $stamp).Trim()) { return $true }
    $since = (Get-Item -Force $stamp).LastWriteTimeUtc
    return [bool]($files | Where-Object { $_.LastWriteTimeUtc -gt $since } | Select-Object -First 1)
}

function Invoke-BuildProject([string] $dotnet) {
    & $dotnet --version *> $null
    if ($LASTEXITCODE -ne 0) {
        $installed = (& $dotnet --list-sdks 2>$null | ForEach-Object { ($_ -split ' ')[0] }) -join ' '
        Fail "the .NET SDK $(Get-SdkVersion) named in global.json is not installed (found: $installed). Install the .NET SDK $(Get-SdkVersion) (https://dot.net/download), or change global.json."
    }
    New-Item -ItemType Directory -Force (Join-Path $root 'build/bin') | Out-Null
    # One bootstrap builds at a time; the others wait and then find it up to date.
    $lockPath = Join-Path $root 'build/bin/.bootstrap-lock'
    $lock = $null
    while (-not $lock) {
        try { $lock = [System.IO.File]::Open($lockPath, 'OpenOrCreate', 'ReadWrite', 'None') }
        catch [System.IO.IOException] { Start-Sleep -Milliseconds 200 }
    }
    try {
        if (-not (Test-NeedsBuild)) { return }
        [Console]::Error.WriteLine('Building the build project (build/ changed since the last run)…')
        $started = "$stamp.new"
        $log = Join-Path $root 'build/bin/.bootstrap.log'
        Set-Content -NoNewline -Path $started -Value (Get-InputChecksum @(Get-InputFiles))
        & $dotnet build (Join-Path $root 'build/_build.csproj') --nologo -v quiet -clp:NoSummary *> $log
        if ($LASTEXITCODE -ne 0) {
            Get-Content $log | ForEach-Object { [Console]::Error.WriteLine($_) }
            Remove-Item -Force $started
            Fail 'the build project does not compile: see the errors above.'
        }
        Move-Item -Force $started $stamp
    }
    finally { $lock.Dispose() }
}

$dotnet = Find-Dotnet
if (Test-NeedsBuild) { Invoke-BuildProject $dotnet }
& $dotnet $buildDll @args
exit $LASTEXITCODE
