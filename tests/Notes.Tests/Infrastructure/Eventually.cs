using System.Diagnostics;

namespace Notes.Tests.Infrastructure;

public static class Eventually
{
    /// <summary>
    /// Waits for something the app finishes on its own thread: a test host's Program disposes the app after the
    /// factory has already returned from its own dispose, so end-of-life effects land a moment later.
    /// </summary>
    public static async Task AssertAsync(Func<bool> condition, string because, double seconds = 10)
    {
        var clock = Stopwatch.StartNew();
        while (!condition())
        {
            if (clock.Elapsed > TimeSpan.FromSeconds(seconds))
                Assert.Fail(because);
            await Task.Delay(20);
        }
    }
}
