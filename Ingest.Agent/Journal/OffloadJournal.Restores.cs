namespace Ingest.Agent.Journal;

public sealed partial class OffloadJournal
{
    /// <summary>The unfinished run with this key, if any, and what it recorded as its source (a restore's id).</summary>
    public async Task<(long RunId, string Source)?> UnfinishedRunAsync(string kind, string key, CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await using var command = Command("SELECT id, source FROM runs WHERE kind = $kind AND key = $key AND state <> 'done' ORDER BY id DESC LIMIT 1", ("$kind", kind), ("$key", key));
            await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            return await reader.ReadAsync(cancellationToken).ConfigureAwait(false) ? (reader.GetInt64(0), reader.GetString(1)) : null;
        }
        finally
        {
            _gate.Release();
        }
    }
}
