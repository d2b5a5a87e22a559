using System.Diagnostics;
using System.Globalization;
using Amazon.S3;
using Amazon.S3.Model;
using Mam.Storage.S3;
using Mam.Tests.Support;

namespace Mam.Tests.Storage;

/// <summary>The S3 server that infra/servers/start.sh started (Ceph RGW), found through the
/// MAM_TEST_S3_* variables it prints; tests are ignored when it is not running.</summary>
internal static class S3TestServer
{
    public static string Endpoint => Environment.GetEnvironmentVariable("MAM_TEST_S3_ENDPOINT") ?? "";

    public static void IgnoreUnlessStarted()
    {
        if (string.IsNullOrEmpty(Environment.GetEnvironmentVariable("MAM_TEST_S3_ENDPOINT")))
        {
            Assert.Ignore("S3 server not started: run infra/servers/start.sh");
        }
    }

    /// <summary>Options for a bucket of the test's own (created by the store on first use).</summary>
    public static S3StorageOptions Options(string bucket) => new()
    {
        ServiceUrl = Endpoint,
        Region = Variable("MAM_TEST_S3_REGION"),
        AccessKey = Variable("MAM_TEST_S3_ACCESS_KEY"),
        SecretKey = Variable("MAM_TEST_S3_SECRET_KEY"),
        Bucket = bucket,
        PartSizeMiB = 5,
        // Quick to give up when a test takes the gateway away; the default is 4 retries.
        MaxRetryAttempts = 2,
    };

    /// <summary>The settings that point the API's store (or, with another section, a replica) at a new
    /// bucket of the test server.</summary>
    public static Dictionary<string, string> ApiSettings(string purpose, string section = "Storage:S3")
    {
        var s3 = Options(NewBucketName(purpose));
        var settings = new Dictionary<string, string>
        {
            [$"{section}:ServiceUrl"] = s3.ServiceUrl!,
            [$"{section}:Region"] = s3.Region,
            [$"{section}:AccessKey"] = s3.AccessKey!,
            [$"{section}:SecretKey"] = s3.SecretKey!,
            [$"{section}:Bucket"] = s3.Bucket,
        };
        if (section == "Storage:S3")
        {
            settings["Storage:Provider"] = "S3";
        }
        return settings;
    }

    public static string NewBucketName(string purpose) => $"mam-test-{purpose}-{Guid.NewGuid():N}"[..40];

