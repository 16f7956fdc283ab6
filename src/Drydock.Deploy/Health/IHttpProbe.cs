namespace Drydock.Deploy;

/// <summary>One HTTP GET of a health path on a published port; the seam unit tests fake.</summary>
public interface IHttpProbe
{
    Task<HttpProbeResult> GetAsync(Uri uri, CancellationToken cancellationToken);
}

/// <summary>The status code, or the connection error when nothing answered.</summary>
public sealed record HttpProbeResult(int? StatusCode, string? Error = null)
{
    public bool Succeeded => StatusCode is >= 200 and < 300;

    public override string ToString() => StatusCode is { } code ? $"HTTP {code}" : Error ?? "no answer";
}
