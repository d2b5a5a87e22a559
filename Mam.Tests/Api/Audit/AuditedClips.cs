using System.Net.Http.Json;
using System.Text.Json;
using Mam.Catalog;
using Mam.Catalog.Entities;
using Mam.Storage;
using Mam.Tests.Search.Api;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Mam.Tests.Api.Audit;

/// <summary>Clips to act on, and the audit trail read back as an administrator reads it.</summary>
internal static class AuditedClips
{
    /// <summary>A catalogued clip with a transcript and a proxy of <paramref name="proxyBytes"/> random bytes in the store.</summary>
    public static async Task<Guid> AddWithProxyAsync(IServiceProvider services, string project, string clipName, int proxyBytes)
    {
        var id = await CataloguedClips.AddAndIndexAsync(services, new CataloguedClips.Clip(project, clipName[..4] + "R1", clipName, "A", null,
            [(1.0, 3.0, "the foghorn sounded twice"), (4.0, 6.0, "then the harbour went quiet")], []));
        var key = $"renditions/{id}/proxy/proxy.mp4";
        var bytes = new byte[proxyBytes];
        Random.Shared.NextBytes(bytes);
        await services.GetRequiredService<IObjectStore>().PutAsync(key, new MemoryStream(bytes), null, CancellationToken.None);
        await using var db = await services.GetRequiredService<IDbContextFactory<CatalogDbContext>>().CreateDbContextAsync();
        db.Renditions.Add(new Rendition { Id = Guid.NewGuid(), AssetId = id, Kind = RenditionKind.Proxy, StorageKey = key, ContentType = "video/mp4", Size = bytes.Length, CreatedAt = DateTime.UtcNow });
        await db.SaveChangesAsync();
        return id;
    }

    /// <summary>GET /api/audit?{query}, asked again until a row passes <paramref name="until"/>: the
    /// trail is written just after the response, off the request's path.</summary>
    public static Task<List<JsonElement>> WaitForAsync(HttpClient administrator, string query, Func<JsonElement, bool> until) =>
        WaitForAsync(administrator, query, rows => rows.Any(until));

    public static Task<List<JsonElement>> WaitForCountAsync(HttpClient administrator, string query, int count) =>
        WaitForAsync(administrator, query, rows => rows.Count >= count);

    private static async Task<List<JsonElement>> WaitForAsync(HttpClient administrator, string query, Func<List<JsonElement>, bool> until)
    {
        using var patience = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        while (true)
        {
            var page = await administrator.GetFromJsonAsync<JsonElement>($"/api/audit?{query}", patience.Token);
            var rows = page.GetProperty("events").EnumerateArray().ToList();
            if (until(rows))
            {
                return rows;
            }
            await Task.Delay(100, patience.Token);
        }
    }

    public static async Task<JsonElement> WaitForOneAsync(HttpClient administrator, string query, Func<JsonElement, bool> until) =>
        (await WaitForAsync(administrator, query, until)).First(until);

    public static string Text(this JsonElement row, string name) => row.GetProperty(name).GetString() ?? "";
}
