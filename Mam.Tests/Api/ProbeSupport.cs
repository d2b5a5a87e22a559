using System.Net.Http.Json;
using System.Text.Json;
using Mam.Catalog;
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

    public static async Task<HttpResponseMessage> OpenUpload(HttpClient client, string project, string card, string path, long size, string xxh64) =>
        await client.PostAsJsonAsync("/api/uploads", new { project, card, path, size, xxh64 });
}
