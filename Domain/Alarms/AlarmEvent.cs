namespace Prepaid.Domain.Alarms;

/// <summary>What happens to an alarm: process events, operator actions and design logic.</summary>
public enum AlarmEventKind
{
    /// <summary>The (filtered) process condition became active.</summary>
    ConditionActive = 0,
    /// <summary>The (filtered) process condition cleared.</summary>
    ConditionClear = 1,
    /// <summary>An operator acknowledged the alarm.</summary>
    Acknowledge = 2,
    /// <summary>An operator shelved the alarm with a reason and an expiry.</summary>
    Shelve = 3,
    /// <summary>An operator took the alarm off the shelf before its expiry.</summary>
    Unshelve = 4,
    /// <summary>The shelf expired (system event at exactly the shelf's expiry time).</summary>
    ShelveExpired = 5,
    /// <summary>Design logic suppressed the alarm (for example its gateway is lost).</summary>
    Suppress = 6,
    /// <summary>Design logic ended the suppression.</summary>
    Unsuppress = 7,
    /// <summary>The alarm was removed from service for maintenance under a permit.</summary>
    RemoveFromService = 8,
    /// <summary>The alarm was returned to service, closing its permit.</summary>
    ReturnToService = 9,
    /// <summary>An operator reset a latched alarm.</summary>
    ResetLatched = 10,
}

/// <summary>
/// One input to the alarm state machine. Build it with the static factories; time is always explicit.
/// </summary>
/// <param name="Kind">What happens.</param>
/// <param name="At">When it happens (UTC offset or not; compared as instants).</param>
/// <param name="User">The operator (operator actions), null for process and design events.</param>
/// <param name="Comment">Optional free text from the operator.</param>
/// <param name="Reason">Shelving reason (required to shelve).</param>
/// <param name="Expiry">Shelf expiry (required to shelve, must be after <paramref name="At"/>).</param>
/// <param name="Permit">Maintenance permit reference (required to remove from and return to service).</param>
/// <param name="SuppressedBy">The suppressing source (required for suppress and unsuppress), for example <c>Gateway/3</c>.</param>
public sealed record AlarmEvent(
    AlarmEventKind Kind,
    DateTimeOffset At,
    string? User = null,
    string? Comment = null,
    string? Reason = null,
    DateTimeOffset? Expiry = null,
    string? Permit = null,
    string? SuppressedBy = null)
{
    /// <summary>The condition became active.</summary>
    public static AlarmEvent ConditionActive(DateTimeOffset at) => new(AlarmEventKind.ConditionActive, at);

    /// <summary>The condition cleared.</summary>
    public static AlarmEvent ConditionClear(DateTimeOffset at) => new(AlarmEventKind.ConditionClear, at);

    /// <summary>An operator acknowledges, with an optional comment.</summary>
    public static AlarmEvent Acknowledge(DateTimeOffset at, string user, string? comment = null) =>
        new(AlarmEventKind.Acknowledge, at, user, comment);

    /// <summary>An operator shelves until <paramref name="expiry"/> for <paramref name="reason"/>.</summary>
    public static AlarmEvent Shelve(DateTimeOffset at, string user, string reason, DateTimeOffset expiry, string? comment = null) =>
        new(AlarmEventKind.Shelve, at, user, comment, reason, expiry);

    /// <summary>An operator unshelves before expiry.</summary>
    public static AlarmEvent Unshelve(DateTimeOffset at, string user, string? comment = null) =>
        new(AlarmEventKind.Unshelve, at, user, comment);

    /// <summary>The shelf expires (the engine creates this itself; see <see cref="AlarmMachine.Apply"/>).</summary>
    public static AlarmEvent ShelveExpired(DateTimeOffset at) => new(AlarmEventKind.ShelveExpired, at);

    /// <summary>Design logic suppresses the alarm because of <paramref name="source"/>.</summary>
    public static AlarmEvent Suppress(DateTimeOffset at, string source) =>
        new(AlarmEventKind.Suppress, at, SuppressedBy: source);

    /// <summary>Design logic ends the suppression by <paramref name="source"/>.</summary>
    public static AlarmEvent Unsuppress(DateTimeOffset at, string source) =>
        new(AlarmEventKind.Unsuppress, at, SuppressedBy: source);

    /// <summary>A user removes the alarm from service under <paramref name="permit"/>.</summary>
    public static AlarmEvent RemoveFromService(DateTimeOffset at, string user, string permit, string? comment = null) =>
        new(AlarmEventKind.RemoveFromService, at, user, comment, Permit: permit);

    /// <summary>A user returns the alarm to service, closing <paramref name="permit"/>.</summary>
    public static AlarmEvent ReturnToService(DateTimeOffset at, string user, string permit, string? comment = null) =>
        new(AlarmEventKind.ReturnToService, at, user, comment, Permit: permit);

    /// <summary>An operator resets a latched alarm.</summary>
    public static AlarmEvent ResetLatched(DateTimeOffset at, string user, string? comment = null) =>
        new(AlarmEventKind.ResetLatched, at, user, comment);
}
