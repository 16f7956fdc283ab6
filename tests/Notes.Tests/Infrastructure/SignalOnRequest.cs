using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;

namespace Notes.Tests.Infrastructure;

/// <summary>Test-only middleware, added from the test host: tells the test a request has reached the app's pipeline.</summary>
public sealed class SignalOnRequest(string path, TaskCompletionSource arrived) : IStartupFilter
{
    public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
    {
        app.Use(async (context, proceed) =>
        {
            if (context.Request.Path == path)
                arrived.TrySetResult();
            await proceed(context);
        });
        next(app);
    };
}
