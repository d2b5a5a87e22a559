using System.Xml;
using Ingest.Agent.Cards;
using Ingest.Agent.Offload;
using Mam.Integrity.AscMhl;
using Mam.Integrity.Hashing;

namespace Ingest.Agent.Verification;

/// <summary>
/// The ASC MHL history a card already carries (its <c>ascmhl/</c> folder and those of folders inside
/// it), read before anything is copied: each file must still hash to what that history recorded, in
/// every format it recorded (xxh128 is the reference tool's default, c4, md5 and sha1 are common).
/// The offload computes those formats in its one read of the card, whatever <c>--hash</c> asked for.
/// </summary>
public sealed class CardHistory
{
    private readonly Dictionary<string, Dictionary<string, string>> _expected;

    private CardHistory(Dictionary<string, Dictionary<string, string>> expected)
    {
        _expected = expected;
        Formats = HashFormats.All.Where(f => expected.Values.Any(v => v.ContainsKey(f))).ToList();
    }

    public static CardHistory None { get; } = new(new Dictionary<string, Dictionary<string, string>>(StringComparer.Ordinal));

    /// <summary>Every format any history on the card holds for any file, in schema order.</summary>
    public IReadOnlyList<string> Formats { get; }

    /// <returns>The card's histories, or <see cref="None"/> with the reason when one cannot be read.</returns>
    public static async Task<(CardHistory History, SourceProblem? Problem)> ReadAsync(string cardRoot, IReadOnlyList<SourceFile> files, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(files);
        var roots = HistoryRoots.Find(files.Select(f => f.RelativePath));
        var expected = new Dictionary<string, Dictionary<string, string>>(StringComparer.Ordinal);
        // Outer histories first, so a nested history's own record of a file wins.
        foreach (var root in roots.Reverse())
        {
            try
            {
                var history = await MhlHistory.OpenAsync(root.Length == 0 ? cardRoot : Path.Combine(cardRoot, root), cancellationToken).ConfigureAwait(false);
                foreach (var (path, formats) in await CardSeal.KnownHashesAsync(history, cancellationToken).ConfigureAwait(false))
                {
                    expected[root.Length == 0 ? path : root + "/" + path] = formats;
                }
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or XmlException or FormatException)
            {
                var folder = root.Length == 0 ? MhlHistory.FolderName : root + "/" + MhlHistory.FolderName;
                return (None, new SourceProblem(folder, $"the card's ASC MHL history cannot be read, so its files cannot be checked against it: {ex.Message}"));
            }
        }

        return (new CardHistory(expected), null);
    }

    /// <summary>The formats to compute while copying: those asked for plus those the history holds.</summary>
    public IReadOnlyList<string> FormatsWith(IReadOnlyList<string> requested) =>
        HashFormats.All.Where(f => requested.Contains(f, StringComparer.Ordinal) || Formats.Contains(f, StringComparer.Ordinal)).ToList();

    /// <summary>True when <paramref name="hashes"/> hold every format the history recorded for the file.</summary>
    public bool CanCheck(string relativePath, IReadOnlyDictionary<string, string> hashes) =>
        !_expected.TryGetValue(relativePath, out var recorded) || recorded.Keys.All(hashes.ContainsKey);

    /// <returns>What differs ("xxh128 recorded …, read …"), or null when the file matches or has no record.</returns>
    public string? Mismatch(string relativePath, IReadOnlyDictionary<string, string> hashes)
    {
        ArgumentNullException.ThrowIfNull(hashes);
        if (hashes.Count == 0 || !_expected.TryGetValue(relativePath, out var recorded))
        {
            return null;
        }

        var differences = HashFormats.All
            .Where(f => recorded.ContainsKey(f) && hashes.ContainsKey(f) && !string.Equals(recorded[f], hashes[f], StringComparison.Ordinal))
            .Select(f => $"{f} recorded {recorded[f]}, read {hashes[f]}")
            .ToList();
        return differences.Count == 0 ? null : "differs from the card's ASC MHL history: " + string.Join("; ", differences);
    }

    /// <summary>The file with <see cref="OffloadedFile.HistoryMismatch"/> set when it no longer matches the history.</summary>
    public OffloadedFile Check(OffloadedFile file)
    {
        ArgumentNullException.ThrowIfNull(file);
        return Mismatch(file.RelativePath, file.Hashes) is { } mismatch ? file with { HistoryMismatch = mismatch } : file;
    }
}
