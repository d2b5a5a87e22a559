using Mam.Workers;
using Mam.Workers.Telemetry;
using Mam.Hosting;
using Mam.Storage;
using Mam.Storage.Originals;
using Mam.Catalog;
using Mam.Catalog.Entities;
using Mam.Media;
using Mam.Workers.Pipeline;
using Mam.Tests.Support;
using Mam.Workers.Stages.Analysis;
using MassTransit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Mam.Workers.Pipeline.Registry;

namespace Mam.Tests.Workers.Analysis;

/// <summary>The real catalog (SQLite) and folder store in a temp folder, the real media tools and the
/// analysis stage, with MassTransit's test harness as the bus.</summary>
internal sealed class AnalysisStageHost : IAsyncDisposable
{
    private readonly TempFolder _folder = new("analysis-stage");
    private readonly ServiceProvider _services;

    public AnalysisStageHost(IReadOnlyDictionary<string, string?>? settings = null)
    {
        var values = new Dictionary<string, string?> { ["Mam:DataDirectory"] = _folder.Path };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            values[key] = value;
        }
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(values).Build();
        var services = new ServiceCollection();
        services.AddLogging(l => l.SetMinimumLevel(LogLevel.Warning));
        services.AddMamDataDirectory(configuration).AddCatalog(configuration).AddObjectStorage(configuration).AddOriginalCache(configuration);
        services.AddMediaTools(configuration);
        services.AddStageRunner(configuration);
        services.AddScoped<StageDispatcher>();
        services.AddScoped<AnalyseStage>();
        services.AddMassTransitTestHarness();
        _services = services.BuildServiceProvider();
    }

    public TempFolder Folder => _folder;

    public T Get<T>() where T : notnull => _services.CreateScope().ServiceProvider.GetRequiredService<T>();

    public async Task StartAsync() => await _services.MigrateCatalogAsync(CancellationToken.None);

    public async Task<CatalogDbContext> CatalogAsync() =>
        await _services.GetRequiredService<IDbContextFactory<CatalogDbContext>>().CreateDbContextAsync();

    /// <summary>A clip stored and catalogued with probe and proxy done, so the analysis is next.</summary>
    public async Task<Guid> AddProbedClipAsync(string? clipPath, TechnicalMetadata technical)
    {
        var key = $"projects/P/cards/A001/{Guid.NewGuid():N}.mov";
        if (clipPath is not null)
        {
            await using var content = File.OpenRead(clipPath);
            await _services.GetRequiredService<IObjectStore>().PutAsync(key, content, null, CancellationToken.None);
        }
        await using var db = await CatalogAsync();
        var now = DateTime.UtcNow;
        var project = new Project { Id = Guid.NewGuid(), Name = $"P{Guid.NewGuid():N}", CreatedAt = now };
        var card = new Card { Id = Guid.NewGuid(), ProjectId = project.Id, Name = "A001R1AB", OffloadedAt = now, RegisteredAt = now };
        var file = new CardFile { Id = Guid.NewGuid(), CardId = card.Id, RelativePath = "A001C001.mov", Xxh64 = "0123456789abcdef", StorageKey = key, Role = FileRole.Clip };
        var asset = new Asset { Id = Guid.NewGuid(), CardId = card.Id, ClipName = "A001C001", SourceFileId = file.Id, CreatedAt = now, Technical = technical };
        asset.Stages = PipelinePlan.NewStages(asset.Id, now);
        foreach (var stage in asset.Stages.Where(s => s.Stage == StageRegistry.Probe.Name || s.Stage == StageRegistry.Proxy.Name))
        {
            stage.Status = StageStatus.Done;
        }
        file.AssetId = asset.Id;
        db.AddRange(project, card, file, asset);
        await db.SaveChangesAsync();
        return asset.Id;
    }

    public async ValueTask DisposeAsync()
    {
        await _services.DisposeAsync();
        _folder.Dispose();
    }
}
