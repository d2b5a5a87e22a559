using System.Net.Http.Json;
using System.Text.Json;
using Mam.Catalog;
using Mam.Tests.Support;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Mam.Tests.Api.Review.Shares;

/// <summary>Making share links as a project administrator, and guests opening them in their own cookie jar.</summary>
internal static class ShareGuests
{
    public static async Task<(Guid Id, string Url)> ShareAsync(HttpClient manager, object body, string project = ReviewClips.Project)
    {
        var response = await manager.PostAsJsonAsync($"/api/projects/{Uri.EscapeDataString(project)}/shares", body);
        var text = await response.Content.ReadAsStringAsync();
        response.IsSuccessStatusCode.ShouldBeTrue(text);
        var share = JsonDocument.Parse(text).RootElement;
        return (share.GetProperty("id").GetGuid(), share.GetProperty("url").GetString()!);
    }

    /// <summary>A browser of someone without an account: no token, its own cookies.</summary>
    public static HttpClient NewGuest(MamApiFactory api) => api.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });

    public static async Task<HttpClient> OpenAsync(MamApiFactory api, string url, string name = "Robin Client", string email = "robin@client.example", string? password = null)
    {
        var guest = NewGuest(api);
        var response = await guest.PostAsJsonAsync(url + "/api/session", new { name, email, password });
        var text = await response.Content.ReadAsStringAsync();
        response.IsSuccessStatusCode.ShouldBeTrue(text);
        return guest;
    }

    /// <summary>Opens the link without a cookie jar: the guest cookie ("name=value") and its attributes (lower case).</summary>
    public static async Task<(string Cookie, string Attributes)> SessionCookieAsync(MamApiFactory api, string url)
    {
        using var client = api.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false });
        var response = await client.PostAsJsonAsync(url + "/api/session", new { name = "Robin", email = "robin@client.example" });
        response.IsSuccessStatusCode.ShouldBeTrue(await response.Content.ReadAsStringAsync());
        var set = response.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("mam-share=", StringComparison.Ordinal));
        return (set.Split(';')[0], set.ToLowerInvariant());
    }

    public static async Task<string> DetailAsync(HttpResponseMessage response) =>
        (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detail").GetString() ?? "";

    public static async Task<string> TypeAsync(HttpResponseMessage response) =>
        (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("type").GetString() ?? "";

    public static async Task<(int Links, int Sessions, int Watches, int Comments)> CountsAsync(MamApiFactory api)
    {
        await using var db = await api.Services.GetRequiredService<IDbContextFactory<CatalogDbContext>>().CreateDbContextAsync();
        return (await db.ShareLinks.CountAsync(), await db.ShareSessions.CountAsync(), await db.ShareWatches.CountAsync(), await db.Comments.CountAsync());
    }
}
