using System.Globalization;
using Mam.Search.Sqlite.Clips;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Mam.Search.Sqlite;

/// <summary>The embedded search engine: SQLite FTS5 in its own file (layout: <see cref="SqliteFtsSchema"/>).
/// Every operation opens its own connection; the file runs in WAL mode so searches read a consistent
/// snapshot while a clip is being (re)indexed, and writers, in this process or another, queue on
/// SQLite's write lock. Each instance keeps the clips' filter fields in memory
/// (<see cref="ClipTable"/>), brought up to date by the first search after any write.</summary>
public sealed partial class SqliteFtsSearchIndex : ISearchIndex
{
    private readonly string _databasePath;
    private readonly string _connectionString;
    private readonly ILogger _logger;
    private readonly ClipTable _clips = new();
    private volatile bool _schemaReady;

    public SqliteFtsSearchIndex(string databasePath, ILogger<SqliteFtsSearchIndex>? logger = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(databasePath);
        _logger = logger ?? (ILogger)NullLogger.Instance;
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

        // An immediate transaction holds the write lock from the start, so two processes opening an
        // old file at once cannot both run the conversion.
        var converted = -1;
        await using (var transaction = connection.BeginTransaction(deferred: false))
        {
            var version = await ReadVersionAsync(connection, transaction, cancellationToken).ConfigureAwait(false);
            if (version > SqliteFtsSchema.Version)
            {
                throw new InvalidOperationException(string.Create(CultureInfo.InvariantCulture,
                    $"The search index {_databasePath} was written by a newer version (layout {version}); delete it and index again, or upgrade."));
            }

            if (version == 3)
            {
                // Layout 3 differs only by the word-pair table: filled in place, nothing else rewritten.
                _logger.LogWarning("The search index {Path} has layout 3; adding its word-pair index (once, before the first search)", _databasePath);
                var segments = await SqliteLayoutUpgrade.AddShinglesAsync(connection, transaction, cancellationToken).ConfigureAwait(false);
                _logger.LogWarning("Added the word-pair index to {Path}: {Segments} segments", _databasePath, segments);
            }
            else if (version is > 0 and < SqliteFtsSchema.Version)
            {
                _logger.LogWarning("The search index {Path} has layout {Layout}; converting it to layout {Current} (once, before the first search)",
                    _databasePath, version, SqliteFtsSchema.Version);
                converted = await SqliteLayoutUpgrade.ConvertAsync(connection, transaction, cancellationToken).ConfigureAwait(false);
            }
            else
            {
                await ExecuteAsync(connection, transaction, SqliteFtsSchema.CreateSql, cancellationToken).ConfigureAwait(false);
            }

            await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        }

        if (converted >= 0)
        {
            // The old tables' pages are free but still in the file; give them back once.
            await ExecuteAsync(connection, null, "VACUUM;", cancellationToken).ConfigureAwait(false);
            _logger.LogWarning("Converted the search index {Path}: {Clips} clips. Their hits carry segment times until they are " +
                "re-indexed (POST /api/search/reindex or `Mam.Workers reindex`), which adds the words' times", _databasePath, converted);
        }

        _schemaReady = true;
    }

    public Task IndexAssetAsync(AssetDocument document, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(document);
        return IndexAssetsAsync([document], cancellationToken);
    }

    public async Task IndexAssetsAsync(IReadOnlyList<AssetDocument> documents, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(documents);
        foreach (var document in documents)
        {
            DocumentRules.Validate(document);
        }

        await EnsureSchemaAsync(cancellationToken).ConfigureAwait(false);
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = (SqliteTransaction)await connection
            .BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        await using var writer = new SqliteDocumentWriter(connection, transaction);
        foreach (var document in documents)
        {
            await writer.ReplaceAsync(document, cancellationToken).ConfigureAwait(false);
        }

        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
    }

    public async Task RemoveAssetAsync(Guid assetId, CancellationToken cancellationToken)
    {
        await EnsureSchemaAsync(cancellationToken).ConfigureAwait(false);
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = (SqliteTransaction)await connection
            .BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        await using var writer = new SqliteDocumentWriter(connection, transaction);
        await writer.DeleteAsync(FormatId(assetId), cancellationToken).ConfigureAwait(false);
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
    }

    private static async Task<long> ReadVersionAsync(SqliteConnection connection, SqliteTransaction transaction, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = "PRAGMA user_version;";
        return (long)(await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) ?? 0L);
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

            // A broad query reads tens of MB of doclists; SQLite's default 2 MB page cache sends most
            // of those reads back to the kernel each time. Memory-mapping the file and a larger cache
            // (per pooled connection, kept between uses) halved a broad query's time in bench/search.
            await ExecuteAsync(connection, null, "PRAGMA cache_size = -32768; PRAGMA mmap_size = 1073741824;", cancellationToken)
                .ConfigureAwait(false);
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

    internal static string FormatId(Guid id) => id.ToString("D", CultureInfo.InvariantCulture);
}
