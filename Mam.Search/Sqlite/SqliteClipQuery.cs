using System.Globalization;
using System.Text;
using Microsoft.Data.Sqlite;

namespace Mam.Search.Sqlite;

/// <summary>Finds every clip that matches (text and filters) with its best scores and filter fields:
/// one pass over the full-text matches, so facets count all matching clips and only the clips that
/// are listed get their snippets built afterwards.</summary>
internal static class SqliteClipQuery
{
    private const string Columns = """
        a.id, a.asset_id, a.project, a.card, a.clip_name, a.camera, a.codec, a.resolution,
        a.recorded_at, a.has_faces, a.qc_status, a.tags
        """;

    // bm25() is not allowed inside an aggregate, so the matches are materialised first and grouped
    // after. A match's clip is its rowid >> 20 (SqliteFtsSchema), so no content row is read here.
    // bm25 is lower-is-better; scores are negated so higher is better everywhere. Column weights of
    // asset_docs (asset_id, project, card, clip_name, metadata): someone typing a clip's name wants that
    // clip above clips that merely mention the words in their metadata.
    private static readonly string MatchSql = string.Create(CultureInfo.InvariantCulture, $"""
        WITH segment_matches AS MATERIALIZED (
            SELECT rowid >> {SqliteDocumentWriter.SegmentBits} AS asset_row, -bm25(segment_docs) AS score
            FROM segment_docs WHERE segment_docs MATCH $match
        ), asset_matches AS MATERIALIZED (
            SELECT rowid AS asset_row, -bm25(asset_docs, 0.0, 0.0, 2.0, 4.0, 1.0) AS score
            FROM asset_docs WHERE asset_docs MATCH $match
        ), matched AS (
            SELECT asset_row, max(segment_score) AS segment_score, max(asset_score) AS asset_score
            FROM (SELECT asset_row, score AS segment_score, NULL AS asset_score FROM segment_matches
                  UNION ALL
                  SELECT asset_row, NULL, score FROM asset_matches)
            GROUP BY asset_row
        )
        SELECT {Columns}, matched.segment_score, matched.asset_score
        FROM matched JOIN assets a ON a.id = matched.asset_row
        WHERE 1 = 1
        """);

    private static readonly string BrowseSql = $"""
        SELECT {Columns}, NULL, NULL
        FROM assets a
        WHERE 1 = 1
        """;

    public static async Task<List<ClipRow>> ReadAsync(
        SqliteConnection connection, SqliteTransaction snapshot, string? match, SearchFilter filter, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = snapshot;
        var sql = new StringBuilder(match is null ? BrowseSql : MatchSql);
        if (match is not null)
        {
            command.Parameters.AddWithValue("$match", match);
        }

        AppendFilter(sql, command, filter);
        command.CommandText = sql.Append(';').ToString();

        var rows = new List<ClipRow>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            rows.Add(new ClipRow(
                RowId: reader.GetInt64(0),
                AssetId: Guid.Parse(reader.GetString(1), CultureInfo.InvariantCulture),
                Project: reader.GetString(2),
                Card: reader.GetString(3),
                ClipName: reader.GetString(4),
                Camera: Text(reader, 5),
                Codec: Text(reader, 6),
                Resolution: Text(reader, 7),
                RecordedAt: Text(reader, 8) is { } recorded
                    ? DateTime.ParseExact(recorded, SqliteDocumentWriter.InstantFormat, CultureInfo.InvariantCulture,
                        DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal)
                    : null,
                HasFaces: reader.GetInt64(9) != 0,
                QcStatus: Text(reader, 10),
                Tags: reader.GetString(11).Split(SqliteDocumentWriter.TagSeparator, StringSplitOptions.RemoveEmptyEntries),
                SegmentScore: reader.IsDBNull(12) ? null : reader.GetDouble(12),
                AssetScore: reader.IsDBNull(13) ? null : reader.GetDouble(13)));
        }

        return rows;
    }

    /// <summary>Every filter value travels as a parameter; only fixed SQL text is appended.</summary>
    private static void AppendFilter(StringBuilder sql, SqliteCommand command, SearchFilter filter)
    {
        void Equal(string column, string name, string? value)
        {
            if (value is not null)
            {
                sql.Append(CultureInfo.InvariantCulture, $" AND a.{column} = {name}");
                command.Parameters.AddWithValue(name, value);
            }
        }

        Equal("project", "$f_project", filter.Project);
        if (filter.VisibleProjects is { } visible)
        {
            sql.Append(visible.Count == 0 ? " AND 0" : " AND a.project IN (");
            for (var i = 0; i < visible.Count; i++)
            {
                var name = string.Create(CultureInfo.InvariantCulture, $"$f_visible{i}");
                sql.Append(i == 0 ? name : "," + name);
                command.Parameters.AddWithValue(name, visible[i]);
            }
            sql.Append(visible.Count == 0 ? "" : ")");
        }
        Equal("card", "$f_card", filter.Card);
        Equal("camera", "$f_camera", filter.Camera);
        Equal("codec", "$f_codec", filter.Codec);
        Equal("resolution", "$f_resolution", filter.Resolution);
        Equal("qc_status", "$f_qc", filter.QcStatus);
        // Clips without a recording date never pass a date filter (NULL compares as unknown).
        if (filter.RecordedFrom is { } from)
        {
            sql.Append(" AND a.recorded_at >= $f_from");
            command.Parameters.AddWithValue("$f_from", Instant(from));
        }

        if (filter.RecordedBefore is { } before)
        {
            sql.Append(" AND a.recorded_at < $f_before");
            command.Parameters.AddWithValue("$f_before", Instant(before));
        }

        if (filter.HasFaces is { } hasFaces)
        {
            sql.Append(" AND a.has_faces = $f_faces");
            command.Parameters.AddWithValue("$f_faces", hasFaces ? 1 : 0);
        }

        for (var i = 0; i < filter.Tags.Count; i++)
        {
            var name = string.Create(CultureInfo.InvariantCulture, $"$f_tag{i}");
            sql.Append(CultureInfo.InvariantCulture,
                $" AND EXISTS (SELECT 1 FROM asset_tags t WHERE t.tag = {name} AND t.asset_id = a.asset_id)");
            command.Parameters.AddWithValue(name, filter.Tags[i]);
        }
    }

    private static string Instant(DateTime value) =>
        value.ToString(SqliteDocumentWriter.InstantFormat, CultureInfo.InvariantCulture);

    private static string? Text(SqliteDataReader reader, int ordinal) => reader.IsDBNull(ordinal) ? null : reader.GetString(ordinal);
}

/// <summary>One matching clip before its hits are read.</summary>
internal sealed record ClipRow(
    long RowId,
    Guid AssetId,
    string Project,
    string Card,
    string ClipName,
    string? Camera,
    string? Codec,
    string? Resolution,
    DateTime? RecordedAt,
    bool HasFaces,
    string? QcStatus,
    IReadOnlyList<string> Tags,
    double? SegmentScore,
    double? AssetScore)
{
    public double Score => Math.Max(SegmentScore ?? double.NegativeInfinity, AssetScore ?? double.NegativeInfinity) is var best
        && double.IsFinite(best) ? best : 0;

    public ClipFacts Facts => new(Project, Card, Camera, Codec, Resolution, Tags, QcStatus, HasFaces);
}
