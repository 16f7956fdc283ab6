using System.Diagnostics;

namespace Drydock.Deploy;

/// <summary>Who is deploying, from where: recorded in locks and history.</summary>
public static class ProcessIdentity
{
    public static string Host => Environment.MachineName;

    public static int ProcessId => Environment.ProcessId;

    /// <summary>When a process on this host started, or null when there is no such process.</summary>
    public static DateTimeOffset? StartedAt(int processId)
    {
        try
        {
            using var process = Process.GetProcessById(processId);
            return process.HasExited ? null : new DateTimeOffset(process.StartTime.ToUniversalTime(), TimeSpan.Zero);
        }
        catch (Exception e) when (e is ArgumentException or InvalidOperationException or System.ComponentModel.Win32Exception)
        {
            return null;
        }
    }

    /// <summary>The CI actor when a CI system names one, else <c>$USER@hostname</c>.</summary>
    public static string Actor(Func<string, string?> readEnvironment)
    {
        if (readEnvironment("GITHUB_ACTOR") is { Length: > 0 } github)
            return $"{github} (GitHub Actions)";
        if (readEnvironment("GITLAB_USER_LOGIN") is { Length: > 0 } gitlab)
            return $"{gitlab} (GitLab CI)";
        if (readEnvironment("BUILD_REQUESTEDFOR") is { Length: > 0 } azure)
            return $"{azure} (Azure Pipelines)";
        var user = readEnvironment("USER") is { Length: > 0 } u ? u : Environment.UserName;
        return $"{user}@{Host}";
    }
}
