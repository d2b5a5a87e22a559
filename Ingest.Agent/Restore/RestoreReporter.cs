using System.Diagnostics;
using Ingest.Agent.Api;
using Mam.Contracts.Restores;

namespace Ingest.Agent.Restore;

/// <summary>Sends the results to the MAM as files finish, a batch every few seconds, so the restore's
/// page shows progress; the final report sends them all again with the totals. A progress report that
/// does not get through is not fatal (the final one carries everything).</summary>
internal sealed class RestoreReporter(MamApiClient api, Guid restoreId, TextWriter error) : IDisposable
{
    private static readonly TimeSpan Every = TimeSpan.FromSeconds(2);
    private readonly List<RestoreFileResult> _pending = [];
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly Stopwatch _sinceLast = Stopwatch.StartNew();
    private bool _warned;

    public void Dispose() => _gate.Dispose();

    public static RestoreFileResult ResultOf(RestoredFile file)
    {
        ArgumentNullException.ThrowIfNull(file);
        return new RestoreFileResult(file.File.Id, file.Result, file.Reason, file.Hashes.GetValueOrDefault(Mam.Integrity.Hashing.HashFormats.Xxh64));
    }

    public async Task AddAsync(RestoredFile file, CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            _pending.Add(ResultOf(file));
            if (_sinceLast.Elapsed < Every)
            {
                return;
            }
            var batch = _pending.ToList();
            _pending.Clear();
            _sinceLast.Restart();
            try
            {
                await api.ReportRestoreAsync(restoreId, new RestoreReport(batch, false, null, null, null), cancellationToken).ConfigureAwait(false);
            }
            catch (MamApiException ex)
            {
                if (!_warned)
                {
                    _warned = true;
                    await error.WriteLineAsync($"Progress could not be reported to the MAM ({ex.Message}); the final report will carry every result.".AsMemory(), cancellationToken).ConfigureAwait(false);
                }
            }
        }
        finally
        {
            _gate.Release();
        }
    }
}
