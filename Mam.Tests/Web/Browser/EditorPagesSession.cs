using System.Net.Http.Json;
using System.Text.Json;
using Ingest.Agent.Commands;
using Mam.Catalog;
using Mam.Catalog.Entities;
using Mam.Catalog.Entities.People;
using Mam.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace Mam.Tests.Web.Browser;

/// <summary>One real pipeline run and one browser for every browser test (they take a minute to set
/// up, so they are shared): a card with one spoken clip is offloaded by the real agent to the real API,
/// processed by ffprobe, ffmpeg and pocketsphinx, and indexed; then chromium opens the pages.</summary>
[SetUpFixture]
public sealed class EditorPagesSession
{
    public const string Sentence = TestMedia.DefaultSentence; // "please bring the green bag to the kitchen before dinner"
    public const double SpokenAt = 4.0;
    public const string ClipName = "A003C007 harbour take 2";
    public const string Project = "Harbour Film";
    public const string Card = "A003R2EF";

    /// <summary>The pages are opened as an editor of the project, signed in at /login.</summary>
    public const string Editor = "harbour-editor";

    private static TempFolder? _work;
    private static MamApiFactory? _api;
    private static IPlaywright? _playwright;
    private static IBrowser? _browser;

    public static Uri BaseUri { get; private set; } = null!;

    public static HttpClient Api { get; private set; } = null!;

    public static Guid AssetId { get; private set; }

    public static string WorkFolder => _work!.Path;

    public static IBrowser Browser => _browser!;

    /// <summary>The API under test, for tests that set up review data of their own (stages, versions, clips).</summary>
    public static MamApiFactory Server => _api!;

    [OneTimeSetUp]
    public async Task OffloadAClipAndOpenABrowser()
    {
        _work = new TempFolder("web");
        var card = Directory.CreateDirectory(_work.Combine("card", Card)).FullName;
        var clips = Directory.CreateDirectory(Path.Combine(card, "Clips")).FullName;
        await TestMedia.MakeSpeechClipAsync(clips, ClipName + ".mov", Sentence, SpokenAt, 10, CancellationToken.None);

        // Every test signs its own browser in through the form, from one address: more than the
        // default 10 sign-ins a minute a real client gets.
        _api = new MamApiFactory(realSocket: true, settings: new Dictionary<string, string> { ["Security:SignInAttemptsPerMinute"] = "1000" });
        BaseUri = _api.BaseUri;
        Api = _api.CreateReader();
        await _api.AddPersonAsync(Editor, false, (Project, ProjectRole.Editor));
        using var output = new StringWriter();
        var exit = await AgentCli.RunAsync(
            ["offload", card, "--dest", _work.Combine("raid"), "--project", Project, "--api", BaseUri.ToString(), "--token", _api.AdminToken],
            output, output, CancellationToken.None);
        exit.ShouldBe(0, output.ToString());

        AssetId = await WaitUntilReadyAsync();
        (_playwright, _browser) = await HeadlessChromium.LaunchAsync();
    }

    [OneTimeTearDown]
    public async Task CloseEverything()
    {
        if (_browser is not null)
        {
            await _browser.DisposeAsync();
        }
        _playwright?.Dispose();
        Api?.Dispose();
        _api?.Dispose();
        _work?.Dispose();
    }

    /// <summary>A fresh browser context signed in as <see cref="Editor"/> through the sign-in form.</summary>
    public static Task<IBrowserContext> NewContextAsync() => BrowserSignIn.NewContextAsync(Browser, BaseUri, Editor);

    /// <summary>A clip of <paramref name="projectName"/> with the session clip's technical metadata and renditions: one a test may version, approve or draw on alone.</summary>
    public static async Task<Guid> CopyOfTheClipAsync(string clipName, string projectName)
    {
        await using var db = await EditorPagesSession.Server.Services.GetRequiredService<IDbContextFactory<CatalogDbContext>>().CreateDbContextAsync();
        var source = await db.Assets.AsNoTracking().Include(a => a.Renditions).SingleAsync(a => a.Id == EditorPagesSession.AssetId);
        var project = await db.Projects.SingleAsync(p => p.Name == projectName);
        var now = DateTime.UtcNow;
        var card = new Card { Id = Guid.NewGuid(), ProjectId = project.Id, Name = $"R{Guid.NewGuid():N}"[..8], OffloadedAt = now, RegisteredAt = now };
        var file = new CardFile { Id = Guid.NewGuid(), CardId = card.Id, RelativePath = $"Clips/{Guid.NewGuid():N}.mov", Xxh64 = "0123456789abcdef", StorageKey = $"k/{Guid.NewGuid():N}", Role = FileRole.Clip };
        var t = source.Technical!;
        var asset = new Asset
        {
            Id = Guid.NewGuid(), CardId = card.Id, ClipName = clipName, SourceFileId = file.Id, CreatedAt = now,
            Technical = new TechnicalMetadata
            {
                Container = t.Container, DurationSeconds = t.DurationSeconds, FrameRateNumerator = t.FrameRateNumerator, FrameRateDenominator = t.FrameRateDenominator,
                StartTimecode = t.StartTimecode, VideoCodec = t.VideoCodec, Width = t.Width, Height = t.Height, AudioStreams = t.AudioStreams,
            },
        };
        file.AssetId = asset.Id;
        db.AddRange(card, file, asset);
        db.Renditions.AddRange(source.Renditions.Select(r => new Rendition
        {
            Id = Guid.NewGuid(), AssetId = asset.Id, Kind = r.Kind, StorageKey = r.StorageKey, ContentType = r.ContentType, Size = r.Size, CreatedAt = now,
        }));
        await db.SaveChangesAsync();
        return asset.Id;
    }

    private static async Task<Guid> WaitUntilReadyAsync()
    {
        var deadline = DateTime.UtcNow.AddMinutes(4);
        JsonElement asset = default;
        while (DateTime.UtcNow < deadline)
        {
            var page = await Api.GetFromJsonAsync<JsonElement>("/api/assets?project=" + Uri.EscapeDataString(Project));
            var items = page.GetProperty("items").EnumerateArray().ToList();
            if (items.Count == 1)
            {
                asset = items[0];
                if (asset.GetProperty("state").GetString() != "processing")
                {
                    break;
                }
            }
            await Task.Delay(500);
        }
        asset.ValueKind.ShouldBe(JsonValueKind.Object, "the card's clip was never registered");
        // The pages need the proxy, poster, filmstrip, transcript and index; later stages (analysis) may
        // come and go without changing what these tests look at.
        var stages = asset.GetProperty("stages").EnumerateArray()
            .ToDictionary(s => s.GetProperty("stage").GetString()!, s => s.GetProperty("status").GetString());
        foreach (var stage in new[] { "probe", "proxy", "transcribe", "index", "waveform" })
        {
            stages.GetValueOrDefault(stage).ShouldBe("done", $"{stage}: {asset}");
        }
        return asset.GetProperty("id").GetGuid();
    }
}
