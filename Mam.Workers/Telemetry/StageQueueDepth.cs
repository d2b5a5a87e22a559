using System.Diagnostics.Metrics;
using Mam.Catalog;
using Mam.Catalog.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace Mam.Workers.Telemetry;

/// <summary>Pending stages per stage, read from the catalog each time the exporter collects. The
/// catalog is the queue's source of truth on both transports (RabbitMQ queue lengths would miss the
/// in-memory bus and stages the reconciler has not re-published yet). Created only when metrics are
/// exported, so nothing queries the catalog otherwise.</summary>
public sealed class StageQueueDepth
{
    private readonly IDbContextFactory<CatalogDbContext> _catalog;
    private readonly ILogger<StageQueueDepth> _logger;

    public StageQueueDepth(IMeterFactory meters, IDbContextFactory<CatalogDbContext> catalog, ILogger<StageQueueDepth> logger)
    {
        ArgumentNullException.ThrowIfNull(meters);
        _catalog = catalog;
        _logger = logger;
        meters.Create(MamTelemetry.Name).CreateObservableGauge(MamTelemetry.StagesPending, Measure, "{stage}",
            "Clips whose stage is waiting to run, by stage.");
    }

    private IEnumerable<Measurement<int>> Measure()
    {
        Dictionary<StageName, int> pending;
        try
        {
            // Synchronous: the exporter's collect callback is synchronous and runs on its own thread.
            using var db = _catalog.CreateDbContext();
            pending = db.PipelineStages.AsNoTracking()
                .Where(s => s.Status == StageStatus.Pending)
                .GroupBy(s => s.Stage)
                .Select(g => new { Stage = g.Key, Count = g.Count() })
                .ToDictionary(g => g.Stage, g => g.Count);
        }
        catch (ObjectDisposedException)
        {
            // The host is stopping: the exporter's last collection runs after the catalog is gone.
            return [];
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            _logger.LogWarning("Could not read the pending stages from the catalog for the queue-depth metric: {Message}", ex.Message);
            return [];
        }

        // Every stage, zeros included, so a drained queue shows as 0 rather than as a gap.
        return Pipeline.Registry.StageRegistry.All.Select(s => s.Name).Select(stage => new Measurement<int>(
            pending.GetValueOrDefault(stage), new KeyValuePair<string, object?>("mam.stage", MamTelemetry.TagValue(stage)))).ToList();
    }
}
