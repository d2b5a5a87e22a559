using Ingest.Agent.Api;
using Mam.Contracts.Restores;
using Mam.Integrity.AscMhl;
using Mam.Integrity.Hashing;

namespace Ingest.Agent.Restore;

/// <summary>ascmhl/ascmhl_chain.xml is rewritten by every generation, so the one at a destination that
/// already holds the card (a resumed restore, a merge into a copy with a longer history) differs from
/// the card's stored one. It is kept when it lists every generation the stored one lists, with the
/// same file and C4 id: the history there goes on from the card's.</summary>
internal static class HistoryChain
{
    public static readonly string Path = MhlHistory.FolderName + "/" + MhlHistory.ChainFileName;

    public static bool IsChain(string relativePath) => string.Equals(relativePath, Path, StringComparison.Ordinal);

    /// <returns>How many generations the destination's chain has beyond the stored one, and the stored one's
    /// hashes (verified against the set); null when it does not go on from it.</returns>
    public static async Task<(int Later, IReadOnlyDictionary<string, string> Stored)?> ContinuesAsync(MamApiClient api, RestoreManifestFile stored, string existing, CancellationToken cancellationToken)
    {
        var temp = existing + ".stored.mamtmp";
        try
        {
            using (var response = await api.OpenRestoreFileAsync(stored.Url!, stored.Path, cancellationToken).ConfigureAwait(false))
            {
                await using var output = File.Create(temp);
                await response.Content.CopyToAsync(output, cancellationToken).ConfigureAwait(false);
            }
            var read = await FileRestore.HashFileAsync(temp, [HashFormats.Xxh64], cancellationToken).ConfigureAwait(false);
            if (FileRestore.Mismatches(stored.Hashes, read) is not null)
            {
                return null;
            }
            var theirs = await MhlChainFile.ReadAsync(temp, cancellationToken).ConfigureAwait(false);
            var ours = await MhlChainFile.ReadAsync(existing, cancellationToken).ConfigureAwait(false);
            return theirs.All(t => ours.Any(o => o.SequenceNumber == t.SequenceNumber && o.Path == t.Path && o.C4 == t.C4))
                ? (ours.Count - theirs.Count, read)
                : null;
        }
        catch (Exception ex) when (ex is IOException or MamApiException or System.Xml.XmlException or FormatException)
        {
            return null;
        }
        finally
        {
            File.Delete(temp);
        }
    }
}
