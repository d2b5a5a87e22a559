using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Mam.Workers.Pipeline.Operations;

public static class OperationsServiceCollectionExtensions
{
    /// <summary>Re-runs, rebuilds and re-indexes (<see cref="PipelineOperations"/>), and the job that goes
    /// through a card or project. Needs the catalog, object storage, the bus (for dispatch), the job store
    /// and the re-index jobs (AddSearchReindexJobs).</summary>
    public static IServiceCollection AddPipelineOperations(this IServiceCollection services)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddScoped<MissingRenditions>();
        services.TryAddSingleton<OperationRecords>();
        services.TryAddScoped<OperationBatches>();
        services.TryAddScoped<PipelineOperationJob>();
        services.TryAddScoped<PipelineOperations>();
        services.TryAddScoped<RenditionRepairs>();
        return services;
    }
}
