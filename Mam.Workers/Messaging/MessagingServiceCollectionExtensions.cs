using Mam.Workers.Pipeline;
using MassTransit;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Mam.Workers.Messaging;

public static class MessagingServiceCollectionExtensions
{
    /// <summary>The message bus: MassTransit over the in-memory transport (embedded) or RabbitMQ
    /// (Messaging:Transport). With <paramref name="hostWorkers"/> this process also consumes.</summary>
    public static IServiceCollection AddMamMessaging(this IServiceCollection services, IConfiguration configuration, bool hostWorkers)
    {
        services.AddOptions<MessagingOptions>().Bind(configuration.GetSection(MessagingOptions.Section)).ValidateDataAnnotations().ValidateOnStart();
        var options = configuration.GetSection(MessagingOptions.Section).Get<MessagingOptions>() ?? new MessagingOptions();

        services.AddScoped<StageDispatcher>();
        services.AddMassTransit(bus =>
        {
            // MassTransit 8 otherwise reports usage (versions, endpoints, time zone, cloud region) to its
            // vendor over HTTPS after start and at shutdown. A self-hosted MAM calls nobody home.
            bus.DisableUsageTelemetry();
            bus.SetKebabCaseEndpointNameFormatter();
            if (hostWorkers)
            {
                bus.AddMamConsumers();
            }

            if (options.Transport == MessageTransport.RabbitMq)
            {
                if (options.RabbitMq.QuorumQueues)
                {
                    bus.AddConfigureEndpointsCallback((_, _, endpoint) =>
                    {
                        if (endpoint is IRabbitMqReceiveEndpointConfigurator rabbit)
                        {
                            rabbit.SetQuorumQueue();
                        }
                    });
                }
                bus.UsingRabbitMq((context, transport) =>
                {
                    var rabbit = context.GetRequiredService<IOptions<MessagingOptions>>().Value.RabbitMq;
                    transport.Host(rabbit.Host, (ushort)rabbit.Port, rabbit.VirtualHost, h =>
                    {
                        h.Username(rabbit.Username);
                        h.Password(rabbit.Password);
                        // A publish counts only once the broker has it on disk.
                        h.PublisherConfirmation = true;
                        h.RequestedConnectionTimeout(TimeSpan.FromSeconds(10));
                    });
                    ConfigureRetries(transport);
                    transport.ConfigureEndpoints(context);
                });
            }
            else
            {
                bus.UsingInMemory((context, transport) =>
                {
                    ConfigureRetries(transport);
                    transport.ConfigureEndpoints(context);
                });
            }
        });
        return services;
    }

    /// <summary>Stage failures are recorded by the runner, not thrown; what reaches here is the
    /// catalog or broker being briefly unreachable. Retry with backoff, then the error queue — and
    /// the reconciler re-publishes from the catalog anyway.</summary>
    private static void ConfigureRetries(IBusFactoryConfigurator transport) =>
        transport.UseMessageRetry(r => r.Exponential(5, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(30), TimeSpan.FromSeconds(3)));
}
