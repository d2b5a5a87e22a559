namespace Mam.Api.Pipeline;

/// <summary>Run stages again for one asset, or every clip of a project (or one of its cards).</summary>
/// <param name="Stages">"proxy", "transcribe", "index-dialogue"… (GET /api/pipeline/stages lists them);
/// the stages after them run again too.</param>
/// <param name="Reason">Why, kept with the operation.</param>
public sealed record RerunRequest(Guid? Asset, string? Project, string? Card, IReadOnlyList<string>? Stages, string? Reason);

/// <summary>Rebuild the renditions of one asset, a card or a project that are missing from storage.</summary>
public sealed record RebuildRequest(Guid? Asset, string? Project, string? Card, string? Reason);

public sealed record OperationView(
    Guid Id, string Kind, string Status, string Scope, IReadOnlyList<string> Stages, string Reason, string RequestedBy,
    DateTime RequestedAt, DateTime? FinishedAt, int Total, int Processed, int StagesRequeued, int StagesDeferred,
    int MissingFound, string? Error, string Url);

public sealed record StageInfo(string Stage, string Purpose, IReadOnlyList<string> After, string Weight, IReadOnlyList<string> Makes);
