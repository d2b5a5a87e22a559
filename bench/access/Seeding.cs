using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using Mam.Bench.Catalog.Cards;
using Mam.Bench.Search.Corpus;
using Mam.Search;
using Mam.Search.Sqlite;

namespace Mam.Bench.Access;

/// <summary>The same clips in both servers: tiny cards registered through the API, then a few lines
/// of dialogue per clip written straight into each server's search index (the bench runs no
/// pipeline; both indexes get the same text from the same seed).</summary>
internal static class Seeding
{
    public const string Project = "Access Bench";

    public static async Task<IReadOnlyList<Guid>> ClipsAsync(HttpClient http, Action<HttpRequestMessage> authorize, string dataDirectory, int assets, CancellationToken cancellationToken)
    {
        var cards = new TinyCards(http, authorize, Project);
        var times = await cards.RegisterAsync(assets, 500, 8, 2, line => Console.WriteLine("  " + line), cancellationToken).ConfigureAwait(false);
        if (times.UploadErrors + times.RegisterErrors > 0)
        {
            throw new InvalidOperationException($"{times.UploadErrors} uploads and {times.RegisterErrors} registrations failed while seeding.");
        }
        var dialogue = new Dialogue(new Random(7));
        var documents = times.AssetIds.Select((id, i) => new AssetDocument(id, Project, TinyCards.CardName(i / 500), $"T001C{i % 500 + 1:D5}", "",
            Enumerable.Range(0, 8).Select(s => new SegmentDocument(s * 4, s * 4 + 3.5, dialogue.Sentence(), SegmentSources.Transcript)).ToList())).ToList();
        var index = new SqliteFtsSearchIndex(Path.Combine(dataDirectory, "search.db"));
        await index.EnsureCreatedAsync(cancellationToken).ConfigureAwait(false);
        foreach (var batch in documents.Chunk(500))
        {
            await index.IndexAssetsAsync(batch, cancellationToken).ConfigureAwait(false);
        }
        return times.AssetIds;
    }

    /// <summary>An editor of the project, as a token and as a signed-in browser (cookie): added by the
    /// administrator, signed in once through their one-time link, then making their own token.</summary>
    public static async Task<(string Token, HttpClient Browser)> EditorAsync(Uri baseUri, string adminToken, CancellationToken cancellationToken)
    {
        using var admin = new HttpClient { BaseAddress = baseUri };
        admin.DefaultRequestHeaders.Authorization = new("Bearer", adminToken);
        using var added = await admin.PostAsJsonAsync("/api/people", new { userName = "editor", displayName = "Editor" }, cancellationToken).ConfigureAwait(false);
        added.EnsureSuccessStatusCode();
        var link = (await added.Content.ReadFromJsonAsync<JsonElement>(cancellationToken).ConfigureAwait(false)).GetProperty("signInLink").GetString()!;
        using var role = await admin.PutAsJsonAsync($"/api/projects/{Uri.EscapeDataString(Project)}/members/editor", new { role = "editor" }, cancellationToken).ConfigureAwait(false);
        role.EnsureSuccessStatusCode();

        var browser = new HttpClient(new SocketsHttpHandler { UseCookies = true, MaxConnectionsPerServer = 64 }) { BaseAddress = baseUri };
        (await browser.GetAsync(new Uri(link, UriKind.Relative), cancellationToken).ConfigureAwait(false)).EnsureSuccessStatusCode();
        using var made = await browser.PostAsJsonAsync("/api/tokens", new { name = "bench" }, cancellationToken).ConfigureAwait(false);
        made.EnsureSuccessStatusCode();
        var token = (await made.Content.ReadFromJsonAsync<JsonElement>(cancellationToken).ConfigureAwait(false)).GetProperty("secret").GetString()!;
        return (token, browser);
    }

    public static string Words(Dialogue dialogue) => string.Create(CultureInfo.InvariantCulture, $"{dialogue.ContentWord()} {dialogue.ContentWord()}");
}
