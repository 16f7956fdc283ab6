using Drydock.Engine.Output;

namespace Drydock.Edge.Tls;

/// <summary>The ACME client's log, written to the edge's logger (the client logs facts only, never key material).</summary>
internal sealed class BuildLogAdapter(ILogger log) : IBuildLog
{
    public void Write(Drydock.Engine.Output.LogLevel level, string message) =>
        log.Log(level switch
        {
            Drydock.Engine.Output.LogLevel.Debug => Microsoft.Extensions.Logging.LogLevel.Debug,
            Drydock.Engine.Output.LogLevel.Warning => Microsoft.Extensions.Logging.LogLevel.Warning,
            Drydock.Engine.Output.LogLevel.Error => Microsoft.Extensions.Logging.LogLevel.Error,
            _ => Microsoft.Extensions.Logging.LogLevel.Information,
        }, "{Message}", message);

    public void BeginGroup(string name)
    {
    }

    public void EndGroup()
    {
    }
}
