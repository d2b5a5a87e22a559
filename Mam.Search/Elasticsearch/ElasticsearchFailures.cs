using System.Globalization;
using System.Net;
using Elastic.Transport.Products.Elasticsearch;

namespace Mam.Search.Elasticsearch;

/// <summary>Sorts what the client answered into the two kinds of failure callers act on:
/// <see cref="SearchUnavailableException"/> (unreachable, timed out, overloaded: retry later) and
/// everything else (a refused request: a configuration or mapping problem a person must fix).</summary>
internal sealed class ElasticsearchFailures(Uri node, TimeSpan timeout)
{
    /// <summary>No answer, or server-side trouble and back-pressure (429 = too many requests).</summary>
    /// <exception cref="SearchUnavailableException">With an <see cref="HttpRequestException"/> inside,
    /// so pipeline stages hand the clip back for a later retry.</exception>
    public void ThrowIfUnavailable(ElasticsearchResponse response, CancellationToken cancellationToken)
    {
        var details = response.ApiCallDetails;
        if (details.HttpStatusCode is not { } status)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var error = details.OriginalException;
            if (error is OperationCanceledException or TimeoutException)
            {
                throw new SearchUnavailableException(string.Create(CultureInfo.InvariantCulture,
                    $"Elasticsearch at {node} did not answer within {timeout}."), new HttpRequestException(error.Message, error));
            }

            throw new SearchUnavailableException($"Elasticsearch at {node} cannot be reached ({error?.Message ?? "no answer"}).",
                error as HttpRequestException ?? new HttpRequestException(error?.Message, error));
        }

        if (IsTemporary(status))
        {
            throw Unavailable($"Elasticsearch answered {status} ({Reason(response)}).", response);
        }
    }

    /// <summary>Anything but success is a refusal a person must look at.</summary>
    public void Require(ElasticsearchResponse response, string what, CancellationToken cancellationToken)
    {
        ThrowIfUnavailable(response, cancellationToken);
        if (!response.IsValidResponse)
        {
            throw new InvalidOperationException(string.Create(CultureInfo.InvariantCulture,
                $"Elasticsearch refused to {what}: {Status(response)} {Reason(response)}.{CredentialsHint(response)}"));
        }
    }

    public static bool IsTemporary(int status) => status >= 500 || status == (int)HttpStatusCode.TooManyRequests;

    public static int? Status(ElasticsearchResponse response) => response.ApiCallDetails.HttpStatusCode;

    public static bool IsStatus(ElasticsearchResponse response, HttpStatusCode status) => Status(response) == (int)status;

    public static string? ErrorType(ElasticsearchResponse response) => response.ElasticsearchServerError?.Error?.Type;

    /// <summary>"type: reason" of an Elasticsearch error body; else what the client could tell.</summary>
    public static string Reason(ElasticsearchResponse response)
    {
        if (response.ElasticsearchServerError?.Error is { } error)
        {
            return $"{error.Type}: {error.Reason}";
        }

        // Not an Elasticsearch error body (a proxy's page): the status says all we know.
        return response.ApiCallDetails.OriginalException?.Message
            ?? string.Create(CultureInfo.InvariantCulture, $"HTTP {Status(response)}");
    }

    public static string CredentialsHint(ElasticsearchResponse response) =>
        IsStatus(response, HttpStatusCode.Unauthorized) || IsStatus(response, HttpStatusCode.Forbidden)
            ? $" Check {ElasticsearchOptions.SectionName}:{nameof(ElasticsearchOptions.ApiKey)} and the key's privileges on the index."
            : string.Empty;

    public static SearchUnavailableException Unavailable(string message, ElasticsearchResponse response)
    {
        var status = Status(response) is { } code ? (HttpStatusCode?)code : null;
        return new SearchUnavailableException(message, new HttpRequestException(Reason(response), response.ApiCallDetails.OriginalException, status));
    }
}
