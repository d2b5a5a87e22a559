using System.Security.Cryptography;
using System.Text;
using Mam.Catalog.Entities.Review;

namespace Mam.Api.Review.Shares;

/// <summary>The secret in a share link's URL, and the words for its rights.</summary>
public static class ShareTokens
{
    /// <summary>32 random bytes, base64url: as hard to guess as the cookies' keys.</summary>
    public static string New() => "s" + Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    public static string Hash(string token) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(token)));

    /// <summary>Only what a made token can look like reaches the catalog (a URL segment of any length cannot).</summary>
    public static bool LooksValid(string? token) => token is { Length: 44 } && token[0] == 's' && token.AsSpan(1).IndexOfAnyExcept(Base64Url) < 0;

    private static readonly System.Buffers.SearchValues<char> Base64Url =
        System.Buffers.SearchValues.Create("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_");

    public static readonly IReadOnlyDictionary<string, ShareRights> RightNames = new Dictionary<string, ShareRights>(StringComparer.Ordinal)
    {
        ["view"] = ShareRights.View,
        ["comment"] = ShareRights.Comment,
        ["approve"] = ShareRights.Approve,
        ["download-proxy"] = ShareRights.DownloadProxy,
        ["download-original"] = ShareRights.DownloadOriginal,
    };

    public static IReadOnlyList<string> Names(ShareRights rights) => RightNames.Where(r => rights.HasFlag(r.Value)).Select(r => r.Key).ToList();

    public static string Name(ShareRights right) => RightNames.First(r => r.Value == right).Key;
}
