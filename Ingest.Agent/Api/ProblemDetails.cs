namespace Ingest.Agent.Api;

/// <summary>RFC 9457 problem details, as the API returns for 4xx.</summary>
public sealed record ProblemDetails(string? Title, string? Detail, int? Status, string? Type = null);
