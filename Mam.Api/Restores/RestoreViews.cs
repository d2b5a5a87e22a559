using Mam.Catalog.Entities.Restores;
using Mam.Contracts.Restores;
using Mam.Workers.Restores;

namespace Mam.Api.Restores;

/// <summary>Catalog rows → what the API shows. Files must be loaded with their card file.</summary>
public static class RestoreViews
{
    public static string Url(Guid id) => $"/api/restores/{id}";

    public static RestoreView View(Restore restore, string project, RestoreOptions options)
    {
        ArgumentNullException.ThrowIfNull(restore);
        ArgumentNullException.ThrowIfNull(options);
        var transfer = RestoreCosts.TransferSeconds(restore.TotalBytes, restore.ThroughputMiBps);
        var archived = restore.Files.Where(f => f.ArchiveRestoreNeeded).Select(f => (f.Size, f.StorageClass!)).ToList();
        var files = restore.Files.OrderBy(f => f.CardName, StringComparer.Ordinal).ThenBy(f => f.RelativePath, StringComparer.Ordinal).ToList();
        return new RestoreView(
            restore.Id, Url(restore.Id), project, restore.Scope, StateOf(restore.State), restore.RequestedBy,
            Utc(restore.RequestedAt), Utc(restore.StartedAt), Utc(restore.FinishedAt), restore.Destination, restore.Tier, restore.TotalBytes,
            new RestoreEstimateView(restore.ThroughputMiBps, restore.ThroughputSource, transfer),
            archived.Count > 0, RestoreCosts.Tiers(archived, transfer, options),
            new RestoreTallyView(files.Count, Count(RestoreOutcome.Pending), Count(RestoreOutcome.Verified), Count(RestoreOutcome.Failed), Count(RestoreOutcome.Original)),
            restore.Mhl,
            files.Select(File).ToList(),
            Archive(restore, options));

        int Count(RestoreOutcome result) => files.Count(f => f.Result == result);
    }

    public static RestoreFileView File(RestoreFile file)
    {
        ArgumentNullException.ThrowIfNull(file);
        return new RestoreFileView(file.Id, file.CardName, file.RelativePath, file.CardFile?.Role.ToString().ToLowerInvariant() ?? "other", file.Size,
            file.StorageClass, file.Missing, file.ArchiveRestoreNeeded, ResultOf(file.Result), file.Reason, Cut(file),
            file.Archive switch { ArchiveCopy.Requested => "requested", ArchiveCopy.Readable => "readable", _ => null }, Utc(file.ReadableUntil));
    }

    /// <summary>The archived files' way back; null before the restore started or when none is archived.</summary>
    public static RestoreArchiveView? Archive(Restore restore, RestoreOptions options)
    {
        ArgumentNullException.ThrowIfNull(restore);
        ArgumentNullException.ThrowIfNull(options);
        var files = restore.Files.Where(ArchiveRetrievals.InArchiveTier).ToList();
        if (files.Count == 0 || files.All(f => f.Archive == ArchiveCopy.None))
        {
            return null;
        }
        var coming = files.Where(f => f.Archive == ArchiveCopy.Requested).ToList();
        DateTime? expected = coming.Count == 0 ? null : coming.Max(f => f.ArchiveRequestedAt!.Value.AddHours(
            RestoreCosts.WaitHours(options, f.StorageClass, restore.Tier) ?? 0));
        var until = files.Where(f => f.Archive == ArchiveCopy.Readable && f.ReadableUntil is not null).Select(f => f.ReadableUntil).Min();
        return new RestoreArchiveView(restore.Tier, files.Count, coming.Count, files.Count(f => f.Archive == ArchiveCopy.Readable), Utc(expected), Utc(until), restore.ArchiveNote);
    }

    public static RestoreCutView? Cut(RestoreFile file)
    {
        ArgumentNullException.ThrowIfNull(file);
        return file.Cut is not { } cut ? null : new RestoreCutView(
            file.CardFile?.RelativePath ?? "", file.CardFile?.Xxh64 ?? "", cut.FromTimecode, cut.ToTimecode, cut.StartTimecode, cut.StartsAtEarlierIFrame,
            cut.State.ToString().ToLowerInvariant(), cut.ByteStart, cut.ByteEnd, cut.BytesRead, cut.Xxh64, cut.Error);
    }

    public static string StateOf(RestoreState state) => state switch
    {
        RestoreState.Planned => RestoreStates.Planned,
        RestoreState.Restoring => RestoreStates.Restoring,
        RestoreState.AwaitingArchive => RestoreStates.WaitingForArchive,
        RestoreState.ArchiveReady => RestoreStates.Ready,
        RestoreState.Done => RestoreStates.Done,
        _ => RestoreStates.Failed,
    };

    public static string ResultOf(RestoreOutcome result) => result switch
    {
        RestoreOutcome.Verified => RestoreResults.Verified,
        RestoreOutcome.Failed => RestoreResults.Failed,
        RestoreOutcome.Original => RestoreResults.Original,
        _ => RestoreResults.Pending,
    };

    private static DateTimeOffset Utc(DateTime at) => new(DateTime.SpecifyKind(at, DateTimeKind.Utc));

    private static DateTimeOffset? Utc(DateTime? at) => at is { } value ? Utc(value) : null;
}
