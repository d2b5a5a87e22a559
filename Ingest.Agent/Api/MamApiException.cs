namespace Ingest.Agent.Api;

/// <summary>The MAM API refused a request, answered with an error, or could not be reached.</summary>
public sealed class MamApiException : Exception
{
    public MamApiException()
    {
    }

    public MamApiException(string message)
        : base(message)
    {
    }

    public MamApiException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public MamApiException(string message, int? statusCode, ProblemDetails? problem, bool unreachable, Exception? innerException = null)
        : base(message, innerException)
    {
        StatusCode = statusCode;
        Problem = problem;
        Unreachable = unreachable;
    }

    public int? StatusCode { get; }

    public ProblemDetails? Problem { get; }

    /// <summary>No HTTP answer at all (refused, DNS, timeout) even after retrying.</summary>
    public bool Unreachable { get; }
}
