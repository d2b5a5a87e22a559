using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Text;
using System.Text.RegularExpressions;
using Mam.Storage.S3;
using WireMock;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using WireMock.Server;
using WireMock.Types;
using WireMock.Util;

namespace Mam.Tests.Support;

/// <summary>
/// NOT AWS S3: a WireMock.Net stand-in for the one AWS behaviour no store here has — objects in the
/// GLACIER archive tier (Ceph RGW 16 answers RestoreObject with 501, and a class named GLACIER is
/// readable there). It imitates exactly what the MAM uses, as AWS documents it
/// (https://docs.aws.amazon.com/AmazonS3/latest/API/API_RestoreObject.html, API_HeadObject.html):
/// HEAD with <c>x-amz-storage-class: GLACIER</c> and then <c>x-amz-restore</c>
/// (<c>ongoing-request="true"</c>, or <c>ongoing-request="false", expiry-date="…"</c>); GET answering
/// 403 <c>InvalidObjectState</c> until a copy is restored; <c>POST ?restore</c> answering 202, then 409
/// <c>RestoreAlreadyInProgress</c> while it is under way, 200 once restored. The test moves an object on
/// (<see cref="Restore"/>, <see cref="Expire"/>) where AWS would take hours. Path-style, one bucket,
/// signatures not checked.
/// </summary>
internal sealed partial class ArchiveTierStandIn : IDisposable
{
    public const string Bucket = "archive-stand-in";

    private readonly WireMockServer _server;
    private readonly ConcurrentDictionary<string, Stored> _objects = new(StringComparer.Ordinal);

    private ArchiveTierStandIn()
    {
        _server = WireMockServer.Start();
        _server.Given(Request.Create().WithPath("/*").UsingAnyMethod()).RespondWith(Response.Create().WithCallback(Answer));
    }

    public static ArchiveTierStandIn Start() => new();

    public string Url => _server.Url!;

    /// <summary>The RestoreObject requests received, in order: key, tier and days as sent.</summary>
    public ConcurrentQueue<(string Key, string Tier, int Days)> RestoreRequests { get; } = new();

    /// <summary>Options for an S3ObjectStore pointed at the stand-in.</summary>
    public S3StorageOptions Options() => new()
    {
        ServiceUrl = Url,
        Region = "us-east-1",
        AccessKey = "stand-in",
        SecretKey = "stand-in-secret",
        Bucket = Bucket,
        ForcePathStyle = true,
        MaxRetryAttempts = 0,
    };

    /// <summary>The MAM's settings for a store at the stand-in.</summary>
    public Dictionary<string, string> ApiSettings() => new()
    {
        ["Storage:Provider"] = "S3",
        ["Storage:S3:ServiceUrl"] = Url,
        ["Storage:S3:Region"] = "us-east-1",
        ["Storage:S3:AccessKey"] = "stand-in",
        ["Storage:S3:SecretKey"] = "stand-in-secret",
        ["Storage:S3:Bucket"] = Bucket,
        ["Storage:S3:MaxRetryAttempts"] = "0",
    };

    /// <summary>An object that went to GLACIER: listed, HEAD-able, not readable.</summary>
    public void PutArchived(string key, byte[] content) => _objects[key] = new Stored(content, ArchiveState.Archived, null);

    /// <summary>The restore request finished: a copy is readable until <paramref name="until"/>.</summary>
    public void Restore(string key, DateTimeOffset until) => _objects[key] = _objects[key] with { State = ArchiveState.Restored, Until = until };

    /// <summary>The restored copy's days are over: the object is archived again.</summary>
    public void Expire(string key) => _objects[key] = _objects[key] with { State = ArchiveState.Archived, Until = null };

    /// <summary>The restored copy expires between the MAM's look (HEAD: restored) and the agent's read: the
    /// next GET finds it archived again and answers 403 InvalidObjectState.</summary>
    public void ExpireOnNextRead(string key) => _objects[key] = _objects[key] with { ExpiresOnRead = true };

    /// <summary>The next GET is refused as AWS refuses a presigned URL past its expiry (403 AccessDenied,
    /// "Request has expired"); the one after is served.</summary>
    public void RefuseNextRead(string key) => _objects[key] = _objects[key] with { RefuseRead = true };

    public void Dispose() => _server.Stop();

