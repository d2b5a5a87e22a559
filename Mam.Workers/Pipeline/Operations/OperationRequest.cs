using Mam.Catalog.Entities;

namespace Mam.Workers.Pipeline.Operations;

/// <summary>What to run again (or rebuild) and for which clips: one asset, or a card, or a project.</summary>
/// <param name="Stages">Registry names in any case or kebab form ("proxy", "index-dialogue"); for a
/// rebuild, ignored (the stages that make the missing renditions are chosen).</param>
public sealed record OperationRequest(
    OperationKind Kind, Guid? AssetId, string? Project, string? Card, IReadOnlyList<string> Stages, string? Reason, string RequestedBy);

/// <summary>A request the pipeline will not take, in words fit for the person who sent it.</summary>
public sealed class OperationRefusedException(string message, bool notFound = false) : Exception(message)
{
    /// <summary>The asset, card or project does not exist (rather than the request being malformed).</summary>
    public bool NotFound { get; } = notFound;
}
