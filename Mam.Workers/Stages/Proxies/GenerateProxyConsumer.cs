using Mam.Contracts.Messages;
using Mam.Workers.Pipeline;
using MassTransit;
using Microsoft.Extensions.Options;

namespace Mam.Workers.Stages.Proxies;

public sealed class GenerateProxyConsumer(StageRunner runner, ProxyStage stage) : IConsumer<GenerateProxy>
{
    public Task Consume(ConsumeContext<GenerateProxy> context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return runner.RunAsync(context.Message.AssetId, stage, context.CancellationToken);
    }
}

public sealed class GenerateProxyConsumerDefinition(IOptions<PipelineOptions> options) : StageConsumerDefinition<GenerateProxyConsumer>(options, media: true);
