using System.Security.Cryptography;
using System.Text;
using Drydock.Acme;

namespace Drydock.Edge.Routing;

/// <summary>
/// Signs the canary cookie's bucket, so a client cannot choose its side of the split: a cookie whose signature does not
/// match is dealt again like none. The key lives beside the routes (<see cref="FileName"/>, mode 0600) so a restarted
/// edge keeps every client on its side; where it cannot be written the edge signs with a key of its own lifetime.
/// </summary>
public sealed class CanarySeal
{
    public const string FileName = "canary.key";
    private const int KeyBytes = 32;
    private const int SignatureBytes = 16;
    private readonly Lazy<byte[]> _key;

    private CanarySeal(Func<byte[]> key) => _key = new(key, LazyThreadSafetyMode.ExecutionAndPublication);

    /// <summary>A key of this process only (tests).</summary>
    public static CanarySeal Ephemeral() => new(() => RandomNumberGenerator.GetBytes(KeyBytes));

    /// <summary>
    /// The key saved in <paramref name="directory"/>, read or made there when a canary first needs it: an edge that
    /// never splits traffic writes nothing, and no start waits on a flush.
    /// </summary>
    public static CanarySeal InDirectory(string directory) => new(() => LoadOrCreate(directory));

    private static byte[] LoadOrCreate(string directory)
    {
        var path = Path.Combine(directory, FileName);
        try
        {
            if (File.Exists(path) && File.ReadAllBytes(path) is { Length: KeyBytes } saved)
                return saved;
            var key = RandomNumberGenerator.GetBytes(KeyBytes);
            Directory.CreateDirectory(directory);
            DurableFile.Write(path, stream => stream.Write(key), UnixFileMode.UserRead | UnixFileMode.UserWrite);
            return key;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return RandomNumberGenerator.GetBytes(KeyBytes); // clients are dealt again after a restart, nothing worse
        }
    }

    /// <summary>The signature of <paramref name="payload"/>: 16 bytes of HMAC-SHA256, base64url.</summary>
    public string Sign(string payload) =>
        Convert.ToBase64String(HMACSHA256.HashData(_key.Value, Encoding.UTF8.GetBytes(payload)), 0, SignatureBytes)
            .TrimEnd('=').Replace('+', '-').Replace('/', '_');

    public bool Verifies(string payload, ReadOnlySpan<char> signature) =>
        CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(Sign(payload)), Encoding.ASCII.GetBytes(signature.ToString()));
}
