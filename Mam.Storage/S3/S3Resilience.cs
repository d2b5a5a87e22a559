using System.Net;
using System.Net.Sockets;
using Amazon.Runtime;
using Microsoft.Extensions.Logging;
using Polly;
using Polly.Retry;
using Polly.Timeout;

namespace Mam.Storage.S3;

/// <summary>Retries for S3 calls that are safe to repeat. The SDK's own retries are switched off
/// (MaxErrorRetry = 0) so this is the only retry layer and its limits are the ones configured.</summary>
internal static class S3Resilience
{
    public static ResiliencePipeline Build(S3StorageOptions options, int retries, bool perAttemptTimeout, ILogger logger)
    {
        var builder = new ResiliencePipelineBuilder();
        if (retries > 0)
        {
            builder.AddRetry(new RetryStrategyOptions
            {
                MaxRetryAttempts = retries,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = TimeSpan.FromMilliseconds(250),
                MaxDelay = TimeSpan.FromSeconds(10),
                ShouldHandle = new PredicateBuilder().Handle<Exception>(IsTransient),
                OnRetry = args =>
                {
                    logger.LogWarning(args.Outcome.Exception, "S3 call failed (attempt {Attempt}); retrying in {Delay}",
                        args.AttemptNumber + 1, args.RetryDelay);
                    return ValueTask.CompletedTask;
                },
            });
        }
        if (perAttemptTimeout)
        {
            // Inside the retry: each attempt gets its own timeout.
            builder.AddTimeout(options.AttemptTimeout);
        }
        return builder.Build();
    }

    /// <summary>Network failures, timeouts, throttling and 5xx: worth another attempt. 4xx are answers.</summary>
    public static bool IsTransient(Exception exception) => exception switch
    {
        TimeoutRejectedException or HttpRequestException or SocketException or IOException => true,
        AmazonServiceException service when service.StatusCode >= HttpStatusCode.InternalServerError
            || service.StatusCode == HttpStatusCode.TooManyRequests
            || string.Equals(service.ErrorCode, "SlowDown", StringComparison.Ordinal)
            || string.Equals(service.ErrorCode, "RequestTimeout", StringComparison.Ordinal) => true,
        AmazonClientException or AmazonServiceException when exception.InnerException is { } inner => IsTransient(inner),
        _ => false,
    };
}

/// <summary>The object store did not answer (network, timeouts or server errors, after retries).
/// Nothing about the object changed; the same call can be repeated later.</summary>
public sealed class ObjectStoreUnavailableException : Exception
{
    public ObjectStoreUnavailableException()
    {
    }

    public ObjectStoreUnavailableException(string message)
        : base(message)
    {
    }

    public ObjectStoreUnavailableException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
