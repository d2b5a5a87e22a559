using System.Globalization;
using Mam.Catalog.Entities;
using Mam.Workers.Audit;
using Microsoft.Extensions.Options;

namespace Mam.Api.Audit;

/// <summary>Adds up what one playback sends into one row of the audit trail rather than one per
/// request: a player asks for a proxy in hundreds of ranges, and the clip page reports watched seconds
/// every 15 s. A tally is kept per person, action and clip (and view, for watched time) until nothing
/// has been added for Audit:PlaybackWindow, or it has been open for 15 windows (a long playback is a
/// row per 15 windows, so a crash loses at most that much). A graceful stop writes every open tally.</summary>
public sealed class PlaybackTallies(IAuditTrail trail, IOptions<AuditOptions> options, TimeProvider clock) : BackgroundService
{
    private const int WindowsPerRow = 15;

    private readonly Lock _lock = new();
    private readonly Dictionary<(string Action, string Actor, Guid? Asset, string? View), Tally> _open = [];
    private bool _stopped;
    private Task? _flush;

    private TimeSpan Window => options.Value.PlaybackWindow;

    /// <summary>Adds a request (a range of a stream, or a report of watched seconds) to its tally.</summary>
    /// <param name="key">The clip page's view, for watched time; null for a stream.</param>
    public ValueTask AddAsync(AuditEvent entry, string? key)
    {
        ArgumentNullException.ThrowIfNull(entry);
        var now = clock.GetUtcNow().UtcDateTime;
        AuditEvent? closed;
        lock (_lock)
        {
            if (_stopped)
            {
                // After the stop has written the tallies: this request is a row of its own.
                closed = new Tally(entry, now).ToEvent(key);
            }
            else
            {
                var id = (entry.Action, entry.ActorId, entry.AssetId, key);
                closed = null;
                if (_open.TryGetValue(id, out var tally))
                {
                    if (!tally.IsOver(now, Window))
                    {
                        tally.Add(entry, now);
                        return ValueTask.CompletedTask;
                    }
                    closed = tally.ToEvent(key);
                }
                _open[id] = new Tally(entry, now);
            }
        }
        return closed is null ? ValueTask.CompletedTask : trail.RecordAsync(closed, CancellationToken.None);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(Math.Min(1, Window.TotalSeconds / 2)), clock);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false))
            {
                await WriteAsync(Close(all: false)).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping: StopAsync writes every open tally.
        }
    }

    /// <summary>Writes every open tally, once however many callers: a host can be stopped twice at
    /// once (WebApplicationFactory's dispose and the program's RunAsync). Each caller waits for the one
    /// write, so neither stop finishes (and has the services disposed) while the other still writes.</summary>
    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken).ConfigureAwait(false);
        Task flush;
        lock (_lock)
        {
            flush = _flush ??= Task.Run(() => WriteAsync(Close(all: true)), CancellationToken.None);
        }
        await flush.WaitAsync(cancellationToken).ConfigureAwait(false);
    }

    private List<AuditEvent> Close(bool all)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        lock (_lock)
        {
            _stopped |= all;
            var over = _open.Where(t => all || t.Value.IsOver(now, Window)).ToList();
            foreach (var (id, _) in over)
            {
                _open.Remove(id);
            }
            return over.Select(t => t.Value.ToEvent(t.Key.View)).ToList();
        }
    }

    private async Task WriteAsync(List<AuditEvent> closed)
    {
        foreach (var entry in closed)
        {
            await trail.RecordAsync(entry, CancellationToken.None).ConfigureAwait(false);
        }
    }

    private sealed class Tally(AuditEvent first, DateTime now)
    {
        private readonly DateTime _opened = now;
        private DateTime _last = now;
        private int _requests = 1;
        private long? _bytes = first.Bytes;
        private double? _seconds = first.Seconds;
        private AuditEvent? _failed = first.Result == AuditResults.Ok ? null : first;

        public bool IsOver(DateTime now, TimeSpan window) => now - _last >= window || now - _opened >= window * WindowsPerRow;

        public void Add(AuditEvent entry, DateTime now)
        {
            _last = now;
            _requests++;
            _bytes = entry.Bytes is { } b ? (_bytes ?? 0) + b : _bytes;
            _seconds = entry.Seconds is { } s ? (_seconds ?? 0) + s : _seconds;
            _failed ??= entry.Result == AuditResults.Ok ? null : entry;
        }

        /// <summary>The first request's row, carrying the totals; a refusal or failure among the requests is its result.</summary>
        public AuditEvent ToEvent(string? view)
        {
            var span = (_last - _opened).TotalSeconds;
            var what = view is null ? "request(s)" : $"report(s) from view {view}";
            return new AuditEvent
            {
                At = first.At,
                ActorId = first.ActorId,
                ActorName = first.ActorName,
                ClientAddress = first.ClientAddress,
                Action = first.Action,
                Project = first.Project,
                AssetId = first.AssetId,
                Detail = string.Create(CultureInfo.InvariantCulture, $"{_requests} {what} over {span:0} s"),
                Result = _failed?.Result ?? AuditResults.Ok,
                Status = (_failed ?? first).Status,
                Bytes = _bytes,
                Seconds = _seconds is { } s ? Math.Round(s, 1) : null,
            };
        }
    }
}
