using System.Diagnostics;
using System.Globalization;

namespace Mam.Bench.Upload;

/// <summary>
/// `aws` (awscli) against the same RGW: its own config file (so the user's ~/.aws stays untouched)
/// set to our part size and parts in flight with `aws configure set`, credentials from the
/// environment, and no AWS_CA_BUNDLE (the endpoint is plain HTTP on loopback).
/// </summary>
internal sealed class AwsCli(S3Settings s3, string configFile)
{
    public async Task ConfigureAsync(int partMiB, int concurrency, CancellationToken cancellationToken)
    {
        await RunAsync(["configure", "set", "default.s3.multipart_chunksize", partMiB.ToString(CultureInfo.InvariantCulture) + "MB"], cancellationToken).ConfigureAwait(false);
        await RunAsync(["configure", "set", "default.s3.max_concurrent_requests", concurrency.ToString(CultureInfo.InvariantCulture)], cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Creates the bucket unless it is already there.</summary>
    public async Task EnsureBucketAsync(CancellationToken cancellationToken)
    {
        if (await RunAsync(["s3api", "head-bucket", "--bucket", S3Settings.Bucket], cancellationToken, check: false).ConfigureAwait(false) != 0)
        {
            await RunAsync(["s3", "mb", "s3://" + S3Settings.Bucket], cancellationToken).ConfigureAwait(false);
        }
    }

    public Task CopyAsync(string file, string key, CancellationToken cancellationToken) =>
        RunAsync(["s3", "cp", file, $"s3://{S3Settings.Bucket}/{key}", "--only-show-errors"], cancellationToken);

    /// <summary>`aws s3 cp --recursive`: every object under <paramref name="prefix"/> into <paramref name="folder"/>.</summary>
    public Task CopyFolderAsync(string prefix, string folder, CancellationToken cancellationToken) =>
        RunAsync(["s3", "cp", "--recursive", $"s3://{S3Settings.Bucket}/{prefix}", folder, "--only-show-errors"], cancellationToken);

    /// <summary>Reads the object back and throws the bytes away: what a check of the stored bytes costs at least.</summary>
    public Task ReadBackAsync(string key, CancellationToken cancellationToken) =>
        RunAsync(["s3", "cp", $"s3://{S3Settings.Bucket}/{key}", "/dev/null", "--only-show-errors"], cancellationToken);

    public Task RemoveFolderAsync(string prefix, CancellationToken cancellationToken) =>
        RunAsync(["s3", "rm", "--recursive", $"s3://{S3Settings.Bucket}/{prefix}/", "--only-show-errors"], cancellationToken);

    /// <summary>The keys under <paramref name="prefix"/> (at most the first 1,000: a bench card is smaller).</summary>
    public async Task<List<string>> ListKeysAsync(string prefix, CancellationToken cancellationToken)
    {
        var lines = new List<string>();
        await RunAsync(["s3api", "list-objects-v2", "--bucket", S3Settings.Bucket, "--prefix", prefix, "--query", "Contents[].Key", "--output", "json"], cancellationToken, output: lines).ConfigureAwait(false);
        return System.Text.Json.JsonSerializer.Deserialize<List<string>>(string.Join('\n', lines)) ?? [];
    }

    /// <summary>Bytes of the object, or null when it is not there.</summary>
    public async Task<long?> SizeOfAsync(string key, CancellationToken cancellationToken)
    {
        var lines = new List<string>();
        var exit = await RunAsync(["s3api", "head-object", "--bucket", S3Settings.Bucket, "--key", key, "--query", "ContentLength", "--output", "text"], cancellationToken, check: false, lines).ConfigureAwait(false);
        return exit == 0 && long.TryParse(lines.LastOrDefault(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var size) ? size : null;
    }

    private async Task<int> RunAsync(IReadOnlyList<string> arguments, CancellationToken cancellationToken, bool check = true, List<string>? output = null)
    {
        var start = new ProcessStartInfo("aws", ["--endpoint-url", s3.Endpoint.ToString().TrimEnd('/'), .. arguments])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.Environment.Remove("AWS_CA_BUNDLE");
        start.Environment["AWS_CONFIG_FILE"] = configFile;
        start.Environment["AWS_SHARED_CREDENTIALS_FILE"] = configFile + ".credentials";
        start.Environment["AWS_ACCESS_KEY_ID"] = s3.AccessKey;
        start.Environment["AWS_SECRET_ACCESS_KEY"] = s3.SecretKey;
        start.Environment["AWS_DEFAULT_REGION"] = s3.Region;
        using var process = Process.Start(start) ?? throw new InvalidOperationException("aws did not start (is awscli installed?).");
        var stdout = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var stderr = process.StandardError.ReadToEndAsync(cancellationToken);
        await process.WaitForExitAsync(cancellationToken).ConfigureAwait(false);
        output?.AddRange((await stdout.ConfigureAwait(false)).Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
        if (check && process.ExitCode != 0)
        {
            throw new InvalidOperationException($"aws {string.Join(' ', arguments)} exited {process.ExitCode}: {await stderr.ConfigureAwait(false)}");
        }

        return process.ExitCode;
    }
}
