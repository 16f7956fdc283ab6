namespace Notes.Tests.Infrastructure;

/// <summary>The service started on a fresh DATA_DIR, with a client: what most tests start from; disposes all three.</summary>
public sealed class NotesTestHost : IDisposable
{
    public NotesTestHost()
    {
        App = new NotesAppFactory(Data.Path);
        Client = App.CreateClient(); // starts the app now: tests then change its DATA_DIR under a running service
    }

    public TempDataDirectory Data { get; } = new();

    public NotesAppFactory App { get; }

    public HttpClient Client { get; }

    public void Dispose()
    {
        Client.Dispose();
        App.Dispose();
        Data.Dispose();
    }
}
