namespace Mam.Api.Review.Gates;

/// <summary>Body of <c>PUT /api/projects/{project}/stages</c>: the stages in order, each with its rule
/// ("all" or "any") and the people (user names) who hold approval authority there.</summary>
public sealed record StagesRequest(IReadOnlyList<StageRequest>? Stages);

public sealed record StageRequest(string? Name, string? Rule, IReadOnlyList<string>? Approvers);

public sealed record StageView(int Order, string Name, string Rule, IReadOnlyList<PersonRef> Approvers);

public sealed record PersonRef(Guid Id, string UserName, string Name);

/// <summary>Where a cut stands: its stage, what each approver decided on the latest version there,
/// and whether the gate to the next stage is open.</summary>
public sealed record GateView(
    Guid Stack, int LatestVersion, string? Stage, string? Next, string? Rule, IReadOnlyList<ApproverState> Approvers, bool Open, string Why,
    string? AdvancedBy, DateTime? AdvancedAt);

public sealed record ApproverState(string UserName, string Name, string? Decision, DateTime? At);
