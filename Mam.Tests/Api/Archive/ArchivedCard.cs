using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Mam.Storage;
using Mam.Tests.Storage;
using Mam.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace Mam.Tests.Api.Archive;

/// <summary>A card uploaded and registered through the API, as the agent does, with its on-set
/// destinations; and the archive tests' settings for either store.</summary>
internal static class ArchivedCard
{
    public static Dictionary<string, string> Settings(StorageProvider provider, params (string Key, string Value)[] more)
    {
        // The scheduled audit only when a test runs it (not at 02:00 in the middle of a CI run).
        if (provider == StorageProvider.S3)
        {
            S3TestServer.IgnoreUnlessStarted();
        }
        var settings = provider == StorageProvider.S3 ? S3TestServer.ApiSettings("fixity") : [];
        settings["Fixity:Schedule"] = "0 0 1 1 *";
        foreach (var (key, value) in more)
        {
            settings[key] = value;
        }
        return settings;
    }

    /// <summary>Uploads the files (path → bytes) and registers the card; returns the card's id.</summary>
    public static async Task<Guid> RegisterAsync(HttpClient client, string project, string card, IReadOnlyDictionary<string, byte[]> files, params object[] destinations)
    {
        foreach (var (path, bytes) in files)
        {
            (await CardRegistrationTests.Upload(client, project, card, path, bytes)).StatusCode.ShouldBe(HttpStatusCode.Created);
        }
        using var response = await client.PostAsJsonAsync("/api/cards", new
        {
            project,
            name = card,
            dit = "Dana",
            offloadedAt = DateTimeOffset.UtcNow,
            files = files.Select(f => new { path = f.Key, size = f.Value.Length, hashes = new Dictionary<string, string> { ["xxh64"] = CardRegistrationTests.Xxh64Of(f.Value) } }),
            destinations,
        });
        response.StatusCode.ShouldBe(HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("cardId").GetGuid();
    }

    /// <summary>Rewrites a stored original with one byte changed, behind the server's back (bit rot).</summary>
    public static async Task FlipAByteAsync(MamApiFactory api, string key)
    {
        var store = api.Services.GetRequiredService<IObjectStore>();
        byte[] bytes;
        await using (var read = await store.OpenReadAsync(key, CancellationToken.None))
        using (var copy = new MemoryStream())
        {
            await read.CopyToAsync(copy);
            bytes = copy.ToArray();
        }
        bytes[bytes.Length / 2] ^= 0x10;
        await store.PutAsync(key, new MemoryStream(bytes), null, CancellationToken.None);
    }

    public static async Task<JsonElement> WaitForAuditAsync(HttpClient client, string url)
    {
        var audit = await client.GetFromJsonAsync<JsonElement>(url);
        for (var i = 0; i < 600 && audit.GetProperty("status").GetString() is "queued" or "running"; i++)
        {
            await Task.Delay(100);
            audit = await client.GetFromJsonAsync<JsonElement>(url);
        }
        return audit;
    }

    public static byte[] Bytes(int length, int seed)
    {
        var bytes = new byte[length];
        new Random(seed).NextBytes(bytes);
        return bytes;
    }
}
