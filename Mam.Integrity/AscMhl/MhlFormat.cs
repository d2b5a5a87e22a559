using System.Globalization;
using System.Xml.Linq;

namespace Mam.Integrity.AscMhl;

/// <summary>Names and value formats shared by the MHL writer and reader.</summary>
internal static class MhlFormat
{
    public static readonly XNamespace Ns = "urn:ASC:MHL:v2.0";
    public static readonly XNamespace DirectoryNs = "urn:ASC:MHL:DIRECTORY:v2.0";

    /// <summary>Hash elements in the order ASCMHL.xsd's HashType sequence requires.</summary>
    public static readonly IReadOnlyList<string> HashFormats = ["c4", "md5", "sha1", "xxh128", "xxh3", "xxh64"];

    /// <summary>xs:dateTime as the ascmhl reference tool writes it: seconds, explicit offset.</summary>
    public static string FormatDate(DateTimeOffset value) =>
        value.ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture);

    public static DateTimeOffset ParseDate(string value) =>
        DateTimeOffset.Parse(value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal);

    public static string FormatAction(MhlHashAction action) => action switch
    {
        MhlHashAction.Original => "original",
        MhlHashAction.Verified => "verified",
        MhlHashAction.Failed => "failed",
        _ => throw new ArgumentOutOfRangeException(nameof(action), action, null),
    };

    public static MhlHashAction? ParseAction(string? value) => value switch
    {
        null => null,
        "original" => MhlHashAction.Original,
        "verified" => MhlHashAction.Verified,
        "failed" => MhlHashAction.Failed,
        _ => throw new FormatException($"Unknown MHL hash action '{value}'."),
    };

    public static string FormatProcess(MhlProcess process) => process switch
    {
        MhlProcess.InPlace => "in-place",
        MhlProcess.Transfer => "transfer",
        MhlProcess.Flatten => "flatten",
        _ => throw new ArgumentOutOfRangeException(nameof(process), process, null),
    };

    public static MhlProcess ParseProcess(string value) => value.Trim() switch
    {
        "in-place" => MhlProcess.InPlace,
        "transfer" => MhlProcess.Transfer,
        "flatten" => MhlProcess.Flatten,
        _ => throw new FormatException($"Unknown MHL process '{value}'."),
    };
}
