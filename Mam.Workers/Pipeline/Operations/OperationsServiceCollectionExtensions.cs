using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Mam.Workers.Pipeline.Operations;

public static class OperationsServiceCollectionExtensions
{
    /// <summary>Re-runs and rebuilds (<see cref="PipelineOperations"/>), and the job that goes through a
    /// card or project. Needs the catalog, object storage, the bus (for dispatch) and the job store.</summary>
    public static IServiceCollection AddPipelineOperations(this IServiceCollection services)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddScoped<MissingRenditions>();
        services.TryAddScoped<OperationBatches>();
        services.TryAddScoped<PipelineOperationJob>();
        services.TryAddScoped<PipelineOperations>();
        services.TryAddScoped<RenditionRepairs>();
        return services;
    }
}
