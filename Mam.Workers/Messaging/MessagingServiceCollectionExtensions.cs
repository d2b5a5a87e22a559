using Mam.Core.Pipeline;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;

namespace Mam.Workers.Messaging;

public static class MessagingServiceCollectionExtensions
{
    /// <summary>The message bus. Embedded mode: MassTransit's in-memory transport, with the workers'
    /// consumers in the same process (RabbitMQ comes as a second transport behind this switch).</summary>
    public static IServiceCollection AddMamMessaging(this IServiceCollection services, bool hostWorkers)
    {
        services.AddScoped<StageDispatcher>();
        services.AddMassTransit(bus =>
        {
            bus.SetKebabCaseEndpointNameFormatter();
            if (hostWorkers)
            {
                bus.AddMamConsumers();
            }
            bus.UsingInMemory((context, transport) => transport.ConfigureEndpoints(context));
        });
        return services;
    }
}
