using Microsoft.Extensions.Options;

namespace Mam.Search;

/// <summary>Rules DataAnnotations cannot express: what is required depends on <see cref="SearchOptions.Provider"/>.</summary>
public sealed class SearchOptionsValidator : IValidateOptions<SearchOptions>
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

        return ValidateOptionsResult.Success;
    }
}
