using Hangfire.Storage;
using Npgsql;

namespace Mam.Workers.Jobs;

/// <summary>Held while one run of a job is in progress (a recurring job, see <see cref="OneRunAtATimeFilter"/>;
/// the search re-index).</summary>
internal static class RunLock
{
    /// <summary>On PostgreSQL, a session advisory lock on a connection of its own. Hangfire.PostgreSql's
    /// distributed lock is a row that outlives a holder which crashed or lost its connection for its
    /// DistributedLockTimeout (10 minutes), and would stall the reconciler that long after an outage;
    /// the server frees an advisory lock the moment the session ends. Unpooled, because a pooled
    /// connection would keep the session — and the lock — alive after it is returned.</summary>
    public static IDisposable? TryTakePostgres(string connectionString, string job)
    {
        var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(connectionString) { Pooling = false }.ConnectionString);
        try
        {
            connection.Open();
            using var command = new NpgsqlCommand("SELECT pg_try_advisory_lock(hashtextextended(@job, 0))", connection);
            command.Parameters.AddWithValue("job", "mam:job:" + job);
            if (command.ExecuteScalar() is true)
            {
                return connection;
            }
        }
        catch
        {
            connection.Dispose();
            throw;
        }
        connection.Dispose();
        return null;
    }

    /// <summary>On SQLite, the store's own distributed lock, which its holder keeps alive with a
    /// heartbeat and which lapses 30 seconds after the holder stops.</summary>
    public static IDisposable? TryTakeFromStore(IStorageConnection connection, string job)
    {
        try
        {
            return connection.AcquireDistributedLock("mam:job:" + job, TimeSpan.Zero);
        }
        catch (Hangfire.Storage.DistributedLockTimeoutException)
        {
            return null;
        }
    }
}
