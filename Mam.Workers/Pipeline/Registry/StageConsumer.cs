using MassTransit;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Mam.Workers.Pipeline.Registry;

/// <summary>The one consumer of stage commands, closed over each handler the registry declares.</summary>
public sealed class StageConsumer<THandler>(StageRunner runner, THandler handler, ILogger<StageConsumer<THandler>> logger)
    : IConsumer<RunStage<THandler>>
    where THandler : class, IPipelineStage
{
    public Task Consume(ConsumeContext<RunStage<THandler>> context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var stage = StageRegistry.Find(context.Message.Stage);
        if (stage is null || stage.Handler != typeof(THandler))
        {
            // Sent by a build that declared a stage this one does not (a rolling upgrade): the catalog
            // row stays as it is; nothing to do here.
            logger.LogWarning("Ignored a command for stage '{Stage}', which this build does not run with {Handler}", context.Message.Stage, typeof(THandler).Name);
            return Task.CompletedTask;
        }
        return runner.RunAsync(context.Message.AssetId, stage.Name, handler, context.CancellationToken);
    }
}

/// <summary>A queue per handler (stage-probe, stage-proxy…), its concurrency from the stages' weight,
/// and a broker prefetch to match: a worker should not hoard hour-long proxy jobs that another idle
/// worker could be running.</summary>
public sealed class StageConsumerDefinition<THandler> : ConsumerDefinition<StageConsumer<THandler>>
    where THandler : class, IPipelineStage
{
    public StageConsumerDefinition(IOptions<PipelineOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        EndpointName = StageRegistry.QueueOf(typeof(THandler));
        var media = StageRegistry.All.Any(s => s.Handler == typeof(THandler) && s.Weight == StageWeight.Media);
        ConcurrentMessageLimit = media ? options.Value.MediaConcurrency : options.Value.LightConcurrency;
    }

    protected override void ConfigureConsumer(IReceiveEndpointConfigurator endpointConfigurator, IConsumerConfigurator<StageConsumer<THandler>> consumerConfigurator, IRegistrationContext context)
    {
        ArgumentNullException.ThrowIfNull(endpointConfigurator);
        if (endpointConfigurator is IRabbitMqReceiveEndpointConfigurator rabbit)
        {
            rabbit.PrefetchCount = ConcurrentMessageLimit ?? 1;
        }
    }
}
