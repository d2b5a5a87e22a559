namespace Mam.Bench.Upload;

/// <summary>The Ceph RGW of infra/servers/start.sh, from the MAM_TEST_S3_* variables it prints.</summary>
internal sealed record S3Settings(Uri Endpoint, string AccessKey, string SecretKey, string Region)
{
    public const string Bucket = "mam-bench-upload";

    /// <exception cref="InvalidOperationException">The variables are not set.</exception>
    public static S3Settings FromEnvironment()
    {
        var endpoint = Environment.GetEnvironmentVariable("MAM_TEST_S3_ENDPOINT");
        var accessKey = Environment.GetEnvironmentVariable("MAM_TEST_S3_ACCESS_KEY");
        var secretKey = Environment.GetEnvironmentVariable("MAM_TEST_S3_SECRET_KEY");
        if (string.IsNullOrEmpty(endpoint) || string.IsNullOrEmpty(accessKey) || string.IsNullOrEmpty(secretKey))
        {
            throw new InvalidOperationException("MAM_TEST_S3_ENDPOINT/ACCESS_KEY/SECRET_KEY are not set: source .data/servers-N/env.sh or start the servers with `eval \"$(bash infra/servers/start.sh --base-port 17000)\"`.");
        }

        return new S3Settings(new Uri(endpoint), accessKey, secretKey, Environment.GetEnvironmentVariable("MAM_TEST_S3_REGION") is { Length: > 0 } region ? region : "us-east-1");
    }

    /// <summary>Storage settings for Mam.Api: its originals go to this bucket under <paramref name="keyPrefix"/>.</summary>
    public Dictionary<string, string> ApiSettings(string keyPrefix, int partMiB) => new(StringComparer.Ordinal)
    {
        ["Storage:Provider"] = "S3",
        ["Storage:S3:ServiceUrl"] = Endpoint.ToString().TrimEnd('/'),
        ["Storage:S3:AccessKey"] = AccessKey,
        ["Storage:S3:SecretKey"] = SecretKey,
        ["Storage:S3:Region"] = Region,
        ["Storage:S3:Bucket"] = Bucket,
        ["Storage:S3:KeyPrefix"] = keyPrefix,
        ["Storage:S3:PartSizeMiB"] = partMiB.ToString(System.Globalization.CultureInfo.InvariantCulture),
    };
}
