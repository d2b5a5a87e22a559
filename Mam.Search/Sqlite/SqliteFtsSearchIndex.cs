using System.Globalization;
using Microsoft.Data.Sqlite;

namespace Mam.Search.Sqlite;

/// <summary>The embedded search engine: SQLite FTS5 in its own file. Every operation opens its own
/// connection; the file runs in WAL mode so searches read a consistent snapshot while an asset is
/// being (re)indexed, and writers queue on SQLite's write lock.</summary>
public sealed partial class SqliteFtsSearchIndex : ISearchIndex
{
    private readonly string _databasePath;
    private readonly string _connectionString;
    private volatile bool _schemaReady;

    public SqliteFtsSearchIndex(string databasePath)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(databasePath);
        _databasePath = Path.GetFullPath(databasePath);
        _connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = _databasePath,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Pooling = true,
        }.ToString();
    }

    public string DatabasePath => _databasePath;

    public async Task EnsureCreatedAsync(CancellationToken cancellationToken)
    {
        var directory = Path.GetDirectoryName(_databasePath);
        if (!string.IsNullOrEmpty(directory))
        {
            Directory.CreateDirectory(directory);
        }

        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);

        // WAL is a property of the file (it persists), and cannot be switched inside a transaction.
        await ExecuteAsync(connection, null, "PRAGMA journal_mode = WAL;", cancellationToken).ConfigureAwait(false);

        await using var transaction = (SqliteTransaction)await connection
            .BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        await ExecuteAsync(connection, transaction, SqliteFtsSchema.CreateSql, cancellationToken).ConfigureAwait(false);
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        _schemaReady = true;
    }

    public async Task IndexAssetAsync(AssetDocument document, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(document);
        Validate(document);
        await EnsureSchemaAsync(cancellationToken).ConfigureAwait(false);

        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = (SqliteTransaction)await connection
            .BeginTransactionAsync(cancellationToken).ConfigureAwait(false);

        var assetId = FormatId(document.AssetId);
        await DeleteAssetRowsAsync(connection, transaction, assetId, cancellationToken).ConfigureAwait(false);

        await using (var insertAsset = connection.CreateCommand())
        {
            insertAsset.Transaction = transaction;
            insertAsset.CommandText = """
                INSERT INTO assets (asset_id, project, card, clip_name, metadata)
                VALUES ($asset_id, $project, $card, $clip_name, $metadata);
                """;
            insertAsset.Parameters.AddWithValue("$asset_id", assetId);
            insertAsset.Parameters.AddWithValue("$project", document.Project ?? string.Empty);
            insertAsset.Parameters.AddWithValue("$card", IndexedText.Clean(document.Card));
            insertAsset.Parameters.AddWithValue("$clip_name", IndexedText.Clean(document.ClipName));
            insertAsset.Parameters.AddWithValue("$metadata", IndexedText.Clean(document.Metadata));
            await insertAsset.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        await using (var insertSegment = connection.CreateCommand())
        {
            insertSegment.Transaction = transaction;
            insertSegment.CommandText = """
                INSERT INTO segments (asset_id, project, clip_name, start, "end", source, text)
                VALUES ($asset_id, $project, $clip_name, $start, $end, $source, $text);
                """;
            insertSegment.Parameters.AddWithValue("$asset_id", assetId);
            insertSegment.Parameters.AddWithValue("$project", document.Project ?? string.Empty);
            insertSegment.Parameters.AddWithValue("$clip_name", IndexedText.Clean(document.ClipName));
            var start = insertSegment.Parameters.Add("$start", SqliteType.Real);
            var end = insertSegment.Parameters.Add("$end", SqliteType.Real);
            var source = insertSegment.Parameters.Add("$source", SqliteType.Text);
            var text = insertSegment.Parameters.Add("$text", SqliteType.Text);
            foreach (var segment in document.Segments ?? [])
            {
                start.Value = segment.Start;
                end.Value = segment.End;
                source.Value = segment.Source ?? string.Empty;
                text.Value = IndexedText.Clean(segment.Text);
                await insertSegment.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            }
        }

        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
    }

    public async Task RemoveAssetAsync(Guid assetId, CancellationToken cancellationToken)
    {
        await EnsureSchemaAsync(cancellationToken).ConfigureAwait(false);
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = (SqliteTransaction)await connection
            .BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        await DeleteAssetRowsAsync(connection, transaction, FormatId(assetId), cancellationToken).ConfigureAwait(false);
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
    }

    private static void Validate(AssetDocument document)
    {
        if (document.AssetId == Guid.Empty)
        {
            throw new ArgumentException("The asset id must not be empty.", nameof(document));
        }

        foreach (var segment in document.Segments ?? [])
        {
            if (!double.IsFinite(segment.Start) || !double.IsFinite(segment.End) || segment.End < segment.Start)
            {
                throw new ArgumentException(
                    string.Create(CultureInfo.InvariantCulture,
                        $"Segment times must be finite with end >= start (got {segment.Start}..{segment.End})."),
                    nameof(document));
            }
        }
    }

    private static async Task DeleteAssetRowsAsync(
        SqliteConnection connection, SqliteTransaction transaction, string assetId, CancellationToken cancellationToken)
    {
        await using var delete = connection.CreateCommand();
        delete.Transaction = transaction;
        delete.CommandText = """
            DELETE FROM segments WHERE asset_id = $asset_id;
            DELETE FROM assets WHERE asset_id = $asset_id;
            """;
        delete.Parameters.AddWithValue("$asset_id", assetId);
        await delete.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    private async Task EnsureSchemaAsync(CancellationToken cancellationToken)
    {
        // Creating is idempotent, so two callers racing here both succeed; the flag only saves work.
        if (!_schemaReady)
        {
            await EnsureCreatedAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task<SqliteConnection> OpenAsync(CancellationToken cancellationToken)
    {
        var connection = new SqliteConnection(_connectionString);
        try
        {
            await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
            return connection;
        }
        catch
        {
            await connection.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    private static async Task ExecuteAsync(
        SqliteConnection connection, SqliteTransaction? transaction, string sql, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    private static string FormatId(Guid id) => id.ToString("D", CultureInfo.InvariantCulture);
}
