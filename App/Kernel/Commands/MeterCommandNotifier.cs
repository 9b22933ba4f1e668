using Prepaid.Domain.Model;

namespace Prepaid.App.Kernel.Commands;

/// <summary>A journaled command reached a new state (requested, sent, confirmed, failed or refused).</summary>
public sealed record MeterCommandChange(long CommandId, int MeterId, MeterCommandKind Kind, MeterCommandState State, string RequestedBy, string? Error);

/// <summary>
/// Tells views about command journal transitions as they are saved, so that a command's progress is shown live.
/// Handlers run on the publisher's thread and must be quick (components call <c>InvokeAsync</c>).
/// </summary>
public sealed class MeterCommandNotifier(ILogger<MeterCommandNotifier> logger)
{
    private readonly Lock _gate = new();
    private readonly List<Action<MeterCommandChange>> _handlers = [];

    public IDisposable Subscribe(Action<MeterCommandChange> handler)
    {
        lock (_gate)
        {
            _handlers.Add(handler);
        }

        return new Subscription(this, handler);
    }

    public void Publish(MeterCommand command)
    {
        var change = new MeterCommandChange(command.Id, command.MeterId, command.Kind, command.State, command.RequestedBy, command.Error);
        Action<MeterCommandChange>[] handlers;
        lock (_gate)
        {
            handlers = [.. _handlers];
        }

        foreach (var handler in handlers)
        {
            try
            {
                handler(change);
            }
            catch (Exception ex)
            {
                // One failing view must not stop the command or the other views.
                logger.LogWarning(ex, "A command subscriber failed on command {CommandId}", command.Id);
            }
        }
    }

    private sealed class Subscription(MeterCommandNotifier owner, Action<MeterCommandChange> handler) : IDisposable
    {
        public void Dispose()
        {
            lock (owner._gate)
            {
                owner._handlers.Remove(handler);
            }
        }
    }
}
