using Drydock.Edge.Routing;

namespace Drydock.Edge.State;

/// <summary>A host service as declared (<c>PUT /hosts/{host}</c>) and saved in <c>&lt;state&gt;/hosts/&lt;host&gt;/host.json</c>, beside its <c>routes.json</c>.</summary>
public sealed record HostDeclaration(string Host, string PathPrefix, TlsMode Tls)
{
    public const int CurrentFormat = 1;

    public const string FileName = "host.json";

    public int Format { get; init; } = CurrentFormat;
}
