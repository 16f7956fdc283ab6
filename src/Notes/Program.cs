// Notes: the service Drydock ships by default, and the example to copy for your own service in src/.
//
// Contract
//   Environment  DATA_DIR                  directory of the SQLite database (the volume); default /data
//                ASPNETCORE_HTTP_PORTS     port(s) to listen on; .NET default 8080
//                SHUTDOWN_TIMEOUT_SECONDS  grace for in-flight requests after SIGTERM; default 20
//                HEALTHCHECK_PATH          path the --healthcheck probe GETs; default /health/ready
//   Arguments    --healthcheck [url]       probe the running service and exit 0/1; the web host is not started
//   HTTP         POST /notes, GET /notes, GET /notes/{id}, GET /health/live, GET /health/ready, GET /version
//   Exit codes   0 stopped normally (or probe healthy); 1 DATA_DIR unusable at start (or probe unhealthy)
//   Stamping     -p:Version=<semver> plus -p:InformationalVersion=<semver>+<metadata>.<sha> or -p:SourceRevisionId=<sha>
//                (details in VersionInfo.cs)
using Notes;
using Notes.Api;
using Notes.Health;
using Notes.Hosting;
using Notes.Storage;

if (SelfProbe.IsRequested(args))
    return await SelfProbe.RunAsync(args, Environment.GetEnvironmentVariable, Console.Out);

// Graceful shutdown wakes every connection with a cancelled read. Kestrel hides that from a request body read
// through a Stream, but .NET 10's default PipeReader-based JSON binding can see it and fail an upload that is still
// arriving with 500. Stream-based parsing lets in-flight requests finish as they should.
AppContext.SetSwitch("Microsoft.AspNetCore.UseStreamBasedJsonParsing", true);

// Content root = the app's own folder, so appsettings.json is found whatever the working directory is.
var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = args, ContentRootPath = AppContext.BaseDirectory });

// One JSON object per line on stdout: what a container log collector wants.
builder.Logging.ClearProviders();
builder.Logging.AddJsonConsole(options =>
{
    options.UseUtcTimestamp = true;
    options.TimestampFormat = "yyyy-MM-ddTHH:mm:ss.fffZ";
});

// No endpoint takes more than a note; anything bigger is refused with 413 before it is read.
builder.WebHost.ConfigureKestrel(kestrel => kestrel.Limits.MaxRequestBodySize = 64 * 1024);

// Binding failures answer 400/415 in every environment instead of throwing in Development.
builder.Services.Configure<RouteHandlerOptions>(options => options.ThrowOnBadRequest = false);
builder.Services.AddProblemDetails();
builder.Services.AddNotesStorage();
builder.Services.AddNotesHealthChecks();
builder.Services.AddShutdownTimeout();

var app = builder.Build();

// Migrate before the server accepts anything. A volume that cannot be written stops the start here: one clear
// log line and exit code 1, rather than a service that is up but can never be ready.
try
{
    app.Services.GetRequiredService<NotesDatabase>().Initialize();
}
catch (StorageUnavailableException e)
{
    app.Logger.LogCritical(e, "Not starting: {Reason}", e.Message);
    await app.DisposeAsync(); // flushes the log
    return 1;
}

app.UseExceptionHandler();
app.UseStatusCodePages();

app.MapNoteEndpoints();
app.MapNotesHealthChecks();
app.MapGet("/version", () => TypedResults.Ok(VersionInfo.Current));

// Returns after SIGTERM once in-flight requests finish (or the shutdown timeout passes); disposing the host then
// checkpoints and closes the database.
await app.RunAsync();
return 0;

/// <summary>Public so the tests' WebApplicationFactory can find the entry point.</summary>
public partial class Program;
