using Mam.Catalog;
using Mam.Workers.Activity;
using Microsoft.EntityFrameworkCore;

namespace Mam.Api.Review.Activity;

/// <summary>One look per process, once a second, at the newest event in the catalog, on behalf of every
/// live page this process serves: when a worker or another API instance wrote one, the pages are woken
/// (<see cref="ActivitySignal"/>) and each reads what is new for it. Before this every open page asked
/// the catalog itself every few seconds, and two hundred idle pages cost half a core.</summary>
/// <remarks>It looks only while some page listens. A look that cannot reach the catalog is logged and
/// the next one tried; the pages also look on their own now and then (<see cref="LivePages"/>), so
/// nothing is missed for long when this cannot look.</remarks>
public sealed class CatalogEventWatch(IDbContextFactory<CatalogDbContext> catalog, ActivitySignal signal, ILogger<CatalogEventWatch> logger) : BackgroundService
{
    public static readonly TimeSpan Interval = TimeSpan.FromSeconds(1);

    private int _listeners;
    private long? _newest;
    private bool _failing;

    /// <summary>While the returned lease is held, the watch looks every <see cref="Interval"/>.</summary>
    public IDisposable Listen()
    {
        Interlocked.Increment(ref _listeners);
        return new Lease(this);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Interval);
        while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false))
        {
            if (Volatile.Read(ref _listeners) == 0)
            {
                // Nobody listens: forget the newest, so the first look after a page opens wakes it
                // (a page that read just before an event and waits would otherwise miss it).
                _newest = null;
                continue;
            }
            await LookAsync(stoppingToken).ConfigureAwait(false);
        }
    }

    private async Task LookAsync(CancellationToken cancellationToken)
    {
        try
        {
            await using var db = await catalog.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
            var newest = await db.ProjectEvents.MaxAsync(e => (long?)e.Id, cancellationToken).ConfigureAwait(false) ?? 0;
            if (newest != _newest)
            {
                _newest = newest;
                signal.Nudge();
            }
            if (_failing)
            {
                _failing = false;
                logger.LogInformation("The catalog answers again; live pages hear of other processes' events again");
            }
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            if (!_failing)
            {
                _failing = true;
                logger.LogWarning(ex, "Could not look for new events in the catalog; live pages hear of other processes' events only on their own slower looks until it answers");
            }
        }
    }

    private sealed class Lease(CatalogEventWatch watch) : IDisposable
    {
        private int _released;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _released, 1) == 0)
            {
                Interlocked.Decrement(ref watch._listeners);
            }
        }
    }
}
