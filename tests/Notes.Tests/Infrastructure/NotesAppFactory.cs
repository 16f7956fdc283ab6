using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Notes.Tests.Infrastructure;

/// <summary>The real Program on a given DATA_DIR, in the Production environment (what ships, not developer pages).</summary>
public sealed class NotesAppFactory(
    string dataDirectory,
    IReadOnlyDictionary<string, string?>? settings = null,
    Action<IServiceCollection>? testServices = null)
    : WebApplicationFactory<Program>
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Production");
        builder.UseSetting("DATA_DIR", dataDirectory);
        builder.UseSetting("Logging:LogLevel:Default", "Warning");
        builder.UseSetting("Logging:LogLevel:Microsoft.Hosting.Lifetime", "Warning");
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
            builder.UseSetting(key, value);
        if (testServices is not null)
            builder.ConfigureServices(testServices);
    }

    /// <summary>Starts on Kestrel at 127.0.0.1 on an ephemeral port (for what only a real server does) and returns its address.</summary>
    public Uri StartKestrel()
    {
        UseKestrel(kestrel => kestrel.Listen(System.Net.IPAddress.Loopback, 0));
        StartServer();
        var address = Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.Single();
        return new Uri(address);
    }
}
