using System.Net.Http.Json;
using System.Text.Json;
using Mam.Catalog;
using Mam.Integrity.Hashing;
using Mam.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Mam.Tests.Api;

/// <summary>What the hardening tests look at after a refused request: the problem the client read, and
/// whether anything was left in the catalog or the store.</summary>
internal static class ProbeSupport
{
    public static object Manifest(string project, string card, params (string Path, long Size, string Xxh64)[] files) => new
    {
        project,
        name = card,
        dit = "Test DIT",
        offloadedAt = DateTimeOffset.UtcNow,
        files = files.Select(f => new { path = f.Path, size = f.Size, hashes = new Dictionary<string, string> { ["xxh64"] = f.Xxh64 } }),
    };

    public static async Task<JsonElement> Problem(HttpResponseMessage response)
    {
        response.Content.Headers.ContentType?.MediaType.ShouldBe("application/problem+json", await response.Content.ReadAsStringAsync());
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
    }

    public static async Task<string> Detail(HttpResponseMessage response) =>
        (await Problem(response)).GetProperty("detail").GetString()!;

    /// <summary>Projects, cards, files and upload sessions in the catalog.</summary>
    public static async Task<int> CatalogRows(MamApiFactory api)
    {
        var factory = api.Services.GetRequiredService<IDbContextFactory<CatalogDbContext>>();
        await using var db = await factory.CreateDbContextAsync();
        return await db.Projects.CountAsync() + await db.Cards.CountAsync() + await db.CardFiles.CountAsync() + await db.UploadSessions.CountAsync();
    }

    /// <summary>Projects, cards and files: what a registration writes.</summary>
    public static Task<int> RegisteredRows(MamApiFactory api) =>
        InCatalog(api, async db => await db.Projects.CountAsync() + await db.Cards.CountAsync() + await db.CardFiles.CountAsync());

    public static async Task<T> InCatalog<T>(MamApiFactory api, Func<CatalogDbContext, Task<T>> query)
    {
        var factory = api.Services.GetRequiredService<IDbContextFactory<CatalogDbContext>>();
        await using var db = await factory.CreateDbContextAsync();
        return await query(db);
    }

    /// <summary>Every file in the folder store, staged parts included, as paths relative to it.</summary>
    public static IReadOnlyList<string> StoredFiles(MamApiFactory api)
    {
        var root = Path.Combine(api.DataDirectory, "objects");
        return Directory.Exists(root)
            ? Directory.EnumerateFiles(root, "*", new EnumerationOptions { RecurseSubdirectories = true, AttributesToSkip = 0 })
                .Select(f => Path.GetRelativePath(root, f)).ToList()
            : [];
    }

    /// <summary>Sends part <paramref name="number"/> of <paramref name="file"/> where the session says: to the API
    /// with its xxh64, or to a presigned store URL without the API key.</summary>
    public static async Task<HttpResponseMessage> SendPart(HttpClient client, JsonElement session, int number, byte[] file)
    {
        var partSize = session.GetProperty("partSize").GetInt64();
        var start = (int)((number - 1) * partSize);
        var bytes = file[start..(int)Math.Min(file.Length, start + partSize)];
        using var content = new ByteArrayContent(bytes);
        content.Headers.Add("X-Content-XXH64", Xxh64.HashHex(bytes));
        var url = session.GetProperty("parts")[number - 1].GetProperty("url").GetString()!;
        if (Uri.TryCreate(url, UriKind.Absolute, out var presigned) && presigned.Scheme.StartsWith("http", StringComparison.Ordinal))
        {
            using var storage = new HttpClient();
            return await storage.PutAsync(presigned, content);
        }
        return await client.PutAsync(url, content);
    }

    public static byte[] RandomBytes(int length)
    {
        var bytes = new byte[length];
        Random.Shared.NextBytes(bytes);
        return bytes;
    }

    public static async Task<HttpResponseMessage> OpenUpload(HttpClient client, string project, string card, string path, long size, string xxh64) =>
        await client.PostAsJsonAsync("/api/uploads", new { project, card, path, size, xxh64 });
}
