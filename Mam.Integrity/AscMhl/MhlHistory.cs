using System.Globalization;
using System.Text.RegularExpressions;

namespace Mam.Integrity.AscMhl;

/// <summary>
/// The ASC MHL history of one folder (the folder that contains <c>ascmhl/</c>): its generations as
/// listed in ascmhl_chain.xml plus any generation file the chain lacks, and the writer of the next one.
/// </summary>
public sealed partial class MhlHistory
{
    public const string FolderName = "ascmhl";
    public const string ChainFileName = "ascmhl_chain.xml";

    private readonly List<MhlChainEntry> _chain;

    private MhlHistory(string rootPath, List<MhlChainEntry> chain)
    {
        RootPath = rootPath;
        _chain = chain;
    }

    public string RootPath { get; }

    public string HistoryFolder => Path.Combine(RootPath, FolderName);

    public string ChainFilePath => Path.Combine(HistoryFolder, ChainFileName);

    /// <summary>Known generations, oldest first.</summary>
    public IReadOnlyList<MhlChainEntry> Generations => _chain;

    public int NextSequenceNumber => _chain.Count == 0 ? 1 : _chain.Max(e => e.SequenceNumber) + 1;

    public static async Task<MhlHistory> OpenAsync(string rootPath, CancellationToken cancellationToken)
    {
        var root = Path.GetFullPath(rootPath);
        var folder = Path.Combine(root, FolderName);
        var chain = new List<MhlChainEntry>();
        var chainPath = Path.Combine(folder, ChainFileName);
        if (File.Exists(chainPath))
        {
            chain.AddRange(await MhlChainFile.ReadAsync(chainPath, cancellationToken).ConfigureAwait(false));
        }

        if (Directory.Exists(folder))
        {
            // A generation file without a chain entry (e.g. a chain overwritten by an older copy) still
            // counts: its number must never be reused, so it is put back into the chain.
            foreach (var file in Directory.EnumerateFiles(folder, "*.mhl").Order(StringComparer.Ordinal))
            {
                var name = Path.GetFileName(file);
                var match = GenerationFilePattern().Match(name);
                if (!match.Success || chain.Exists(e => string.Equals(e.Path, name, StringComparison.Ordinal)))
                {
                    continue;
                }

                var number = int.Parse(match.Groups["number"].Value, NumberStyles.None, CultureInfo.InvariantCulture);
                chain.Add(new MhlChainEntry(number, name, await C4Id.ComputeFileAsync(file, cancellationToken).ConfigureAwait(false)));
            }
        }

        chain.Sort((a, b) => a.SequenceNumber.CompareTo(b.SequenceNumber));
        return new MhlHistory(root, chain);
    }

    /// <summary>NNNN_{folder}_{yyyy-MM-dd_HHmmss}Z.mhl, as ascmhl names generations (UTC).</summary>
    public static string GenerationFileName(int sequenceNumber, string folderName, DateTimeOffset creationDate) =>
        string.Create(
            CultureInfo.InvariantCulture,
            $"{sequenceNumber:0000}_{folderName}_{creationDate.UtcDateTime:yyyy-MM-dd_HHmmss}Z.mhl");

    public string GetGenerationPath(MhlChainEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        return Path.Combine(HistoryFolder, entry.Path);
    }

    /// <summary>Reads every known generation, oldest first.</summary>
    public async Task<IReadOnlyList<MhlGeneration>> ReadGenerationsAsync(CancellationToken cancellationToken)
    {
        var generations = new List<MhlGeneration>(_chain.Count);
        foreach (var entry in _chain)
        {
            generations.Add(await MhlGenerationReader.ReadAsync(GetGenerationPath(entry), cancellationToken).ConfigureAwait(false));
        }

        return generations;
    }

    /// <summary>Writes the generation as the next numbered file and appends it to ascmhl_chain.xml.</summary>
    public async Task<MhlWrittenGeneration> WriteNextGenerationAsync(MhlGeneration generation, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(generation);
        Directory.CreateDirectory(HistoryFolder);
        var number = NextSequenceNumber;
        var name = GenerationFileName(number, Path.GetFileName(RootPath), generation.Creator.CreationDate);
        var path = Path.Combine(HistoryFolder, name);
        var temp = Path.Combine(HistoryFolder, "." + name + ".tmp");

        var stream = new FileStream(temp, FileMode.Create, FileAccess.Write, FileShare.None, 4096, useAsync: true);
        await using (stream.ConfigureAwait(false))
        {
            await MhlGenerationWriter.WriteAsync(stream, generation, cancellationToken).ConfigureAwait(false);
            stream.Flush(flushToDisk: true);
        }

        // Never overwrite an existing generation: history is append-only.
        File.Move(temp, path, overwrite: false);
        var entry = new MhlChainEntry(number, name, await C4Id.ComputeFileAsync(path, cancellationToken).ConfigureAwait(false));
        _chain.Add(entry);
        await MhlChainFile.WriteAsync(ChainFilePath, _chain, cancellationToken).ConfigureAwait(false);
        return new MhlWrittenGeneration(number, path, entry.C4, ChainFilePath);
    }

    [GeneratedRegex(@"^(?<number>\d{4,})_.+\.mhl$", RegexOptions.CultureInvariant)]
    private static partial Regex GenerationFilePattern();
}