    /// <summary>The aws CLI as an independent client. AWS_CA_BUNDLE is dropped: it makes the CLI
    /// insist on TLS settings for a plain-HTTP endpoint.</summary>
    public static async Task<string> AwsAsync(params string[] arguments)
    {
        var start = new ProcessStartInfo("aws") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in (string[])["--endpoint-url", Endpoint, .. arguments])
        {
            start.ArgumentList.Add(argument);
        }
        start.Environment.Remove("AWS_CA_BUNDLE");
        start.Environment["AWS_ACCESS_KEY_ID"] = Variable("MAM_TEST_S3_ACCESS_KEY");
        start.Environment["AWS_SECRET_ACCESS_KEY"] = Variable("MAM_TEST_S3_SECRET_KEY");
        start.Environment["AWS_DEFAULT_REGION"] = Variable("MAM_TEST_S3_REGION");
        start.Environment["AWS_CONFIG_FILE"] = "/dev/null";
        start.Environment["AWS_SHARED_CREDENTIALS_FILE"] = "/dev/null";
        start.Environment["AWS_EC2_METADATA_DISABLED"] = "true";
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"aws {string.Join(' ', arguments)} exited with {process.ExitCode}: {await error}");
        }
        return await output;
    }

    /// <summary>Takes the gateway away as a crash would (SIGKILL by its recorded PID); the Ceph cluster behind it stays up.</summary>
    public static void KillGateway()
    {
        var pidFile = Path.Combine(Variable("MAM_TEST_SERVERS_DIR"), "pids", "radosgw.pid");
        var pid = int.Parse(File.ReadAllText(pidFile).Trim(), CultureInfo.InvariantCulture);
        using var gateway = Process.GetProcessById(pid);
        gateway.Kill();
        gateway.WaitForExit(TimeSpan.FromSeconds(30)).ShouldBeTrue("radosgw did not exit");
    }

    /// <summary>Starts the gateway again through the servers script, which returns once S3 answers.</summary>
    public static async Task StartGatewayAsync()
    {
        var script = Path.Combine(TestMedia.FindRepoRoot(), "infra", "servers", "ceph-rgw.sh");
        var start = new ProcessStartInfo("bash") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in (string[])[script, "gateway-start", "--dir", Variable("MAM_TEST_SERVERS_DIR")])
        {
            start.ArgumentList.Add(argument);
        }
        using var process = Process.Start(start)!;
        var error = process.StandardError.ReadToEndAsync();
        await process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync();
        process.ExitCode.ShouldBe(0, await error);
    }

    /// <summary>The second storage class the test gateway has on its placement (COLD): what tier tests move originals to.</summary>
    public static string ColdClass => Variable("MAM_TEST_S3_COLD_CLASS");

    /// <summary>The object's storage class as the aws CLI's HEAD reports it (S3 omits STANDARD; so does this).</summary>
    public static async Task<string?> StorageClassAsync(string bucket, string key)
    {
        using var head = System.Text.Json.JsonDocument.Parse(await AwsAsync("s3api", "head-object", "--bucket", bucket, "--key", key));
        return head.RootElement.TryGetProperty("StorageClass", out var named) ? named.GetString() : null;
    }

    /// <summary>Runs the gateway's lifecycle processing now (radosgw-admin lc process) rather than waiting
    /// for its LC thread; with rgw_lc_debug_interval a "day" is 10 s on the test server.</summary>
    public static async Task RunLifecycleAsync()
    {
        var start = new ProcessStartInfo("radosgw-admin") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in (string[])["--cluster", Variable("MAM_TEST_CEPH_CLUSTER"), "-c", Variable("MAM_TEST_CEPH_CONF"), "lc", "process"])
        {
            start.ArgumentList.Add(argument);
        }
        using var process = Process.Start(start)!;
        var error = process.StandardError.ReadToEndAsync();
        await process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync();
        process.ExitCode.ShouldBe(0, await error);
    }

    /// <summary>Runs lifecycle processing until the object is in <paramref name="storageClass"/>, for at most
    /// about two minutes (the rule's "day" has to pass first); returns the class it last saw.</summary>
    public static async Task<string?> WaitForClassAsync(string bucket, string key, string storageClass)
    {
        string? seen = null;
        for (var attempt = 0; attempt < 60; attempt++)
        {
            await RunLifecycleAsync();
            seen = await StorageClassAsync(bucket, key);
            if (seen == storageClass)
            {
                return seen;
            }
            await Task.Delay(TimeSpan.FromSeconds(2));
        }
        return seen;
    }

    /// <summary>Removes a test bucket with everything in it, unfinished uploads included.</summary>
    public static async Task DeleteBucketAsync(string bucket)
    {
        using var client = new AmazonS3Client(Variable("MAM_TEST_S3_ACCESS_KEY"), Variable("MAM_TEST_S3_SECRET_KEY"), new AmazonS3Config
        {
            ServiceURL = Endpoint,
            ForcePathStyle = true,
            AuthenticationRegion = Variable("MAM_TEST_S3_REGION"),
            RequestChecksumCalculation = Amazon.Runtime.RequestChecksumCalculation.WHEN_REQUIRED,
            ResponseChecksumValidation = Amazon.Runtime.ResponseChecksumValidation.WHEN_REQUIRED,
        });
        try
        {
            var uploads = await client.ListMultipartUploadsAsync(bucket);
            foreach (var upload in uploads.MultipartUploads ?? [])
            {
                await client.AbortMultipartUploadAsync(bucket, upload.Key, upload.UploadId);
            }
            ListObjectsV2Response page;
            var request = new ListObjectsV2Request { BucketName = bucket };
            do
            {
                page = await client.ListObjectsV2Async(request);
                foreach (var item in page.S3Objects ?? [])
                {
                    await client.DeleteObjectAsync(bucket, item.Key);
                }
                request.ContinuationToken = page.NextContinuationToken;
            }
            while (page.IsTruncated == true);
            await client.DeleteBucketAsync(bucket);
        }
        catch (AmazonS3Exception ex) when (ex.StatusCode == System.Net.HttpStatusCode.NotFound)
        {
            // The test never got as far as creating it.
        }
    }

    private static string Variable(string name) =>
        Environment.GetEnvironmentVariable(name) is { Length: > 0 } value ? value : throw new InvalidOperationException($"{name} is not set; run infra/servers/start.sh");
}
