using Mam.Api.Problems;

namespace Mam.Api.Security;

/// <summary>Endpoint filter for every write: the X-Api-Key header must carry the server's key.</summary>
public sealed class RequireApiKeyFilter(ApiKeyStore keys) : IEndpointFilter
{
    public const string Header = "X-Api-Key";

    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(next);
        return keys.Matches(context.HttpContext.Request.Headers[Header].ToString())
            ? await next(context).ConfigureAwait(false)
            : ApiProblems.Unauthorized();
    }
}

public static class ApiKeyEndpointExtensions
{
    public static TBuilder RequireApiKey<TBuilder>(this TBuilder builder) where TBuilder : IEndpointConventionBuilder =>
        builder.AddEndpointFilter<TBuilder, RequireApiKeyFilter>();
}
