using Prepaid.Acquisition.Polling;
namespace Prepaid.App.Kernel.Contracts;

/// <summary>Where billing sends its journaled meter commands: the acquisition engine's bus queues in the product,
/// in-process simulated meters in tests.</summary>
public interface ICommandSubmitter
{
    /// <summary>The submit function, or null while acquisition is off or not started (commands are then refused).</summary>
    Func<AcquisitionCommand, Task<CommandResult>>? Submit { get; }
}

/// <summary>Submits through the running acquisition engine.</summary>
public sealed class EngineCommandSubmitter(IAcquisitionAccess acquisition) : ICommandSubmitter
{
    public Func<AcquisitionCommand, Task<CommandResult>>? Submit =>
        acquisition.Engine is { } engine ? c => engine.SubmitCommandAsync(c) : null;
}
