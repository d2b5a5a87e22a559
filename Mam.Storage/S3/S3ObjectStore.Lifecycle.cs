using Amazon.S3;
using Amazon.S3.Model;
using Microsoft.Extensions.Logging;

namespace Mam.Storage.S3;

/// <summary>Tiers over time: the bucket's lifecycle configuration moves originals to a colder class
/// (Storage:S3:Tiers:Originals:TransitionAfterDays and TransitionTo); the store does the moving.</summary>
public sealed partial class S3ObjectStore
{
    /// <summary>Whether the settings ask for a lifecycle rule at all.</summary>
    public bool HasLifecycleRules => _options.Tiers.Originals.HasTransition;

    /// <summary>Puts the bucket's lifecycle configuration from the tiers' settings. The server owns the
    /// bucket's lifecycle once a transition is set: S3 keeps one configuration per bucket and this one
    /// REPLACES it whole, so rules added by hand (or by another installation sharing the bucket under
    /// another KeyPrefix) are dropped; merging would leave two owners of the same objects. Without a
    /// transition set nothing is touched, so rules put earlier stay until deleted in the store.</summary>
    /// <returns>False when there was nothing to apply.</returns>
    public async Task<bool> ApplyLifecycleAsync(CancellationToken cancellationToken)
    {
        var originals = _options.Tiers.Originals;
        if (!originals.HasTransition)
        {
            return false;
        }
        await EnsureBucketAsync(cancellationToken).ConfigureAwait(false);
        var rule = new LifecycleRule
        {
            Id = "mam-originals",
            Status = LifecycleRuleStatus.Enabled,
            // Every original's key starts with projects/ (ObjectKeys); renditions and restore cuts do not.
            Filter = new LifecycleFilter { Prefix = _prefix + ObjectKeys.OriginalsPrefix },
            Transitions = [new LifecycleTransition { Days = originals.TransitionAfterDays, StorageClass = S3StorageClass.FindValue(originals.TransitionTo) }],
        };
        await CallAsync("put bucket lifecycle", true, token => _client.PutLifecycleConfigurationAsync(new PutLifecycleConfigurationRequest
        {
            BucketName = _options.Bucket,
            Configuration = new LifecycleConfiguration { Rules = [rule] },
        }, token), cancellationToken).ConfigureAwait(false);
        _logger.LogInformation("Bucket {Bucket}: originals under {Prefix} move to {Class} {Days} day(s) after upload (the bucket's lifecycle configuration is set by this server)",
            _options.Bucket, rule.Filter.Prefix, originals.TransitionTo, originals.TransitionAfterDays);
        return true;
    }
}