    private ResponseMessage Answer(IRequestMessage request)
    {
        var prefix = $"/{Bucket}/";
        if (!request.Path.StartsWith(prefix, StringComparison.Ordinal))
        {
            return Error(HttpStatusCode.NotFound, "NoSuchBucket", "The specified bucket does not exist");
        }
        var key = Uri.UnescapeDataString(request.Path[prefix.Length..]);
        if (!_objects.TryGetValue(key, out var stored))
        {
            return Error(HttpStatusCode.NotFound, "NoSuchKey", "The specified key does not exist.");
        }
        if (request.Method == "GET" && stored.RefuseRead)
        {
            _objects[key] = stored with { RefuseRead = false };
            return Error(HttpStatusCode.Forbidden, "AccessDenied", "Request has expired");
        }
        if (request.Method == "GET" && stored.ExpiresOnRead)
        {
            _objects[key] = stored = stored with { State = ArchiveState.Archived, Until = null, ExpiresOnRead = false };
        }
        return request.Method switch
        {
            "HEAD" => Head(stored),
            "GET" when stored.State == ArchiveState.Restored => Message(HttpStatusCode.OK, stored.Content, "application/octet-stream"),
            "GET" => Error(HttpStatusCode.Forbidden, "InvalidObjectState", "The operation is not valid for the object's storage class", "<StorageClass>GLACIER</StorageClass>"),
            "POST" when request.RawQuery?.Contains("restore", StringComparison.Ordinal) == true => RestoreObject(key, stored, request.Body ?? ""),
            _ => Error(HttpStatusCode.MethodNotAllowed, "MethodNotAllowed", "The stand-in knows HEAD, GET and POST ?restore."),
        };
    }

    private static ResponseMessage Head(Stored stored)
    {
        var head = Message(HttpStatusCode.OK, null, "application/octet-stream");
        head.AddHeader("Content-Length", stored.Content.Length.ToString(CultureInfo.InvariantCulture));
        head.AddHeader("ETag", "\"stand-in\"");
        head.AddHeader("Last-Modified", "Mon, 01 Dec 2025 00:00:00 GMT");
        head.AddHeader("x-amz-storage-class", "GLACIER");
        switch (stored.State)
        {
            case ArchiveState.Restoring:
                head.AddHeader("x-amz-restore", "ongoing-request=\"true\"");
                break;
            case ArchiveState.Restored:
                head.AddHeader("x-amz-restore", $"ongoing-request=\"false\", expiry-date=\"{stored.Until!.Value.UtcDateTime.ToString("r", CultureInfo.InvariantCulture)}\"");
                break;
        }
        return head;
    }

    private ResponseMessage RestoreObject(string key, Stored stored, string body)
    {
        var tier = TierElement().Match(body).Groups[1].Value;
        var days = int.Parse(DaysElement().Match(body) is { Success: true } match ? match.Groups[1].Value : "0", CultureInfo.InvariantCulture);
        RestoreRequests.Enqueue((key, tier, days));
        switch (stored.State)
        {
            case ArchiveState.Restoring:
                return Error(HttpStatusCode.Conflict, "RestoreAlreadyInProgress", "Object restore is already in progress");
            case ArchiveState.Restored:
                return Message(HttpStatusCode.OK, null, null);
            default:
                _objects[key] = stored with { State = ArchiveState.Restoring };
                return Message(HttpStatusCode.Accepted, null, null);
        }
    }

    private static ResponseMessage Error(HttpStatusCode status, string code, string message, string more = "") =>
        Message(status, Encoding.UTF8.GetBytes($"<?xml version=\"1.0\" encoding=\"UTF-8\"?><Error><Code>{code}</Code><Message>{message}</Message>{more}<RequestId>stand-in</RequestId></Error>"), "application/xml");

    private static ResponseMessage Message(HttpStatusCode status, byte[]? body, string? contentType)
    {
        var message = new ResponseMessage { StatusCode = (int)status };
        message.AddHeader("x-amz-request-id", "stand-in");
        if (contentType is not null)
        {
            message.AddHeader("Content-Type", contentType);
        }
        if (body is not null)
        {
            message.BodyData = new BodyData { BodyAsBytes = body, DetectedBodyType = BodyType.Bytes };
        }
        return message;
    }

    [GeneratedRegex("<Tier>([A-Za-z]+)</Tier>")]
    private static partial Regex TierElement();

    [GeneratedRegex("<Days>([0-9]+)</Days>")]
    private static partial Regex DaysElement();

    private enum ArchiveState
    {
        Archived,
        Restoring,
        Restored,
    }

    private sealed record Stored(byte[] Content, ArchiveState State, DateTimeOffset? Until, bool ExpiresOnRead = false, bool RefuseRead = false);
}
