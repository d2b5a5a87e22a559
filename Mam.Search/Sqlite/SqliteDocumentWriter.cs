using System.Globalization;
using Mam.Search.Text;
using Microsoft.Data.Sqlite;

namespace Mam.Search.Sqlite;

/// <summary>Writes clips into the plain tables inside the caller's transaction (the FTS tables follow
/// through triggers). Commands are prepared once and reused for every clip and segment.</summary>
internal sealed class SqliteDocumentWriter : IAsyncDisposable
{
    /// <summary>Separates tags in <c>assets.tags</c>; a control character, which cleaned text never contains.</summary>
    public const char TagSeparator = '\u001f';

    /// <summary>Sortable UTC text: string order is time order, which the range filter relies on.</summary>
    public const string InstantFormat = "yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'";

    /// <summary>A segment's rowid is its clip's rowid shifted by this many bits plus its ordinal, so the
    /// clip of every full-text match is <c>rowid &gt;&gt; 20</c> without reading the row (see
    /// <see cref="SqliteFtsSchema"/>), and a clip's segments are one rowid range.</summary>
    public const int SegmentBits = 20;

    public const int MaxSegmentsPerClip = 1 << SegmentBits;

    private readonly SqliteCommand _delete;
    private readonly SqliteCommand _insertAsset;
    private readonly SqliteCommand _insertTag;
    private readonly SqliteCommand _insertSegment;

    public SqliteDocumentWriter(SqliteConnection connection, SqliteTransaction transaction)
    {
        _delete = Command(connection, transaction, """
            DELETE FROM segments WHERE asset_id = $asset_id;
            DELETE FROM asset_tags WHERE asset_id = $asset_id;
            DELETE FROM assets WHERE asset_id = $asset_id;
            """, "$asset_id");
        _insertAsset = Command(connection, transaction, """
            INSERT INTO assets (asset_id, project, card, clip_name, metadata, camera, recorded_at, codec, resolution, has_faces, qc_status, tags)
            VALUES ($asset_id, $project, $card, $clip_name, $metadata, $camera, $recorded_at, $codec, $resolution, $has_faces, $qc_status, $tags)
            RETURNING id;
            """, "$asset_id", "$project", "$card", "$clip_name", "$metadata", "$camera", "$recorded_at", "$codec", "$resolution", "$has_faces", "$qc_status", "$tags");
        _insertTag = Command(connection, transaction,
            "INSERT OR IGNORE INTO asset_tags (tag, asset_id) VALUES ($tag, $asset_id);", "$tag", "$asset_id");
        _insertSegment = Command(connection, transaction, """
            INSERT INTO segments (id, asset_id, project, clip_name, start, "end", source, text, confidence)
            VALUES ($id, $asset_id, $project, $clip_name, $start, $end, $source, $text, $confidence);
            """, "$id", "$asset_id", "$project", "$clip_name", "$start", "$end", "$source", "$text", "$confidence");
    }

    public async Task ReplaceAsync(AssetDocument document, CancellationToken cancellationToken)
    {
        var assetId = SqliteFtsSearchIndex.FormatId(document.AssetId);
        await DeleteAsync(assetId, cancellationToken).ConfigureAwait(false);

        var tags = DocumentRules.Tags(document);
        var clipName = IndexedText.Clean(document.ClipName);
        var project = IndexedText.Clean(document.Project);
        Set(_insertAsset, "$asset_id", assetId);
        Set(_insertAsset, "$project", project);
        Set(_insertAsset, "$card", IndexedText.Clean(document.Card));
        Set(_insertAsset, "$clip_name", clipName);
        Set(_insertAsset, "$metadata", IndexedText.Clean(document.Metadata));
        Set(_insertAsset, "$camera", DocumentRules.Field(document.Camera));
        Set(_insertAsset, "$recorded_at", DocumentRules.Utc(document.RecordedAt)?.ToString(InstantFormat, CultureInfo.InvariantCulture));
        Set(_insertAsset, "$codec", DocumentRules.Field(document.Codec));
        Set(_insertAsset, "$resolution", DocumentRules.Field(document.Resolution));
        Set(_insertAsset, "$has_faces", document.HasFaces ? 1 : 0);
        Set(_insertAsset, "$qc_status", document.QcStatus);
        Set(_insertAsset, "$tags", string.Join(TagSeparator, tags));
        var assetRow = (long)(await _insertAsset.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false))!;

        foreach (var tag in tags)
        {
            Set(_insertTag, "$tag", tag);
            Set(_insertTag, "$asset_id", assetId);
            await _insertTag.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        Set(_insertSegment, "$asset_id", assetId);
        Set(_insertSegment, "$project", project);
        Set(_insertSegment, "$clip_name", clipName);
        var ordinal = 0L;
        foreach (var segment in document.Segments ?? [])
        {
            Set(_insertSegment, "$id", (assetRow << SegmentBits) + ordinal++);
            Set(_insertSegment, "$start", segment.Start);
            Set(_insertSegment, "$end", segment.End);
            Set(_insertSegment, "$source", segment.Source ?? SegmentSources.Transcript);
            Set(_insertSegment, "$text", IndexedText.Clean(segment.Text));
            Set(_insertSegment, "$confidence", segment.Confidence is { } c && double.IsFinite(c) ? c : null);
            await _insertSegment.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    public async Task DeleteAsync(string assetId, CancellationToken cancellationToken)
    {
        Set(_delete, "$asset_id", assetId);
        await _delete.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    public async ValueTask DisposeAsync()
    {
        await _delete.DisposeAsync().ConfigureAwait(false);
        await _insertAsset.DisposeAsync().ConfigureAwait(false);
        await _insertTag.DisposeAsync().ConfigureAwait(false);
        await _insertSegment.DisposeAsync().ConfigureAwait(false);
    }

    private static SqliteCommand Command(SqliteConnection connection, SqliteTransaction transaction, string sql, params string[] parameters)
    {
        var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        foreach (var name in parameters)
        {
            command.Parameters.Add(new SqliteParameter(name, DBNull.Value));
        }

        return command;
    }

    private static void Set(SqliteCommand command, string name, object? value) =>
        command.Parameters[name].Value = value ?? DBNull.Value;
}
