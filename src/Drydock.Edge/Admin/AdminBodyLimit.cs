namespace Drydock.Edge.Admin;

/// <summary>
/// The largest body the admin API reads: room for a long certificate chain with its key (a chain is a few KiB per
/// certificate), small enough that no caller can make a 256 MB edge buffer much.
/// </summary>
public static class AdminBodyLimit
{
    public const long Bytes = 256 * 1024;

    public static string Refusal => $"The request body is over the edge's admin limit of {Bytes / 1024} KiB; nothing was changed. Fix: send a smaller body (a certificate chain with its key fits well within it).";

    /// <summary>Answers a body over the limit with a 413 that names it, wherever an endpoint read it.</summary>
    public static async Task GuardAsync(HttpContext context, RequestDelegate next)
    {
        try
        {
            await next(context);
        }
        catch (BadHttpRequestException e) when (e.StatusCode == StatusCodes.Status413PayloadTooLarge && !context.Response.HasStarted)
        {
            await Results.Problem(title: "Request body too large", detail: Refusal, statusCode: StatusCodes.Status413PayloadTooLarge).ExecuteAsync(context);
        }
    }
}
