namespace Mam.Contracts.Messages;

/// <summary>Find shots, on-screen text, objects, faces and QC issues in a clip. A trigger only: the
/// findings live in the catalog as time-coded tags.</summary>
public sealed record AnalyseClip(Guid AssetId);
