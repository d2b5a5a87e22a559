using System.Collections.Frozen;
using System.Reflection;
using System.Security.Cryptography;

namespace Mam.Api.Web;

/// <summary>One page, stylesheet or script of the editors' pages, held in memory: the files are
/// small and embedded in this assembly, so the pages need no build step and no folder beside the binary.</summary>
public sealed record WebAsset(string Name, string ContentType, byte[] Content, string ETag);

/// <summary>The files under Web/Assets, embedded with the logical name "web/{file}" (see Mam.Api.csproj).</summary>
public static class WebAssets
{
    private const string Prefix = "web/";

    private static readonly Lazy<FrozenDictionary<string, WebAsset>> All = new(Load);

    public static bool TryGet(string name, out WebAsset asset) => All.Value.TryGetValue(name, out asset!);

    public static WebAsset Get(string name) =>
        TryGet(name, out var asset) ? asset : throw new InvalidOperationException($"The web asset '{name}' is not embedded in Mam.Api.");

    private static FrozenDictionary<string, WebAsset> Load()
    {
        var assembly = typeof(WebAssets).Assembly;
        return assembly.GetManifestResourceNames()
            .Where(n => n.StartsWith(Prefix, StringComparison.Ordinal))
            .Select(n => Read(assembly, n))
            .ToFrozenDictionary(a => a.Name, StringComparer.Ordinal);
    }

    private static WebAsset Read(Assembly assembly, string resource)
    {
        using var stream = assembly.GetManifestResourceStream(resource)!;
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        var bytes = copy.ToArray();
        // A strong ETag from the content: browsers revalidate with If-None-Match and get a 304.
        var etag = $"\"{Convert.ToHexStringLower(SHA256.HashData(bytes), 0, 8)}\"";
        var name = resource[Prefix.Length..];
        return new WebAsset(name, ContentTypeOf(name), bytes, etag);
    }

    private static string ContentTypeOf(string name) => Path.GetExtension(name) switch
    {
        ".html" => "text/html; charset=utf-8",
        ".css" => "text/css; charset=utf-8",
        ".js" => "text/javascript; charset=utf-8",
        ".svg" => "image/svg+xml",
        _ => "application/octet-stream",
    };
}
