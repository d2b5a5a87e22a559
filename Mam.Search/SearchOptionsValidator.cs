using Mam.Search.Elasticsearch;
using Microsoft.Extensions.Options;

namespace Mam.Search;

/// <summary>Rules DataAnnotations cannot express: what is required depends on <see cref="SearchOptions.Provider"/>.</summary>
public sealed class SearchOptionsValidator(IOptions<ElasticsearchOptions> elasticsearch) : IValidateOptions<SearchOptions>
{
    public ValidateOptionsResult Validate(string? name, SearchOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);

        if (options.Provider == SearchProvider.Sqlite && string.IsNullOrWhiteSpace(options.SqlitePath))
        {
            return ValidateOptionsResult.Fail(
                $"{SearchOptions.SectionName}:{nameof(SearchOptions.SqlitePath)} is required when " +
                $"{SearchOptions.SectionName}:{nameof(SearchOptions.Provider)} is {nameof(SearchProvider.Sqlite)}.");
        }

        if (options.Provider == SearchProvider.Elasticsearch)
        {
            string? url;
            try
            {
                url = elasticsearch.Value.Url;
            }
            catch (OptionsValidationException)
            {
                // "Search:Elasticsearch" is invalid on its own; its validation already says how, once.
                return ValidateOptionsResult.Success;
            }


            if (string.IsNullOrWhiteSpace(url)
                || !Uri.TryCreate(url, UriKind.Absolute, out var uri)
                || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
            {
                return ValidateOptionsResult.Fail(
                    $"{ElasticsearchOptions.SectionName}:{nameof(ElasticsearchOptions.Url)} must be an http(s) URL such as " +
                    $"http://search:9200 when {SearchOptions.SectionName}:{nameof(SearchOptions.Provider)} is {nameof(SearchProvider.Elasticsearch)}.");
            }
        }

        return ValidateOptionsResult.Success;
    }
}
