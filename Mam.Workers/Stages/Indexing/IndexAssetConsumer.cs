using Mam.Contracts.Messages;
using Mam.Workers.Pipeline;
using MassTransit;
using Microsoft.Extensions.Options;

namespace Mam.Workers.Stages.Indexing;

public sealed class IndexAssetConsumer(StageRunner runner, IndexStage stage) : IConsumer<IndexAsset>
{
    public Task Consume(ConsumeContext<IndexAsset> context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return runner.RunAsync(context.Message.AssetId, stage, context.CancellationToken);
    }
}

public sealed class IndexAssetConsumerDefinition(IOptions<PipelineOptions> options) : StageConsumerDefinition<IndexAssetConsumer>(options, media: false);
