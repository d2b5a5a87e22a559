namespace Ingest.Agent.Journal;

public sealed partial class OffloadJournal
{
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
