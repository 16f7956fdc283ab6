namespace Drydock.Registry;

/// <summary>
/// One <c>WWW-Authenticate</c> challenge, e.g. <c>Bearer realm="https://auth/token",service="registry",scope="repository:a:pull,push"</c>.
/// Parameter values may be quoted and contain commas, so they are read with a small tokenizer, not split.
/// </summary>
public sealed record AuthenticationChallenge(string Scheme, IReadOnlyDictionary<string, string> Parameters)
{
    public string? Realm => Parameters.GetValueOrDefault("realm");

    public string? Service => Parameters.GetValueOrDefault("service");

    public string? Scope => Parameters.GetValueOrDefault("scope");

    public static AuthenticationChallenge Parse(string scheme, string? parameters)
    {
        var values = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        var text = parameters ?? string.Empty;
        var i = 0;
        while (i < text.Length)
        {
            while (i < text.Length && (text[i] == ',' || char.IsWhiteSpace(text[i])))
                i++;
            var nameStart = i;
            while (i < text.Length && text[i] != '=' && text[i] != ',')
                i++;
            var name = text[nameStart..i].Trim();
            if (i >= text.Length || text[i] != '=')
                continue;
            i++;
            string value;
            if (i < text.Length && text[i] == '"')
            {
                var builder = new System.Text.StringBuilder();
                i++;
                while (i < text.Length && text[i] != '"')
                {
                    if (text[i] == '\\' && i + 1 < text.Length)
                        i++;
                    builder.Append(text[i++]);
                }
                i++;
                value = builder.ToString();
            }
            else
            {
                var valueStart = i;
                while (i < text.Length && text[i] != ',')
                    i++;
                value = text[valueStart..i].Trim();
            }
            if (name.Length > 0)
                values[name] = value;
        }
        return new AuthenticationChallenge(scheme, values);
    }
}
