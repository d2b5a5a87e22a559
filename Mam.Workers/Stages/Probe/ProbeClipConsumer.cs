using Mam.Contracts.Messages;
using Mam.Workers.Pipeline;
using MassTransit;
using Microsoft.Extensions.Options;

namespace Mam.Workers.Stages.Probe;

public sealed class ProbeClipConsumer(StageRunner runner, ProbeStage stage) : IConsumer<ProbeClip>
{
    public Task Consume(ConsumeContext<ProbeClip> context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return runner.RunAsync(context.Message.AssetId, stage, context.CancellationToken);
    }
}

public sealed class ProbeClipConsumerDefinition(IOptions<PipelineOptions> options) : StageConsumerDefinition<ProbeClipConsumer>(options, media: false);
