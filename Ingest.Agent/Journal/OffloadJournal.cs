using System.Globalization;
using System.Text.Json;
using Microsoft.Data.Sqlite;

namespace Ingest.Agent.Journal;

/// <summary>
/// The agent's local SQLite journal: one row per run (offload, upload, verify), per verified file
/// and destination, per sealed destination and per upload part. It is what makes a run resumable
/// after kill -9 or a power cut: every row is committed as soon as the thing it records is durable.
/// </summary>
public sealed partial class OffloadJournal : IAsyncDisposable
{
    private readonly SqliteConnection _connection;

    // One connection, used by parallel upload parts too: statements take turns.
    private readonly SemaphoreSlim _gate = new(1, 1);

    private OffloadJournal(SqliteConnection connection, string path)
    {
        _connection = connection;
        Path = path;
    }

    public string Path { get; }

    /// <summary>~/.local/share/mam-ingest/journal.db (XDG data home when set).</summary>
    public static string DefaultPath
    {
        get
        {
            var dataHome = Environment.GetEnvironmentVariable("XDG_DATA_HOME");
            if (string.IsNullOrEmpty(dataHome))
            {
                dataHome = System.IO.Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".local", "share");
            }

            return System.IO.Path.Combine(dataHome, "mam-ingest", "journal.db");
        }
    }

    public static async Task<OffloadJournal> OpenAsync(string path, CancellationToken cancellationToken)
    {
        var full = System.IO.Path.GetFullPath(path);
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(full)!);
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = full, Pooling = false, DefaultTimeout = 30 }.ToString());
        await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
        var journal = new OffloadJournal(connection, full);
        await journal.ExecuteAsync(Schema, cancellationToken).ConfigureAwait(false);
        return journal;
    }

    /// <summary>Resumes the unfinished run with the same key, or starts a new one.</summary>
    public async Task<(long RunId, bool Resumed)> BeginRunAsync(string kind, string key, string source, string destinations, CancellationToken cancellationToken)
    {
        var existing = await ScalarAsync(
            "SELECT id FROM runs WHERE kind = $kind AND key = $key AND state <> 'done' ORDER BY id DESC LIMIT 1",
            cancellationToken,
            ("$kind", kind),
            ("$key", key)).ConfigureAwait(false);
        var now = DateTime.UtcNow.ToString("O", CultureInfo.InvariantCulture);
        if (existing is long id)
        {
            await ExecuteAsync("UPDATE runs SET state = 'running', pid = $pid, updated = $now, message = NULL WHERE id = $id", cancellationToken, ("$pid", Environment.ProcessId), ("$now", now), ("$id", id)).ConfigureAwait(false);
            return (id, true);
        }

        await ExecuteAsync(
            "INSERT INTO runs (kind, key, source, destinations, state, pid, started, updated) VALUES ($kind, $key, $source, $dest, 'running', $pid, $now, $now)",
            cancellationToken,
            ("$kind", kind),
            ("$key", key),
            ("$source", source),
            ("$dest", destinations),
            ("$pid", Environment.ProcessId),
            ("$now", now)).ConfigureAwait(false);
        return ((long)(await ScalarAsync("SELECT last_insert_rowid()", cancellationToken).ConfigureAwait(false))!, false);
    }

    public Task SetRunTotalsAsync(long runId, int files, long bytes, CancellationToken cancellationToken) =>
        ExecuteAsync("UPDATE runs SET files_total = $f, bytes_total = $b WHERE id = $id", cancellationToken, ("$f", files), ("$b", bytes), ("$id", runId));

    /// <param name="state">done or failed.</param>
    public Task FinishRunAsync(long runId, string state, string? message, CancellationToken cancellationToken) =>
        ExecuteAsync(
            "UPDATE runs SET state = $state, message = $message, updated = $now, finished = $now WHERE id = $id",
            cancellationToken,
            ("$state", state),
            ("$message", message),
            ("$now", DateTime.UtcNow.ToString("O", CultureInfo.InvariantCulture)),
            ("$id", runId));

    /// <summary>Records a copy that is verified and renamed on one destination.</summary>
    public Task RecordCopyAsync(long runId, string relativePath, string destination, long size, long lastWriteTicks, IReadOnlyDictionary<string, string> hashes, CancellationToken cancellationToken) =>
        ExecuteAsync(
            "INSERT OR REPLACE INTO copies (run_id, path, destination, size, mtime, hashes) VALUES ($run, $path, $dest, $size, $mtime, $hashes)",
            cancellationToken,
            ("$run", runId),
            ("$path", relativePath),
            ("$dest", destination),
            ("$size", size),
            ("$mtime", lastWriteTicks),
            ("$hashes", JsonSerializer.Serialize(hashes, AgentJson.Default.IReadOnlyDictionaryStringString)));

    /// <summary>Copies an earlier attempt of this run verified: (path, destination) → what was recorded.</summary>
    public async Task<Dictionary<(string Path, string Destination), JournalCopy>> CopiesAsync(long runId, CancellationToken cancellationToken)
    {
        var copies = new Dictionary<(string, string), JournalCopy>();
        await using var command = Command("SELECT path, destination, size, mtime, hashes FROM copies WHERE run_id = $run", ("$run", runId));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            var hashes = JsonSerializer.Deserialize(reader.GetString(4), AgentJson.Default.DictionaryStringString) ?? [];
            copies[(reader.GetString(0), reader.GetString(1))] = new JournalCopy(reader.GetInt64(2), reader.GetInt64(3), hashes);
        }

        return copies;
    }

    public async Task<string?> SealOfAsync(long runId, string destination, CancellationToken cancellationToken) =>
        await ScalarAsync("SELECT mhl FROM seals WHERE run_id = $run AND destination = $dest", cancellationToken, ("$run", runId), ("$dest", destination)).ConfigureAwait(false) as string;

    public Task RecordSealAsync(long runId, string destination, string mhlPath, CancellationToken cancellationToken) =>
        ExecuteAsync("INSERT OR REPLACE INTO seals (run_id, destination, mhl) VALUES ($run, $dest, $mhl)", cancellationToken, ("$run", runId), ("$dest", destination), ("$mhl", mhlPath));

    public async ValueTask DisposeAsync()
    {
        await _connection.DisposeAsync().ConfigureAwait(false);
        _gate.Dispose();
    }

    private SqliteCommand Command(string sql, params (string Name, object? Value)[] parameters)
    {
        var command = _connection.CreateCommand();
        command.CommandText = sql;
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value ?? DBNull.Value);
        }

        return command;
    }

    private async Task ExecuteAsync(string sql, CancellationToken cancellationToken, params (string Name, object? Value)[] parameters)
    {
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await using var command = Command(sql, parameters);
            await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _gate.Release();
        }
    }

    private async Task<object?> ScalarAsync(string sql, CancellationToken cancellationToken, params (string Name, object? Value)[] parameters)
    {
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await using var command = Command(sql, parameters);
            return await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _gate.Release();
        }
    }
}

/// <summary>A verified copy as the journal recorded it.</summary>
public sealed record JournalCopy(long Size, long LastWriteTicks, IReadOnlyDictionary<string, string> Hashes);
