namespace Mam.Search;

/// <summary>The search index: one document per clip (names, filter fields) with its time-coded
/// segments. Engines: SQLite FTS5 (embedded default) and Elasticsearch; both answer the same
/// <see cref="SearchRequest"/> with the same <see cref="SearchResults"/> shape (docs/search.md).</summary>
public interface ISearchIndex
{
    /// <summary>Creates tables/indices if missing (and upgrades an older layout). Idempotent.</summary>
    Task EnsureCreatedAsync(CancellationToken cancellationToken);

    /// <summary>Replaces everything indexed for <see cref="AssetDocument.AssetId"/> (idempotent).</summary>
    Task IndexAssetAsync(AssetDocument document, CancellationToken cancellationToken);

    /// <summary>Replaces many clips in one go (one transaction, one bulk request): re-indexing a
    /// project or loading a benchmark without a round trip per clip.</summary>
    Task IndexAssetsAsync(IReadOnlyList<AssetDocument> documents, CancellationToken cancellationToken);

    Task RemoveAssetAsync(Guid assetId, CancellationToken cancellationToken);

    /// <exception cref="SearchQueryException">The query cannot be run: nothing to search for and no
    /// filter, too long, only exclusions, or a limit out of range. The message is for the user.</exception>
    /// <exception cref="SearchUnavailableException">The search server cannot be reached or is overloaded.</exception>
    Task<SearchResults> SearchAsync(SearchRequest request, CancellationToken cancellationToken);
}

/// <summary>What is wrong with a query, in words for the person who typed it.</summary>
public sealed class SearchQueryException(string message) : Exception(message);

/// <summary>The search engine is a server that is unreachable, timing out or overloaded right now:
/// a temporary condition (retry later), not a bad query. The inner exception is an
/// <see cref="HttpRequestException"/> so pipeline stages treat it as transient and hand the stage back.</summary>
public sealed class SearchUnavailableException(string message, Exception? inner = null) : Exception(message, inner);

/// <summary>The engine will not take this clip's document (the cluster's mapping refuses a field):
/// a problem with the one clip, not with the engine. The message names the clip and the reason.</summary>
public sealed class SearchDocumentRefusedException(string message) : InvalidOperationException(message);
