using System.Threading.Channels;
using Mam.Catalog;
using Mam.Catalog.Entities;
using Mam.Contracts;
using Mam.Workers.Pipeline;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Mam.Workers.Audit;

/// <summary>Records what people do, in the catalog's append-only audit trail.</summary>
public interface IAuditTrail
{
    /// <summary>Queues the event and returns at once, so a request (a range of a proxy being streamed)
    /// never waits for the catalog. Only a full queue makes it wait, for room: an event is never dropped.
    /// After the host has stopped its writer, the event is written straight away instead.</summary>
    /// <param name="cancellationToken">Pass <see cref="CancellationToken.None"/> unless giving up on
    /// the event is right (a request's abort token would lose the record of an aborted download).</param>
    ValueTask RecordAsync(AuditEvent entry, CancellationToken cancellationToken);
}

/// <summary>The audit trail's writer: a bounded queue and one background reader that inserts what has
/// queued up, a batch per transaction. A catalog that cannot be reached is waited for (the batch is kept);
/// a graceful stop writes everything still queued before the host goes. A row the catalog refuses on its
/// own (never expected: values are cut to the columns' widths) is logged in full rather than lost silently.</summary>
public sealed class AuditTrail : BackgroundService, IAuditTrail
{
    private const int BatchSize = 500;
    private static readonly TimeSpan RetryDelay = TimeSpan.FromSeconds(2);

    /// <summary>How long the writer lets events gather after the first arrives: a transaction per few
    /// hundred events rather than per event, which under load (a thousand requests a second) took a
    /// quarter of a core from the requests themselves. Rows show in the trail that much later.</summary>
    private static readonly TimeSpan Gathering = TimeSpan.FromMilliseconds(250);

    private readonly IDbContextFactory<CatalogDbContext> _catalog;
    private readonly ILogger<AuditTrail> _logger;
    private readonly Channel<AuditEvent> _queue;
    private readonly List<AuditEvent> _batch = new(BatchSize);
    private readonly Lock _stopping = new();
    private Task? _drain;
    private bool _warned;

    public AuditTrail(IDbContextFactory<CatalogDbContext> catalog, IOptions<AuditOptions> options, ILogger<AuditTrail> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        _catalog = catalog;
        _logger = logger;
        _queue = Channel.CreateBounded<AuditEvent>(new BoundedChannelOptions(options.Value.QueueCapacity)
        {
            SingleReader = true,
            FullMode = BoundedChannelFullMode.Wait,
        });
    }

    public ValueTask RecordAsync(AuditEvent entry, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(entry);
        return _queue.Writer.TryWrite(entry) ? ValueTask.CompletedTask : WaitForRoomAsync(entry, cancellationToken);
    }

