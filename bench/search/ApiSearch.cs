using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using Mam.Bench.Harness;
using Mam.Bench.Search.Queries;

namespace Mam.Bench.Search;

/// <summary>The same queries through <c>GET /api/search</c> of a Mam.Api process (Release build) whose
/// search file is the one the benchmark built: what a client waits for, HTTP, authentication, the audit
/// trail and JSON included.</summary>
public sealed class ApiSearch : IAsyncDisposable
{
    private readonly MamApiProcess _api;
    private readonly HttpClient _client;

    private ApiSearch(MamApiProcess api)
    {
        _api = api;
        _client = api.CreateClient();
    }

    public static async Task<ApiSearch> StartAsync(string searchFile, string dataDirectory, CancellationToken cancellationToken)
    {
        var settings = new Dictionary<string, string>(StringComparer.Ordinal) { ["Search:SqlitePath"] = searchFile };
        return new ApiSearch(await MamApiProcess.StartAsync(RepoPaths.Find(), settings, dataDirectory, cancellationToken).ConfigureAwait(false));
    }

    /// <returns>How many clips match (the answer's totalClips).</returns>
    public async Task<int> SearchAsync(BenchQuery query, CancellationToken cancellationToken)
    {
        var body = await _client.GetFromJsonAsync<JsonElement>(new Uri(Address(query), UriKind.Relative), cancellationToken).ConfigureAwait(false);
        return body.GetProperty("totalClips").GetInt32();
    }

    public async ValueTask DisposeAsync()
    {
        _client.Dispose();
        _api.Dispose();
        await Task.CompletedTask.ConfigureAwait(false);
    }

    private static string Address(BenchQuery query)
    {
        var f = query.Filter;
        var parts = new List<string> { "q=" + Uri.EscapeDataString(query.Text) };
        void Add(string name, string? value)
        {
            if (value is not null)
            {
                parts.Add(name + "=" + Uri.EscapeDataString(value));
            }
        }

        Add("project", f.Project);
        Add("camera", f.Camera);
        Add("codec", f.Codec);
        Add("qc", f.QcStatus);
        Add("hasFaces", f.HasFaces is { } faces ? (faces ? "true" : "false") : null);
        foreach (var tag in f.Tags)
        {
            Add("tag", tag);
        }

        // A "to" date takes the whole day: the bench's windows are whole days [from, before).
        Add("from", f.RecordedFrom?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        Add("to", f.RecordedBefore?.AddDays(-1).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        return "/api/search?" + string.Join('&', parts);
    }
}
