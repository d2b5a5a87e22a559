using System.Text.RegularExpressions;
using Mam.Catalog.Entities;

namespace Mam.Api.Audit;

/// <param name="Next">The following page's URL, or null on the last page.</param>
public sealed record AuditPage(IReadOnlyList<AuditEventView> Events, string? Next);

public sealed record AuditEventView(
    long Id, DateTime At, string ActorId, string ActorName, string? ClientAddress, string Action, string? Project, Guid? AssetId,
    string? Detail, string Result, int? Status, long? Bytes, double? Seconds)
{
    public static AuditEventView Of(AuditEvent e)
    {
        ArgumentNullException.ThrowIfNull(e);
        return new(e.Id, DateTime.SpecifyKind(e.At, DateTimeKind.Utc), e.ActorId, e.ActorName, e.ClientAddress, e.Action, e.Project, e.AssetId,
            e.Detail, e.Result, e.Status, e.Bytes, e.Seconds);
    }
}

/// <summary>Seconds of a clip watched on its page since its last report.</summary>
/// <param name="View">The page's id for this opening of the clip (it sent it with GET /api/assets/{id}?view=).</param>
public sealed partial record WatchedReport(string? View, double Seconds)
{
    /// <summary>A report covers 15 s of playing; a throttled background tab may send a late one.</summary>
    public const double MaxSeconds = 300;

    public string? Problem() =>
        !IsViewId(View) ? "\"view\" must be the page's view id: 1 to 64 letters, digits or dashes."
        : !double.IsFinite(Seconds) || Seconds <= 0 || Seconds > MaxSeconds ? $"\"seconds\" must be more than 0 and at most {MaxSeconds}."
        : null;

    public static bool IsViewId(string? view) => view is not null && ViewId().IsMatch(view);

    [GeneratedRegex("^[A-Za-z0-9-]{1,64}$")]
    private static partial Regex ViewId();
}
