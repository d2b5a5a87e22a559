using System.Net.Http.Headers;
using System.Net.Http.Json;
using Mam.Contracts.Uploads;

namespace Ingest.Agent.Api;

/// <summary>The resumable multipart upload protocol (POST /api/uploads, parts, complete).</summary>
public sealed partial class MamApiClient
{
    /// <returns>The session, or null when the API has no multipart endpoint (404/405): use the single-shot PUT.</returns>
    public async Task<UploadSessionView?> OpenUploadAsync(StartUploadRequest file, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(file);
        try
        {
            using var response = await SendAsync(
                () => new HttpRequestMessage(HttpMethod.Post, new Uri("api/uploads", UriKind.Relative)) { Content = JsonContent.Create(file, AgentJson.Default.StartUploadRequest) },
                $"open upload of {file.Path}",
                cancellationToken).ConfigureAwait(false);
            return await ReadSessionAsync(response, file.Path ?? string.Empty, cancellationToken).ConfigureAwait(false);
        }
        catch (MamApiException ex) when (ex.StatusCode is 404 or 405)
        {
            return null;
        }
    }

    /// <summary>Fresh received flags and part URLs (presigned URLs expire, so a resume re-fetches them).</summary>
    public async Task<UploadSessionView> GetUploadAsync(Guid id, string path, CancellationToken cancellationToken)
    {
        using var response = await SendAsync(
            () => new HttpRequestMessage(HttpMethod.Get, new Uri($"api/uploads/{id}", UriKind.Relative)),
            $"resume upload of {path}",
            cancellationToken).ConfigureAwait(false);
        return await ReadSessionAsync(response, path, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>PUTs one part: to the API (key + X-Content-XXH64, 204) or to a presigned URL (no key, 200).</summary>
    public async Task PutPartAsync(UploadPartView part, ReadOnlyMemory<byte> bytes, string xxh64, string path, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(part);
        var absolute = Uri.TryCreate(part.Url, UriKind.Absolute, out var presigned) && presigned.Scheme.StartsWith("http", StringComparison.Ordinal);
        var target = absolute ? presigned! : new Uri(part.Url.TrimStart('/'), UriKind.Relative);
        using var response = await SendAsync(
            () =>
            {
                var content = new ReadOnlyMemoryContent(bytes);
                content.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
                var request = new HttpRequestMessage(HttpMethod.Put, target) { Content = content };
                if (!absolute)
                {
                    request.Headers.Add("X-Content-XXH64", xxh64);
                }

                return request;
            },
            $"upload part {part.Number} of {path}",
            withToken: !absolute,
            cancellationToken).ConfigureAwait(false);
    }

    public async Task<UploadedFile> CompleteUploadAsync(Guid id, string path, CancellationToken cancellationToken)
    {
        using var response = await SendAsync(
            () => new HttpRequestMessage(HttpMethod.Post, new Uri($"api/uploads/{id}/complete", UriKind.Relative)),
            $"complete upload of {path}",
            cancellationToken).ConfigureAwait(false);
        return await response.Content.ReadFromJsonAsync(AgentJson.Default.UploadedFile, cancellationToken).ConfigureAwait(false)
            ?? throw new MamApiException($"complete upload of {path}: the API answered {(int)response.StatusCode} without a body");
    }

    private static async Task<UploadSessionView> ReadSessionAsync(HttpResponseMessage response, string path, CancellationToken cancellationToken) =>
        await response.Content.ReadFromJsonAsync(AgentJson.Default.UploadSessionView, cancellationToken).ConfigureAwait(false)
        ?? throw new MamApiException($"upload of {path}: the API answered {(int)response.StatusCode} without a body");
}
