using System.Net.Sockets;
using Microsoft.AspNetCore.Server.Kestrel.Core;

namespace Drydock.Edge.Hosting;

/// <summary>
/// The admin API's unix domain socket: the way in for <c>docker exec &lt;edge&gt; /app/Drydock.Edge admin …</c>, so no
/// port has to be published for it. Access is the file system's: the socket lives in a directory only the edge's user
/// may enter (0700) and is itself 0600, so only that user (and root) inside the container reaches it.
/// </summary>
public static class AdminSocket
{
    private const UnixFileMode OwnerOnlyDirectory = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;
    private const UnixFileMode OwnerOnlyFile = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    /// <summary>
    /// Makes the owner-only directory and removes a socket file left by an edge that is gone (a crash, a kill, a restart
    /// on the same volume). Refuses (IOException, the edge does not start) when another edge still answers on it or the
    /// directory cannot be made: without its socket an edge whose admin port is off could never be told a route.
    /// </summary>
    public static void Prepare(string path)
    {
        var directory = Path.GetDirectoryName(path) ?? throw new IOException($"The admin socket {path} has no directory.");
        if (OperatingSystem.IsWindows())
            throw new PlatformNotSupportedException("The admin socket needs unix file modes; turn it off (EDGE_ADMIN_SOCKET=off) on Windows.");
        try
        {
            Directory.CreateDirectory(directory, OwnerOnlyDirectory);
            File.SetUnixFileMode(directory, OwnerOnlyDirectory); // also when it existed with wider rights
        }
        catch (Exception e) when (e is UnauthorizedAccessException or IOException)
        {
            throw new IOException($"Cannot make the admin socket's directory {directory} ({e.Message}). Make it writable by the edge's user, or set EDGE_ADMIN_SOCKET to a writable place.", e);
        }
        if (!File.Exists(path))
            return;
        if (Answers(path))
            throw new IOException($"Another edge already listens on the admin socket {path}.");
        File.Delete(path);
    }

    /// <summary>Listens on the socket; connections are marked so the admin access check knows where they came from.</summary>
    public static void Listen(KestrelServerOptions kestrel, string path) =>
        kestrel.ListenUnixSocket(path, listen => listen.Use(next => connection =>
        {
            connection.Features.Set(AdminSocketConnection.Instance);
            return next(connection);
        }));

    /// <summary>After Kestrel bound it: the socket file itself owner-only too (the directory already kept others out meanwhile).</summary>
    public static void Restrict(string path)
    {
        if (!OperatingSystem.IsWindows())
            File.SetUnixFileMode(path, OwnerOnlyFile);
    }

    private static bool Answers(string path)
    {
        using var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        try
        {
            socket.Connect(new UnixDomainSocketEndPoint(path));
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }
}

/// <summary>The feature set on connections that came through the admin socket (the file system already checked who).</summary>
public sealed class AdminSocketConnection
{
    public static readonly AdminSocketConnection Instance = new();

    private AdminSocketConnection()
    {
    }
}
