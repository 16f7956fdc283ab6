namespace Drydock.Deploy.IntegrationTests;

/// <summary>A Notes image as the build would hand it to Deploy: pushed, known by repository and digest.</summary>
public sealed record NotesImage(string Version, string Commit, string Repository, string Digest)
{
    public string Tag => $"{Repository}:{Version}";
}
