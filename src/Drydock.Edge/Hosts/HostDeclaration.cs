using System.Text.Json.Serialization;

namespace Drydock.Edge.Hosts;

/// <summary>Where a host's certificate comes from: ACME (HTTP-01 served by the edge), files the user provides, or plain HTTP only.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<TlsMode>))]
public enum TlsMode
{
    Off,
    Acme,
    Files,
}

/// <summary>A host route as declared (<c>PUT /hosts/{host}</c>) and saved in <c>/state/hosts/&lt;host&gt;/host.json</c>.</summary>
public sealed record HostDeclaration(string Host, string PathPrefix, TlsMode Tls)
{
    public const int CurrentFormat = 1;

    public int Format { get; init; } = CurrentFormat;
}
