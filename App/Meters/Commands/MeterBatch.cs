using Prepaid.Domain.Model;

namespace Prepaid.App.Meters.Commands;

/// <summary>What a batch does to every meter of a selection.</summary>
public enum MeterBatchAction
{
    /// <summary>A fresh full read (real-time and parameter blocks), ahead of the poll schedule.</summary>
    ReadState = 0,
    /// <summary>Push prices and alarm amounts (meters that bill by themselves).</summary>
    PushPrices = 1,
    /// <summary>Push the power limit.</summary>
    PushSettings = 2,
    /// <summary>Grant keep power until the batch's expiry.</summary>
    KeepPower = 3,
    /// <summary>End keep power or a forced state: back to prepaid control.</summary>
    Release = 4,
    /// <summary>Forced trip.</summary>
    Trip = 5,
}

/// <summary>Where one meter of a batch stands.</summary>
public enum MeterBatchItemState
{
    Waiting = 0,
    Running = 1,
    Confirmed = 2,
    Failed = 3,
    Refused = 4,
}

/// <summary>One meter of a batch; its state changes while the batch runs.</summary>
public sealed class MeterBatchItem(int meterId, string meterName, int busId)
{
    public int MeterId { get; } = meterId;
    public string MeterName { get; } = meterName;
    public int BusId { get; } = busId;
    public MeterBatchItemState State { get; internal set; }
    public string? Detail { get; internal set; }
    public long? CommandId { get; internal set; }
}

/// <summary>
/// A batch running in the background: one reason for every command, per-meter progress and a summary. Views
/// subscribe to changes; the batch outlives the page that started it.
/// </summary>
public sealed class MeterBatch
{
    private readonly Lock _gate = new();
    private readonly List<Action> _handlers = [];

    internal MeterBatch(Guid id, MeterBatchAction action, string reason, string requestedBy, DateTimeOffset? keepPowerUntil, DateTimeOffset startedAt,
        IReadOnlyList<MeterBatchItem> items)
    {
        (Id, Action, Reason, RequestedBy, KeepPowerUntil, StartedAt, Items) = (id, action, reason, requestedBy, keepPowerUntil, startedAt, items);
    }

    public Guid Id { get; }
    public MeterBatchAction Action { get; }
    public string Reason { get; }
    public string RequestedBy { get; }
    public DateTimeOffset? KeepPowerUntil { get; }
    public DateTimeOffset StartedAt { get; }
    public DateTimeOffset? CompletedAt { get; internal set; }
    public IReadOnlyList<MeterBatchItem> Items { get; }
    public Task Completion { get; internal set; } = Task.CompletedTask;

    public int Count(MeterBatchItemState state) => Items.Count(i => i.State == state);

    public int Done => Items.Count(i => i.State >= MeterBatchItemState.Confirmed);

    public IDisposable Subscribe(Action onChanged)
    {
        lock (_gate)
        {
            _handlers.Add(onChanged);
        }

        return new Subscription(this, onChanged);
    }

    internal void Changed()
    {
        Action[] handlers;
        lock (_gate)
        {
            handlers = [.. _handlers];
        }

        foreach (var handler in handlers)
        {
            try
            {
                handler();
            }
            catch (Exception)
            {
                // A closed view must not stop the batch.
            }
        }
    }

    private sealed class Subscription(MeterBatch owner, Action handler) : IDisposable
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

/// <summary>The <c>MeterBatches</c> section.</summary>
public sealed class MeterBatchOptions
{
    public const string SectionName = "MeterBatches";

    /// <summary>
    /// Pause between two batch commands on the same bus, so that the poll schedule runs in between: a command jumps the
    /// bus's queue, and a batch that queued its next one at once would hold the bus for its whole length.
    /// </summary>
    public TimeSpan BusGap { get; set; } = TimeSpan.FromMilliseconds(500);

    /// <summary>The most meters in one batch.</summary>
    public int MaxMeters { get; set; } = 2000;

    public bool IsValid => BusGap >= TimeSpan.Zero && MaxMeters > 0;
}
