using System.Security.Cryptography;
using System.Text;

namespace Drydock.Edge.Routing;

/// <summary>
/// A release the build wants to try through the real edge before any user is routed to it: requests carrying
/// <c>X-Drydock-Candidate: &lt;token&gt;</c> go to <see cref="Upstream"/>, every other request to the active route.
/// The token is made by the edge (128 random bits) and told only to whoever set the candidate. Not persisted: a
/// restarted edge has no candidate.
/// </summary>
public sealed record Candidate(Upstream Upstream, string Version, string Token)
{
    public static Candidate Create(Upstream upstream, string version) =>
        new(upstream, version, Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16)));

    /// <summary>Compared in constant time, so the answer's timing says nothing about how much of a guess was right.</summary>
    public bool Matches(string? token) =>
        token is not null && CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(token), Encoding.UTF8.GetBytes(Token));
}
