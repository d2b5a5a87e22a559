using Mam.Catalog;
using Mam.Catalog.Entities;
using Mam.Hosting;
using Mam.Media;
using Mam.Search;
using Mam.Storage;
using Mam.Tests.Support;
using Mam.Workers;
using Mam.Workers.Pipeline;
using Mam.Workers.Pipeline.Registry;
using MassTransit;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Mam.Tests.Workers.Pipeline;

[TestFixture]
public sealed class StageRegistryTests
{
    [Test]
    public void EveryDeclaredStage_HasAHandlerTheWorkerCanBuild_AndAConsumerOnTheBus()
    {
        using var data = new TempFolder("registry");
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["Mam:DataDirectory"] = data.Path }).Build();
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddMamDataDirectory(configuration).AddCatalog(configuration).AddObjectStorage(configuration);
        services.AddMediaTools(configuration);
        services.AddMamSearch(configuration);
        services.AddMamWorkers(configuration);
        services.AddMassTransit(bus => bus.AddMamConsumers());
        using var provider = services.BuildServiceProvider();
        using var scope = provider.CreateScope();

        foreach (var stage in StageRegistry.All)
        {
            scope.ServiceProvider.GetService(stage.Handler).ShouldBeAssignableTo<IPipelineStage>($"{stage} has no handler the worker can build");
            services.ShouldContain(d => d.ServiceType == typeof(StageConsumer<>).MakeGenericType(stage.Handler), $"{stage} has no consumer on the bus");
            StageRegistry.QueueOf(stage.Handler).ShouldStartWith("stage-");
        }
    }

    [Test]
    public void EveryStageClassInTheWorkers_IsDeclaredInTheRegistry()
    {
        var handlers = typeof(IPipelineStage).Assembly.GetTypes()
            .Where(t => t is { IsClass: true, IsAbstract: false } && typeof(IPipelineStage).IsAssignableFrom(t));

        handlers.ShouldAllBe(t => StageRegistry.Handlers.Contains(t), "a stage class that is not in the registry never runs");
    }

    [Test]
    public void Prerequisites_AreDeclaredStagesEarlierInTheRegistry_SoThePlanHasNoCycle()
    {
        var seen = new HashSet<StageName>();
        foreach (var stage in StageRegistry.All)
        {
            stage.Prerequisites.ShouldAllBe(p => seen.Contains(p), $"{stage} waits for a stage not declared before it");
            seen.Add(stage.Name).ShouldBeTrue($"{stage} is declared twice");
        }
    }

    [Test]
    public void Dialogue_IsDispatchedFirst_AndIndexedBeforeTheAnalysis()
    {
        var probed = PipelinePlan.NewStages(Guid.NewGuid(), DateTime.UtcNow);
        probed.Single(s => s.Stage == StageRegistry.Probe.Name).Status = StageStatus.Done;
        PipelinePlan.Ready(probed).First().ShouldBe(StageRegistry.Transcribe.Name);

        probed.Single(s => s.Stage == StageRegistry.Transcribe.Name).Status = StageStatus.Done;
        PipelinePlan.Ready(probed).ShouldContain(StageRegistry.IndexDialogue.Name, "searchable by dialogue without waiting for the proxy or analysis");
        PipelinePlan.DialogueSearchable(probed).ShouldBeFalse();
        probed.Single(s => s.Stage == StageRegistry.IndexDialogue.Name).Status = StageStatus.Done;
        PipelinePlan.DialogueSearchable(probed).ShouldBeTrue();
        PipelinePlan.StateOf(probed).ShouldBe(AssetState.Processing, "proxy, waveform, analysis and the full index are still to come");
    }

    [Test]
    public void StageNames_ShowAsTheApiWritesThem_AndAreFoundInEitherForm()
    {
        StageRegistry.IndexDialogue.Name.Slug.ShouldBe("index-dialogue");
        StageRegistry.Find("index-dialogue").ShouldBe(StageRegistry.IndexDialogue);
        StageRegistry.Find("WAVEFORM").ShouldBe(StageRegistry.Waveform);
        StageRegistry.Find("probes").ShouldBeNull();
    }
}
