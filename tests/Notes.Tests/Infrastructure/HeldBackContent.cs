using System.Net;

namespace Notes.Tests.Infrastructure;

/// <summary>A request body sent in two parts, the second only once the test releases it: an upload still in flight.</summary>
public sealed class HeldBackContent(byte[] body, Task release) : HttpContent
{
    protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context)
    {
        var half = body.Length / 2;
        await stream.WriteAsync(body.AsMemory(0, half));
        await stream.FlushAsync();
        await release;
        await stream.WriteAsync(body.AsMemory(half));
    }

    protected override bool TryComputeLength(out long length)
    {
        length = body.Length;
        return true;
    }
}
