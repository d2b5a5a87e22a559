using System.Globalization;
using Mam.Search.Sqlite.Shingles;
using Mam.Search.Text;
using Mam.Search.Words;
using Microsoft.Data.Sqlite;

namespace Mam.Search.Sqlite;

/// <summary>Writes clips into the plain tables inside the caller's transaction (the FTS tables follow
/// through triggers, except the word-pair table, whose stems are read here: <see cref="ShingleText"/>).
/// Commands are prepared once and reused for every clip and segment. The first write of a transaction takes the next generation (<see cref="SqliteFtsSchema"/>), so processes that
/// keep the clips in memory see what changed.</summary>
internal sealed class SqliteDocumentWriter : IAsyncDisposable
{
    /// <summary>Separates tags in <c>clips.tags</c>; a control character, which cleaned text never contains.</summary>
    public const char TagSeparator = '\u001f';

    /// <summary>Sortable UTC text: string order is time order.</summary>
    public const string InstantFormat = "yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'";

    public const int SegmentBits = SqliteFtsSchema.SegmentBits;

    public const int MaxSegmentsPerClip = 1 << SegmentBits;

    private readonly SqliteCommand _nextGeneration;
    private readonly SqliteCommand _findClip;
    private readonly SqliteCommand _deleteSegments;
    private readonly SqliteCommand _deleteClip;
    private readonly SqliteCommand _upsertClip;
    private readonly SqliteCommand _insertSegment;
    private readonly SqliteCommand _insertShingles;
    private long? _generation;

    public SqliteDocumentWriter(SqliteConnection connection, SqliteTransaction transaction)
    {
        _nextGeneration = Command(connection, transaction,
            "UPDATE search_state SET generation = generation + 1 RETURNING generation;");
        _findClip = Command(connection, transaction, "SELECT id FROM clips WHERE asset_id = $asset_id;", "$asset_id");
        _deleteSegments = Command(connection, transaction, "DELETE FROM segments WHERE id >= $first AND id < $after;", "$first", "$after");
        _deleteClip = Command(connection, transaction, """
            DELETE FROM clips WHERE id = $id;
            INSERT INTO removed_clips (generation, id) VALUES ($generation, $id);
            """, "$id", "$generation");
        _upsertClip = Command(connection, transaction, """
            INSERT INTO clips (asset_id, project, card, clip_name, metadata, camera, recorded_at, codec, resolution,
                               has_faces, qc_status, tags, segments, words, generation)
            VALUES ($asset_id, $project, $card, $clip_name, $metadata, $camera, $recorded_at, $codec, $resolution,
                    $has_faces, $qc_status, $tags, $segments, $words, $generation)
            ON CONFLICT (asset_id) DO UPDATE SET
                project = excluded.project, card = excluded.card, clip_name = excluded.clip_name, metadata = excluded.metadata,
                camera = excluded.camera, recorded_at = excluded.recorded_at, codec = excluded.codec, resolution = excluded.resolution,
                has_faces = excluded.has_faces, qc_status = excluded.qc_status, tags = excluded.tags,
                segments = excluded.segments, words = excluded.words, generation = excluded.generation
            RETURNING id;
            """, "$asset_id", "$project", "$card", "$clip_name", "$metadata", "$camera", "$recorded_at", "$codec", "$resolution",
            "$has_faces", "$qc_status", "$tags", "$segments", "$words", "$generation");
        _insertSegment = Command(connection, transaction, """
            INSERT INTO segments (id, start, "end", source, confidence, text, words)
            VALUES ($id, $start, $end, $source, $confidence, $text, $words);
            """, "$id", "$start", "$end", "$source", "$confidence", "$text", "$words");
        _insertShingles = Command(connection, transaction,
            "INSERT INTO segment_shingles (rowid, shingles) VALUES ($id, $shingles);", "$id", "$shingles");
    }

