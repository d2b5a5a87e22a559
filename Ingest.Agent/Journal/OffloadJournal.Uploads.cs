namespace Ingest.Agent.Journal;

public sealed partial class OffloadJournal
{
    /// <summary>The upload session this file had, so a killed agent resumes it instead of starting over.</summary>
    public async Task<(Guid? UploadId, string State, string? StorageKey)?> UploadOfAsync(string project, string card, string path, long size, string xxh64, CancellationToken cancellationToken)
    {
        // Files upload side by side: one command at a time on the one connection.
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            return await ReadUploadAsync(project, card, path, size, xxh64, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _gate.Release();
        }
    }

    private async Task<(Guid? UploadId, string State, string? StorageKey)?> ReadUploadAsync(string project, string card, string path, long size, string xxh64, CancellationToken cancellationToken)
    {
        await using var command = Command(
            "SELECT upload_id, state, storage_key FROM uploads WHERE project = $p AND card = $c AND path = $path AND size = $s AND xxh64 = $h",
            ("$p", project),
            ("$c", card),
            ("$path", path),
            ("$s", size),
            ("$h", xxh64));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        if (!await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            return null;
        }

        Guid? id = reader.IsDBNull(0) ? null : Guid.Parse(reader.GetString(0));
        return (id, reader.GetString(1), reader.IsDBNull(2) ? null : reader.GetString(2));
    }

    /// <param name="state">open or complete.</param>
    public Task RecordUploadAsync(string project, string card, string path, long size, string xxh64, Guid? uploadId, string state, string? storageKey, CancellationToken cancellationToken) =>
        ExecuteAsync(
            "INSERT OR REPLACE INTO uploads (project, card, path, size, xxh64, upload_id, state, storage_key) VALUES ($p, $c, $path, $s, $h, $id, $state, $key)",
            cancellationToken,
            ("$p", project),
            ("$c", card),
            ("$path", path),
            ("$s", size),
            ("$h", xxh64),
            ("$id", uploadId?.ToString()),
            ("$state", state),
            ("$key", storageKey));

    public Task RecordPartAsync(Guid uploadId, int number, string xxh64, CancellationToken cancellationToken) =>
        ExecuteAsync(
            "INSERT OR REPLACE INTO upload_parts (upload_id, number, xxh64) VALUES ($id, $n, $h)",
            cancellationToken,
            ("$id", uploadId.ToString()),
            ("$n", number),
            ("$h", xxh64));

    public async Task<int> PartsRecordedAsync(Guid uploadId, CancellationToken cancellationToken) =>
        Convert.ToInt32(await ScalarAsync("SELECT COUNT(*) FROM upload_parts WHERE upload_id = $id", cancellationToken, ("$id", uploadId.ToString())).ConfigureAwait(false), System.Globalization.CultureInfo.InvariantCulture);
}
