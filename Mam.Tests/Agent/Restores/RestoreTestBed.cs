using System.Text.RegularExpressions;
using Amazon.S3;
using Amazon.S3.Model;
using Mam.Catalog.Entities.People;
using Mam.Tests.Storage;
using Mam.Tests.Support;

namespace Mam.Tests.Agent.Restores;

/// <summary>The real MAM listening on a socket (its folder store, or the real Ceph RGW), a card offloaded
/// and uploaded into it by the agent, and an archivist with a token of their own: what every restore
/// test starts from. The pipeline does not run (the clips are random bytes).</summary>
internal sealed partial class RestoreTestBed : IAsyncDisposable
{
    public const string Project = "Feature";
    public const string CardName = "A001R1AB";

    private readonly TempFolder _temp;
    private readonly string? _bucket;

    private RestoreTestBed(TempFolder temp, MamApiFactory api, string? bucket)
    {
        _temp = temp;
        Api = api;
        _bucket = bucket;
    }

    public MamApiFactory Api { get; }

    public Uri BaseUri => Api.BaseUri;

    public string ArchivistToken { get; private set; } = "";

    public Guid CardId { get; private set; }

    /// <summary>The card as it was on set (the source of the offload).</summary>
    public string SourceCard { get; private set; } = "";

    /// <summary>The DIT's verified copy (with the ascmhl/ history the upload sent).</summary>
    public string OffloadedCard { get; private set; } = "";

    /// <param name="s3">On the real Ceph RGW (a bucket of the test's own); else the folder store.</param>
    public static async Task<RestoreTestBed> StartAsync(TempFolder temp, bool s3, IReadOnlyDictionary<string, string>? settings = null)
    {
        var all = new Dictionary<string, string>(StringComparer.Ordinal) { ["Workers:Embedded"] = "false" };
        string? bucket = null;
        if (s3)
        {
            S3TestServer.IgnoreUnlessStarted();
            bucket = S3TestServer.NewBucketName("restore");
            var options = S3TestServer.Options(bucket);
            all["Storage:Provider"] = "S3";
            all["Storage:S3:ServiceUrl"] = options.ServiceUrl!;
            all["Storage:S3:Region"] = options.Region!;
            all["Storage:S3:AccessKey"] = options.AccessKey!;
            all["Storage:S3:SecretKey"] = options.SecretKey!;
            all["Storage:S3:Bucket"] = bucket;
            all["Storage:S3:PartSizeMiB"] = "5";
        }
        foreach (var (key, value) in settings ?? new Dictionary<string, string>())
        {
            all[key] = value;
        }
        var bed = new RestoreTestBed(temp, new MamApiFactory(realSocket: true, settings: all), bucket);
        bed.ArchivistToken = await bed.Api.PersonTokenAsync("ada-archivist", (Project, ProjectRole.Archivist));
        return bed;
    }

    /// <summary>Offloads <see cref="SampleCard"/> (or the card given) with the agent and uploads it to the MAM.</summary>
    public async Task IngestAsync(string? card = null)
    {
        SourceCard = card ?? SampleCard.Create(_temp, CardName);
        var raid = _temp.Combine("raid");
        var offload = await Agent.RunAsync("offload", SourceCard, "--dest", raid, "--project", Project, "--dit", "Dana",
            "--api", BaseUri.ToString(), "--token", Api.AdminToken);
        offload.ExitCode.ShouldBe(0, offload.ToString());
        CardId = Guid.Parse(RegisteredCard().Match(offload.Output).Groups[1].Value);
        OffloadedCard = Path.Combine(raid, Path.GetFileName(SourceCard));
    }

    /// <summary>`ingest-agent restore` as the archivist, with a journal in the test's folder.</summary>
    public Task<AgentResult> RestoreAsync(params string[] arguments) =>
        Agent.RunAsync(["restore", "--api", BaseUri.ToString(), "--token", ArchivistToken, "--journal", _temp.Combine("restore-journal.db"), .. arguments]);

    public string Key(string path) => $"projects/{Project}/cards/{CardName}/{path}";

    /// <summary>Flips one byte in the middle of the stored object, behind the MAM's back (bit rot).</summary>
    public async Task CorruptAsync(string path)
    {
        var bytes = await ReadAsync(path);
        bytes[bytes.Length / 2] ^= 0x01;
        await WriteAsync(path, bytes);
    }

    public async Task DeleteAsync(string path)
    {
        if (_bucket is null)
        {
            File.Delete(LocalObject(path));
            return;
        }
        using var client = Client();
        await client.DeleteObjectAsync(_bucket, Key(path));
    }

    public async ValueTask DisposeAsync()
    {
        await Api.DisposeAsync();
        if (_bucket is not null)
        {
            await S3TestServer.DeleteBucketAsync(_bucket);
        }
    }

    private async Task<byte[]> ReadAsync(string path)
    {
        if (_bucket is null)
        {
            return await File.ReadAllBytesAsync(LocalObject(path));
        }
        using var client = Client();
        using var response = await client.GetObjectAsync(_bucket, Key(path));
        using var copy = new MemoryStream();
        await response.ResponseStream.CopyToAsync(copy);
        return copy.ToArray();
    }

    private async Task WriteAsync(string path, byte[] bytes)
    {
        if (_bucket is null)
        {
            await File.WriteAllBytesAsync(LocalObject(path), bytes);
            return;
        }
        using var client = Client();
        await client.PutObjectAsync(new PutObjectRequest { BucketName = _bucket, Key = Key(path), InputStream = new MemoryStream(bytes) });
    }

    private string LocalObject(string path) => Path.Combine(Api.DataDirectory, "objects", Key(path).Replace('/', Path.DirectorySeparatorChar));

    private AmazonS3Client Client()
    {
        var options = S3TestServer.Options(_bucket!);
        return new AmazonS3Client(options.AccessKey, options.SecretKey, new AmazonS3Config
        {
            ServiceURL = options.ServiceUrl,
            ForcePathStyle = true,
            AuthenticationRegion = options.Region,
            RequestChecksumCalculation = Amazon.Runtime.RequestChecksumCalculation.WHEN_REQUIRED,
            ResponseChecksumValidation = Amazon.Runtime.ResponseChecksumValidation.WHEN_REQUIRED,
        });
    }

    [GeneratedRegex(@"Registered card \S+ in project \S+ as ([0-9a-f-]{36})")]
    private static partial Regex RegisteredCard();
}
