using System.Globalization;
using System.Security.Cryptography;
using System.Text.Json.Nodes;
using Mam.Api.Audit;
using Mam.Api.Problems;
using Mam.Api.Security.Access;
using Mam.Catalog;
using Mam.Catalog.Entities;
using Mam.Catalog.Entities.Review;
using Mam.Catalog.Model;
using Mam.Storage;
using Mam.Workers.Audit;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Mam.Api.Review.Approvals;

/// <summary>Version stacks and approvals. An approval is given on the latest version only, and yields a
/// certificate signed by the server binding the reviewer, the decision, the time, the version, the
/// proxy watched (SHA-256) and the master's on-set xxh64; it goes stale when a later version's master
/// differs.</summary>
public static class ApprovalEndpoints
{
    public const string CertificateMediaType = "application/jose";

    public static IEndpointRouteBuilder MapApprovalEndpoints(this IEndpointRouteBuilder app)
    {
        var read = app.MapGroup("/api/assets/{id:guid}").WithTags("Review").RequireAssetRight(Right.Read);
        read.MapGet("/versions", VersionsAsync).WithSummary("The clip's version stack, oldest first, each with its approvals (stale ones marked)");
        read.MapGet("/approvals", ApprovalsAsync).WithSummary("The approvals given on this version");

        var review = app.MapGroup("/api/assets/{id:guid}").WithTags("Review").RequireAssetRight(Right.Review);
        review.MapPost("/versions", AddVersionAsync).Audited(AuditActions.Comment)
            .WithSummary("Add another clip of the project as the next version of this one's stack");
        review.MapPost("/approvals", ApproveAsync).Audited(AuditActions.Approve)
            .WithSummary("Approve, approve with changes, or reject the latest version: answers the approval and its signed certificate's URL");

        var approvals = app.MapGroup("/api/approvals").WithTags("Review");
        approvals.MapGet("/{approvalId:guid}/certificate", CertificateAsync).RequireAuthorization(Policies.Read)
            .WithSummary("The approval's certificate: a compact JWS (RS256) to verify offline with the signing key (README, \"Approvals\")");
        approvals.MapGet("/{approvalId:guid}/check", CheckAsync).RequireAuthorization(Policies.Read)
            .WithSummary("Checks the certificate's signature, and that the master it names is still the clip's and no later version replaced it");
        approvals.MapGet("/signing-key.pem", SigningKeyAsync).RequireAuthorization(Policies.SignedIn)
            .WithSummary("The public key certificates are signed with now (PEM); ?kid= for an older one");
        return app;
    }

    private static async Task<Results<Ok<VersionStackView>, ProblemHttpResult>> VersionsAsync(Guid id, IDbContextFactory<CatalogDbContext> catalog, CancellationToken cancellationToken)
    {
        await using var db = await catalog.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        var (stack, versions) = await VersionStacks.OfAsync(db, id, cancellationToken).ConfigureAwait(false);
        if (versions.Count == 0)
        {
            return ApiProblems.NotFound($"There is no asset {id}.");
        }
        var approvals = await db.Approvals.AsNoTracking().Where(a => a.StackId == stack).OrderBy(a => a.At).ToListAsync(cancellationToken).ConfigureAwait(false);
        var latest = versions.Max(v => v.Number);
        var gate = await db.StackGates.AsNoTracking().SingleOrDefaultAsync(g => g.StackId == stack, cancellationToken).ConfigureAwait(false);
        return TypedResults.Ok(new VersionStackView(stack, latest, versions.Select(v => new VersionView(v.Number, v.AssetId, v.ClipName, v.AddedBy, v.AddedAt, v.Number == latest, v.MasterXxh64,
            approvals.Where(a => a.AssetId == v.AssetId).Select(a => View(a, versions)).ToList(), gate?.LockedVersion == v.Number)).ToList(), VersionLocks.View(gate, versions)));
    }

