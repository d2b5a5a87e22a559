using System.Globalization;

namespace Mam.Search;

/// <summary>A request checked and normalised once, before any engine sees it: every engine refuses
/// the same requests with the same words, and compares filters with values cleaned the way indexed
/// values are.</summary>
public sealed record SearchPlan(UserQuery Query, SearchFilter Filter, int Limit)
{
    public const int MaxTags = 20;

    public const int MaxFilterValueLength = 256;

    /// <summary>Nothing to search for, but filters: list the clips that pass them.</summary>
    public bool IsBrowse => Query.IsEmpty;

    /// <exception cref="SearchQueryException">Limit out of range, query unusable, no query and no
    /// filter, or a filter value that cannot match anything sensible.</exception>
    public static SearchPlan For(SearchRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.Limit is < 1 or > SearchLimits.MaxLimit)
        {
            throw new SearchQueryException(string.Create(
                CultureInfo.InvariantCulture, $"The result limit must be between 1 and {SearchLimits.MaxLimit}."));
        }

        var query = UserQuery.Parse(request.Query);
        var filter = Normalise(request.Filter ?? new SearchFilter());
        if (query.IsEmpty && filter.IsEmpty)
        {
            throw new SearchQueryException(UserQuery.NoTermsMessage);
        }

        return new SearchPlan(query, filter, request.Limit);
    }

    private static SearchFilter Normalise(SearchFilter filter)
    {
        if (filter.RecordedFrom is { } from && filter.RecordedBefore is { } before && DocumentRules.Utc(from) >= DocumentRules.Utc(before))
        {
            throw new SearchQueryException("The date range is empty: 'from' must be before 'to'.");
        }

        var tags = (filter.Tags ?? []).Select(Value).OfType<string>().Distinct(StringComparer.Ordinal).ToList();
        if (tags.Count > MaxTags)
        {
            throw new SearchQueryException(string.Create(CultureInfo.InvariantCulture, $"Filter by at most {MaxTags} tags at once."));
        }

        var qc = Value(filter.QcStatus)?.ToLowerInvariant();
        if (qc is not null && !QcStatuses.All.Contains(qc, StringComparer.Ordinal))
        {
            throw new SearchQueryException($"Unknown QC status '{qc}'; use one of {string.Join(", ", QcStatuses.All)}.");
        }

        return new SearchFilter
        {
            Project = Value(filter.Project),
            Card = Value(filter.Card),
            Camera = Value(filter.Camera),
            Codec = Value(filter.Codec),
            Resolution = Value(filter.Resolution),
            RecordedFrom = DocumentRules.Utc(filter.RecordedFrom),
            RecordedBefore = DocumentRules.Utc(filter.RecordedBefore),
            Tags = tags,
            HasFaces = filter.HasFaces,
            QcStatus = qc,
            VisibleProjects = filter.VisibleProjects?.Select(DocumentRules.Field).OfType<string>().Distinct(StringComparer.Ordinal).ToList(),
        };
    }

    private static string? Value(string? value)
    {
        var cleaned = DocumentRules.Field(value);
        if (cleaned is { Length: > MaxFilterValueLength })
        {
            throw new SearchQueryException(string.Create(CultureInfo.InvariantCulture,
                $"A filter value is too long ({cleaned.Length} characters); use at most {MaxFilterValueLength}."));
        }

        return cleaned;
    }
}
