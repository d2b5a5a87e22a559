using System.Net.Http.Json;
using Mam.Contracts.Restores;

namespace Ingest.Agent.Api;

/// <summary>Restores: plan, start (the manifest), results; and reading a file through its manifest URL.</summary>
public sealed partial class MamApiClient
{
    public async Task<RestoreView> PlanRestoreAsync(RestoreRequest request, CancellationToken cancellationToken)
    {
        using var response = await SendAsync(
            () => new HttpRequestMessage(HttpMethod.Post, new Uri("api/restores", UriKind.Relative)) { Content = JsonContent.Create(request, AgentJson.Default.RestoreRequest) },
            "plan the restore",
            cancellationToken).ConfigureAwait(false);
        return await ReadAsync(response, AgentJson.Default.RestoreView, "plan the restore", cancellationToken).ConfigureAwait(false);
    }

    public async Task<RestoreView> GetRestoreAsync(Guid id, CancellationToken cancellationToken)
    {
        using var response = await SendAsync(() => new HttpRequestMessage(HttpMethod.Get, new Uri($"api/restores/{id}", UriKind.Relative)), $"read restore {id}", cancellationToken)
            .ConfigureAwait(false);
        return await ReadAsync(response, AgentJson.Default.RestoreView, $"read restore {id}", cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Confirms the plan; again for fresh URLs (they expire) or a cut that was still being made.</summary>
    public async Task<RestoreManifest> StartRestoreAsync(Guid id, StartRestoreRequest request, CancellationToken cancellationToken)
    {
        using var response = await SendAsync(
            () => new HttpRequestMessage(HttpMethod.Post, new Uri($"api/restores/{id}/start", UriKind.Relative)) { Content = JsonContent.Create(request, AgentJson.Default.StartRestoreRequest) },
            $"start restore {id}",
            cancellationToken).ConfigureAwait(false);
        return await ReadAsync(response, AgentJson.Default.RestoreManifest, $"start restore {id}", cancellationToken).ConfigureAwait(false);
    }

    public async Task<RestoreView> ReportRestoreAsync(Guid id, RestoreReport report, CancellationToken cancellationToken)
    {
        using var response = await SendAsync(
            () => new HttpRequestMessage(HttpMethod.Post, new Uri($"api/restores/{id}/results", UriKind.Relative)) { Content = JsonContent.Create(report, AgentJson.Default.RestoreReport) },
            $"report the results of restore {id}",
            cancellationToken).ConfigureAwait(false);
        return await ReadAsync(response, AgentJson.Default.RestoreView, $"report restore {id}", cancellationToken).ConfigureAwait(false);
    }

    /// <summary>GETs a manifest URL: a presigned store URL, or a signed link on the API (relative). Never
    /// with the token: either carries its own grant. The caller disposes the response.</summary>
    /// <exception cref="MamApiException">Not found (404), refused or unreachable after the retries.</exception>
    public Task<HttpResponseMessage> OpenRestoreFileAsync(string url, string path, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(url);
        var target = Uri.TryCreate(url, UriKind.Absolute, out var absolute) && absolute.Scheme.StartsWith("http", StringComparison.Ordinal)
            ? absolute
            : new Uri(url.TrimStart('/'), UriKind.Relative);
        return SendAsync(() => new HttpRequestMessage(HttpMethod.Get, target), $"read {path}", withToken: false, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
    }

    private static async Task<T> ReadAsync<T>(HttpResponseMessage response, System.Text.Json.Serialization.Metadata.JsonTypeInfo<T> type, string what, CancellationToken cancellationToken) =>
        await response.Content.ReadFromJsonAsync(type, cancellationToken).ConfigureAwait(false)
        ?? throw new MamApiException($"{what}: the API answered {(int)response.StatusCode} without a body");
}
