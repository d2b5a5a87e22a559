using Mam.Contracts.Messages;
using Mam.Workers.Pipeline;
using MassTransit;

namespace Mam.Workers.Stages.Registration;

/// <summary>Starts the pipeline of a newly catalogued clip.</summary>
public sealed class AssetRegisteredConsumer(StageDispatcher dispatcher) : IConsumer<AssetRegistered>
{
    public Task Consume(ConsumeContext<AssetRegistered> context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return dispatcher.DispatchReadyAsync([context.Message.AssetId], context.CancellationToken);
    }
}
