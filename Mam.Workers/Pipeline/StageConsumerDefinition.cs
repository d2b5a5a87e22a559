using MassTransit;
using Microsoft.Extensions.Options;

namespace Mam.Workers.Pipeline;

/// <summary>Concurrency of a stage's consumer, and a broker prefetch to match: a worker should not
/// hoard hour-long proxy jobs that another idle worker could be running.</summary>
public abstract class StageConsumerDefinition<TConsumer> : ConsumerDefinition<TConsumer>
    where TConsumer : class, IConsumer
{
    protected StageConsumerDefinition(IOptions<PipelineOptions> options, bool media)
    {
        ArgumentNullException.ThrowIfNull(options);
        ConcurrentMessageLimit = media ? options.Value.MediaConcurrency : options.Value.LightConcurrency;
    }

    protected override void ConfigureConsumer(IReceiveEndpointConfigurator endpointConfigurator, IConsumerConfigurator<TConsumer> consumerConfigurator, IRegistrationContext context)
    {
        ArgumentNullException.ThrowIfNull(endpointConfigurator);
        if (endpointConfigurator is IRabbitMqReceiveEndpointConfigurator rabbit)
        {
            rabbit.PrefetchCount = ConcurrentMessageLimit ?? 1;
        }
    }
}
