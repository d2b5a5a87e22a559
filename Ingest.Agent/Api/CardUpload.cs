using Ingest.Agent.Offload;
using Mam.Core.Integrity;
using Mam.Core.Integrity.AscMhl;

namespace Ingest.Agent.Api;

/// <summary>
/// Sends a locally verified card to the MAM: every verified file (streamed from its first verified
/// copy), the ascmhl/ folder as sealed on a destination, then the card registration.
/// </summary>
public static class CardUpload
{
    public static async Task<CardRegistration> RunAsync(
        OffloadReport report,
        OffloadRequest request,
        MamApiClient client,
        IOffloadProgress progress,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(report);
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(progress);

        // The history as sealed on a destination supersedes the ascmhl/ files copied from the card.
        var sealedDestination = report.Destinations.FirstOrDefault(d => d.MhlPath is not null);
        var historyPrefix = MhlHistory.FolderName + "/";
        var registered = new List<RegisteredCardFile>();

        foreach (var file in report.Files)
        {
            if (file.FirstVerifiedCopy is not { } copy
                || (sealedDestination is not null && file.RelativePath.StartsWith(historyPrefix, StringComparison.Ordinal)))
            {
                continue;
            }

            registered.Add(await UploadAsync(file.RelativePath, copy.FinalPath, file.Size, file.Xxh64!, cancellationToken).ConfigureAwait(false));
        }

        if (sealedDestination is not null)
        {
            var historyFolder = Path.Combine(sealedDestination.CardFolder, MhlHistory.FolderName);
            var options = new EnumerationOptions { RecurseSubdirectories = true, AttributesToSkip = 0 };
            foreach (var path in Directory.EnumerateFiles(historyFolder, "*", options).Order(StringComparer.Ordinal))
            {
                var relative = Path.GetRelativePath(sealedDestination.CardFolder, path).Replace(Path.DirectorySeparatorChar, '/');
                var hash = await Xxh64.HashFileAsync(path, cancellationToken).ConfigureAwait(false);
                registered.Add(await UploadAsync(relative, path, new FileInfo(path).Length, hash, cancellationToken).ConfigureAwait(false));
            }
        }

        var offloadedAt = report.FinishedUtc.AddTicks(-(report.FinishedUtc.Ticks % TimeSpan.TicksPerSecond));
        var card = new RegisterCardRequest(
            request.Project,
            report.Card.Name,
            report.Card.Camera,
            report.Card.Roll,
            request.Dit,
            report.SourcePath,
            DateTime.SpecifyKind(offloadedAt, DateTimeKind.Utc),
            registered);
        return await client.RegisterCardAsync(card, cancellationToken).ConfigureAwait(false);

        async Task<RegisteredCardFile> UploadAsync(string relativePath, string localPath, long size, string xxh64, CancellationToken token)
        {
            progress.Uploading(relativePath, size);
            var uploaded = await client.UploadFileAsync(request.Project, report.Card.Name, relativePath, localPath, xxh64, token).ConfigureAwait(false);
            return new RegisteredCardFile(relativePath, size, new Dictionary<string, string>(StringComparer.Ordinal) { ["xxh64"] = xxh64 }, uploaded.StorageKey);
        }
    }
}
