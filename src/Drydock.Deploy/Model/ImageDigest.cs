using System.Text.RegularExpressions;

namespace Drydock.Deploy;

/// <summary>An image's content digest, <c>sha256:</c> and 64 lower-case hex digits: what a release runs, exactly.</summary>
public sealed partial record ImageDigest
{
    /// <exception cref="DeployException">The text is not a digest; the message names the form it needs.</exception>
    public ImageDigest(string value) =>
        Value = IsValid(value) ? value : throw new DeployException($"'{value}' is not an image digest (sha256: and 64 hex digits).");

    public string Value { get; }

    public static bool IsValid(string? value) => Pattern().IsMatch(value ?? string.Empty);

    public static implicit operator string(ImageDigest digest) => digest.Value;

    public override string ToString() => Value;

    [GeneratedRegex("^sha256:[0-9a-f]{64}$")]
    private static partial Regex Pattern();
}
