using Ingest.Agent.Cards;
using Ingest.Agent.Commands;
using Ingest.Agent.Offload;
using Mam.Contracts.Cards;
using Mam.Integrity.Hashing;

namespace Ingest.Agent.Verification;

/// <summary>What <c>verify --api</c> sends: one report per card folder (each history root is a card),
/// located as the offload named its destinations (this machine and the card folder), so a shuttle
/// drive's check lands on the copy registered with the card, or adds it.</summary>
internal static class VerificationReports
{
    public static string CheckedBy => $"{CardSeal.ToolName} verify {CardSeal.ToolVersion}";

    public static IReadOnlyList<(string Card, CardVerificationReport Report)> From(HistoryCheckReport report, DateTimeOffset checkedAt)
    {
        ArgumentNullException.ThrowIfNull(report);
        return report.Files
            // A file the history never listed is not a copy of anything the set recorded.
            .Where(f => f.State != FileCheckState.New)
            .GroupBy(f => f.HistoryRoot, StringComparer.Ordinal)
            .Select(g => (CardLayouts.Identify(g.Key).Name, new CardVerificationReport(
                $"{Environment.MachineName}:{OffloadCommand.FullPath(g.Key)}",
                checkedAt,
                CheckedBy,
                g.Select(File).ToList())))
            .ToList();
    }

    private static VerifiedCopyFile File(FileCheck check) => check.State switch
    {
        FileCheckState.Verified => new VerifiedCopyFile(check.Path, VerificationOutcomes.Intact, HashFormats.Xxh64, check.Xxh64),
        FileCheckState.Missing => new VerifiedCopyFile(check.Path, VerificationOutcomes.Missing, HashFormats.Xxh64, null, check.Detail),
        _ => new VerifiedCopyFile(check.Path, VerificationOutcomes.Mismatch, HashFormats.Xxh64, check.Xxh64, check.Detail),
    };
}
