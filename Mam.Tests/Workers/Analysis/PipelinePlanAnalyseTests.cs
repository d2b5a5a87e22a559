using Mam.Catalog.Entities;
using Mam.Workers.Pipeline;
using Mam.Workers.Pipeline.Registry;
using Mam.Workers.Stages.Analysis;

namespace Mam.Tests.Workers.Analysis;

[TestFixture]
public sealed class PipelinePlanAnalyseTests
{
    [Test]
    public void Analyse_WaitsForTheProxyNotForTheTranscript()
    {
        var stages = Stages((StageRegistry.Probe.Name, StageStatus.Done), (StageRegistry.Proxy.Name, StageStatus.Running), (StageRegistry.Transcribe.Name, StageStatus.Pending), (StageRegistry.Analyse.Name, StageStatus.Pending));
        PipelinePlan.Ready(stages).ShouldNotContain(StageRegistry.Analyse.Name);

        stages = Stages((StageRegistry.Probe.Name, StageStatus.Done), (StageRegistry.Proxy.Name, StageStatus.Skipped), (StageRegistry.Transcribe.Name, StageStatus.Running), (StageRegistry.Analyse.Name, StageStatus.Pending));
        PipelinePlan.Ready(stages).ShouldContain(StageRegistry.Analyse.Name);
    }

    [Test]
    public void Index_WaitsForTheAnalysisAsWellAsTheTranscript()
    {
        var stages = Stages((StageRegistry.Probe.Name, StageStatus.Done), (StageRegistry.Proxy.Name, StageStatus.Done), (StageRegistry.Transcribe.Name, StageStatus.Done), (StageRegistry.Analyse.Name, StageStatus.Running));
        PipelinePlan.Ready(stages).ShouldNotContain(StageRegistry.Index.Name);

        stages = Stages((StageRegistry.Probe.Name, StageStatus.Done), (StageRegistry.Proxy.Name, StageStatus.Done), (StageRegistry.Transcribe.Name, StageStatus.Done), (StageRegistry.Analyse.Name, StageStatus.Done));
        PipelinePlan.Ready(stages).ShouldBe([StageRegistry.Index.Name]);
    }

    [Test]
    public void Index_OfAnAssetCataloguedBeforeTheAnalysisStageExisted_IsNotHeldBackByTheMissingStage()
    {
        var stages = Stages((StageRegistry.Probe.Name, StageStatus.Done), (StageRegistry.Proxy.Name, StageStatus.Done), (StageRegistry.Transcribe.Name, StageStatus.Done));

        PipelinePlan.Ready(stages).ShouldBe([StageRegistry.Index.Name]);
    }

    [Test]
    public void NewAssets_GetAnAnalyseStageWhoseCommandIsAnalyseClip()
    {
        var id = Guid.NewGuid();

        PipelinePlan.NewStages(id, DateTime.UtcNow).Select(s => s.Stage).ShouldContain(StageRegistry.Analyse.Name);
        PipelinePlan.CommandFor(StageRegistry.Analyse.Name, id).ShouldBe(new RunStage<AnalyseStage>(id, "Analyse"));
    }

    private static List<PipelineStage> Stages(params (StageName Stage, StageStatus Status)[] stages)
    {
        var asset = Guid.NewGuid();
        var all = stages.ToList();
        if (all.All(s => s.Stage != StageRegistry.Index.Name))
        {
            all.Add((StageRegistry.Index.Name, StageStatus.Pending));
        }
        return all.Select(s => new PipelineStage { Id = Guid.NewGuid(), AssetId = asset, Stage = s.Stage, Status = s.Status }).ToList();
    }
}
