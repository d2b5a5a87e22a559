using MassTransit;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Mam.Workers.Pipeline.Registry;

/// <summary>Handlers and consumers derive from <see cref="StageRegistry"/>; nothing here names a stage.</summary>
public static class StageRegistrations
{
    public static IServiceCollection AddStageHandlers(this IServiceCollection services)
    {
        foreach (var handler in StageRegistry.Handlers)
        {
            services.TryAddScoped(handler);
        }
        return services;
    }

    public static void AddStageConsumers(this IBusRegistrationConfigurator bus)
    {
        ArgumentNullException.ThrowIfNull(bus);
        foreach (var handler in StageRegistry.Handlers)
        {
            bus.AddConsumer(typeof(StageConsumer<>).MakeGenericType(handler), typeof(StageConsumerDefinition<>).MakeGenericType(handler));
        }
    }
}
