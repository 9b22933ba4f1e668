namespace Prepaid.Acquisition.Polling;

/// <summary>A command waiting in a bus's queue, with the task its requester awaits.</summary>
internal sealed class PendingCommand(AcquisitionCommand command, DateTimeOffset requestedAt)
{
    public AcquisitionCommand Command { get; } = command;

    public DateTimeOffset RequestedAt { get; } = requestedAt;

    public TaskCompletionSource<CommandResult> Completion { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public CancellationTokenRegistration Registration { get; set; }

    public void Complete(CommandResult result)
    {
        Completion.TrySetResult(result);
        Registration.Dispose();
    }

    public void Cancel()
    {
        Completion.TrySetCanceled();
        Registration.Dispose();
    }
}
