namespace Drydock.Docker;

/// <summary>Builds an argument list, skipping options whose value is absent, so settings records stay declarative.</summary>
internal sealed class ArgumentList
{
    private readonly List<string> _items = [];

    public ArgumentList(params string[] leading) => _items.AddRange(leading);

    public ArgumentList Add(string value)
    {
        _items.Add(value);
        return this;
    }

    public ArgumentList AddRange(IEnumerable<string> values)
    {
        _items.AddRange(values);
        return this;
    }

    public ArgumentList Flag(string flag, bool enabled)
    {
        if (enabled)
            _items.Add(flag);
        return this;
    }

    public ArgumentList Option(string option, string? value)
    {
        if (value is not null)
            _items.AddRange([option, value]);
        return this;
    }

    public ArgumentList Option(string option, int? value) =>
        Option(option, value?.ToString(System.Globalization.CultureInfo.InvariantCulture));

    public ArgumentList Option(string option, TimeSpan? value) =>
        Option(option, value is { } duration ? DockerDuration.Format(duration) : null);

    /// <summary>One <c>option value</c> pair per value, e.g. <c>--tag a --tag b</c>.</summary>
    public ArgumentList Repeated(string option, IEnumerable<string> values)
    {
        foreach (var value in values)
            _items.AddRange([option, value]);
        return this;
    }

    /// <summary>One <c>option key=value</c> pair per entry, sorted by key so rendered commands are stable.</summary>
    public ArgumentList Pairs(string option, IReadOnlyDictionary<string, string> pairs)
    {
        foreach (var (key, value) in pairs.OrderBy(p => p.Key, StringComparer.Ordinal))
            _items.AddRange([option, $"{key}={value}"]);
        return this;
    }

    public IReadOnlyList<string> ToList() => _items.ToArray();
}
