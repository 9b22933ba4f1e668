using Prepaid.App.Kernel.Notifications;
using Prepaid.Domain.Model;

namespace Prepaid.App.Kernel.Commands;

/// <summary>A journaled command reached a new state (requested, sent, confirmed, failed or refused).</summary>
public sealed record MeterCommandChange(long CommandId, int MeterId, MeterCommandKind Kind, MeterCommandState State, string RequestedBy, string? Error);

/// <summary>
/// Tells views about command journal transitions as they are saved, so that a command's progress is shown live.
/// Immediate handlers run on the publisher's thread and must be quick (components call <c>InvokeAsync</c>).
/// </summary>
public sealed class MeterCommandNotifier(TimeProvider time, ILogger<MeterCommandNotifier> logger) : Notifier<MeterCommandChange>(time, logger)
{
    /// <summary>Publishes the command's current state.</summary>
    public void Publish(MeterCommand command)
    {
        ArgumentNullException.ThrowIfNull(command);
        Publish(new MeterCommandChange(command.Id, command.MeterId, command.Kind, command.State, command.RequestedBy, command.Error));
    }
}
