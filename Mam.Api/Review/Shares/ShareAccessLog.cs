using Mam.Api.Problems;
using Mam.Api.Security.Access;
using Mam.Catalog;
using Mam.Catalog.Entities.Review;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Mam.Api.Review.Shares;

/// <summary>Who opened a share link and what they watched: per person (the e-mail they gave), per
/// clip, the seconds, the stretches merged, and a heat-map of how often each second was played.</summary>
public static class ShareAccessLog
{
    /// <summary>A heat-map longer than this (a clip of many hours) counts per second up to here: enough for any cut.</summary>
    public const int MaxHeatSeconds = 6 * 3600;

    internal static async Task<Results<Ok<ShareAccessView>, ProblemHttpResult>> OfLinkAsync(
        string project, Guid shareId, ProjectGuard guard, IDbContextFactory<CatalogDbContext> catalog, CancellationToken cancellationToken)
    {
        if (await guard.CheckByNameAsync(project, Right.Review, mayCreate: false, cancellationToken).ConfigureAwait(false) is { } refused)
        {
            return refused;
        }
        await using var db = await catalog.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        var link = await db.ShareLinks.AsNoTracking().SingleOrDefaultAsync(l => l.Id == shareId && db.Projects.Any(p => p.Id == l.ProjectId && p.Name == project), cancellationToken).ConfigureAwait(false);
        if (link is null)
        {
            return ApiProblems.NotFound($"There is no share link {shareId} in '{project}'.");
        }
        var sessions = await db.ShareSessions.AsNoTracking().Where(s => s.LinkId == shareId).OrderBy(s => s.OpenedAt).ToListAsync(cancellationToken).ConfigureAwait(false);
        var ids = sessions.Select(s => s.Id).ToList();
        var watches = await db.ShareWatches.AsNoTracking().Where(w => ids.Contains(w.SessionId)).ToListAsync(cancellationToken).ConfigureAwait(false);
        var people = await PeopleAsync(db, sessions, watches, cancellationToken).ConfigureAwait(false);
        return TypedResults.Ok(new ShareAccessView(link.Id, link.RecipientName,
            sessions.Select(s => new ShareOpenView(s.Id, s.GuestName, s.GuestEmail, s.Address, s.UserAgent, s.OpenedAt, s.LastSeenAt)).ToList(), people));
    }

    internal static async Task<Ok<List<PersonWatchView>>> OfClipAsync(Guid id, IDbContextFactory<CatalogDbContext> catalog, CancellationToken cancellationToken)
    {
        await using var db = await catalog.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        var watches = await db.ShareWatches.AsNoTracking().Where(w => w.AssetId == id).ToListAsync(cancellationToken).ConfigureAwait(false);
        var ids = watches.Select(w => w.SessionId).Distinct().ToList();
        var sessions = await db.ShareSessions.AsNoTracking().Where(s => ids.Contains(s.Id)).ToListAsync(cancellationToken).ConfigureAwait(false);
        return TypedResults.Ok(await PeopleAsync(db, sessions, watches, cancellationToken).ConfigureAwait(false));
    }

    /// <summary>One row per link, person (by e-mail, case aside) and clip.</summary>
    private static async Task<List<PersonWatchView>> PeopleAsync(CatalogDbContext db, List<ShareSession> sessions, List<ShareWatch> watches, CancellationToken cancellationToken)
    {
        var assetIds = watches.Select(w => w.AssetId).Distinct().ToList();
        var clips = await db.Assets.AsNoTracking().Where(a => assetIds.Contains(a.Id))
            .Select(a => new { a.Id, a.ClipName, a.Technical }).ToDictionaryAsync(a => a.Id, cancellationToken).ConfigureAwait(false);
        var byId = sessions.ToDictionary(s => s.Id);
        return watches.Where(w => byId.ContainsKey(w.SessionId))
            .GroupBy(w => (byId[w.SessionId].LinkId, Email: byId[w.SessionId].GuestEmail.ToLowerInvariant(), w.AssetId))
            .Select(g =>
            {
                var latest = g.Select(w => byId[w.SessionId]).MaxBy(s => s.OpenedAt)!;
                var ranges = g.SelectMany(w => w.Ranges).ToList();
                var duration = clips.TryGetValue(g.Key.AssetId, out var clip) ? clip.Technical?.DurationSeconds : null;
                return new PersonWatchView(g.Key.LinkId, latest.GuestName, latest.GuestEmail, g.Key.AssetId, clip?.ClipName ?? "", g.Select(w => w.SessionId).Distinct().Count(),
                    Math.Round(g.Sum(w => w.Seconds), 1), Merge(ranges), Heat(ranges, duration));
            })
            .OrderBy(p => p.Email, StringComparer.Ordinal).ThenBy(p => p.ClipName, StringComparer.Ordinal).ToList();
    }

    /// <summary>Overlapping and touching stretches as one.</summary>
    public static List<double[]> Merge(IEnumerable<double[]> ranges)
    {
        var merged = new List<double[]>();
        foreach (var r in ranges.OrderBy(r => r[0]))
        {
            if (merged.Count > 0 && r[0] <= merged[^1][1])
            {
                merged[^1][1] = Math.Max(merged[^1][1], r[1]);
            }
            else
            {
                merged.Add([r[0], r[1]]);
            }
        }
        return merged.Select(r => new[] { Math.Round(r[0], 2), Math.Round(r[1], 2) }).ToList();
    }

    /// <summary>For each second of the clip (index 0 = its first second), how many stretches played any part of it.</summary>
    public static int[] Heat(IReadOnlyCollection<double[]> ranges, double? duration)
    {
        var end = duration is > 0 ? duration.Value : ranges.Count == 0 ? 0 : ranges.Max(r => r[1]);
        var heat = new int[Math.Min((int)Math.Ceiling(end), MaxHeatSeconds)];
        foreach (var r in ranges)
        {
            var first = Math.Max(0, (int)Math.Floor(r[0]));
            // A stretch ending exactly on a second does not count the next one.
            var last = Math.Min(heat.Length - 1, (int)Math.Ceiling(r[1]) - 1);
            for (var s = first; s <= last; s++)
            {
                heat[s]++;
            }
        }
        return heat;
    }
}
