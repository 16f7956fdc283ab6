using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;

namespace Drydock.Acme;

/// <summary>
/// A host name a certificate can be issued for by HTTP-01: lower case, ASCII (IDN names in their xn-- form), no
/// trailing dot, at least two labels, no wildcard and no IP address. Two spellings of one name are one value.
/// </summary>
public sealed partial record DnsName : IComparable<DnsName>
{
    private const int MaxLength = 253;

    private DnsName(string value) => Value = value;

    public string Value { get; }

    /// <summary>The name, or an <see cref="ArgumentException"/> that says what is wrong and how to write it.</summary>
    public static DnsName Parse(string text) =>
        TryParse(text, out var name, out var error) ? name : throw new ArgumentException(error, nameof(text));

    public static bool TryParse(string? text, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out DnsName? name, out string error)
    {
        name = null;
        var trimmed = (text ?? string.Empty).Trim().TrimEnd('.');
        if (trimmed.Length == 0)
            return Fail("A host name is empty. Write it like notes.example.org.", out error);
        if (trimmed.Contains('*'))
            return Fail($"'{text}' is a wildcard: HTTP-01 cannot validate wildcard names. List each host name (notes.example.org, www.example.org) instead.", out error);
        if (IPAddress.TryParse(trimmed, out _))
            return Fail($"'{text}' is an IP address: ACME HTTP-01 certificates here are for DNS names. Point a DNS name at the server and use that.", out error);

        string ascii;
        try
        {
            ascii = new IdnMapping().GetAscii(trimmed).ToLowerInvariant();
        }
        catch (ArgumentException)
        {
            return Fail(NotAHostName(text), out error);
        }

        var labels = ascii.Split('.');
        if (labels.Length < 2)
            return Fail($"'{text}' has a single label: a public CA issues no certificate for it. Use a fully qualified name like {ascii}.example.org.", out error);
        if (ascii.Length > MaxLength || !labels.All(l => Label().IsMatch(l)))
            return Fail(NotAHostName(text), out error);

        name = new DnsName(ascii);
        error = string.Empty;
        return true;
    }

    public int CompareTo(DnsName? other) => string.CompareOrdinal(Value, other?.Value);

    public override string ToString() => Value;

    private static string NotAHostName(string? text) =>
        $"'{text}' is not a valid host name. Each dot-separated label is 1-63 letters, digits or '-', not starting or ending with '-' (like notes.example.org).";

    private static bool Fail(string message, out string error)
    {
        error = message;
        return false;
    }

    [GeneratedRegex("^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$")]
    private static partial Regex Label();
}
