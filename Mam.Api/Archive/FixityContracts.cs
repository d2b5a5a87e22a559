using Mam.Catalog.Entities.Archive;

namespace Mam.Api.Archive;

/// <summary>Body of <c>POST /api/fixity/audits</c>: at most one of project, card or asset (none: every
/// project, for server administrators), and why.</summary>
public sealed record FixityAuditRequest(string? Project, Guid? Card, Guid? Asset, string? Reason);

/// <summary>An audit's progress, and when it has ended its report and its one alert.</summary>
public sealed record FixityAuditView(
    Guid Id, string Url, string Scope, string RequestedBy, string? Reason, DateTime RequestedAt, DateTime? StartedAt, DateTime? FinishedAt,
    string Status, int Planned, int Checked, int Intact, int Damaged, int Missing, int Repaired, long BytesRead, string? Alert)
{
    public static FixityAuditView Of(FixityAudit a) => new(
        a.Id, $"/api/fixity/audits/{a.Id}", a.Scope, a.RequestedBy, a.Reason, a.RequestedAt, a.StartedAt, a.FinishedAt,
        a.Status.ToString().ToLowerInvariant(), a.Planned, a.Checked, a.Intact, a.Damaged, a.Missing, a.Repaired, a.BytesRead, a.Alert);
}
