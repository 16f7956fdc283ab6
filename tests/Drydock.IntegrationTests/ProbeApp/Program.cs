using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Runtime.InteropServices;
using System.Security.Cryptography.X509Certificates;
using System.Text;

// probe serve              listen on :8080, answer every request with the self-check report
// probe health             exit 0 when the local server answers (for HEALTHCHECK in exec form)
// probe selfcheck          print the self-check report, exit 1 if any check failed
// probe env NAME           print an environment variable
// probe write PATH TEXT    write a file (to make `docker diff` see a change)
return args.FirstOrDefault() switch
{
    "health" => await Health(),
    "selfcheck" => SelfCheck(),
    "env" => Print(Environment.GetEnvironmentVariable(args[1]) ?? "(unset)"),
    "write" => Write(args[1], args[2]),
    _ => await Serve(),
};

static int Print(string text)
{
    Console.WriteLine(text);
    return 0;
}

static int Write(string path, string text)
{
    File.WriteAllText(path, text);
    return 0;
}

static (bool Ok, string Report) Checks()
{
    var lines = new List<(bool, string)>();
    void Check(string name, Func<string> probe, Func<string, bool> ok)
    {
        try
        {
            var value = probe();
            lines.Add((ok(value), $"{name}={value}"));
        }
        catch (Exception e)
        {
            lines.Add((false, $"{name}=error {e.GetType().Name}: {e.Message}"));
        }
    }

    Check("user", () => Environment.UserName, v => v == "app");
    Check("icu", () => (1234.5).ToString("N1", new CultureInfo("de-DE")), v => v == "1.234,5");
    // Ordinally 'ä' sorts after 'b'; only real (ICU) collation puts it before.
    Check("icu-collation", () => Math.Sign(string.Compare("ä", "b", new CultureInfo("de-DE"), CompareOptions.None)).ToString(CultureInfo.InvariantCulture), v => v == "-1");
    Check("tz", () => TimeZoneInfo.FindSystemTimeZoneById("Europe/Berlin").Id, v => v == "Europe/Berlin");
    Check("ca-roots", () =>
    {
        using var store = new X509Store(StoreName.Root, StoreLocation.LocalMachine);
        store.Open(OpenFlags.ReadOnly);
        return store.Certificates.Count.ToString(CultureInfo.InvariantCulture);
    }, v => int.Parse(v, CultureInfo.InvariantCulture) > 50);
    Check("tmp-writable", () =>
    {
        var path = Path.Combine(Path.GetTempPath(), "probe-" + Environment.ProcessId);
        File.WriteAllText(path, "x");
        File.Delete(path);
        return "yes";
    }, v => v == "yes");
    var report = string.Join('\n', lines.Select(l => (l.Item1 ? "ok   " : "FAIL ") + l.Item2));
    return (lines.All(l => l.Item1), report);
}

static int SelfCheck()
{
    var (ok, report) = Checks();
    Console.WriteLine(report);
    return ok ? 0 : 1;
}

static async Task<int> Health()
{
    try
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        using var response = await http.GetAsync("http://127.0.0.1:8080/");
        return response.IsSuccessStatusCode ? 0 : 1;
    }
    catch (Exception)
    {
        return 1;
    }
}

static async Task<int> Serve()
{
    var listener = new TcpListener(IPAddress.Any, 8080);
    listener.Start();
    Console.WriteLine("probe: listening on 8080");
    Console.Error.WriteLine("probe: diagnostics go to stderr");
    using var stop = new CancellationTokenSource();
    // docker stop sends SIGTERM: take it over (no default exit) and finish the accept loop cleanly, exiting 0.
    using var sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, context =>
    {
        context.Cancel = true;
        stop.Cancel();
    });
    try
    {
        while (!stop.IsCancellationRequested)
        {
            using var client = await listener.AcceptTcpClientAsync(stop.Token);
            await using var stream = client.GetStream();
            var buffer = new byte[4096];
            _ = await stream.ReadAsync(buffer, stop.Token);
            var (ok, report) = Checks();
            var body = Encoding.UTF8.GetBytes(report + "\n");
            var head = Encoding.ASCII.GetBytes(
                $"HTTP/1.1 {(ok ? "200 OK" : "500 Internal Server Error")}\r\nContent-Type: text/plain\r\nContent-Length: {body.Length}\r\nConnection: close\r\n\r\n");
            await stream.WriteAsync(head, stop.Token);
            await stream.WriteAsync(body, stop.Token);
        }
    }
    catch (OperationCanceledException)
    {
    }
    Console.WriteLine("probe: stopping");
    return 0;
}
