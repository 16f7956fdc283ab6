namespace Drydock.Acme;

/// <summary>
/// A certificate could not be obtained: the message names the cause and its fix (the deploy prints it as is); the
/// problem document, when the server sent one, is kept for callers that decide by cause.
/// </summary>
public sealed class AcmeException : Exception
{
    public AcmeException(AcmeProblem problem, string? name = null, Exception? inner = null)
        : base(ProblemExplanation.Describe(problem, name), inner)
    {
        Problem = problem;
        Cause = problem.Cause;
    }

    public AcmeException(ProblemCause cause, string message, Exception? inner = null)
        : base(message, inner) => Cause = cause;

    public ProblemCause Cause { get; }

    public AcmeProblem? Problem { get; }
}
