using Drydock.Edge.Client;
using Drydock.Edge.Contract;
using Drydock.Engine.Output;
using Drydock.Engine.Tooling;

namespace Drydock.Deploy;

/// <summary>
/// The environment's smoke command against the candidate before the switch: the edge pins requests that carry a token
/// only this step knows to the new release (<c>PUT /candidate</c>), the command runs with the edge's public address and
/// the header in its environment, and the pinning ends whatever happened. The token is masked in everything logged.
/// </summary>
public static class SmokeStep
{
    public const string UrlVariable = "DRYDOCK_SMOKE_URL";
    public const string HeaderVariable = "DRYDOCK_CANDIDATE_HEADER";
    public const string TokenVariable = "DRYDOCK_CANDIDATE_TOKEN";

    /// <summary>Throws <see cref="DeployException"/> naming the exit code when the command fails; nothing was routed to the release then.</summary>
    /// <param name="still">What still serves, for the message (as in <see cref="EdgeSwitch.WhenHealthyAsync"/>).</param>
    public static async Task RunAsync(
        DeployContext context, EdgeAdminClient admin, RunningEdge edge, ReleaseSpec spec, string name, string command, string still, CancellationToken cancellationToken)
    {
        var candidate = await admin.SetCandidateAsync(new CandidateChange(EdgeRoutes.Upstream(name, spec.Config), spec.Version), cancellationToken);
        var masker = new SecretMasker();
        masker.Add(candidate.Token);
        try
        {
            var url = $"http://{spec.Config.ProbeHost}:{edge.PublicPort}";
            context.Log.Write(LogLevel.Information, $"Smoke test of {spec.Version} through {edge.Container} ({url}, requests pinned to {name} by {candidate.Header}): {command}");
            var result = await new ProcessToolRunner(context.Log, masker).RunAsync(new ToolCommand("sh", "-c", command)
            {
                Environment = new Dictionary<string, string?> { [UrlVariable] = url, [HeaderVariable] = candidate.Header, [TokenVariable] = candidate.Token },
                ThrowOnError = false,
            }, cancellationToken);
            if (!result.Succeeded)
            {
                var tail = string.Join('\n', result.StandardError.Concat(result.StandardOutput).TakeLast(10).Select(masker.Apply));
                throw new DeployException($"{spec.Version} failed its smoke test (exit {result.ExitCode}): {command}. It was removed; the edge never routed to it and {still}.\n{tail}");
            }
        }
        finally
        {
            try
            {
                await admin.ClearCandidateAsync(CancellationToken.None);
            }
            catch (Exception e) when (e is HttpRequestException or EdgeAdminException or TaskCanceledException)
            {
                context.Log.Write(LogLevel.Warning, $"Could not end the candidate pinning at {edge.Container} ({e.Message}); the next candidate replaces it");
            }
        }
    }
}
