using Prepaid.Acquisition.Drivers;

namespace Prepaid.Acquisition.Polling;

/// <summary>How a queued command ended, for the command journal.</summary>
public enum CommandResultStatus
{
    /// <summary>Applied and confirmed by reading the meter back.</summary>
    Confirmed,

    /// <summary>No answer or not confirmed after every attempt; it may or may not have been applied.</summary>
    Failed,

    /// <summary>The meter refused, the profile has no such command, or the meter is not configured. Not retried.</summary>
    Refused,
}

/// <summary>A command for a meter, with who or what asked and why (passed through to the result for the journal).</summary>
/// <param name="MeterId">Target meter.</param>
/// <param name="Request">The command.</param>
/// <param name="Requester">Operator, relay policy, job...</param>
/// <param name="Reason">Why.</param>
public sealed record AcquisitionCommand(int MeterId, MeterCommandRequest Request, string Requester, string Reason);

/// <summary>The result of a queued command.</summary>
/// <param name="Command">The command as submitted.</param>
/// <param name="Status">Confirmed, failed or refused.</param>
/// <param name="Detail">What happened, for operators.</param>
/// <param name="Attempts">Executions made (1 + retries).</param>
/// <param name="RequestedAt">When it was queued.</param>
/// <param name="StartedAt">When its first execution started (it waited for at most one meter read).</param>
/// <param name="CompletedAt">When it ended.</param>
/// <param name="Outcome">The driver's outcome of the last execution (null when it was never sent).</param>
public sealed record CommandResult(AcquisitionCommand Command, CommandResultStatus Status, string Detail, int Attempts, DateTimeOffset RequestedAt, DateTimeOffset? StartedAt,
    DateTimeOffset CompletedAt, CommandOutcome? Outcome);
