using System.Globalization;
using Mam.Catalog;
using Mam.Catalog.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace Mam.Workers.Pipeline;

/// <summary>Why a worker stopped a stage it had claimed, other than shutting down.</summary>
public enum LeaseLoss
{
    None,
    /// <summary>Another worker holds the row now (our renewals stopped reaching the catalog long enough).</summary>
    TakenOver,
    /// <summary>The stage ran past Pipeline:StageDeadline: alive but hung.</summary>
    DeadlinePassed,
}

/// <summary>The lease a worker holds on a stage it runs: renewed every third of Pipeline:LeaseDuration with
/// an UPDATE that only matches while this worker still holds the row. When a renewal finds the row taken,
/// when the catalog stayed unreachable until the lease ran out, or when the stage passes its deadline,
/// <see cref="Lost"/> is cancelled so the stage's work (and its ffmpeg) stops.</summary>
public sealed class StageLease : IAsyncDisposable
{
    private readonly IDbContextFactory<CatalogDbContext> _catalog;
    private readonly Guid _assetId;
    private readonly StageName _stage;
    private readonly TimeProvider _clock;
    private readonly TimeSpan _duration;
    private readonly DateTime _deadline;
    private readonly ILogger _logger;
    private readonly CancellationTokenSource _stop = new();
    private readonly CancellationTokenSource _lost = new();
    private readonly Task _renewing;
    private DateTime _expiresAt;

    /// <summary>This process as a lease holder: host, pid and a per-start instance, so a restarted worker
    /// that got the same pid is still a different holder.</summary>
    public static string ThisWorker { get; } = Truncate(string.Create(CultureInfo.InvariantCulture,
        $"{Environment.MachineName}:{Environment.ProcessId}:{Guid.NewGuid():N}"));

    private StageLease(IDbContextFactory<CatalogDbContext> catalog, Guid assetId, StageName stage, string holder,
        DateTime startedAt, PipelineOptions options, TimeProvider clock, ILogger logger)
    {
        _catalog = catalog;
        _assetId = assetId;
        _stage = stage;
        Holder = holder;
        _clock = clock;
        _duration = options.LeaseDuration;
        _deadline = startedAt + options.StageDeadline;
        _expiresAt = startedAt + options.LeaseDuration;
        _logger = logger;
        _renewing = Task.Run(RenewAsync);
    }

    public string Holder { get; }

    /// <summary>Cancelled when this worker must stop the stage (see <see cref="Loss"/>).</summary>
    public CancellationToken Lost => _lost.Token;

    public LeaseLoss Loss { get; private set; }

    /// <summary>Starts renewing a lease the runner has just claimed at <paramref name="startedAt"/>.</summary>
    public static StageLease Hold(IDbContextFactory<CatalogDbContext> catalog, Guid assetId, StageName stage, string holder,
        DateTime startedAt, PipelineOptions options, TimeProvider clock, ILogger logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        return new StageLease(catalog, assetId, stage, holder, startedAt, options, clock, logger);
    }

    private async Task RenewAsync()
    {
        using var timer = new PeriodicTimer(_duration / 3, _clock);
        try
        {
            while (await timer.WaitForNextTickAsync(_stop.Token).ConfigureAwait(false))
            {
                var now = _clock.GetUtcNow().UtcDateTime;
                if (now >= _deadline)
                {
                    Lose(LeaseLoss.DeadlinePassed);
                    return;
                }
                if (!await TryRenewAsync(now).ConfigureAwait(false))
                {
                    return;
                }
            }
        }
        catch (OperationCanceledException) when (_stop.IsCancellationRequested)
        {
            // The stage ended; the runner records it and clears the lease.
        }
    }

    /// <summary>False when the lease is gone and renewing should stop.</summary>
    private async Task<bool> TryRenewAsync(DateTime now)
    {
        try
        {
            var expires = now + _duration;
            await using var db = await _catalog.CreateDbContextAsync(_stop.Token).ConfigureAwait(false);
            var renewed = await db.PipelineStages
                .Where(s => s.AssetId == _assetId && s.Stage == _stage && s.Status == StageStatus.Running && s.LeaseHolder == Holder)
                .ExecuteUpdateAsync(u => u.SetProperty(s => s.LeaseExpiresAt, expires), _stop.Token).ConfigureAwait(false);
            if (renewed == 0)
            {
                Lose(LeaseLoss.TakenOver);
                return false;
            }
            _expiresAt = expires;
            return true;
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !_stop.IsCancellationRequested)
        {
            // The catalog is briefly away: keep working while the lease we hold is still valid; past it,
            // another worker may already have taken the stage, so stop.
            if (now >= _expiresAt)
            {
                Lose(LeaseLoss.TakenOver);
                return false;
            }
            _logger.LogWarning("Could not renew the lease on {Stage} of asset {AssetId} ({Error}); trying again", _stage, _assetId, ex.Message);
            return true;
        }
    }

    private void Lose(LeaseLoss loss)
    {
        Loss = loss;
        if (loss == LeaseLoss.DeadlinePassed)
        {
            _logger.LogWarning("{Stage} of asset {AssetId} passed Pipeline:StageDeadline; stopping it", _stage, _assetId);
        }
        else
        {
            _logger.LogWarning("{Stage} of asset {AssetId} is no longer held by this worker; stopping it", _stage, _assetId);
        }
        _lost.Cancel();
    }

    private static string Truncate(string holder) =>
        holder.Length > PipelineStage.LeaseHolderLength ? holder[^PipelineStage.LeaseHolderLength..] : holder;

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        await _renewing.ConfigureAwait(false);
        _stop.Dispose();
        _lost.Dispose();
    }
}
