namespace Mam.Search;

/// <summary>The search index: asset-level documents and time-coded segment documents.
/// Engines: SQLite FTS5 (embedded default); Elasticsearch later, behind the same interface.</summary>
public interface ISearchIndex
{
    /// <summary>Creates tables/indices if missing. Idempotent.</summary>
    Task EnsureCreatedAsync(CancellationToken cancellationToken);

    /// <summary>Replaces everything indexed for <see cref="AssetDocument.AssetId"/> (idempotent).</summary>
    Task IndexAssetAsync(AssetDocument document, CancellationToken cancellationToken);

    Task RemoveAssetAsync(Guid assetId, CancellationToken cancellationToken);

    /// <exception cref="SearchQueryException">The query is empty or has no searchable term.</exception>
    Task<SearchResults> SearchAsync(SearchRequest request, CancellationToken cancellationToken);
}

public sealed record AssetDocument(
    Guid AssetId,
    string Project,
    string Card,
    string ClipName,
    string Metadata,
    IReadOnlyList<SegmentDocument> Segments);

/// <summary>A time-coded piece of text: a transcript phrase (later: OCR, tags). Times in seconds from clip start.</summary>
public sealed record SegmentDocument(double Start, double End, string Text, string Source);

public sealed record SearchRequest(string Query, int Limit = 20, string? Project = null);

public sealed record SearchResults(string Query, IReadOnlyList<SearchHit> Hits);

/// <summary>A hit. Segment hits carry Start/End; asset hits (name or metadata matched) have them null.
/// Snippet is HTML-safe text: everything is HTML-encoded except the &lt;mark&gt;…&lt;/mark&gt; around matched terms.</summary>
public sealed record SearchHit(
    Guid AssetId,
    string ClipName,
    string Kind,
    double? Start,
    double? End,
    string Snippet,
    double Score);

public sealed class SearchQueryException(string message) : Exception(message);
