namespace Drydock.Engine.Output;

/// <summary>Replaces every known secret value in a line with asterisks. Thread-safe: tools write from several threads.</summary>
public sealed class SecretMasker
{
    public const string Mask = "*****";

    private readonly object _gate = new();
    private string[] _secrets = [];

    public void Add(string? secret)
    {
        // Very short values would mask ordinary words; a secret that short is not worth pretending to protect.
        if (string.IsNullOrEmpty(secret) || secret.Length < 3)
            return;
        lock (_gate)
        {
            if (_secrets.Contains(secret))
                return;
            // Longest first, so a secret that contains another is masked whole.
            _secrets = [.. _secrets.Append(secret).OrderByDescending(s => s.Length)];
        }
    }

    public bool Contains(string text) => Volatile.Read(ref _secrets).Any(text.Contains);

    public string Apply(string text)
    {
        foreach (var secret in Volatile.Read(ref _secrets))
            text = text.Replace(secret, Mask, StringComparison.Ordinal);
        return text;
    }
}