    private async ValueTask WaitForRoomAsync(AuditEvent entry, CancellationToken cancellationToken)
    {
        try
        {
            await _queue.Writer.WriteAsync(entry, cancellationToken).ConfigureAwait(false);
        }
        catch (ChannelClosedException)
        {
            // The writer has stopped (the host is going): nobody reads the queue any more.
            try
            {
                await WriteAsync([entry], cancellationToken).ConfigureAwait(false);
            }
            catch (ObjectDisposedException)
            {
                // Too late even for that: the host has gone and taken the catalog's services with it.
                _logger.LogError("The host had stopped before an audit event could be written to the catalog; it is kept only in this log: {Event}", Describe(entry));
            }
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            while (await _queue.Reader.WaitToReadAsync(stoppingToken).ConfigureAwait(false))
            {
                if (_queue.Reader.Count < BatchSize)
                {
                    await Task.Delay(Gathering, stoppingToken).ConfigureAwait(false);
                }
                await WriteNextBatchAsync(stoppingToken).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping: StopAsync writes what is left.
        }
    }

    /// <summary>Closes the queue (later events are written directly) and writes everything in it, for
    /// as long as the host's shutdown allows. One drain however many callers: a host can be stopped
    /// twice at once (WebApplicationFactory's dispose and the program's RunAsync), and two drains of
    /// the same batch would write its events twice.</summary>
    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken).ConfigureAwait(false);
        Task drain;
        lock (_stopping)
        {
            drain = _drain ??= DrainAsync(cancellationToken);
        }
        await drain.WaitAsync(cancellationToken).ConfigureAwait(false);
    }

    private async Task DrainAsync(CancellationToken cancellationToken)
    {
        _queue.Writer.TryComplete();
        try
        {
            while (_batch.Count > 0 || _queue.Reader.TryPeek(out _))
            {
                await WriteNextBatchAsync(cancellationToken).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException)
        {
            _logger.LogError("The host stopped before {Count} audit event(s) could be written to the catalog; they are lost: {Events}",
                _batch.Count + _queue.Reader.Count, string.Join("; ", _batch.Concat(Drain()).Select(Describe)));
        }
    }

    private IEnumerable<AuditEvent> Drain()
    {
        while (_queue.Reader.TryRead(out var entry))
        {
            yield return entry;
        }
    }

    /// <summary>Tops the batch up from the queue and writes it; a batch that could not be written is
    /// kept and tried again until it is.</summary>
    private async Task WriteNextBatchAsync(CancellationToken cancellationToken)
    {
        while (_batch.Count < BatchSize && _queue.Reader.TryRead(out var entry))
        {
            _batch.Add(entry);
        }
        while (true)
        {
            try
            {
                await WriteAsync(_batch, cancellationToken).ConfigureAwait(false);
                _batch.Clear();
                if (_warned)
                {
                    _logger.LogInformation("The catalog answers again; the audit trail is being written.");
                    _warned = false;
                }
                return;
            }
            catch (Exception e) when (TransientFailures.IsTransient(e) && !cancellationToken.IsCancellationRequested)
            {
                if (!_warned)
                {
                    _logger.LogWarning("The audit trail cannot be written to the catalog ({Reason}); {Count} event(s) wait and are tried again every {Delay}.",
                        e.Message, _batch.Count + _queue.Reader.Count, RetryDelay);
                    _warned = true;
                }
                await Task.Delay(RetryDelay, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    /// <summary>One transaction for the batch; should the catalog refuse it for what is in it (not
    /// for being unreachable), each event on its own, so one odd event costs only itself.</summary>
    private async Task WriteAsync(List<AuditEvent> events, CancellationToken cancellationToken)
    {
        if (events.Count == 0)
        {
            return;
        }
        try
        {
            await InsertAsync(events, cancellationToken).ConfigureAwait(false);
        }
        catch (DbUpdateException e) when (!TransientFailures.IsTransient(e) && events.Count > 1)
        {
            foreach (var entry in events)
            {
                await WriteAsync([entry], cancellationToken).ConfigureAwait(false);
            }
        }
        catch (DbUpdateException e) when (!TransientFailures.IsTransient(e))
        {
            _logger.LogError(e, "The catalog refused an audit event; it is kept only in this log: {Event}", Describe(events[0]));
        }
    }

    private async Task InsertAsync(List<AuditEvent> events, CancellationToken cancellationToken)
    {
        await using var db = await _catalog.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        db.ChangeTracker.AutoDetectChangesEnabled = false; // only inserts: nothing to detect
        // The project a clip belongs to, for events that name only the clip (a refused request never
        // reached the code that loads it); resolved here, a batch at a time, off the request's path.
        var assets = events.Where(e => e.Project is null && e.AssetId is not null).Select(e => e.AssetId!.Value).Distinct().ToList();
        var projects = assets.Count == 0 ? [] : await db.Assets.AsNoTracking().Where(a => assets.Contains(a.Id))
            .Select(a => new { a.Id, Project = a.Card!.Project!.Name })
            .ToDictionaryAsync(a => a.Id, a => a.Project, cancellationToken).ConfigureAwait(false);
        foreach (var entry in events)
        {
            entry.Id = 0; // a batch tried again after a failure is inserted afresh
            if (entry.Project is null && entry.AssetId is { } asset)
            {
                entry.Project = projects.GetValueOrDefault(asset);
            }
            Fit(entry);
        }
        db.AuditEvents.AddRange(events);
        await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Cuts each text to its column, so what a client sends (a long search, a long name) can
    /// never make its own record fail.</summary>
    private static void Fit(AuditEvent entry)
    {
        entry.ActorId = Cut(entry.ActorId, AuditEventLimits.Actor)!;
        entry.ActorName = Cut(entry.ActorName, AuditEventLimits.Actor)!;
        entry.ClientAddress = Cut(entry.ClientAddress, AuditEventLimits.Address);
        entry.Action = Cut(entry.Action, AuditEventLimits.Action)!;
        entry.Project = Cut(entry.Project, Limits.NameLength);
        entry.Detail = Cut(entry.Detail, AuditEventLimits.Detail);
        entry.Result = Cut(entry.Result, AuditEventLimits.Result)!;
    }

    private static string? Cut(string? text, int length) => text is { } t && t.Length > length ? t[..(length - 1)] + "…" : text;

    private static string Describe(AuditEvent e) =>
        $"{e.At:O} {e.ActorName} ({e.ActorId}) from {e.ClientAddress}: {e.Action} {e.Project} {e.AssetId} \"{e.Detail}\" {e.Result} {e.Status}";
}
