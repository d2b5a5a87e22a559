using System.Globalization;
using Mam.Search;

namespace Mam.Api.Search;

/// <summary>Reads the filter query parameters, refusing values that cannot mean anything with a
/// message that names the parameter (a 400, never a 500 from a failed bind).</summary>
internal static class SearchParameters
{
    private static readonly string[] DateFormats = ["yyyy-MM-dd"];

    /// <exception cref="SearchQueryException">A date or flag the API cannot read.</exception>
    public static SearchFilter Filter(
        string? project, string? card, string? camera, string? from, string? to,
        string? codec, string? resolution, string[]? tag, string? hasFaces, string? qc) => new()
        {
            Project = project,
            Card = card,
            Camera = camera,
            Codec = codec,
            Resolution = resolution,
            RecordedFrom = Instant(from, "from", endOfDay: false),
            RecordedBefore = Instant(to, "to", endOfDay: true),
            Tags = tag ?? [],
            HasFaces = Flag(hasFaces),
            QcStatus = qc,
        };

    /// <summary>A date means the whole day (UTC): from=2026-11-21 starts at its midnight, to=2026-11-21
    /// ends at the next one. A date and time is an instant, and "to" includes it (to the millisecond,
    /// the finest both engines keep).</summary>
    private static DateTime? Instant(string? text, string name, bool endOfDay)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        text = text.Trim();
        if (DateTime.TryParseExact(text, DateFormats, CultureInfo.InvariantCulture,
                DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var day))
        {
            return endOfDay ? Later(day, TimeSpan.FromDays(1), name) : day;
        }

        if (text.Contains('T', StringComparison.Ordinal)
            && DateTime.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var instant))
        {
            return endOfDay ? Later(instant, TimeSpan.FromMilliseconds(1), name) : instant;
        }

        throw new SearchQueryException(
            $"'{name}' must be an ISO date (2026-11-21) or date and time (2026-11-21T14:30:00Z).");
    }

    private static DateTime Later(DateTime value, TimeSpan by, string name) =>
        value <= DateTime.MaxValue - by
            ? value + by
            : throw new SearchQueryException($"'{name}' is beyond the last date this search can compare.");

    private static bool? Flag(string? text) => text?.Trim().ToUpperInvariant() switch
    {
        null or "" => null,
        "TRUE" or "1" or "YES" => true,
        "FALSE" or "0" or "NO" => false,
        _ => throw new SearchQueryException("'hasFaces' must be true or false."),
    };
}
