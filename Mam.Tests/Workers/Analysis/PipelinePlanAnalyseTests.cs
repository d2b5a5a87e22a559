using Mam.Catalog.Entities;
using Mam.Contracts.Messages;
using Mam.Workers.Pipeline;

namespace Mam.Tests.Workers.Analysis;

[TestFixture]
public sealed class PipelinePlanAnalyseTests
{
    [Test]
    public void Analyse_WaitsForTheProxyNotForTheTranscript()
    {
        var stages = Stages((StageName.Probe, StageStatus.Done), (StageName.Proxy, StageStatus.Running), (StageName.Transcribe, StageStatus.Pending), (StageName.Analyse, StageStatus.Pending));
        PipelinePlan.Ready(stages).ShouldNotContain(StageName.Analyse);

        stages = Stages((StageName.Probe, StageStatus.Done), (StageName.Proxy, StageStatus.Skipped), (StageName.Transcribe, StageStatus.Running), (StageName.Analyse, StageStatus.Pending));
        PipelinePlan.Ready(stages).ShouldContain(StageName.Analyse);
    }

    [Test]
    public void Index_WaitsForTheAnalysisAsWellAsTheTranscript()
    {
        var stages = Stages((StageName.Probe, StageStatus.Done), (StageName.Proxy, StageStatus.Done), (StageName.Transcribe, StageStatus.Done), (StageName.Analyse, StageStatus.Running));
        PipelinePlan.Ready(stages).ShouldNotContain(StageName.Index);

        stages = Stages((StageName.Probe, StageStatus.Done), (StageName.Proxy, StageStatus.Done), (StageName.Transcribe, StageStatus.Done), (StageName.Analyse, StageStatus.Done));
        PipelinePlan.Ready(stages).ShouldBe([StageName.Index]);
    }

    [Test]
    public void Index_OfAnAssetCataloguedBeforeTheAnalysisStageExisted_IsNotHeldBackByTheMissingStage()
    {
        var stages = Stages((StageName.Probe, StageStatus.Done), (StageName.Proxy, StageStatus.Done), (StageName.Transcribe, StageStatus.Done));

        PipelinePlan.Ready(stages).ShouldBe([StageName.Index]);
    }

    [Test]
    public void NewAssets_GetAnAnalyseStageWhoseCommandIsAnalyseClip()
    {
        var id = Guid.NewGuid();

        PipelinePlan.NewStages(id, DateTime.UtcNow).Select(s => s.Stage).ShouldContain(StageName.Analyse);
        PipelinePlan.CommandFor(StageName.Analyse, id).ShouldBe(new AnalyseClip(id));
    }

    private static List<PipelineStage> Stages(params (StageName Stage, StageStatus Status)[] stages)
    {
        var asset = Guid.NewGuid();
        var all = stages.ToList();
        if (all.All(s => s.Stage != StageName.Index))
        {
            all.Add((StageName.Index, StageStatus.Pending));
        }
        return all.Select(s => new PipelineStage { Id = Guid.NewGuid(), AssetId = asset, Stage = s.Stage, Status = s.Status }).ToList();
    }
}
