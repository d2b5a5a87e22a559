using Mam.Contracts.Messages;
using Mam.Workers.Pipeline;
using MassTransit;
using Microsoft.Extensions.Options;

namespace Mam.Workers.Stages.Analysis;

public sealed class AnalyseClipConsumer(StageRunner runner, AnalyseStage stage) : IConsumer<AnalyseClip>
{
    public Task Consume(ConsumeContext<AnalyseClip> context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return runner.RunAsync(context.Message.AssetId, stage, context.CancellationToken);
    }
}

/// <summary>Analysis decodes the clip twice and reads many frames: a media stage, limited like the proxy.</summary>
public sealed class AnalyseClipConsumerDefinition(IOptions<PipelineOptions> options) : StageConsumerDefinition<AnalyseClipConsumer>(options, media: true);
