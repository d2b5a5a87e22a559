using System.Globalization;
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

    /// <summary>Fresh received flags and part URLs of one page of parts, from <paramref name="firstPart"/>
    /// (presigned URLs expire, so a resume re-fetches them).</summary>
    public Task<UploadSessionView> GetUploadAsync(Guid id, int firstPart, string path, CancellationToken cancellationToken) =>
        GetUploadPageAsync(string.Create(CultureInfo.InvariantCulture, $"api/uploads/{id}?firstPart={firstPart}"), path, cancellationToken);

    /// <summary>The page of parts at <paramref name="pageUrl"/>: a session's <see cref="UploadSessionView.NextParts"/>
    /// (a large file's parts come 1,000 a page).</summary>
    public async Task<UploadSessionView> GetUploadPageAsync(string pageUrl, string path, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(pageUrl);
        using var response = await SendAsync(
            () => new HttpRequestMessage(HttpMethod.Get, new Uri(pageUrl.TrimStart('/'), UriKind.Relative)),
            $"resume upload of {path}",
            cancellationToken).ConfigureAwait(false);
        return await ReadSessionAsync(response, path, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Where to PUT a part the store checks itself: a URL signed for this xxh64, and the headers to send.</summary>
    public async Task<PartTargetView> GetPartTargetAsync(Guid id, int number, string xxh64, string path, CancellationToken cancellationToken)
    {
        using var response = await SendAsync(
            () => new HttpRequestMessage(HttpMethod.Post, new Uri(string.Create(CultureInfo.InvariantCulture, $"api/uploads/{id}/parts/{number}/target"), UriKind.Relative))
            {
                Content = JsonContent.Create(new PartTargetRequest(xxh64), AgentJson.Default.PartTargetRequest),
            },
            $"address part {number} of {path}",
            cancellationToken).ConfigureAwait(false);
        return await response.Content.ReadFromJsonAsync(AgentJson.Default.PartTargetView, cancellationToken).ConfigureAwait(false)
            ?? throw new MamApiException($"address part {number} of {path}: the API answered {(int)response.StatusCode} without a body");
    }

    /// <summary>PUTs one part: to the API (key + X-Content-XXH64, 204) or to a presigned URL (no key, 200).</summary>
    /// <param name="headers">Headers signed into a presigned URL (the part's checksum), sent as they are.</param>
    public async Task PutPartAsync(UploadPartView part, ReadOnlyMemory<byte> bytes, string xxh64, string path, CancellationToken cancellationToken,
        string? url = null, IReadOnlyDictionary<string, string>? headers = null)
    {
        ArgumentNullException.ThrowIfNull(part);
        url ??= part.Url;
        var absolute = Uri.TryCreate(url, UriKind.Absolute, out var presigned) && presigned.Scheme.StartsWith("http", StringComparison.Ordinal);
        var target = absolute ? presigned! : new Uri(url.TrimStart('/'), UriKind.Relative);
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
                foreach (var (name, value) in absolute ? headers ?? new Dictionary<string, string>() : new Dictionary<string, string>())
                {
                    request.Headers.TryAddWithoutValidation(name, value);
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
