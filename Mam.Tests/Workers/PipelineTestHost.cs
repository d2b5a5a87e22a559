using Mam.Workers;
using Mam.Workers.Telemetry;
using Mam.Hosting;
using Mam.Storage;
using Mam.Catalog;
using Mam.Catalog.Entities;
using Mam.Workers.Jobs;
using Mam.Workers.Pipeline;
using Mam.Workers.Pipeline.Operations;
using Mam.Workers.Reindexing;
using Mam.Search;
using Mam.Tests.Support;
using MassTransit;
using MassTransit.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;

namespace Mam.Tests.Workers;

/// <summary>The real catalog (SQLite in a temp folder), the real runner and reconciler, and
/// MassTransit's own test harness as the bus, so published commands can be inspected.</summary>
internal sealed class PipelineTestHost : IAsyncDisposable
{
    private readonly TempFolder _folder = new("pipeline");
    private readonly ServiceProvider _services;

    public PipelineTestHost(TimeSpan? stageDeadline = null, int maxAttempts = 3, TimeSpan? leaseDuration = null)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Mam:DataDirectory"] = _folder.Path,
            ["Pipeline:StageDeadline"] = (stageDeadline ?? TimeSpan.FromHours(2)).ToString(),
            ["Pipeline:MaxAttempts"] = maxAttempts.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Pipeline:RepublishPendingAfter"] = "00:00:01",
            ["Pipeline:LeaseDuration"] = (leaseDuration ?? TimeSpan.FromSeconds(30)).ToString(),
        }).Build();
        var services = new ServiceCollection();
        services.AddLogging(l => l.SetMinimumLevel(LogLevel.Warning));
        services.AddMamDataDirectory(configuration).AddCatalog(configuration).AddObjectStorage(configuration);
        services.AddStageRunner(configuration);
        services.AddScoped<StageDispatcher>();
        services.AddScoped<PipelineReconciler>();
        services.AddScoped<StageBackfill>();
        services.AddMamJobStore(configuration);
        services.AddMamSearch(configuration);
        services.AddSearchReindexJobs(configuration);
        services.AddPipelineOperations();
        services.AddMassTransitTestHarness();
        _services = services.BuildServiceProvider();
    }

    /// <summary>The data folder holding the catalog, for a real host to open after the test has filled it.</summary>
    public string DataDirectory => _folder.Path;

    public ITestHarness Bus => _services.GetRequiredService<ITestHarness>();

    public T Get<T>() where T : notnull => _services.CreateScope().ServiceProvider.GetRequiredService<T>();

    public async Task StartAsync()
    {
        await _services.MigrateCatalogAsync(CancellationToken.None);
        await Bus.Start();
    }

    public async Task<CatalogDbContext> CatalogAsync() =>
        await _services.GetRequiredService<IDbContextFactory<CatalogDbContext>>().CreateDbContextAsync();

    /// <summary>A catalogued clip with all stages pending, as registration leaves it.</summary>
    public Task<Guid> AddAssetAsync() =>
        CatalogSeed.AddAssetWithPendingStagesAsync(_services.GetRequiredService<IDbContextFactory<CatalogDbContext>>());

    /// <summary>Sets the clip's stages as given (the others stay as they are).</summary>
    public async Task SetStagesAsync(Guid assetId, StageStatus status, params StageName[] stages)
    {
        await using var db = await CatalogAsync();
        await db.PipelineStages.Where(s => s.AssetId == assetId && stages.Contains(s.Stage))
            .ExecuteUpdateAsync(u => u.SetProperty(s => s.Status, status));
    }

    public async Task<PipelineStage> StageAsync(Guid assetId, StageName stage)
    {
        await using var db = await CatalogAsync();
        return await db.PipelineStages.AsNoTracking().SingleAsync(s => s.AssetId == assetId && s.Stage == stage);
    }

    public async ValueTask DisposeAsync()
    {
        await Bus.Stop();
        await _services.DisposeAsync();
        _folder.Dispose();
    }
}

internal static class CountingStageRuns
{
    /// <summary>Runs a test stage as the stage it stands in for.</summary>
    public static Task RunAsync(this StageRunner runner, Guid assetId, CountingStage stage, CancellationToken cancellationToken) =>
        runner.RunAsync(assetId, stage.Name, stage, cancellationToken);
}

/// <summary>A stage of the test's own that counts its runs and can be made slow or to fail.</summary>
internal sealed class CountingStage(StageName name, TimeSpan? delay = null, Exception? failWith = null) : IPipelineStage
{
    private int _runs;
    private int _cancelled;

    public int Runs => _runs;

    /// <summary>Runs that were stopped through their token before they finished.</summary>
    public int Cancelled => _cancelled;

    public StageName Name => name;

    public async Task<StageOutcome> RunAsync(Guid assetId, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _runs);
        try
        {
            await Task.Delay(delay ?? TimeSpan.Zero, cancellationToken);
        }
        catch (OperationCanceledException)
        {
            Interlocked.Increment(ref _cancelled);
            throw;
        }
        return failWith is null ? StageOutcome.Done("counted") : throw failWith;
    }
}
