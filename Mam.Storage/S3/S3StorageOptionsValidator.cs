using Microsoft.Extensions.Options;

namespace Mam.Storage.S3;

/// <summary>Refuses start with each problem in Storage:S3's classes and tiers named, setting by setting.</summary>
internal sealed class S3StorageOptionsValidator : IValidateOptions<S3StorageOptions>
{
    public ValidateOptionsResult Validate(string? name, S3StorageOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var problems = options.Problems(S3StorageOptions.Section).ToList();
        return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
    }
}
