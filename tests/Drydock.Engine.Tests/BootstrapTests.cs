using System.Diagnostics;

namespace Drydock.Engine.Tests;

/// <summary>The real bootstrap scripts, run as a user runs them. One collection: they share build/bin.</summary>
[Collection(nameof(BootstrapTests))]
public sealed class BootstrapTests
{
    private static readonly string Root = FindRoot();

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "build.sh")))
                return dir.FullName;
        throw new InvalidOperationException("build.sh not found above the test binaries.");
    }

    private static (int ExitCode, string Stdout, string Stderr) Run(string file, IEnumerable<string> args, Action<ProcessStartInfo>? configure = null)
    {
        var start = new ProcessStartInfo(file) { WorkingDirectory = Root, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in args)
            start.ArgumentList.Add(arg);
        start.Environment["GITHUB_ACTIONS"] = null;
        configure?.Invoke(start);
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(TimeSpan.FromMinutes(3)))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{file} {string.Join(' ', args)} did not finish in 3 minutes.");
        }
        return (process.ExitCode, stdout.Result, stderr.Result);
    }

    private static (int ExitCode, string Stdout, string Stderr) Pwsh(params string[] args)
    {
        var restore = Run("dotnet", ["tool", "restore"]);
        Assert.True(restore.ExitCode == 0, "dotnet tool restore failed: " + restore.Stdout + restore.Stderr);
        return Run("dotnet", ["pwsh", "-NoProfile", "-File", Path.Combine(Root, "build.ps1"), .. args]);
    }

    [Fact]
    public void Help_lists_targets_and_parameters_and_a_warm_run_does_not_rebuild()
    {
        Run(Path.Combine(Root, "build.sh"), ["--help"]);
        var (code, stdout, stderr) = Run(Path.Combine(Root, "build.sh"), ["--help"]);
        Assert.Equal(0, code);
        Assert.Matches(@"Test \(default\)", stdout);
        Assert.Matches(@"Deploy\s+.*→ ShipImage", stdout);
        Assert.Contains("--registry-password", stdout);
        Assert.DoesNotContain("Building the build project", stderr);
    }

    [Fact]
    public void An_unknown_target_fails_naming_the_closest()
    {
        var (code, stdout, _) = Run(Path.Combine(Root, "build.sh"), ["Deplyo"]);
        Assert.Equal(2, code);
        Assert.Contains("Unknown target 'Deplyo'. Did you mean 'Deploy'?", stdout);
    }

    [Fact]
    public void Without_dotnet_the_bootstrap_names_the_missing_sdk()
    {
        var home = Directory.CreateTempSubdirectory("drydock-nohome-").FullName;
        try
        {
            // A PATH with every usual tool but dotnet.
            var bin = Directory.CreateDirectory(Path.Combine(home, "bin")).FullName;
            foreach (var tool in new[] { "/usr/bin", "/bin" }.SelectMany(Directory.EnumerateFiles).Where(t => Path.GetFileName(t) != "dotnet"))
                if (!File.Exists(Path.Combine(bin, Path.GetFileName(tool))))
                    File.CreateSymbolicLink(Path.Combine(bin, Path.GetFileName(tool)), tool);
            var (code, _, stderr) = Run("/bin/bash", [Path.Combine(Root, "build.sh"), "--help"], s =>
            {
                s.Environment["PATH"] = bin;
                s.Environment["HOME"] = home;
                s.Environment["DOTNET_EXE"] = null;
            });
            Assert.Equal(127, code);
            Assert.Contains("the .NET SDK 10.0.401 named in global.json is required, but 'dotnet' was not found", stderr);
        }
        finally
        {
            Directory.Delete(home, recursive: true);
        }
    }

    [Fact]
    public void Build_sh_passes_shellcheck()
    {
        var which = Run("/bin/sh", ["-c", "command -v shellcheck"]);
        if (which.ExitCode != 0)
        {
            // On a developer machine without shellcheck this check cannot run; in CI its absence is a failure.
            Assert.True(Environment.GetEnvironmentVariable("CI") != "true", "shellcheck is not installed: .ci/start-services.sh installs it.");
            return;
        }
        var (code, stdout, stderr) = Run("shellcheck", [Path.Combine(Root, "build.sh")]);
        Assert.True(code == 0, stdout + stderr);
    }

    [Fact]
    public void Build_ps1_behaves_like_build_sh_under_pwsh()
    {
        var bash = Run(Path.Combine(Root, "build.sh"), ["--help"]);
        var pwsh = Pwsh("--help");
        Assert.Equal(0, pwsh.ExitCode);
        Assert.Equal(bash.Stdout, pwsh.Stdout);

        var unknown = Pwsh("Deplyo");
        Assert.Equal(2, unknown.ExitCode);
        Assert.Contains("Did you mean 'Deploy'?", unknown.Stdout);
    }
}
