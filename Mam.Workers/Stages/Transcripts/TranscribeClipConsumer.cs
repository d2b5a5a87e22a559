using Mam.Contracts.Messages;
using Mam.Workers.Pipeline;
using MassTransit;
using Microsoft.Extensions.Options;

namespace Mam.Workers.Stages.Transcripts;

public sealed class TranscribeClipConsumer(StageRunner runner, TranscribeStage stage) : IConsumer<TranscribeClip>
{
    public Task Consume(ConsumeContext<TranscribeClip> context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return runner.RunAsync(context.Message.AssetId, stage, context.CancellationToken);
    }
}

public sealed class TranscribeClipConsumerDefinition(IOptions<PipelineOptions> options) : StageConsumerDefinition<TranscribeClipConsumer>(options, media: true);
