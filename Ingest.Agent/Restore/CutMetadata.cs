using System.Globalization;
using System.Xml.Linq;
using Mam.Contracts.Restores;

namespace Ingest.Agent.Restore;

/// <summary>What the MHL says about a cut in its entry's &lt;metadata&gt; (ASC MHL leaves its content
/// open): the original it was cut from with that file's on-set xxh64, the range asked for, where the cut
/// really starts, and the bytes of the original it was made from. In our own namespace, so no reader
/// mistakes it for part of the ASC schema.</summary>
internal static class CutMetadata
{
    public static readonly XNamespace Ns = "urn:mam:restore:v1";

    public static IReadOnlyList<XElement> Of(RestoreCutView cut)
    {
        ArgumentNullException.ThrowIfNull(cut);
        var element = new XElement(Ns + "cut",
            new XAttribute(XNamespace.Xmlns + "mam", Ns.NamespaceName),
            new XElement(Ns + "source", new XAttribute("xxh64", cut.SourceXxh64), cut.Source),
            new XElement(Ns + "from", cut.From),
            new XElement(Ns + "to", cut.To));
        if (cut.StartsAt is { } startsAt)
        {
            element.Add(new XElement(Ns + "startsat", new XAttribute("earlieriframe", cut.StartsAtEarlierIFrame ? "true" : "false"), startsAt));
        }
        if (cut.ByteStart is { } first && cut.ByteEnd is { } last)
        {
            element.Add(new XElement(Ns + "bytes",
                new XAttribute("first", first.ToString(CultureInfo.InvariantCulture)),
                new XAttribute("last", last.ToString(CultureInfo.InvariantCulture))));
        }
        return [element];
    }
}
