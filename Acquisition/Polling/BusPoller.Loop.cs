using Prepaid.Acquisition.Drivers;
using Prepaid.Domain.Model;

namespace Prepaid.Acquisition.Polling;

/// <summary>
/// One iteration of the poll loop: a queued command first (so a command waits for at most the read in flight), else
/// the meter due next (<see cref="BusMeterTable.NextDue"/>), else a wait until one is due or a command arrives. Each
/// reading is recorded against its meter's back-off and the bus's health before it goes to the sink.
/// </summary>
public sealed partial class BusPoller
{
    private async Task IterateAsync(CancellationToken cancellationToken)
    {
        if (_commands.TryTake(out var pending))
        {
            try
            {
                await ExecuteAsync(pending, cancellationToken).ConfigureAwait(false);
            }
            finally
            {
                // Stopping mid-command (or a bug) must not leave the requester waiting forever.
                pending.Cancel();
            }

            return;
        }

        var now = _time.GetUtcNow();
        MeterPollState? due;
        var wake = now + TimeSpan.FromSeconds(5);
        lock (_sync)
        {
            due = _meters.NextDue(now, _health, ref wake);
        }

        if (due is not null)
        {
            await PollAsync(due, cancellationToken).ConfigureAwait(false);
            return;
        }

        await _commands.WaitAsync(wake - now, _time, cancellationToken).ConfigureAwait(false);
    }

    private async Task<MeterReading> PollAsync(MeterPollState slot, CancellationToken cancellationToken)
    {
        _transport.BeginOperation();
        var started = _time.GetTimestamp();
        var reading = await slot.Driver.ReadAsync(cancellationToken).ConfigureAwait(false);
        PrepaidParameters? parameters = null;
        var now = _time.GetUtcNow();
        if (reading.IsGood && slot.Config.FullPeriod is { } full && full > TimeSpan.Zero && slot.Driver.Spec.HasPrepaid && slot.Driver.Spec.Kind == MeterKind.Electricity
            && now >= slot.NextFull)
        {
            parameters = await slot.Driver.ReadParametersAsync(cancellationToken).ConfigureAwait(false);
            slot.NextFull = now + full;
        }

        var latency = _time.GetElapsedTime(started);
        now = _time.GetUtcNow();
        bool current;
        lock (_sync)
        {
            current = _meters.IsCurrent(slot);
            var wasDown = _health.IsDown;
            slot.Record(reading, now, _options, out var backedOff, out var recovered);
            if (current && backedOff)
            {
                PollingLog.MeterBackedOff(_logger, Gateway.Id, Bus.Id, slot.Config.UnitId, slot.Config.Id, slot.ConsecutiveFailures, slot.BackoffMultiplier, reading.Error);
            }

            if (current && recovered)
            {
                PollingLog.MeterBackOffEnded(_logger, Gateway.Id, Bus.Id, slot.Config.UnitId, slot.Config.Id);
            }

            ObserveHealth(slot.Config.Id, now);
            if (wasDown && _health.IsDown)
            {
                _health.ProbeUnanswered(now);
            }
        }

        if (!current)
        {
            return reading;
        }

        try
        {
            await _sink.WriteAsync(new PolledReading(slot.Config.Id, Gateway.Id, Bus.Id, reading, latency) { Parameters = parameters }, cancellationToken)
                .ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            PollingLog.ReadingSinkFailed(_logger, ex, Gateway.Id, Bus.Id, slot.Config.UnitId, slot.Config.Id);
        }

        return reading;
    }

    /// <summary>Bus state from the classification of the last operation; called under the lock.</summary>
    private void ObserveHealth(int meterId, DateTimeOffset now)
    {
        switch (_health.Observe(meterId, now, _transport, _meters.Count))
        {
            case BusHealthChange.Up:
                foreach (var s in _meters.All)
                {
                    s.ResetBackoff(now);
                }

                PollingLog.BusUp(_logger, Gateway.Id, Bus.Id);
                break;
            case BusHealthChange.Down:
                PollingLog.BusDown(_logger, Gateway.Id, Bus.Id, _health.DownReason);
                break;
        }
    }

    private void ObserveAfterCommand(int meterId)
    {
        lock (_sync)
        {
            ObserveHealth(meterId, _time.GetUtcNow());
        }
    }

    private async Task ExecuteAsync(PendingCommand pending, CancellationToken cancellationToken)
    {
        if (pending.Completion.Task.IsCompleted)
        {
            return;
        }

        var command = pending.Command;
        MeterPollState? slot;
        lock (_sync)
        {
            slot = _meters.Find(command.MeterId);
        }

        var started = _time.GetUtcNow();
        if (slot is null)
        {
            pending.Complete(new CommandResult(command, CommandResultStatus.Refused, $"Meter {command.MeterId} is not on bus {Bus.Id}.", 0, pending.RequestedAt, null,
                started, null));
            return;
        }

        if (command.Request is ReadStateCommand)
        {
            lock (_sync)
            {
                slot.NextFull = started; // a fresh full read: the parameter block too
            }

            var reading = await PollAsync(slot, cancellationToken).ConfigureAwait(false);
            pending.Complete(new CommandResult(command, reading.IsGood ? CommandResultStatus.Confirmed : CommandResultStatus.Failed,
                reading.IsGood ? "Read." : reading.Error ?? "No answer.", 1, pending.RequestedAt, started, _time.GetUtcNow(), null));
            return;
        }

        var (status, outcome, attempts) = await _executor.ExecuteAsync(command, slot.Config.UnitId, slot.Driver, cancellationToken).ConfigureAwait(false);
        if (status == CommandResultStatus.Confirmed)
        {
            lock (_sync)
            {
                slot.NextDue = _time.GetUtcNow(); // read the new state at once
            }
        }

        pending.Complete(new CommandResult(command, status, outcome.Detail, attempts, pending.RequestedAt, started, _time.GetUtcNow(), outcome));
    }
}
