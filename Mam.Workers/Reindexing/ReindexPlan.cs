namespace Mam.Workers.Reindexing;

/// <summary>The clips a re-index will write, chosen when it is asked for (clips catalogued later are
/// the pipeline's to index).</summary>
public sealed record ReindexPlan(string? Project, IReadOnlyList<Guid> AssetIds);

/// <summary>A re-index that cannot start; the message is for the operator who asked.</summary>
public sealed class ReindexRefusedException(string message) : Exception(message);