    public async Task ReplaceAsync(AssetDocument document, CancellationToken cancellationToken)
    {
        var generation = await GenerationAsync(cancellationToken).ConfigureAwait(false);
        var segments = IndexedSegments.Of(document);
        Set(_upsertClip, "$asset_id", SqliteFtsSearchIndex.FormatId(document.AssetId));
        Set(_upsertClip, "$project", IndexedText.Clean(document.Project));
        Set(_upsertClip, "$card", IndexedText.Clean(document.Card));
        Set(_upsertClip, "$clip_name", IndexedText.Clean(document.ClipName));
        Set(_upsertClip, "$metadata", IndexedText.Clean(document.Metadata));
        Set(_upsertClip, "$camera", DocumentRules.Field(document.Camera));
        Set(_upsertClip, "$recorded_at", DocumentRules.Utc(document.RecordedAt)?.ToString(InstantFormat, CultureInfo.InvariantCulture));
        Set(_upsertClip, "$codec", DocumentRules.Field(document.Codec));
        Set(_upsertClip, "$resolution", DocumentRules.Field(document.Resolution));
        Set(_upsertClip, "$has_faces", document.HasFaces ? 1 : 0);
        Set(_upsertClip, "$qc_status", document.QcStatus);
        Set(_upsertClip, "$tags", string.Join(TagSeparator, DocumentRules.Tags(document)));
        Set(_upsertClip, "$segments", segments.Count);
        Set(_upsertClip, "$words", segments.Sum(s => (long)s.WordCount));
        Set(_upsertClip, "$generation", generation);
        var clipRow = (long)(await _upsertClip.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false))!;

        await DeleteSegmentsAsync(clipRow, cancellationToken).ConfigureAwait(false);
        var ordinal = 0L;
        foreach (var segment in segments)
        {
            Set(_insertSegment, "$id", (clipRow << SegmentBits) + ordinal++);
            Set(_insertSegment, "$start", segment.Start);
            Set(_insertSegment, "$end", segment.End);
            Set(_insertSegment, "$source", segment.Source);
            Set(_insertSegment, "$confidence", segment.Confidence);
            Set(_insertSegment, "$text", segment.Text);
            Set(_insertSegment, "$words", segment.Words);
            await _insertSegment.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        var first = clipRow << SegmentBits;
        await InsertShinglesAsync(segments.Select((s, i) => (first + i, s.Text)).ToList(), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The word-pair rows of segments already written (also used to fill the table in a file
    /// of layout 3, <see cref="SqliteLayoutUpgrade"/>).</summary>
    public async Task InsertShinglesAsync(IReadOnlyList<(long Row, string Text)> segments, CancellationToken cancellationToken)
    {
        var tokens = StemReader.Tokens(segments.Select(s => s.Text).ToList());
        for (var i = 0; i < tokens.Length; i++)
        {
            if (tokens[i].Length == 0)
            {
                continue;
            }

            Set(_insertShingles, "$id", segments[i].Row);
            Set(_insertShingles, "$shingles", ShingleText.Of(tokens[i]));
            await _insertShingles.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    public async Task DeleteAsync(string assetId, CancellationToken cancellationToken)
    {
        Set(_findClip, "$asset_id", assetId);
        if (await _findClip.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) is not long clipRow)
        {
            return;
        }

        var generation = await GenerationAsync(cancellationToken).ConfigureAwait(false);
        await DeleteSegmentsAsync(clipRow, cancellationToken).ConfigureAwait(false);
        Set(_deleteClip, "$id", clipRow);
        Set(_deleteClip, "$generation", generation);
        await _deleteClip.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var command in new[] { _nextGeneration, _findClip, _deleteSegments, _deleteClip, _upsertClip, _insertSegment, _insertShingles })
        {
            await command.DisposeAsync().ConfigureAwait(false);
        }
    }

    private async Task DeleteSegmentsAsync(long clipRow, CancellationToken cancellationToken)
    {
        Set(_deleteSegments, "$first", clipRow << SegmentBits);
        Set(_deleteSegments, "$after", (clipRow + 1) << SegmentBits);
        await _deleteSegments.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    private async Task<long> GenerationAsync(CancellationToken cancellationToken) =>
        _generation ??= (long)(await _nextGeneration.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false))!;

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
