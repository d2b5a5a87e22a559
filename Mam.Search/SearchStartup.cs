using Microsoft.Extensions.DependencyInjection;

namespace Mam.Search;

public static class SearchStartup
{
    /// <summary>Creates the index's tables at start-up, before the first stage or query needs them.</summary>
    public static Task EnsureSearchIndexAsync(this IServiceProvider services, CancellationToken cancellationToken) =>
        services.GetRequiredService<ISearchIndex>().EnsureCreatedAsync(cancellationToken);
}
