using Mam.Api.Review.Activity;

namespace Mam.Api.Review.Dashboard;

/// <summary>Everything review-related across the projects the caller may read. <paramref name="Pending"/> holds every
/// project's approvals still to give, the caller's own first.</summary>
public sealed record DashboardView(IReadOnlyList<PendingApprovalView> Pending, IReadOnlyList<ProjectDashboardView> Projects);

/// <param name="CutsShown">Cuts are listed up to <see cref="DashboardEndpoints.MaxCuts"/>; <paramref name="Cuts"/> says how many there are.</param>
public sealed record ProjectDashboardView(
    string Name, IReadOnlyList<StageCountView> Stages, int Cuts, IReadOnlyList<CutView> CutsShown, IReadOnlyList<PendingApprovalView> Pending,
    IReadOnlyList<ProjectEventView> Recent, int FailingQc, IReadOnlyList<QcFailureView> FailingQcShown, string StagesUrl);

/// <summary>A stage of the project and how many of its cuts stand there.</summary>
public sealed record StageCountView(string Name, string Rule, int Cuts);

/// <summary>Where one cut (a version stack) stands: its latest version, stage, gate and lock.</summary>
public sealed record CutView(Guid Stack, Guid AssetId, string ClipName, int Version, string? Stage, bool Open, string Why, bool Locked, IReadOnlyList<string> StillToApprove, string ClipUrl);

/// <summary>A cut waiting for approvals at its stage. <paramref name="ForYou"/>: the caller is one of those it waits on.</summary>
public sealed record PendingApprovalView(string Project, Guid AssetId, string ClipName, int Version, string Stage, string Rule, IReadOnlyList<string> Waiting, bool ForYou, string ClipUrl);

public sealed record QcFailureView(Guid AssetId, string ClipName, IReadOnlyList<string> Findings, string ClipUrl);
