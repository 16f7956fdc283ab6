using System.Text;

namespace Drydock.Registry;

/// <summary>The config.yml of a local <c>docker-registry</c>: filesystem storage, plain http on one address, optional htpasswd.</summary>
public static class LocalRegistryConfig
{
    public static string Render(string storageDirectory, string address, string httpSecret, string? htpasswdPath = null)
    {
        var yaml = new StringBuilder()
            .AppendLine("version: 0.1")
            .AppendLine("log:")
            .AppendLine("  level: warn")
            .AppendLine("  accesslog:")
            .AppendLine("    disabled: true")
            .AppendLine("storage:")
            .AppendLine("  filesystem:")
            .AppendLine($"    rootdirectory: {Quote(storageDirectory)}")
            .AppendLine("  delete:")
            .AppendLine("    enabled: true")
            .AppendLine("http:")
            .AppendLine($"  addr: {Quote(address)}")
            .AppendLine($"  secret: {Quote(httpSecret)}")
            .AppendLine("  headers:")
            .AppendLine("    X-Content-Type-Options: [nosniff]");
        if (htpasswdPath is not null)
        {
            yaml.AppendLine("auth:")
                .AppendLine("  htpasswd:")
                .AppendLine("    realm: drydock")
                .AppendLine($"    path: {Quote(htpasswdPath)}");
        }
        return yaml.ToString();
    }

    // YAML single quotes: only the quote itself needs escaping (doubled).
    private static string Quote(string value) => "'" + value.Replace("'", "''") + "'";
}
