using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using Ingest.Agent.Commands;
using Mam.Tests.Support;

namespace Mam.Tests.Distributed;

/// <summary>The distributed deployment on the real servers: Mam.Api in-process on a socket (no
/// embedded workers), any number of Mam.Workers processes, PostgreSQL catalog, RabbitMQ bus, Ceph
/// RGW as the S3 store, and a shared search index. Each instance has its own database and vhost.</summary>
internal sealed class DistributedMam : IAsyncDisposable
{
    private readonly List<WorkerProcess> _workers = [];

    private DistributedMam(TempFolder folder, Dictionary<string, string> settings)
    {
        Folder = folder;
        Settings = settings;
        Api = new MamApiFactory(realSocket: true, settings: new Dictionary<string, string>(settings) { ["Workers:Embedded"] = "false" });
        Client = Api.CreateWriter();
    }

    public TempFolder Folder { get; }
    public Dictionary<string, string> Settings { get; }
    public MamApiFactory Api { get; }
    public HttpClient Client { get; }
    public IReadOnlyList<WorkerProcess> Workers => _workers;

    public static async Task<DistributedMam> StartAsync(TimeSpan? stageDeadline = null, IReadOnlyDictionary<string, string>? more = null)
    {
        TestServers.Require();
        var folder = new TempFolder("distributed");
        var settings = new Dictionary<string, string>
        {
            ["Mam:DataDirectory"] = folder.Combine("data"),
            ["Storage:Provider"] = "S3",
            ["Storage:S3:ServiceUrl"] = TestServers.S3Endpoint!,
            ["Storage:S3:Region"] = Environment.GetEnvironmentVariable("MAM_TEST_S3_REGION") ?? "us-east-1",
            ["Storage:S3:AccessKey"] = Environment.GetEnvironmentVariable("MAM_TEST_S3_ACCESS_KEY") ?? "",
            ["Storage:S3:SecretKey"] = Environment.GetEnvironmentVariable("MAM_TEST_S3_SECRET_KEY") ?? "",
            ["Storage:S3:Bucket"] = $"t{Guid.NewGuid():N}",
            ["Search:SqlitePath"] = folder.Combine("search.db"),
            ["Catalog:Provider"] = "Postgres",
            ["Catalog:ConnectionString"] = await TestServers.CreateDatabaseAsync(),
            ["Messaging:Transport"] = "RabbitMq",
            ["Messaging:RabbitMq:Host"] = TestServers.RabbitHost!,
            ["Messaging:RabbitMq:Port"] = TestServers.RabbitPort,
            ["Messaging:RabbitMq:VirtualHost"] = await TestServers.CreateVirtualHostAsync(),
            ["Messaging:RabbitMq:Username"] = TestServers.RabbitUser,
            ["Messaging:RabbitMq:Password"] = TestServers.RabbitPassword,
            ["Pipeline:ReconcileInterval"] = "00:00:02",
            ["Pipeline:RepublishPendingAfter"] = "00:00:10",
            ["Pipeline:StageDeadline"] = (stageDeadline ?? TimeSpan.FromMinutes(10)).ToString("c", CultureInfo.InvariantCulture),
            // Short, so a stage whose worker or catalog went away is taken over within the tests' waits.
            ["Pipeline:LeaseDuration"] = "00:00:10",
        };
        foreach (var (key, value) in more ?? new Dictionary<string, string>())
        {
            settings[key] = value;
        }
        var mam = new DistributedMam(folder, settings);
        _ = mam.Api.BaseUri; // starts the API, which migrates the catalog before workers connect
        return mam;
    }

    public WorkerProcess StartWorker()
    {
        var worker = new WorkerProcess(Settings);
        _workers.Add(worker);
        return worker;
    }

    /// <summary>A card of <paramref name="clips"/> spoken clips (a distinct sentence each), offloaded
    /// and uploaded by the real agent.</summary>
    public async Task<string[]> OffloadSpeechCardAsync(string card, params string[] sentences)
    {
        var source = Directory.CreateDirectory(Folder.Combine("cards", card)).FullName;
        for (var i = 0; i < sentences.Length; i++)
        {
            await TestMedia.MakeSpeechClipAsync(source, $"{card}_C{i + 1:D3}.mov", sentences[i], 1.0, 5, CancellationToken.None);
        }
        await OffloadAsync(source, card);
        return sentences;
    }

    public async Task OffloadAsync(string source, string card)
    {
        using var output = new StringWriter();
        var exit = await AgentCli.RunAsync(
            ["offload", source, "--dest", Folder.Combine("raid", card), "--project", "Distributed", "--api", Api.BaseUri.ToString(), "--token", Api.AdminToken],
            output, output, CancellationToken.None);
        exit.ShouldBe(0, output.ToString());
    }

    public async Task<List<JsonElement>> AssetsAsync()
    {
        var page = await Client.GetFromJsonAsync<JsonElement>("/api/assets?project=Distributed&take=500");
        return page.GetProperty("items").EnumerateArray().ToList();
    }

    public async Task<List<JsonElement>> WaitUntilSettledAsync(int expectedAssets, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        List<JsonElement> assets = [];
        while (DateTime.UtcNow < deadline)
        {
            try
            {
                assets = await AssetsAsync();
            }
            catch (HttpRequestException ex) when (ex.StatusCode == System.Net.HttpStatusCode.ServiceUnavailable)
            {
                // A server of the catalog is restarting: the API says so; ask again.
                await Task.Delay(500);
                continue;
            }
            if (assets.Count == expectedAssets && assets.All(a => a.GetProperty("state").GetString() != "processing"))
            {
                return assets;
            }
            await Task.Delay(500);
        }
        Assert.Fail($"Not settled after {timeout}: {string.Join("; ", assets.Select(Describe))}\n--- worker output ---\n{string.Join("\n---\n", _workers.Select(w => Tail(w.Output)))}");
        return assets;
    }

    public static string Describe(JsonElement asset) =>
        asset.GetProperty("clipName").GetString() + ": " + string.Join(' ', asset.GetProperty("stages").EnumerateArray()
            .Select(s => $"{s.GetProperty("stage").GetString()}={s.GetProperty("status").GetString()}/{s.GetProperty("attempts").GetInt32()}"));

    private static string Tail(string text) => text.Length > 4000 ? text[^4000..] : text;

    public async ValueTask DisposeAsync()
    {
        foreach (var worker in _workers)
        {
            worker.Dispose();
        }
        Client.Dispose();
        await Api.DisposeAsync();
        Folder.Dispose();
    }
}
