using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using System.Text;
using Mam.Contracts.Cards;
using Mam.Integrity.Hashing;

namespace Mam.Bench.Catalog.Cards;

/// <summary>What registering took: every file's upload, then every card's registration.</summary>
public sealed record RegistrationTimes(int Files, int Cards, TimeSpan Uploading, int UploadErrors, TimeSpan Registering, int RegisterErrors, double MaxCardSeconds, IReadOnlyList<Guid> AssetIds);

/// <summary>Cards of tiny clips (a few bytes each, named *.mov so each becomes an asset). The API
/// needs every file uploaded and verified before a card's registration is accepted, so the files
/// go through `PUT /api/cards/{project}/{card}/files/{path}` first, then `POST /api/cards`.</summary>
/// <param name="authorize">Adds the caller's credentials to each request.</param>
public sealed class TinyCards(HttpClient http, Action<HttpRequestMessage> authorize, string project)
{
    public static string CardName(int card) => string.Create(CultureInfo.InvariantCulture, $"T{card:D3}R1BN");

    public static string ClipPath(int clip) => string.Create(CultureInfo.InvariantCulture, $"CLIPS/T001C{clip:D5}.mov");

    public async Task<RegistrationTimes> RegisterAsync(int assets, int clipsPerCard, int uploadConcurrency, int registerConcurrency, Action<string> progress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(progress);
        var cards = (assets + clipsPerCard - 1) / clipsPerCard;
        int ClipsOf(int card) => Math.Min(clipsPerCard, assets - (card * clipsPerCard));

        var uploadErrors = 0;
        var uploaded = 0;
        var uploading = Stopwatch.StartNew();
        var files = Enumerable.Range(0, cards).SelectMany(c => Enumerable.Range(1, ClipsOf(c)).Select(i => (Card: c, Clip: i)));
        await Parallel.ForEachAsync(files, new ParallelOptions { MaxDegreeOfParallelism = uploadConcurrency, CancellationToken = cancellationToken }, async (file, ct) =>
        {
            var bytes = Content(file.Card, file.Clip);
            using var request = new HttpRequestMessage(HttpMethod.Put, $"/api/cards/{project}/{CardName(file.Card)}/files/{ClipPath(file.Clip)}")
            {
                Content = new ByteArrayContent(bytes),
            };
            authorize(request);
            request.Headers.Add("X-Content-XXH64", Xxh64.HashHex(bytes));
            using var response = await http.SendAsync(request, ct).ConfigureAwait(false);
            if (!response.IsSuccessStatusCode)
            {
                Interlocked.Increment(ref uploadErrors);
            }
            if (Interlocked.Increment(ref uploaded) % 10_000 == 0)
            {
                progress(string.Create(CultureInfo.InvariantCulture, $"uploaded {uploaded} files in {uploading.Elapsed.TotalSeconds:0} s"));
            }
        }).ConfigureAwait(false);
        uploading.Stop();

        var ids = new List<Guid>();
        var registerErrors = 0;
        var maxCard = 0.0;
        var registering = Stopwatch.StartNew();
        // The first card goes alone: it creates the project, and two first registrations of one new
        // project race on the project's unique name (the loser gets 409 "registered at the same moment").
        await RegisterCardAsync(0, cancellationToken).ConfigureAwait(false);
        await Parallel.ForEachAsync(Enumerable.Range(1, cards - 1), new ParallelOptions { MaxDegreeOfParallelism = registerConcurrency, CancellationToken = cancellationToken },
            async (card, ct) => await RegisterCardAsync(card, ct).ConfigureAwait(false)).ConfigureAwait(false);
        registering.Stop();

        return new RegistrationTimes(files.Count(), cards, uploading.Elapsed, uploadErrors, registering.Elapsed, registerErrors, maxCard, ids);

        async Task RegisterCardAsync(int card, CancellationToken ct)
        {
            var started = Stopwatch.GetTimestamp();
            using var request = new HttpRequestMessage(HttpMethod.Post, "/api/cards") { Content = JsonContent.Create(Manifest(card, ClipsOf(card))) };
            authorize(request);
            using var response = await http.SendAsync(request, ct).ConfigureAwait(false);
            var seconds = Stopwatch.GetElapsedTime(started).TotalSeconds;
            if (!response.IsSuccessStatusCode)
            {
                Interlocked.Increment(ref registerErrors);
                progress($"card {CardName(card)}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync(ct).ConfigureAwait(false)}");
                return;
            }
            var registered = await response.Content.ReadFromJsonAsync<RegisterCardResponse>(ct).ConfigureAwait(false);
            lock (ids)
            {
                ids.AddRange(registered!.Assets.Select(a => a.Id));
                maxCard = Math.Max(maxCard, seconds);
                if (ids.Count % 10_000 < clipsPerCard)
                {
                    progress(string.Create(CultureInfo.InvariantCulture, $"registered {ids.Count} assets in {registering.Elapsed.TotalSeconds:0} s"));
                }
            }
        }
    }

    private RegisterCardRequest Manifest(int card, int clips) => new(
        project, CardName(card), "A", "T001", "catalog bench", "/Volumes/" + CardName(card), DateTimeOffset.UtcNow,
        Enumerable.Range(1, clips).Select(i =>
        {
            var bytes = Content(card, i);
            return new CardFileManifest(ClipPath(i), bytes.Length, new Dictionary<string, string>(StringComparer.Ordinal) { ["xxh64"] = Xxh64.HashHex(bytes) }, null);
        }).ToList());

    /// <summary>A few bytes that differ per file, so every original has its own hash.</summary>
    private static byte[] Content(int card, int clip) => Encoding.ASCII.GetBytes(string.Create(CultureInfo.InvariantCulture, $"{CardName(card)}/{clip}\n"));
}
