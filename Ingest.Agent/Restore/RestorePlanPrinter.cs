using System.Globalization;
using Ingest.Agent.Commands;
using Mam.Contracts.Restores;

namespace Ingest.Agent.Restore;

/// <summary>The plan as the archivist reads it before anything moves.</summary>
internal static class RestorePlanPrinter
{
    private const int ListedFiles = 25;

    public static void Print(RestoreView plan, TextWriter output)
    {
        output.WriteLine($"Restore {plan.Id}: {plan.Scope} of project {plan.Project} — {plan.Results.Files} file(s), {Bytes.Format(plan.TotalBytes)}");
        var width = Math.Min(70, plan.Files.Select(f => f.Card.Length + f.Path.Length + 1).DefaultIfEmpty(10).Max());
        foreach (var file in plan.Files.Take(ListedFiles))
        {
            var name = $"{file.Card}/{file.Path}";
            var where = file.Missing ? "MISSING from the store"
                : file.ArchiveRestoreNeeded ? $"{file.StorageClass}, needs a restore request"
                : file.StorageClass;
            var cut = file.Cut is { } c ? $"  (cut of {c.Source}, {c.From}–{c.To}; size estimated)" : "";
            output.WriteLine($"  {name.PadRight(width)}  {Bytes.Format(file.Size),10}  {where}{cut}");
        }
        if (plan.Files.Count > ListedFiles)
        {
            output.WriteLine($"  … and {plan.Files.Count - ListedFiles} more (GET {plan.Url} lists them all)");
        }
        var estimate = plan.Estimate;
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"Transfer: {Bytes.Format(plan.TotalBytes)} in about {Duration(estimate.TransferSeconds)} at {estimate.MiBPerSecond:0.#} MiB/s ({estimate.Source})."));
        if (!plan.ArchiveRestoreNeeded)
        {
            output.WriteLine("No file is in an archive tier: every file can be read at once.");
        }
        else
        {
            output.WriteLine($"{plan.Files.Count(f => f.ArchiveRestoreNeeded)} file(s) are in an archive tier and need a restore request first:");
            foreach (var tier in plan.Tiers)
            {
                output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"  {tier.Tier,-10} wait about {tier.WaitHours:0.##} h, cost {tier.Cost:0.00} {tier.Currency}, in all about {tier.TotalHours:0.##} h"));
            }
        }
        var missing = plan.Files.Count(f => f.Missing);
        if (missing > 0)
        {
            output.WriteLine($"{missing} file(s) are missing from the store and cannot be restored from it.");
        }
    }

    public static string Duration(double seconds) =>
        seconds < 90 ? string.Create(CultureInfo.InvariantCulture, $"{Math.Max(1, Math.Ceiling(seconds)):0} s")
        : seconds < 5400 ? string.Create(CultureInfo.InvariantCulture, $"{seconds / 60:0} min")
        : string.Create(CultureInfo.InvariantCulture, $"{seconds / 3600:0.#} h");
}
