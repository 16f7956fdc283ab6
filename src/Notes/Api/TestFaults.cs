namespace Notes.Api;

/// <summary>
/// A test-only fault, off unless <c>NOTES_TEST_FAIL_WRITES=true</c>: every <c>POST /notes</c> answers 500 while reads and
/// the health endpoints stay green. It is how Drydock's verification window and bench/verify.sh make a release that
/// passes <c>/health/ready</c> yet fails real requests, without building a second image.
/// </summary>
internal static class TestFaults
{
    public const string FailWritesVariable = "NOTES_TEST_FAIL_WRITES";

    public static RouteHandlerBuilder FailingWhenAsked(this RouteHandlerBuilder endpoint, IConfiguration configuration)
    {
        if (!string.Equals(configuration[FailWritesVariable], "true", StringComparison.OrdinalIgnoreCase))
            return endpoint;
        return endpoint.AddEndpointFilter((_, _) => ValueTask.FromResult<object?>(
            TypedResults.Problem(statusCode: StatusCodes.Status500InternalServerError, title: "Writes fail on purpose",
                detail: $"{FailWritesVariable}=true: this release fails every write (a test-only fault).")));
    }
}
