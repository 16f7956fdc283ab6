using System.Globalization;

namespace Notes.Hosting;

/// <summary>
/// How long a SIGTERM waits for in-flight requests before the host gives up on them: <c>SHUTDOWN_TIMEOUT_SECONDS</c>,
/// default 20. Keep it below the orchestrator's kill deadline (e.g. <c>docker stop -t</c>, whose default is 10).
/// </summary>
internal static class ShutdownTimeout
{
    public const string Variable = "SHUTDOWN_TIMEOUT_SECONDS";
    public static readonly TimeSpan Default = TimeSpan.FromSeconds(20);

    public static TimeSpan Parse(string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
            return Default;
        if (int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds))
            return TimeSpan.FromSeconds(seconds);
        throw new FormatException($"{Variable} must be a whole number of seconds (0 or more), not '{value}'.");
    }

    public static IServiceCollection AddShutdownTimeout(this IServiceCollection services)
    {
        services.AddOptions<HostOptions>()
            .Configure<IConfiguration>((options, configuration) => options.ShutdownTimeout = Parse(configuration[Variable]));
        return services;
    }
}