    private static async Task<Results<Ok<List<ApprovalView>>, ProblemHttpResult>> ApprovalsAsync(Guid id, IDbContextFactory<CatalogDbContext> catalog, CancellationToken cancellationToken)
    {
        await using var db = await catalog.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        var (_, versions) = await VersionStacks.OfAsync(db, id, cancellationToken).ConfigureAwait(false);
        if (versions.Count == 0)
        {
            return ApiProblems.NotFound($"There is no asset {id}.");
        }
        var approvals = await db.Approvals.AsNoTracking().Where(a => a.AssetId == id).OrderBy(a => a.At).ToListAsync(cancellationToken).ConfigureAwait(false);
        return TypedResults.Ok(approvals.Select(a => View(a, versions)).ToList());
    }

    private static async Task<Results<Created<VersionStackView>, ProblemHttpResult>> AddVersionAsync(
        Guid id, AddVersionRequest request, HttpContext http, Callers callers, ProjectGuard guard, IDbContextFactory<CatalogDbContext> catalog, Activity.ProjectActivity activity, TimeProvider clock,
        CancellationToken cancellationToken)
    {
        if (request.Asset is not { } newer)
        {
            return ApiProblems.Invalid("asset: name the clip that is the next version.");
        }
        if (newer == id)
        {
            return ApiProblems.Invalid("A clip cannot be a version of itself.");
        }
        if (await guard.CheckAssetAsync(newer, Right.Review, cancellationToken).ConfigureAwait(false) is { } refused)
        {
            return refused;
        }
        if (await guard.ProjectOfAssetAsync(newer, cancellationToken).ConfigureAwait(false) != await guard.ProjectOfAssetAsync(id, cancellationToken).ConfigureAwait(false))
        {
            return ApiProblems.Invalid("The versions of a stack belong to one project; that clip is in another.");
        }
        await using var db = await catalog.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        if (await db.AssetVersions.AsNoTracking().SingleOrDefaultAsync(v => v.AssetId == newer, cancellationToken).ConfigureAwait(false) is { } placed)
        {
            return ApiProblems.Conflict(string.Create(CultureInfo.InvariantCulture, $"That clip is already version {placed.Number} of a stack."));
        }
        if (await db.Approvals.AnyAsync(a => a.StackId == newer, cancellationToken).ConfigureAwait(false))
        {
            return ApiProblems.Conflict("That clip already has approvals of its own; it cannot become a later version of another.");
        }
        var caller = (await callers.OfAsync(http, cancellationToken).ConfigureAwait(false))!;
        var now = clock.GetUtcNow().UtcDateTime;
        var (stack, versions) = await VersionStacks.OfAsync(db, id, cancellationToken).ConfigureAwait(false);
        if (await VersionLocks.LockedGateAsync(db, stack, cancellationToken).ConfigureAwait(false) is { } locked)
        {
            return VersionLocks.Refusal(locked, versions, "No version can be added to this stack");
        }
        if (!await db.AssetVersions.AnyAsync(v => v.AssetId == id, cancellationToken).ConfigureAwait(false))
        {
            db.AssetVersions.Add(new AssetVersion { AssetId = id, StackId = stack, Number = 1, AddedBy = caller.Name, AddedAt = now });
        }
        var number = versions.Max(v => v.Number) + 1;
        db.AssetVersions.Add(new AssetVersion { AssetId = newer, StackId = stack, Number = number, AddedBy = caller.Name, AddedAt = now });
        try
        {
            await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (DbUpdateException)
        {
            return ApiProblems.Conflict("Someone added a version to this stack at the same moment; look at the stack and try again.");
        }
        await ApprovalRequests.AnnounceNewVersionAsync(db, activity, newer, number, caller.Name, cancellationToken).ConfigureAwait(false);
        if (http.Audit() is { } audit)
        {
            audit.AssetId = newer;
            audit.Detail = string.Create(CultureInfo.InvariantCulture, $"added as version {number} of stack {stack}");
        }
        var view = (await VersionsAsync(id, catalog, cancellationToken).ConfigureAwait(false)).Result as Ok<VersionStackView>;
        return TypedResults.Created($"/api/assets/{newer}/versions", view!.Value);
    }

    private static async Task<Results<Created<ApprovalView>, ProblemHttpResult>> ApproveAsync(
        Guid id, ApprovalRequest request, HttpContext http, Callers callers, IDbContextFactory<CatalogDbContext> catalog, IObjectStore store,
        ApprovalSigner signer, Activity.ProjectActivity activity, TimeProvider clock, CancellationToken cancellationToken)
    {
        var caller = (await callers.OfAsync(http, cancellationToken).ConfigureAwait(false))!;
        var (view, problem) = await DecideAsync(id, request, ApprovalReviewer.Member(caller.PersonId, caller.Name), http, catalog, store, signer, activity, clock, cancellationToken)
            .ConfigureAwait(false);
        return view is not null ? TypedResults.Created(view.CertificateUrl, view) : problem!;
    }

    /// <summary>One decision on the latest version, by a member or by a guest of a share link: the same
    /// rules and messages for both. Only a member can hold a stage's approval authority; a guest's
    /// decision is recorded and certified but counts at no gate.</summary>
    internal static async Task<(ApprovalView? View, ProblemHttpResult? Problem)> DecideAsync(
        Guid id, ApprovalRequest request, ApprovalReviewer reviewer, HttpContext http, IDbContextFactory<CatalogDbContext> catalog, IObjectStore store,
        ApprovalSigner signer, Activity.ProjectActivity activity, TimeProvider clock, CancellationToken cancellationToken)
    {
        if (!TryDecision(request.Decision, out var decision))
        {
            return (null, ApiProblems.Invalid("decision must be approved, approved-with-changes or rejected."));
        }
        var note = string.IsNullOrWhiteSpace(request.Note) ? null : request.Note.Trim();
        if (note is { Length: > ReviewLimits.Text })
        {
            return (null, ApiProblems.Invalid($"A note may be at most {ReviewLimits.Text:N0} characters."));
        }
        if (decision != ApprovalDecision.Approved && note is null)
        {
            return (null, ApiProblems.Invalid("Say what has to change: a note is needed to approve with changes or to reject."));
        }
        await using var db = await catalog.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        var (stack, versions) = await VersionStacks.OfAsync(db, id, cancellationToken).ConfigureAwait(false);
        var version = versions.SingleOrDefault(v => v.AssetId == id);
        if (version is null)
        {
            return (null, ApiProblems.NotFound($"There is no asset {id}."));
        }
        var latest = versions.MaxBy(v => v.Number)!;
        if (latest.AssetId != id)
        {
            return (null, ApiProblems.Make("not-latest-version", "Only the latest version can be approved.",
                string.Create(CultureInfo.InvariantCulture, $"{version.ClipName} is version {version.Number}; the latest is version {latest.Number} ({latest.ClipName}). Review and approve that one."),
                StatusCodes.Status409Conflict));
        }
        if (await VersionLocks.LockedGateAsync(db, stack, cancellationToken).ConfigureAwait(false) is { } locked)
        {
            return (null, VersionLocks.Refusal(locked, versions, "No approval can be given or taken back on it"));
        }
        // Where the project has stages, only the current stage's approvers decide.
        var gate = await Gates.ReviewGates.OfAsync(db, id, cancellationToken).ConfigureAwait(false);
        if (reviewer.PersonId is { } person && gate?.Stage is { } stage && !stage.Approvers.Contains(person))
        {
            return (null, ApiProblems.Make("not-an-approver", "You do not hold approval authority at this stage.",
                $"{version.ClipName} is at '{stage.Name}', where the approvers are {string.Join(", ", gate.Approvers.Select(a => a.Name))}.", StatusCodes.Status403Forbidden));
        }
        var proxy = await ProxySha256Async(db, store, id, cancellationToken).ConfigureAwait(false);
        var now = clock.GetUtcNow().UtcDateTime;
        var approval = new Approval
        {
            Id = Guid.NewGuid(),
            AssetId = id,
            StackId = stack,
            Version = version.Number,
            PersonId = reviewer.PersonId,
            Reviewer = reviewer.Name,
            GuestEmail = reviewer.GuestEmail,
            ShareLinkId = reviewer.ShareLinkId,
            Decision = decision,
            Note = note,
            At = now,
            Stage = gate?.Stage?.Name,
            MasterPath = version.MasterPath,
            MasterXxh64 = version.MasterXxh64,
            MasterSha256 = version.MasterSha256,
            ProxySha256 = proxy,
            Certificate = "",
            KeyId = "",
        };
        var project = await db.Assets.AsNoTracking().Where(a => a.Id == id).Select(a => a.Card!.Project!.Name).SingleAsync(cancellationToken).ConfigureAwait(false);
        approval.Certificate = await signer.SignAsync(Claims(approval, reviewer, version, project, http), cancellationToken).ConfigureAwait(false);
        approval.KeyId = ApprovalSigner.KeyIdOf(approval.Certificate);
        db.Approvals.Add(approval);
        var projectId = await db.Assets.AsNoTracking().Where(a => a.Id == id).Select(a => a.Card!.ProjectId).SingleAsync(cancellationToken).ConfigureAwait(false);
        await activity.AddAsync(db, projectId, "approval", id, reviewer.Name,
            string.Create(CultureInfo.InvariantCulture, $"{reviewer.Name}: {Words(decision)} version {version.Number} of {version.ClipName}{(approval.Stage is null ? "" : $" at '{approval.Stage}'")}{(note is null ? "" : $": {note}")}"),
            cancellationToken).ConfigureAwait(false);
        await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        if (http.Audit() is { } audit)
        {
            audit.AssetId = id;
            audit.Project = project;
            audit.Detail = string.Create(CultureInfo.InvariantCulture, $"{Words(decision)} version {version.Number} of {version.ClipName}: approval {approval.Id}");
        }
        return (View(approval, versions), null);
    }

    private static async Task<IResult> CertificateAsync(Guid approvalId, ProjectGuard guard, IDbContextFactory<CatalogDbContext> catalog, CancellationToken cancellationToken)
    {
        var (approval, refused) = await FindAsync(approvalId, guard, catalog, cancellationToken).ConfigureAwait(false);
        return refused is not null ? refused : TypedResults.Text(approval!.Certificate, CertificateMediaType);
    }

    private static async Task<IResult> CheckAsync(Guid approvalId, ProjectGuard guard, IDbContextFactory<CatalogDbContext> catalog, ApprovalSigner signer, CancellationToken cancellationToken)
    {
        var (approval, refused) = await FindAsync(approvalId, guard, catalog, cancellationToken).ConfigureAwait(false);
        return refused is not null ? refused : TypedResults.Ok(await CheckOfAsync(approval!, catalog, signer, cancellationToken).ConfigureAwait(false));
    }

    /// <summary>The certificate's signature, whether the master it names is still the clip's, and whether a later version replaced it.</summary>
    internal static async Task<CertificateCheckView> CheckOfAsync(Approval approval, IDbContextFactory<CatalogDbContext> catalog, ApprovalSigner signer, CancellationToken cancellationToken)
    {
        var problem = await signer.VerifyAsync(approval.Certificate, cancellationToken).ConfigureAwait(false);
        await using var db = await catalog.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        var (_, versions) = await VersionStacks.OfAsync(db, approval.AssetId, cancellationToken).ConfigureAwait(false);
        var claims = ApprovalSigner.Claims(approval.Certificate);
        var signedMaster = claims.GetProperty("master").GetProperty("xxh64").GetString();
        var current = versions.SingleOrDefault(v => v.AssetId == approval.AssetId);
        var masterProblem = current is null ? "the approved clip is no longer in the catalog"
            : !string.Equals(current.MasterXxh64, signedMaster, StringComparison.OrdinalIgnoreCase)
                ? $"the clip's master now has xxh64 {current.MasterXxh64}; the certificate names {signedMaster}"
                : null;
        var stale = VersionStacks.StaleBecause(approval, versions);
        return new CertificateCheckView(problem is null, problem, masterProblem is null, masterProblem, stale is not null, stale, claims);
    }

    internal static async Task<IResult> SigningKeyAsync(string? kid, ApprovalSigner signer, CancellationToken cancellationToken)
    {
        var pem = kid is null
            ? (await signer.KeysAsync(cancellationToken).ConfigureAwait(false))[0].PublicKeyPem
            : await signer.PublicKeyPemAsync(kid, cancellationToken).ConfigureAwait(false);
        return pem is null
            ? ApiProblems.NotFound($"There is no signing key {kid}.")
            : TypedResults.Text(pem, "application/x-pem-file");
    }

    internal static async Task<(Approval?, ProblemHttpResult?)> FindAsync(Guid approvalId, ProjectGuard guard, IDbContextFactory<CatalogDbContext> catalog, CancellationToken cancellationToken)
    {
        await using var db = await catalog.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        var approval = await db.Approvals.AsNoTracking().SingleOrDefaultAsync(a => a.Id == approvalId, cancellationToken).ConfigureAwait(false);
        // Outside the clip's project an approval answers as missing, as the clip does.
        if (approval is null || await guard.CheckAssetAsync(approval.AssetId, Right.Read, cancellationToken).ConfigureAwait(false) is not null)
        {
            return (null, ApiProblems.NotFound($"There is no approval {approvalId}."));
        }
        return (approval, null);
    }

    /// <summary>The proxy the reviewer watched, hashed whole. Null when the clip has no proxy (yet).</summary>
    private static async Task<string?> ProxySha256Async(CatalogDbContext db, IObjectStore store, Guid assetId, CancellationToken cancellationToken)
    {
        var proxy = await db.Renditions.AsNoTracking().Where(r => r.AssetId == assetId && r.Kind == RenditionKind.Proxy)
            .OrderByDescending(r => r.CreatedAt).FirstOrDefaultAsync(cancellationToken).ConfigureAwait(false);
        if (proxy is null)
        {
            return null;
        }
        try
        {
            var stream = await store.OpenReadAsync(proxy.StorageKey, cancellationToken).ConfigureAwait(false);
            await using (stream.ConfigureAwait(false))
            {
                return Convert.ToHexStringLower(await SHA256.HashDataAsync(stream, cancellationToken).ConfigureAwait(false));
            }
        }
        catch (ObjectNotFoundException)
        {
            return null;
        }
    }

    private static JsonObject Claims(Approval a, ApprovalReviewer reviewer, StackEntry version, string project, HttpContext http) => new()
    {
        ["iss"] = $"{http.Request.Scheme}://{http.Request.Host}{http.Request.PathBase}",
        ["type"] = "approval",
        ["approval"] = a.Id.ToString(),
        ["decision"] = Words(a.Decision),
        ["note"] = a.Note,
        ["stage"] = a.Stage,
        ["reviewer"] = reviewer.ShareLinkId is { } link
            ? new JsonObject { ["id"] = null, ["name"] = reviewer.GuestName, ["email"] = reviewer.GuestEmail, ["guest"] = true, ["shareLink"] = link.ToString() }
            : new JsonObject { ["id"] = a.PersonId.ToString(), ["name"] = a.Reviewer },
        ["at"] = DateTime.SpecifyKind(a.At, DateTimeKind.Utc).ToString("yyyy-MM-ddTHH:mm:ss.fffZ", CultureInfo.InvariantCulture),
        ["project"] = project,
        ["clip"] = new JsonObject { ["asset"] = a.AssetId.ToString(), ["name"] = version.ClipName, ["stack"] = a.StackId.ToString(), ["version"] = a.Version },
        ["proxy"] = new JsonObject { ["sha256"] = a.ProxySha256 },
        ["master"] = new JsonObject { ["path"] = a.MasterPath, ["xxh64"] = a.MasterXxh64, ["sha256"] = a.MasterSha256 },
    };

    internal static ApprovalView View(Approval a, IReadOnlyList<StackEntry> versions)
    {
        var stale = VersionStacks.StaleBecause(a, versions);
        return new ApprovalView(a.Id, a.AssetId, a.Version, a.Reviewer, Words(a.Decision), a.Note, a.At, a.MasterPath, a.MasterXxh64, a.MasterSha256, a.ProxySha256,
            stale is not null, stale, $"/api/approvals/{a.Id}/certificate", a.KeyId, a.Stage);
    }

    private static string Words(ApprovalDecision decision) => Gates.ApprovalWords.Of(decision);

    private static bool TryDecision(string? text, out ApprovalDecision decision)
    {
        decision = default;
        var key = text?.Trim().ToLowerInvariant();
        foreach (var candidate in Enum.GetValues<ApprovalDecision>())
        {
            if (Words(candidate) == key)
            {
                decision = candidate;
                return true;
            }
        }
        return false;
    }
}
