using System.Globalization;

namespace Drydock.Remote.IntegrationTests;

/// <summary>What a tunnel could leave behind on the runner: processes in its group, ssh processes to a port, private directories.</summary>
public static class LeftOvers
{
    public static IReadOnlyList<int> ProcessesInGroup(int group) =>
        Processes().Where(p => p.Group == group && p.State is not ('Z' or 'X')).Select(p => p.Id).ToList();

    /// <summary>Live ssh clients whose command line mentions the port (the tests' ports are theirs alone).</summary>
    public static IReadOnlyList<int> SshClientsTo(int port) =>
        Processes().Where(p => p.State is not ('Z' or 'X') && p.CommandLine.FirstOrDefault() == "ssh" && p.CommandLine.Contains(port.ToString(CultureInfo.InvariantCulture)))
            .Select(p => p.Id).ToList();

    public static IReadOnlyList<string> TunnelDirectories() =>
        Directory.GetDirectories(Path.GetTempPath(), "drydock-ssh-*").Order(StringComparer.Ordinal).ToList();

    private static IEnumerable<(int Id, int Group, char State, string[] CommandLine)> Processes()
    {
        foreach (var directory in Directory.GetDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(directory), out var id))
                continue;
            string stat, commandLine;
            try
            {
                stat = File.ReadAllText(Path.Combine(directory, "stat"));
                commandLine = File.ReadAllText(Path.Combine(directory, "cmdline"));
            }
            catch (IOException)
            {
                continue;
            }
            catch (UnauthorizedAccessException)
            {
                continue;
            }
            // Fields after the ")" that ends the command name: state, ppid, pgrp, …
            var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            yield return (id, int.Parse(fields[2], CultureInfo.InvariantCulture), fields[0][0], commandLine.Split('\0', StringSplitOptions.RemoveEmptyEntries));
        }
    }
}
