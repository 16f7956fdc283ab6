using System.Globalization;
using Drydock.Edge.Contract;

namespace Drydock.Edge.Routing;

/// <summary>Which side of a canary split one request goes to, and the cookie to set when the client had none for this canary.</summary>
/// <param name="SetCookie">The <c>Set-Cookie</c> value to send; null when the client's cookie already holds its bucket.</param>
public sealed record CanaryAssignment(bool ToCanary, int Bucket, string? SetCookie)
{
    /// <summary>A day: long enough to keep a client on one side for any window, short enough to leave nothing for long.</summary>
    public const int CookieMaxAgeSeconds = 86_400;

    /// <summary>
    /// Pure: a cookie <c>&lt;key&gt;:&lt;bucket&gt;:&lt;signature&gt;</c> of this canary, signed by <paramref name="seal"/>,
    /// keeps the client's bucket; anything else (none, another canary's, damaged, a bucket the client chose) gets a new
    /// bucket from <paramref name="random"/> (0 to 9999) and a cookie to remember it. Buckets below the share's basis
    /// points go to the canary, so raising the share only ever adds clients to it.
    /// </summary>
    /// <param name="cookie">The request's <see cref="AdminPaths.CanaryCookie"/> value; null when it sent none.</param>
    public static CanaryAssignment Choose(string? cookie, string key, CanaryShare share, Func<int, int> random, CanarySeal seal)
    {
        var known = BucketOf(cookie, key, seal);
        var bucket = known ?? random(CanaryShare.AllBasisPoints);
        var setCookie = known is null ? $"{AdminPaths.CanaryCookie}={Value(key, bucket, seal)}; Path=/; Max-Age={CookieMaxAgeSeconds}; HttpOnly; SameSite=Lax" : null;
        return new CanaryAssignment(bucket < share.BasisPoints, bucket, setCookie);
    }

    /// <summary>The cookie's value for <paramref name="bucket"/> of canary <paramref name="key"/>.</summary>
    public static string Value(string key, int bucket, CanarySeal seal)
    {
        var payload = string.Create(CultureInfo.InvariantCulture, $"{key}:{bucket}");
        return $"{payload}:{seal.Sign(payload)}";
    }

    /// <summary>The bucket a signed cookie of this canary holds; null for a cookie of another canary, unsigned, or not ours.</summary>
    public static int? BucketOf(string? cookie, string key, CanarySeal seal)
    {
        if (cookie is null)
            return null;
        var last = cookie.LastIndexOf(':');
        var payload = last < 0 ? "" : cookie[..last];
        var colon = payload.IndexOf(':', StringComparison.Ordinal);
        if (colon < 0 || !payload.AsSpan(0, colon).SequenceEqual(key) || !seal.Verifies(payload, cookie.AsSpan(last + 1)))
            return null;
        return int.TryParse(payload.AsSpan(colon + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var bucket) && bucket < CanaryShare.AllBasisPoints ? bucket : null;
    }
}
