using System.Xml.Linq;

namespace Mam.Integrity.AscMhl;

/// <summary>What a hash entry says about the file (ASCMHL.xsd ActionAttributeType).</summary>
public enum MhlHashAction
{
    /// <summary>First time this history records a hash for the file.</summary>
    Original,

    /// <summary>The file was hashed again and matched an earlier generation.</summary>
    Verified,

    /// <summary>The file was hashed again and did not match an earlier generation.</summary>
    Failed,
}

/// <summary>ASCMHL.xsd ProcessType.</summary>
public enum MhlProcess
{
    InPlace,
    Transfer,
    Flatten,
}

/// <summary>One hash of a file, e.g. xxh64, as in &lt;xxh64 action=".." hashdate=".."&gt;.</summary>
/// <param name="Format">Element name: c4, md5, sha1, xxh128, xxh3 or xxh64.</param>
public sealed record MhlHashValue(string Format, string Value, MhlHashAction? Action, DateTimeOffset? HashDate);

/// <summary>A &lt;hash&gt; entry: a file path relative to the history root, in POSIX form.</summary>
public sealed record MhlFileEntry(
    string Path,
    long? Size,
    DateTimeOffset? LastModificationDate,
    IReadOnlyList<MhlHashValue> Hashes)
{
    public string? GetHash(string format) =>
        Hashes.FirstOrDefault(h => string.Equals(h.Format, format, StringComparison.Ordinal))?.Value;

    /// <summary>The children of the entry's &lt;metadata&gt; (any XML, MetadataType extends anyType): what the
    /// tool that wrote it says about the file beyond its hashes, e.g. a cut's source and range.</summary>
    public IReadOnlyList<XElement> Metadata { get; init; } = [];
}

public sealed record MhlAuthor(string Name, string? Email = null, string? Phone = null, string? Role = null);

/// <summary>&lt;creatorinfo&gt;: who wrote a generation, where and with what.</summary>
public sealed record MhlCreatorInfo(
    DateTimeOffset CreationDate,
    string Hostname,
    string ToolName,
    string? ToolVersion,
    IReadOnlyList<MhlAuthor> Authors,
    string? Location = null,
    string? Comment = null);

/// <summary>One generation file (a &lt;hashlist&gt;).</summary>
public sealed record MhlGeneration(
    MhlCreatorInfo Creator,
    MhlProcess Process,
    IReadOnlyList<string> IgnorePatterns,
    IReadOnlyList<MhlFileEntry> Files)
{
    /// <summary>&lt;roothash&gt;: content and structure of the whole history root (see <see cref="MhlDirectoryHashes"/>).</summary>
    public IReadOnlyList<MhlDirectoryHashValue> RootHashes { get; init; } = [];

    /// <summary>&lt;directoryhash&gt; entries, one per folder.</summary>
    public IReadOnlyList<MhlDirectoryEntry> Directories { get; init; } = [];
}

/// <summary>A folder's content and structure hash in one format.</summary>
public sealed record MhlDirectoryHashValue(string Format, string Content, string Structure, DateTimeOffset? HashDate);

/// <summary>A &lt;directoryhash&gt; entry: a folder path relative to the history root, in POSIX form.</summary>
public sealed record MhlDirectoryEntry(string Path, DateTimeOffset? LastModificationDate, IReadOnlyList<MhlDirectoryHashValue> Hashes);

/// <summary>One &lt;hashlist&gt; line of ascmhl_chain.xml.</summary>
/// <param name="Path">File name of the generation, relative to the ascmhl folder.</param>
public sealed record MhlChainEntry(int SequenceNumber, string Path, string C4);

/// <summary>A generation that <see cref="MhlHistory"/> has just written.</summary>
public sealed record MhlWrittenGeneration(int SequenceNumber, string FilePath, string C4, string ChainFilePath);
