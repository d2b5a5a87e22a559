using Microsoft.Extensions.Options;

namespace Mam.Storage.Replicas;

/// <summary>Refuses start with each problem in the replicas' settings named (the generic Validate above
/// only says that there is one).</summary>
internal sealed class ReplicaOptionsValidator(IOptions<StorageOptions> storage) : IValidateOptions<ReplicaOptions>
{
    public ValidateOptionsResult Validate(string? name, ReplicaOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var problems = options.Problems(storage.Value.Name).ToList();
        return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
    }
}
