using Hangfire;
using Hangfire.PostgreSql;
using Hangfire.PostgreSql.Factories;
using Hangfire.Storage.SQLite;
using Mam.Catalog;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Mam.Workers.Jobs;

/// <summary>Where Hangfire keeps jobs, schedules and history: Hangfire.PostgreSql in its own schema
/// when the catalog is PostgreSQL (several hosts share it), else a SQLite file beside the embedded
/// catalog. It holds no work of its own — the catalog is the source of truth and the reconciler
/// re-creates whatever a lost store forgets — so a store that does not answer must never stop the
/// API from starting: creating this touches no PostgreSQL server; <see cref="PrepareAsync"/> is the
/// first call that does, and callers retry it.</summary>
public sealed class JobStore : IDisposable
{
    /// <summary>Embedded store: longer than any re-index of a catalog one machine holds.</summary>
    public static readonly TimeSpan SqliteInvisibilityTimeout = TimeSpan.FromHours(6);

    private const long SchemaLockKey = 0x6d616d2d6a6f6273; // "mam-jobs": one installer at a time across hosts
    private readonly SemaphoreSlim _preparing = new(1, 1);
    private readonly string? _postgres;
    private readonly string _schema;
    private volatile bool _prepared;

    public JobStore(IOptions<JobsOptions> jobs, IOptions<CatalogOptions> catalog)
    {
        ArgumentNullException.ThrowIfNull(jobs);
        ArgumentNullException.ThrowIfNull(catalog);
        var options = jobs.Value;
        _schema = options.Schema;
        if (catalog.Value.Provider == CatalogProvider.Postgres)
        {
            _postgres = options.ConnectionString!;
            var storageOptions = new PostgreSqlStorageOptions
            {
                SchemaName = options.Schema,
                QueuePollInterval = options.PollInterval,
                // A fetched job stays invisible to other hosts while its host is alive (a heartbeat
                // moves its fetch time on every fifth of the timeout), so a long run — a re-index —
                // is never fetched a second time; a host that died gives its jobs back after this.
                UseSlidingInvisibilityTimeout = true,
                InvisibilityTimeout = options.InvisibilityTimeout,
                // We install the schema ourselves, asynchronously and retried (PrepareAsync): the
                // library's own start-up install blocks the constructor and fails the host when
                // the server is down.
                PrepareSchemaIfNecessary = false,
                StartupConnectionMaxRetries = 0,
            };
            Storage = new PostgreSqlStorage(new NpgsqlConnectionFactory(_postgres, storageOptions), storageOptions);
            var where = new NpgsqlConnectionStringBuilder(_postgres);
            Description = $"PostgreSQL schema \"{options.Schema}\" in database \"{where.Database}\" on {where.Host}:{where.Port}";
        }
        else
        {
            var path = Path.GetFullPath(options.SqlitePath!);
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            // A local file: opening it (and creating its tables) cannot wait for a server.
            Storage = new SQLiteStorage(path, new SQLiteStorageOptions
            {
                QueuePollInterval = options.PollInterval,
                // This store has no heartbeat for fetched jobs: one still running when the timeout
                // passes is handed out again and Hangfire aborts the first run, so the library's
                // 30 minutes would restart a long re-index forever. The price of a long timeout is
                // that a job left by a process that died waits that long (or Requeue on /jobs).
                InvisibilityTimeout = SqliteInvisibilityTimeout,
            });
            Description = $"SQLite file {path}";
            _prepared = true;
        }
    }

    public JobStorage Storage { get; }

    /// <summary>Which store, in words for logs and /health/ready (never a password).</summary>
    public string Description { get; }

    /// <summary>Creates or upgrades the store's tables when needed; cheap once done.</summary>
    public async Task PrepareAsync(CancellationToken cancellationToken)
    {
        if (_prepared)
        {
            return;
        }
        await _preparing.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (!_prepared)
            {
                await InstallPostgresSchemaAsync(cancellationToken).ConfigureAwait(false);
                _prepared = true;
            }
        }
        finally
        {
            _preparing.Release();
        }
    }

    /// <summary>Proves the store answers now. Returns what /health/ready shows; throws what went wrong.</summary>
    public async Task<string> ProbeAsync(CancellationToken cancellationToken)
    {
        await PrepareAsync(cancellationToken).ConfigureAwait(false);
        // Hangfire's storage API is synchronous and takes no token: keep it off the caller's thread,
        // and stop waiting for it when the caller gives up (a store that never answers).
        var servers = await Task.Run(() => Storage.GetMonitoringApi().Servers().Count, cancellationToken)
            .WaitAsync(cancellationToken).ConfigureAwait(false);
        return $"{Description}; {servers} job server(s) running";
    }

    /// <summary>The lock that keeps a job (a recurring job, the search re-index) to one run at a time
    /// across every host sharing this store, or null when another run holds it. Dispose it when the run ends.</summary>
    public IDisposable? TryLockRun(string job, Hangfire.Storage.IStorageConnection connection) =>
        _postgres is not null ? RunLock.TryTakePostgres(_postgres, job) : RunLock.TryTakeFromStore(connection, job);

    private async Task InstallPostgresSchemaAsync(CancellationToken cancellationToken)
    {
        // Unpooled: closing the connection ends the session, which frees the advisory lock however
        // the install ends.
        await using var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(_postgres) { Pooling = false }.ConnectionString);
        await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using (var command = new NpgsqlCommand($"SELECT pg_advisory_lock({SchemaLockKey})", connection))
        {
            await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }
        PostgreSqlObjectsInstaller.Install(connection, _schema);
    }

    public void Dispose()
    {
        (Storage as IDisposable)?.Dispose();
        _preparing.Dispose();
    }
}
